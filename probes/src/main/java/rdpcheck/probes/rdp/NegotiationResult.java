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

    public NegotiationResult {
        attempts = List.copyOf(attempts);
    }

    public Optional<NegotiationAttempt> attempt(int requestedProtocols) {
        return attempts.stream().filter(a -> a.requestedProtocols() == requestedProtocols).findFirst();
    }

    public Optional<NegotiationReply> reply(int requestedProtocols) {
        return attempt(requestedProtocols).map(NegotiationAttempt::reply);
    }

    /** The server speaks RDP: at least one answer was a Connection Confirm. */
    public boolean spokeRdp() {
        return any(r -> r instanceof NegotiationReply.Selected || r instanceof NegotiationReply.Refused
                || r instanceof NegotiationReply.NoNegotiationData);
    }

    /** Every answer was a confirm without negotiation data: a pre-Vista server. */
    public boolean legacyServer() {
        return spokeRdp() && all(r -> r instanceof NegotiationReply.NoNegotiationData
                || !(r instanceof NegotiationReply.Selected || r instanceof NegotiationReply.Refused));
    }

    /** Whether a connection asking for {@code protocol} (alone, or with the weaker ones) got exactly it. */
    public boolean accepts(Protocol protocol) {
        return any(r -> r instanceof NegotiationReply.Selected s && s.is(protocol))
                || (protocol == Protocol.PROTOCOL_RDP && any(r -> r instanceof NegotiationReply.NoNegotiationData));
    }

    public boolean refusedWith(FailureCode code) {
        return any(r -> r instanceof NegotiationReply.Refused refused && refused.is(code));
    }

    /** A client offering only Standard RDP Security is turned away because TLS (or more) is required. */
    public boolean tlsRequired() {
        return reply(Protocol.PROTOCOL_RDP.bits())
                .filter(r -> r instanceof NegotiationReply.Refused refused
                        && (refused.is(FailureCode.SSL_REQUIRED_BY_SERVER)
                        || refused.is(FailureCode.HYBRID_REQUIRED_BY_SERVER)
                        || refused.is(FailureCode.SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER)))
                .isPresent();
    }

    /** A client that does not offer CredSSP is turned away: NLA is enforced. */
    public boolean nlaRequired() {
        return refusedWith(FailureCode.HYBRID_REQUIRED_BY_SERVER);
    }

    /** The server picks CredSSP when offered. */
    public boolean nlaOffered() {
        return accepts(Protocol.PROTOCOL_HYBRID) || accepts(Protocol.PROTOCOL_HYBRID_EX);
    }

    /** The server lets in a client that does not authenticate first (TLS only or Standard RDP Security). */
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

    public boolean any(Predicate<NegotiationReply> test) {
        return attempts.stream().map(NegotiationAttempt::reply).anyMatch(test);
    }

    public boolean all(Predicate<NegotiationReply> test) {
        return !attempts.isEmpty() && attempts.stream().map(NegotiationAttempt::reply).allMatch(test);
    }
}
