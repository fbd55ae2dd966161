package rdpcheck.probes.rdp;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every Connection Request the negotiation probe sent and what came back, and what follows from
 * the set: which protocols the server accepts and what it requires.
 */
public record NegotiationResult(List<NegotiationAttempt> attempts) {

    /** The requests sent, one connection each: the protocol sets MS-RDPBCGR 2.2.1.1.1 defines, and mstsc's. */
    public static final List<Integer> REQUESTED_SETS = List.of(
            Protocol.PROTOCOL_RDP.bits(),
            Protocol.PROTOCOL_SSL.bits(),
            Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits(),
            Protocol.PROTOCOL_RDSTLS.bits(),
            Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits() | Protocol.PROTOCOL_HYBRID_EX.bits(),
            Protocol.PROTOCOL_RDSAAD.bits());

    /**
     * The requests real clients send: PROTOCOL_RDP (old and legacy-mode clients), SSL (FreeRDP
     * /sec:tls, Guacamole security=tls), SSL|HYBRID (FreeRDP and most non-Microsoft clients) and
     * SSL|HYBRID|HYBRID_EX (mstsc, Windows App). Conclusions about the security layer rest on these
     * alone: a request no client sends (RDSTLS or RDSAAD alone) gets odd answers from real servers,
     * e.g. SSL_NOT_ALLOWED_BY_SERVER from one that does TLS, and is reported as a fact only.
     */
    public static final List<Integer> CLIENT_REQUESTS = List.of(
            Protocol.PROTOCOL_RDP.bits(),
            Protocol.PROTOCOL_SSL.bits(),
            Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits(),
            Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits() | Protocol.PROTOCOL_HYBRID_EX.bits());

    /** Client requests that offer TLS (and maybe CredSSP): 0x1, 0x3, 0xB. */
    public static final List<Integer> CLIENT_TLS_REQUESTS = CLIENT_REQUESTS.subList(1, CLIENT_REQUESTS.size());

    public NegotiationResult {
        attempts = List.copyOf(attempts);
    }

    public Optional<NegotiationAttempt> attempt(int requestedProtocols) {
        return attempts.stream().filter(a -> a.requestedProtocols() == requestedProtocols).findFirst();
    }

    public Optional<NegotiationReply> reply(int requestedProtocols) {
        return attempt(requestedProtocols).map(NegotiationAttempt::reply);
    }

    /** The attempts with a request real clients send (see {@link #CLIENT_REQUESTS}). */
    public List<NegotiationAttempt> clientAttempts() {
        return attempts.stream().filter(a -> CLIENT_REQUESTS.contains(a.requestedProtocols())).toList();
    }

    /** The attempts with a request no client sends alone (RDSTLS, RDSAAD): facts, never grounds. */
    public List<NegotiationAttempt> oddAttempts() {
        return attempts.stream().filter(a -> !CLIENT_REQUESTS.contains(a.requestedProtocols())).toList();
    }

    /** The server speaks RDP: at least one answer (to any request) was a Connection Confirm. */
    public boolean spokeRdp() {
        return any(r -> r instanceof NegotiationReply.Selected || r instanceof NegotiationReply.Refused
                || r instanceof NegotiationReply.NoNegotiationData);
    }

    /** Some answer carried bytes (a confirm, a disconnect, something not RDP): the server is not silent. */
    public boolean anyBytes() {
        return any(r -> !(r.unanswered() || r instanceof NegotiationReply.ConnectFailed));
    }

    /** Every answer was a confirm without negotiation data: a pre-Vista server. */
    public boolean legacyServer() {
        return spokeRdp() && all(r -> r instanceof NegotiationReply.NoNegotiationData
                || !(r instanceof NegotiationReply.Selected || r instanceof NegotiationReply.Refused));
    }

    /**
     * Whether a real client's request got exactly {@code protocol} selected (a confirm without
     * negotiation data counts as PROTOCOL_RDP: that is what it means for the client).
     */
    public boolean accepts(Protocol protocol) {
        return clientAny(r -> r instanceof NegotiationReply.Selected s && s.is(protocol))
                || (protocol == Protocol.PROTOCOL_RDP && clientAny(r -> r instanceof NegotiationReply.NoNegotiationData));
    }

    /** A real client's request was refused with {@code code}. */
    public boolean refusedWith(FailureCode code) {
        return clientAny(r -> r instanceof NegotiationReply.Refused refused && refused.is(code));
    }

    /** A real client gets TLS (alone or as CredSSP's first step) on some request. */
    public boolean tlsAccepted() {
        return accepts(Protocol.PROTOCOL_SSL) || nlaOffered();
    }

    /** A client offering only Standard RDP Security is turned away because TLS (or more) is required. */
    public boolean tlsRequired() {
        return !accepts(Protocol.PROTOCOL_RDP) && reply(Protocol.PROTOCOL_RDP.bits())
                .filter(r -> r instanceof NegotiationReply.Refused refused
                        && (refused.is(FailureCode.SSL_REQUIRED_BY_SERVER)
                        || refused.is(FailureCode.HYBRID_REQUIRED_BY_SERVER)
                        || refused.is(FailureCode.SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER)))
                .isPresent();
    }

    /**
     * A client that does not offer CredSSP is turned away (HYBRID_REQUIRED_BY_SERVER), and no
     * real client's request got in without it: NLA is enforced.
     */
    public boolean nlaRequired() {
        return refusedWith(FailureCode.HYBRID_REQUIRED_BY_SERVER) && !acceptsWithoutNla();
    }

    /** The server picks CredSSP when a real client offers it. */
    public boolean nlaOffered() {
        return accepts(Protocol.PROTOCOL_HYBRID) || accepts(Protocol.PROTOCOL_HYBRID_EX);
    }

    /** The server lets in a real client that does not authenticate first (TLS only or Standard RDP Security). */
    public boolean acceptsWithoutNla() {
        return accepts(Protocol.PROTOCOL_SSL) || accepts(Protocol.PROTOCOL_RDP);
    }

    /** The protocol to ask for when a later probe needs TLS: plain SSL if accepted, else CredSSP's TLS. */
    public Optional<Integer> tlsRequest() {
        if (accepts(Protocol.PROTOCOL_SSL)) {
            return Optional.of(Protocol.PROTOCOL_SSL.bits());
        }
        if (accepts(Protocol.PROTOCOL_HYBRID)) {
            return Optional.of(Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits());
        }
        if (accepts(Protocol.PROTOCOL_HYBRID_EX)) {
            return Optional.of(Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits() | Protocol.PROTOCOL_HYBRID_EX.bits());
        }
        return Optional.empty();
    }

    /** Some real client's request got an answer matching {@code test}. */
    public boolean clientAny(Predicate<NegotiationReply> test) {
        return clientAttempts().stream().map(NegotiationAttempt::reply).anyMatch(test);
    }

    public boolean any(Predicate<NegotiationReply> test) {
        return attempts.stream().map(NegotiationAttempt::reply).anyMatch(test);
    }

    public boolean all(Predicate<NegotiationReply> test) {
        return !attempts.isEmpty() && attempts.stream().map(NegotiationAttempt::reply).allMatch(test);
    }
}
