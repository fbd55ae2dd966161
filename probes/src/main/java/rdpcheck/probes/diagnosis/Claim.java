package rdpcheck.probes.diagnosis;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import rdpcheck.probes.nla.CredSspProbe;
import rdpcheck.probes.rdp.FailureCode;
import rdpcheck.probes.rdp.NegotiationAttempt;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.tls.TlsOutcome;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.udp.UdpProbe;
import rdpcheck.probes.udp.UdpResult;

/**
 * What a diagnosis asserts about the server, as its playbook lists it ({@code claims:}), and the
 * finding that would contradict it. A finding the check does not have cannot contradict; one it
 * has always wins over a conclusion.
 */
enum Claim {
    /** The name does not resolve. */
    NAME_UNRESOLVABLE("name-unresolvable", seen -> seen.dns().filter(d -> d.resolved())
            .map(d -> "dns: " + seen.target().host() + " resolved to " + d.addresses())
            .or(() -> connected(seen))),
    /** No TCP connection could be made. */
    NO_TCP_CONNECTION("no-tcp-connection", seen -> connected(seen)
            .or(() -> seen.negotiation().flatMap(n -> first(n, r -> !(r instanceof NegotiationReply.ConnectFailed))))),
    /** A TCP connection was made. */
    TCP_CONNECTION("tcp-connection", seen -> seen.tcp().filter(t -> !t.anyConnected())
            .map(t -> "tcp: no address accepted the connection")),
    /** The server gave no RDP answer (no Connection Confirm) to any request. */
    NO_RDP_ANSWER("no-rdp-answer", seen -> seen.negotiation().flatMap(n -> first(n, r -> r instanceof NegotiationReply.Selected
                    || r instanceof NegotiationReply.Refused || r instanceof NegotiationReply.NoNegotiationData))
            .or(() -> handshake(seen))),
    /** The server sent no byte at all. */
    SILENT("silent", seen -> seen.negotiation().flatMap(n -> first(n, r -> !r.unanswered()
                    && !(r instanceof NegotiationReply.ConnectFailed)))
            .or(() -> seen.result(TlsProbe.ID).flatMap(t -> t.attempts().stream()
                    .filter(a -> !(a.outcome() instanceof TlsOutcome.NotReached)).findFirst()
                    .map(a -> "tls " + a.describe())))),
    /** The server answered RDP (a Connection Confirm). */
    SPOKE_RDP("spoke-rdp", seen -> seen.negotiation().filter(n -> !n.spokeRdp())
            .map(n -> "negotiation: no request got an X.224 Connection Confirm")),
    /** No real client gets TLS: no client request selects TLS or CredSSP and no handshake completes. */
    TLS_REFUSED("tls-refused", seen -> seen.negotiation().flatMap(n -> firstClient(n, Claim::tlsSelected))
            .or(() -> handshake(seen))),
    /** Standard RDP Security is all the server does: TLS refused, and TLS never demanded either. */
    STANDARD_RDP_ONLY("standard-rdp-only", seen -> TLS_REFUSED.contradiction(seen)
            .or(() -> seen.negotiation().flatMap(n -> firstClient(n, r -> r instanceof NegotiationReply.Refused f
                    && (f.is(FailureCode.SSL_REQUIRED_BY_SERVER) || f.is(FailureCode.HYBRID_REQUIRED_BY_SERVER)))))),
    /** A client must authenticate with CredSSP first: none gets in with TLS alone or Standard RDP Security. */
    NLA_REQUIRED("nla-required", seen -> seen.negotiation().flatMap(n -> firstClient(n, r -> r instanceof NegotiationReply.Selected s
            && (s.is(Protocol.PROTOCOL_SSL) || s.is(Protocol.PROTOCOL_RDP)) || r instanceof NegotiationReply.NoNegotiationData))),
    /** The server picks CredSSP when a real client offers it. */
    NLA_OFFERED("nla-offered", seen -> seen.negotiation().filter(n -> !n.nlaOffered())
            .map(n -> "negotiation: no client request got PROTOCOL_HYBRID or PROTOCOL_HYBRID_EX selected")),
    /** A real client gets in without CredSSP. */
    ENTRY_WITHOUT_NLA("entry-without-nla", seen -> seen.negotiation().filter(n -> !n.acceptsWithoutNla())
            .map(n -> "negotiation: no client request got PROTOCOL_SSL or PROTOCOL_RDP selected")),
    /** The server has no CredSSP. */
    NLA_ABSENT("nla-absent", seen -> seen.negotiation().flatMap(n -> firstClient(n, r -> r instanceof NegotiationReply.Selected s
                    && (s.is(Protocol.PROTOCOL_HYBRID) || s.is(Protocol.PROTOCOL_HYBRID_EX))
                    || r instanceof NegotiationReply.Refused f && f.is(FailureCode.HYBRID_REQUIRED_BY_SERVER)))
            .or(() -> seen.result(CredSspProbe.ID).map(c -> "credssp: the server answered CredSSP (TSRequest version "
                    + c.credSspVersion() + ")"))),
    /** A real client gets TLS. */
    TLS_ACCEPTED("tls-accepted", seen -> seen.negotiation()
            .filter(n -> !n.tlsAccepted() && !seen.tlsHandshakeCompleted())
            .map(n -> "negotiation: no client request got TLS or CredSSP selected, and no TLS handshake completed")),
    /** A real client asking for Standard RDP Security gets it. */
    STANDARD_RDP_ACCEPTED("standard-rdp-accepted", seen -> seen.negotiation().filter(n -> !n.accepts(Protocol.PROTOCOL_RDP))
            .map(n -> n.reply(Protocol.PROTOCOL_RDP.bits()).map(r -> "negotiation: requested PROTOCOL_RDP -> " + r.describe())
                    .orElse("negotiation: no client request got PROTOCOL_RDP"))),
    /** No TLS handshake completes. */
    TLS_HANDSHAKE_FAILS("tls-handshake-fails", Claim::handshake),
    /** Some TLS handshake completes. */
    TLS_HANDSHAKE_COMPLETES("tls-handshake-completes", seen -> seen.result(TlsProbe.ID)
            .filter(t -> !seen.tlsHandshakeCompleted()).map(t -> "tls: no version completed a handshake")),
    /** The UDP port did not answer rdpcheck's RDP-UDP SYN with a SYN+ACK. */
    UDP_UNANSWERED("udp-unanswered", seen -> seen.result(UdpProbe.ID).filter(UdpResult::answered)
            .map(u -> "udp: " + u.address() + " answered the SYN with a SYN+ACK (" + u.summary() + ")")),
    /** The UDP port answered rdpcheck's RDP-UDP SYN with a SYN+ACK. */
    UDP_ANSWERED("udp-answered", seen -> seen.result(UdpProbe.ID).filter(u -> !u.answered())
            .map(u -> "udp: " + u.address() + " did not answer the SYN (" + u.summary() + ")"));

    private final String key;
    private final Function<Observations, Optional<String>> contradiction;

    Claim(String key, Function<Observations, Optional<String>> contradiction) {
        this.key = key;
        this.contradiction = contradiction;
    }

    String key() {
        return key;
    }

    /** The finding that contradicts this claim, in words, when the check has one. */
    Optional<String> contradiction(Observations seen) {
        return contradiction.apply(seen);
    }

    static Optional<Claim> ofKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }

    private static boolean tlsSelected(NegotiationReply reply) {
        return reply instanceof NegotiationReply.Selected s && (s.is(Protocol.PROTOCOL_SSL)
                || s.is(Protocol.PROTOCOL_HYBRID) || s.is(Protocol.PROTOCOL_HYBRID_EX));
    }

    private static Optional<String> connected(Observations seen) {
        return seen.tcp().flatMap(t -> t.firstConnectedAttempt()).map(a -> "tcp: " + a.address() + " accepted the connection");
    }

    private static Optional<String> handshake(Observations seen) {
        return seen.result(TlsProbe.ID).flatMap(TlsResult::best).map(a -> "tls: " + a.describe())
                .or(() -> seen.result(CredSspProbe.ID).map(c -> "credssp: a CredSSP round ran over " + c.tlsVersion()));
    }

    private static Optional<String> first(NegotiationResult n, Predicate<NegotiationReply> test) {
        return n.attempts().stream().filter(a -> test.test(a.reply())).findFirst().map(a -> "negotiation: " + a.describe());
    }

    private static Optional<String> firstClient(NegotiationResult n, Predicate<NegotiationReply> test) {
        return n.clientAttempts().stream().filter(a -> test.test(a.reply())).findFirst()
                .map((NegotiationAttempt a) -> "negotiation: " + a.describe());
    }

}
