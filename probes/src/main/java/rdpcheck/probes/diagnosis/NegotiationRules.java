package rdpcheck.probes.diagnosis;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import rdpcheck.probes.rdp.FailureCode;
import rdpcheck.probes.rdp.NegotiationAttempt;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.net.TcpState;

/** Rules on the X.224 Connection Request / Confirm exchange (MS-RDPBCGR 2.2.1.1, 2.2.1.2). */
final class NegotiationRules {

    /** What mstsc sends: TLS | CredSSP | CredSSP with early user authorization. */
    static final int MSTSC_REQUEST = Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits()
            | Protocol.PROTOCOL_HYBRID_EX.bits();
    static final int TLS_AND_CREDSSP = Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits();

    private NegotiationRules() {
    }

    static List<Rule> all() {
        return List.of(NegotiationRules::notRdp, NegotiationRules::silent, NegotiationRules::closed,
                NegotiationRules::malformed, NegotiationRules::legacyServer, NegotiationRules::sslNotAllowed,
                NegotiationRules::sslCertNotOnServer, NegotiationRules::nlaRequired,
                NegotiationRules::nlaNotEnforced, NegotiationRules::nlaNotSupported, NegotiationRules::tlsNotEnforced);
    }

    static Optional<Match> notRdp(Observations seen) {
        return seen.negotiation()
                .filter(n -> !n.spokeRdp() && n.any(r -> r instanceof NegotiationReply.NotRdp))
                .map(n -> {
                    NegotiationReply.NotRdp first = (NegotiationReply.NotRdp) firstReply(n, r -> r instanceof NegotiationReply.NotRdp);
                    return seen.match("rdp.not-rdp")
                            .fact("looksLike", first.looksLike())
                            .evidence(evidence(n, r -> r instanceof NegotiationReply.NotRdp))
                            .build();
                });
    }

    /**
     * The port took TCP (the tcp probe connected) and then no request got an answer: silence after
     * the connect, or connects that time out once the listener stopped taking them (a hung service
     * whose accept queue is full completes a few handshakes in the kernel, then none).
     */
    static Optional<Match> silent(Observations seen) {
        Predicate<NegotiationReply> unheard = r -> r instanceof NegotiationReply.Silent
                || r instanceof NegotiationReply.ConnectFailed failed && failed.state() == TcpState.TIMED_OUT;
        return seen.negotiation()
                .filter(n -> !n.spokeRdp() && n.any(unheard) && !n.any(r -> r instanceof NegotiationReply.NotRdp))
                .map(n -> seen.match("rdp.silent")
                        .fact("waited", n.attempts().stream().filter(a -> unheard.test(a.reply()))
                                .mapToLong(a -> a.reply() instanceof NegotiationReply.Silent s ? s.waitedMillis()
                                        : Math.round(a.millis())).max().orElse(0))
                        .evidence(evidence(n, unheard))
                        .build());
    }

    /** Accepted TCP, then hung up (FIN, RST or X.224 Disconnect) on every request: the 0x904 / 0x7 picture. */
    static Optional<Match> closed(Observations seen) {
        Predicate<NegotiationReply> hungUp = r -> r instanceof NegotiationReply.Closed || r instanceof NegotiationReply.Disconnected;
        return seen.negotiation()
                .filter(n -> !n.spokeRdp() && n.any(hungUp)
                        && !n.any(r -> r instanceof NegotiationReply.NotRdp || r instanceof NegotiationReply.Silent
                        || r instanceof NegotiationReply.Malformed))
                .map(n -> seen.match("rdp.closed").evidence(evidence(n, hungUp)).build());
    }

    static Optional<Match> malformed(Observations seen) {
        return seen.negotiation()
                .filter(n -> !n.spokeRdp() && n.any(r -> r instanceof NegotiationReply.Malformed))
                .map(n -> seen.match("rdp.malformed")
                        .fact("problem", ((NegotiationReply.Malformed) firstReply(n, r -> r instanceof NegotiationReply.Malformed)).problem())
                        .evidence(evidence(n, r -> r instanceof NegotiationReply.Malformed))
                        .build());
    }

    static Optional<Match> legacyServer(Observations seen) {
        return seen.negotiation()
                .filter(NegotiationResult::legacyServer)
                .map(n -> seen.match("rdp.legacy-server")
                        .evidence(evidence(n, r -> r instanceof NegotiationReply.NoNegotiationData))
                        .build());
    }

    /**
     * Standard RDP Security only: every real client's TLS request (0x1, 0x3, 0xB) that was answered
     * got SSL_NOT_ALLOWED_BY_SERVER or, like xrdp with {@code security_layer=rdp}, PROTOCOL_RDP, and
     * no TLS handshake completed anywhere in the check. Odd single-bit requests never count.
     */
    static Optional<Match> sslNotAllowed(Observations seen) {
        return seen.negotiation()
                .filter(n -> n.spokeRdp() && !n.legacyServer() && !n.tlsAccepted() && !seen.tlsHandshakeCompleted())
                .filter(n -> tlsRequestsAnswered(n, r -> r instanceof NegotiationReply.Refused f
                        && f.is(FailureCode.SSL_NOT_ALLOWED_BY_SERVER)
                        || r instanceof NegotiationReply.Selected s && s.is(Protocol.PROTOCOL_RDP)))
                .map(n -> seen.match("security.ssl-not-allowed")
                        .fact("how", n.refusedWith(FailureCode.SSL_NOT_ALLOWED_BY_SERVER)
                                ? "refuses TLS with RDP_NEG_FAILURE SSL_NOT_ALLOWED_BY_SERVER"
                                : "answers even a TLS or CredSSP request with PROTOCOL_RDP (Standard RDP Security)")
                        .evidence(clientEvidence(n, r -> true))
                        .build());
    }

    /**
     * Every real client's TLS request that got an answer satisfies {@code test}, and at least one
     * got one: an unanswered request proves nothing either way.
     */
    static boolean tlsRequestsAnswered(NegotiationResult n, Predicate<NegotiationReply> test) {
        List<NegotiationReply> answered = NegotiationResult.CLIENT_TLS_REQUESTS.stream()
                .flatMap(mask -> n.reply(mask).stream())
                .filter(r -> !r.unanswered() && !(r instanceof NegotiationReply.ConnectFailed))
                .toList();
        return !answered.isEmpty() && answered.stream().allMatch(test);
    }

    static Optional<Match> sslCertNotOnServer(Observations seen) {
        return seen.negotiation()
                .filter(n -> n.refusedWith(FailureCode.SSL_CERT_NOT_ON_SERVER) && !n.tlsAccepted()
                        && !seen.tlsHandshakeCompleted())
                .map(n -> seen.match("security.ssl-cert-not-on-server")
                        .evidence(clientEvidence(n, r -> r instanceof NegotiationReply.Refused f
                                && f.is(FailureCode.SSL_CERT_NOT_ON_SERVER)))
                        .build());
    }

    static Optional<Match> nlaRequired(Observations seen) {
        return seen.negotiation()
                .filter(NegotiationResult::nlaRequired)
                .map(n -> seen.match("security.nla-required")
                        .evidence(clientEvidence(n, r -> r instanceof NegotiationReply.Refused f
                                && f.is(FailureCode.HYBRID_REQUIRED_BY_SERVER)))
                        .evidence(clientEvidence(n, r -> r instanceof NegotiationReply.Selected s
                                && (s.is(Protocol.PROTOCOL_HYBRID) || s.is(Protocol.PROTOCOL_HYBRID_EX))))
                        .build());
    }

    /** CredSSP is offered and chosen when asked for, but a client can also get in without it. */
    static Optional<Match> nlaNotEnforced(Observations seen) {
        return seen.negotiation()
                .filter(n -> n.nlaOffered() && n.acceptsWithoutNla())
                .map(n -> seen.match("security.nla-not-enforced")
                        .fact("without", !n.accepts(Protocol.PROTOCOL_SSL) ? "Standard RDP Security"
                                : n.accepts(Protocol.PROTOCOL_RDP) ? "TLS alone or Standard RDP Security" : "TLS alone")
                        .evidence(clientEvidence(n, r -> r instanceof NegotiationReply.Selected))
                        .build());
    }

    /**
     * Asked for CredSSP, the server picked plain TLS: it has no CredSSP at all. That is xrdp's
     * answer (it has no server-side NLA); a Windows listener picks CredSSP whenever offered.
     */
    static Optional<Match> nlaNotSupported(Observations seen) {
        return seen.negotiation()
                .filter(n -> !n.nlaOffered() && !n.refusedWith(FailureCode.HYBRID_REQUIRED_BY_SERVER)
                        && n.accepts(Protocol.PROTOCOL_SSL))
                .flatMap(n -> n.attempt(MSTSC_REQUEST).or(() -> n.attempt(TLS_AND_CREDSSP))
                        .filter(a -> a.reply() instanceof NegotiationReply.Selected s && s.is(Protocol.PROTOCOL_SSL))
                        .map(a -> seen.match("security.nla-not-supported")
                                .evidence(clientEvidence(n, r -> r instanceof NegotiationReply.Selected))
                                .build()));
    }

    /**
     * A real client asking for PROTOCOL_RDP alone gets Standard RDP Security although the server
     * does TLS: a client, or anyone in the middle who rewrites the request, can fall back to RC4
     * without server authentication (rdp-sec-check's "SSL supported but not mandated"). Not
     * "Standard RDP Security only": TLS works.
     */
    static Optional<Match> tlsNotEnforced(Observations seen) {
        return seen.negotiation()
                .filter(n -> n.accepts(Protocol.PROTOCOL_RDP) && !n.legacyServer()
                        && (n.tlsAccepted() || seen.tlsHandshakeCompleted()))
                .map(n -> seen.match("security.tls-not-enforced")
                        .evidence(clientEvidence(n, r -> r instanceof NegotiationReply.Selected
                                || r instanceof NegotiationReply.NoNegotiationData))
                        .build());
    }

    static NegotiationReply firstReply(NegotiationResult n, Predicate<NegotiationReply> test) {
        return n.attempts().stream().map(NegotiationAttempt::reply).filter(test).findFirst().orElseThrow();
    }

    /** Evidence from the requests real clients send only: the ground a security-layer conclusion may rest on. */
    static List<String> clientEvidence(NegotiationResult n, Predicate<NegotiationReply> test) {
        return n.clientAttempts().stream().filter(a -> test.test(a.reply())).map(NegotiationAttempt::describe).toList();
    }

    static List<String> evidence(NegotiationResult n, Predicate<NegotiationReply> test) {
        return n.attempts().stream().filter(a -> test.test(a.reply())).map(NegotiationAttempt::describe).toList();
    }
}
