package rdpcheck.probes.tls;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.FailureCode;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.RdpHandshake;

/**
 * Tries TLS 1.0, 1.1, 1.2 and 1.3 each on its own connection (X.224 request, then the handshake),
 * all at once, and keeps the certificate chain of the best handshake. Skipped (with the reason)
 * when the server answers the X.224 request with anything but TLS or CredSSP.
 *
 * <p>It does not wait for the negotiation probe: its own X.224 request tells it whether TLS
 * follows, and starting right after the tcp probe saves the negotiation's two round trips.
 *
 * <p>Where the server selected CredSSP, a connection goes on after its handshake as a CredSSP
 * client would ({@link AfterHybridHandshake}, supplied by the nla package): the credssp probe
 * reads that answer instead of spending a connection and a handshake of its own.
 */
public final class TlsProbe implements Probe<TlsResult> {

    private final Optional<AfterHybridHandshake> afterHybrid;

    /** Handshakes only: connections that get CredSSP close after the handshake. */
    public TlsProbe() {
        this.afterHybrid = Optional.empty();
    }

    public TlsProbe(AfterHybridHandshake afterHybrid) {
        this.afterHybrid = Optional.of(afterHybrid);
    }

    /**
     * Offering TLS and CredSSP gets a TLS handshake from every server that has one: a TLS-only
     * server selects TLS, an NLA server CredSSP, which begins with the same TLS handshake.
     */
    static final int REQUESTED_PROTOCOLS = Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits();

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
        int requested = REQUESTED_PROTOCOLS;
        InetSocketAddress endpoint = context.endpoint();
        Optional<String> sni = context.target().isIpLiteral() ? Optional.empty() : Optional.of(context.target().host());

        List<TlsVersion> versions = List.of(TlsVersion.values());
        List<Callable<Leg>> legs = new ArrayList<>();
        Map<TlsVersion, CompletableFuture<Boolean>> handshakes = new EnumMap<>(TlsVersion.class);
        versions.forEach(version -> handshakes.put(version, new CompletableFuture<>()));
        for (TlsVersion version : versions) {
            legs.add(() -> {
                try {
                    return attempt(context, endpoint, requested, version, sni, afterHybrid, handshakes);
                } finally {
                    handshakes.get(version).complete(false); // no-op after a success; never leaves a sibling waiting
                }
            });
        }
        List<Leg> done = rdpcheck.probes.net.Legs.runAll(legs, context.deadline(), failure -> null, TlsProbe::unanswered,
                context.signals()::hasServerAnswered);
        Optional<NegotiationReply> noTls = refusedEverywhere(done);
        if (noTls.isPresent()) {
            throw new ProbeSkipped(whyNoTls(noTls.get()));
        }

        List<TlsAttempt> attempts = new ArrayList<>();
        Optional<TlsVersion> chainVersion = Optional.empty();
        List<byte[]> chain = List.of();
        Optional<Integer> selected = Optional.empty();
        Optional<HybridAnswer> hybrid = Optional.empty();
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
            // versions run oldest to newest: the newest connection's answers win, as a client offering all would get
            selected = leg.selected().isPresent() ? leg.selected() : selected;
            hybrid = leg.hybrid().isPresent() ? leg.hybrid() : hybrid;
        }
        return new TlsResult(requested, attempts, chainVersion, chain, selected, hybrid);
    }

    /**
     * @param notTls   the X.224 answer when it did not lead to TLS, so the handshake was never tried
     * @param selected the protocol the X.224 answer selected, when it led to TLS
     * @param hybrid   what followed the handshake on a connection that selected CredSSP
     */
    private record Leg(TlsAttempt attempt, List<byte[]> chain, Optional<NegotiationReply> notTls,
                       Optional<Integer> selected, Optional<HybridAnswer> hybrid) {
        Leg(TlsAttempt attempt, List<byte[]> chain) {
            this(attempt, chain, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** Waits (within the deadline) for the newer versions' handshakes; true when one of them succeeded. */
    private static boolean newerSucceeded(TlsVersion version, Map<TlsVersion, CompletableFuture<Boolean>> handshakes,
                                          ProbeContext context) {
        for (Map.Entry<TlsVersion, CompletableFuture<Boolean>> newer : handshakes.entrySet()) {
            if (newer.getKey().compareTo(version) <= 0) {
                continue;
            }
            try {
                if (newer.getValue().get(Math.max(1, context.deadline().remaining().toMillis()), TimeUnit.MILLISECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            } catch (ExecutionException | TimeoutException e) {
                return false; // no word from it in time: this leg's answer is the best there is
            }
        }
        return false;
    }

    /**
     * The server did not get to answer this leg at all (no connection, no X.224 answer): what a
     * crowded server does. Once it answered the X.224 request, whatever follows on that connection
     * (an alert, silence, a close) is its answer, and trying again would only wait for it twice.
     */
    private static boolean unanswered(Leg leg) {
        return leg.attempt().outcome() instanceof TlsOutcome.NotReached
                && leg.notTls().map(NegotiationReply::unanswered).orElse(true);
    }

    /** The X.224 answer, when every connection got an answer that rules TLS out. */
    private static Optional<NegotiationReply> refusedEverywhere(List<Leg> legs) {
        Optional<NegotiationReply> first = Optional.empty();
        for (Leg leg : legs) {
            if (leg == null || leg.notTls().isEmpty()) {
                return Optional.empty();
            }
            first = first.isPresent() ? first : leg.notTls();
        }
        return first;
    }

    private static Leg attempt(ProbeContext context, InetSocketAddress endpoint, int requested, TlsVersion version,
                               Optional<String> sni, Optional<AfterHybridHandshake> afterHybrid,
                               Map<TlsVersion, CompletableFuture<Boolean>> handshakes) {
        try (Connection connection = Connection.open(endpoint, context.options(), context.deadline())) {
            NegotiationReply reply = RdpHandshake.negotiate(connection, ConnectionRequest.of(requested));
            if (!reply.unanswered()) {
                context.signals().serverAnswered();
            }
            if (!(reply instanceof NegotiationReply.Selected selected) || selected.is(Protocol.PROTOCOL_RDP)) {
                return new Leg(new TlsAttempt(version, new TlsOutcome.NotReached(
                        "the X.224 negotiation on this connection did not select TLS: " + reply.describe()), 0), List.of(),
                        Optional.of(reply), Optional.empty(), Optional.empty());
            }
            Optional<Integer> chosen = Optional.of(selected.selectedProtocol());
            boolean hybrid = selected.is(Protocol.PROTOCOL_HYBRID) || selected.is(Protocol.PROTOCOL_HYBRID_EX);
            try (TlsSession session = RdpTls.handshake(connection, EnumSet.of(version), sni)) {
                TlsAttempt accepted = new TlsAttempt(version, new TlsOutcome.Accepted(session.cipherSuiteName(),
                        session.cipherSuite(), session.chain().size(), session.handshakeBytes()),
                        session.handshakeMillis());
                handshakes.get(version).complete(true);
                // Only the newest version's answer is used, so a leg goes on only when no newer version got through:
                // the TLS 1.2 leg would otherwise add a round trip next to TLS 1.3's. A newer handshake is one round
                // trip shorter or fails at once, so the wait for its outcome is normally over before it begins.
                Optional<HybridAnswer> next = hybrid && afterHybrid.isPresent() && !newerSucceeded(version, handshakes,
                        context) ? Optional.of(afterHybrid.get().exchange(session, selected.selectedProtocol(),
                        context.options().clock())) : Optional.empty();
                return new Leg(accepted, session.chain(), Optional.empty(), chosen, next);
            } catch (TlsHandshakeException e) {
                return new Leg(new TlsAttempt(version, new TlsOutcome.Refused(e.failure()), e.failure().millis()),
                        e.chainSeen(), Optional.empty(), chosen, Optional.empty());
            }
        } catch (Connection.ConnectFailure e) {
            return new Leg(new TlsAttempt(version, new TlsOutcome.NotReached(e.getMessage()), 0), List.of());
        } catch (ProbeException e) {
            return new Leg(new TlsAttempt(version, new TlsOutcome.NotReached(e.getMessage()), 0), List.of());
        } catch (RuntimeException | StackOverflowError e) {
            // a BC bug on hostile input must not cost the other versions their results
            return new Leg(new TlsAttempt(version, new TlsOutcome.NotReached(
                    "rdpcheck could not process what the server sent on this connection (an error in rdpcheck)"), 0), List.of());
        }
    }

    /** Why no connection can get TLS, from the server's answer to a request offering TLS and CredSSP. */
    static String whyNoTls(NegotiationReply reply) {
        if (reply instanceof NegotiationReply.Refused refused && refused.is(FailureCode.SSL_CERT_NOT_ON_SERVER)) {
            return "the server refused TLS with SSL_CERT_NOT_ON_SERVER: it has no usable certificate";
        }
        if (reply instanceof NegotiationReply.Refused refused && refused.is(FailureCode.SSL_NOT_ALLOWED_BY_SERVER)) {
            return "the server allows Standard RDP Security only (SSL_NOT_ALLOWED_BY_SERVER): no TLS to look at";
        }
        if (reply instanceof NegotiationReply.NoNegotiationData) {
            return "the server does not negotiate (pre-Vista): Standard RDP Security only, no TLS";
        }
        if (reply instanceof NegotiationReply.Selected selected && selected.is(Protocol.PROTOCOL_RDP)) {
            return "the server selected Standard RDP Security although TLS was offered: no TLS to look at";
        }
        if (reply instanceof NegotiationReply.Selected || reply instanceof NegotiationReply.Refused) {
            return "no TLS: offered TLS and CredSSP, the server answered " + reply.describe();
        }
        return "the server did not answer as an RDP server: " + reply.describe();
    }

}
