package rdpcheck.probes.tls;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.FailureCode;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.RdpHandshake;

/**
 * Tries TLS 1.0, 1.1, 1.2 and 1.3 each on its own connection (X.224 request, then the handshake),
 * all at once, and keeps the certificate chain of the best handshake. Runs when the negotiation
 * probe saw the server select TLS or CredSSP; skipped (with the reason) when nothing gets TLS.
 */
public final class TlsProbe implements Probe<TlsResult> {

    @Override
    public ProbeId id() {
        return ProbeId.TLS;
    }

    @Override
    public Class<TlsResult> resultType() {
        return TlsResult.class;
    }

    @Override
    public TlsResult run(ProbeContext context) throws ProbeException, InterruptedException {
        NegotiationResult negotiation = context.result(NegotiationResult.class)
                .orElseThrow(() -> new ProbeSkipped("the negotiation probe has no result"));
        int requested = negotiation.tlsRequest().orElseThrow(() -> new ProbeSkipped(whyNoTls(negotiation)));
        InetSocketAddress endpoint = context.endpoint();
        Optional<String> sni = context.target().isIpLiteral() ? Optional.empty() : Optional.of(context.target().host());

        List<TlsVersion> versions = List.of(TlsVersion.values());
        List<Callable<Leg>> legs = new ArrayList<>();
        for (TlsVersion version : versions) {
            legs.add(() -> attempt(context, endpoint, requested, version, sni));
        }
        List<Leg> done = rdpcheck.probes.net.Legs.runAll(legs, context.deadline(), failure -> null);

        List<TlsAttempt> attempts = new ArrayList<>();
        Optional<TlsVersion> chainVersion = Optional.empty();
        List<byte[]> chain = List.of();
        for (int i = 0; i < versions.size(); i++) {
            Leg leg = done.get(i);
            if (leg == null) {
                leg = new Leg(new TlsAttempt(versions.get(i), new TlsOutcome.NotReached(
                        "still running at the check's deadline"), 0), List.of());
            }
            attempts.add(leg.attempt());
            // newest accepted wins; a failed handshake's chain only when nothing better came
            boolean better = leg.attempt().accepted()
                    || (chain.isEmpty() && !leg.chain().isEmpty());
            if (better && !leg.chain().isEmpty()) {
                chain = leg.chain();
                chainVersion = Optional.of(leg.attempt().version());
            }
        }
        return new TlsResult(requested, attempts, chainVersion, chain);
    }

    private record Leg(TlsAttempt attempt, List<byte[]> chain) {
    }

    private static Leg attempt(ProbeContext context, InetSocketAddress endpoint, int requested, TlsVersion version,
                               Optional<String> sni) {
        try (Connection connection = Connection.open(endpoint, context.options(), context.deadline())) {
            NegotiationReply reply = RdpHandshake.negotiate(connection, ConnectionRequest.of(requested));
            if (!(reply instanceof NegotiationReply.Selected selected) || selected.is(Protocol.PROTOCOL_RDP)) {
                return new Leg(new TlsAttempt(version, new TlsOutcome.NotReached(
                        "the X.224 negotiation on this connection did not select TLS: " + reply.describe()), 0), List.of());
            }
            try (TlsSession session = RdpTls.handshake(connection, EnumSet.of(version), sni)) {
                return new Leg(new TlsAttempt(version, new TlsOutcome.Accepted(session.cipherSuiteName(),
                        session.cipherSuite(), session.chain().size(), session.handshakeBytes()),
                        session.handshakeMillis()), session.chain());
            } catch (TlsHandshakeException e) {
                return new Leg(new TlsAttempt(version, new TlsOutcome.Refused(e.failure()), e.failure().millis()),
                        e.chainSeen());
            }
        } catch (Connection.ConnectFailure e) {
            return new Leg(new TlsAttempt(version, new TlsOutcome.NotReached(e.getMessage()), 0), List.of());
        } catch (ProbeException e) {
            return new Leg(new TlsAttempt(version, new TlsOutcome.NotReached(e.getMessage()), 0), List.of());
        } catch (RuntimeException e) {
            // a BC bug on hostile input must not cost the other versions their results
            return new Leg(new TlsAttempt(version, new TlsOutcome.NotReached("internal error: " + e), 0), List.of());
        }
    }

    /** Why no connection can get TLS, from what the negotiation probe saw. */
    static String whyNoTls(NegotiationResult negotiation) {
        if (negotiation.refusedWith(FailureCode.SSL_CERT_NOT_ON_SERVER)) {
            return "the server refused TLS with SSL_CERT_NOT_ON_SERVER: it has no usable certificate";
        }
        if (negotiation.refusedWith(FailureCode.SSL_NOT_ALLOWED_BY_SERVER)) {
            return "the server allows Standard RDP Security only (SSL_NOT_ALLOWED_BY_SERVER): no TLS to look at";
        }
        if (negotiation.legacyServer()) {
            return "the server does not negotiate (pre-Vista): Standard RDP Security only, no TLS";
        }
        if (negotiation.accepts(Protocol.PROTOCOL_RDP)) {
            return "the server selected Standard RDP Security for every request: no TLS to look at";
        }
        if (!negotiation.spokeRdp()) {
            return "the server did not answer as an RDP server";
        }
        return "no X.224 request was answered with TLS or CredSSP";
    }

}
