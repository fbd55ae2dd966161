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
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.Legs;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.FailureCode;
import rdpcheck.probes.rdp.NegotiationAttempt;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.RdpHandshake;

/**
 * Holds first the conversation mstsc itself holds, then enumerates TLS versions:
 *
 * <ol>
 * <li>One connection as mstsc opens it: an X.224 request for TLS, CredSSP and HYBRID_EX (0xB), a
 * handshake offering TLS 1.0 to 1.3, and on that same connection what a client does next — the
 * first CredSSP round where the server selected CredSSP ({@link AfterHybridHandshake}, supplied by
 * the nla package), the MCS connection where it selected TLS alone ({@link AfterSslHandshake}).
 * Its handshake brings the certificate chain and the newest version the server takes.</li>
 * <li>Then every other version on its own connection, each stopped at the ServerHello: that says
 * whether the server takes the version, and spares it a key exchange per version. When the first
 * handshake failed, the versions are tried with whole handshakes instead, to show how each fails.</li>
 * </ol>
 *
 * Skipped (with the reason) when the server answers the X.224 request with anything but TLS or
 * CredSSP. It does not wait for the negotiation probe: the negotiation waits for this probe's first
 * answer instead, so the conversation that matters most meets the server before anything else.
 */
public final class TlsProbe implements Probe<TlsResult> {

    /**
     * Tls needs only the tcp probe (which picks the address), not the negotiation: it sends its own
     * X.224 requests, whose answers say whether its conversations can go on. Waiting for the
     * negotiation would cost every check two more round trips.
     */
    public static final ProbeId<TlsResult> ID = ProbeId.of("tls", TlsResult.class, TcpProbe.ID);

    /** What mstsc asks for (MS-RDPBCGR 2.2.1.1.1): TLS, CredSSP and CredSSP with the early user authorization result. */
    static final int REQUESTED_PROTOCOLS = Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits()
            | Protocol.PROTOCOL_HYBRID_EX.bits();

    private final Optional<AfterHybridHandshake> afterHybrid;
    private final Optional<AfterSslHandshake> afterSsl;

    /** Handshakes only: the first connection closes after its handshake. */
    public TlsProbe() {
        this(Optional.empty(), Optional.empty());
    }

    public TlsProbe(AfterHybridHandshake afterHybrid) {
        this(Optional.of(afterHybrid), Optional.empty());
    }

    public TlsProbe(AfterHybridHandshake afterHybrid, AfterSslHandshake afterSsl) {
        this(Optional.of(afterHybrid), Optional.of(afterSsl));
    }

    private TlsProbe(Optional<AfterHybridHandshake> afterHybrid, Optional<AfterSslHandshake> afterSsl) {
        this.afterHybrid = afterHybrid;
        this.afterSsl = afterSsl;
    }

    @Override
    public ProbeId<TlsResult> id() {
        return ID;
    }

    @Override
    public TlsResult run(ProbeContext context) throws ProbeException, InterruptedException {
        InetSocketAddress endpoint = context.endpoint();
        Optional<String> sni = context.target().isIpLiteral() ? Optional.empty() : Optional.of(context.target().host());
        List<TlsVersion> versions = List.of(TlsVersion.values());

        Leg first;
        try {
            first = Legs.runAll(List.<Callable<Leg>>of(() -> firstConversation(context, endpoint, sni)), context.deadline(),
                    failure -> null, TlsProbe::tryAgainAlone, context.signals()::hasServerAnswered).get(0);
        } finally {
            context.signals().firstConversationOver();
        }
        if (first != null && first.notTls().isPresent() && !first.notTls().get().unanswered()) {
            throw new ProbeSkipped(whyNoTls(first.notTls().get()));
        }
        if (first == null || first.attempt().outcome() instanceof TlsOutcome.NotReached) {
            String why = first == null ? "still running at the check's deadline"
                    : ((TlsOutcome.NotReached) first.attempt().outcome()).reason();
            List<TlsAttempt> attempts = new ArrayList<>();
            versions.forEach(v -> attempts.add(new TlsAttempt(v, new TlsOutcome.NotReached(why), 0)));
            return new TlsResult(REQUESTED_PROTOCOLS, attempts, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        }

        boolean firstAccepted = first.attempt().accepted();
        List<TlsVersion> others = versions.stream().filter(v -> !firstAccepted || v != first.attempt().version()).toList();
        List<Callable<Leg>> legs = new ArrayList<>();
        for (TlsVersion version : others) {
            legs.add(() -> versionLeg(context, endpoint, version, sni, firstAccepted));
        }
        List<Leg> done = Legs.runAll(legs, context.deadline(), failure -> null, TlsProbe::tryAgainAlone,
                context.signals()::hasServerAnswered);

        List<TlsAttempt> attempts = new ArrayList<>();
        Optional<TlsVersion> chainVersion = first.chain().isEmpty() ? Optional.empty() : Optional.of(first.attempt().version());
        List<byte[]> chain = first.chain();
        for (TlsVersion version : versions) {
            if (firstAccepted && version == first.attempt().version()) {
                attempts.add(first.attempt());
                continue;
            }
            Leg leg = done.get(others.indexOf(version));
            if (leg == null) {
                leg = new Leg(new TlsAttempt(version, new TlsOutcome.NotReached("still running at the check's deadline"), 0),
                        List.of());
            }
            attempts.add(leg.attempt());
            // without a complete first handshake: the newest accepted version's chain, else any chain seen
            if (!firstAccepted && (leg.attempt().accepted() || chain.isEmpty()) && !leg.chain().isEmpty()) {
                chain = leg.chain();
                chainVersion = Optional.of(version);
            }
        }
        return new TlsResult(REQUESTED_PROTOCOLS, attempts, chainVersion, chain, first.selected(), first.hybrid(),
                first.session());
    }

    /**
     * @param notTls   the X.224 answer when it did not lead to TLS, so the handshake was never tried
     * @param selected the protocol the X.224 answer selected, when it led to TLS
     * @param hybrid   what followed the handshake on a connection that selected CredSSP
     * @param session  what followed the handshake on a connection that selected TLS alone
     * @param dropped  the server closed or reset the handshake before sending any of it
     */
    private record Leg(TlsAttempt attempt, List<byte[]> chain, Optional<NegotiationReply> notTls,
                       Optional<Integer> selected, Optional<HybridAnswer> hybrid, Optional<SessionAnswer> session,
                       boolean dropped) {
        Leg(TlsAttempt attempt, List<byte[]> chain) {
            this(attempt, chain, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
        }
    }

    /**
     * The server did not get to answer this leg (no connection, no X.224 answer), or dropped its
     * handshake before sending a byte of it: what a crowded server does. An alert, silence or a
     * close after part of the handshake is the server's answer, and trying again would only wait
     * for it twice.
     */
    private static boolean tryAgainAlone(Leg leg) {
        return leg.dropped() || leg.attempt().outcome() instanceof TlsOutcome.NotReached
                && leg.notTls().map(NegotiationReply::unanswered).orElse(true);
    }

    /** The conversation mstsc holds: X.224 (0xB), a handshake offering every version, then CredSSP or MCS. */
    private Leg firstConversation(ProbeContext context, InetSocketAddress endpoint, Optional<String> sni) {
        return converse(context, endpoint, EnumSet.allOf(TlsVersion.class), sni, true, false);
    }

    private Leg versionLeg(ProbeContext context, InetSocketAddress endpoint, TlsVersion version, Optional<String> sni,
                           boolean stopAtServerHello) {
        return converse(context, endpoint, EnumSet.of(version), sni, false, stopAtServerHello);
    }

    private Leg converse(ProbeContext context, InetSocketAddress endpoint, EnumSet<TlsVersion> offered,
                         Optional<String> sni, boolean goOn, boolean stopAtServerHello) {
        TlsVersion newest = offered.stream().max(Enum::compareTo).orElseThrow();
        long started = System.nanoTime();
        try (Connection connection = context.connect(endpoint)) {
            NegotiationReply reply = RdpHandshake.negotiate(connection, ConnectionRequest.of(REQUESTED_PROTOCOLS));
            if (!reply.unanswered()) {
                context.signals().serverAnswered();
            }
            if (goOn && !reply.unanswered()) {
                // the server has met mstsc's request: the others may follow, and need not send this one again
                context.signals().firstConversationAnswered(new NegotiationAttempt(REQUESTED_PROTOCOLS, reply,
                        (System.nanoTime() - started) / 1_000_000.0));
            }
            if (!(reply instanceof NegotiationReply.Selected selected) || selected.is(Protocol.PROTOCOL_RDP)) {
                return new Leg(new TlsAttempt(newest, new TlsOutcome.NotReached(
                        "the X.224 negotiation on this connection did not select TLS: " + reply.describe()), 0), List.of(),
                        Optional.of(reply), Optional.empty(), Optional.empty(), Optional.empty(), false);
            }
            Optional<Integer> chosen = Optional.of(selected.selectedProtocol());
            try {
                if (stopAtServerHello) {
                    long helloStarted = System.nanoTime();
                    TlsOutcome.Accepted hello = RdpTls.serverHello(connection, newest, sni);
                    return new Leg(new TlsAttempt(newest, hello, (System.nanoTime() - helloStarted) / 1_000_000.0), List.of(),
                            Optional.empty(), chosen, Optional.empty(), Optional.empty(), false);
                }
                boolean hybrid = selected.is(Protocol.PROTOCOL_HYBRID) || selected.is(Protocol.PROTOCOL_HYBRID_EX);
                try (TlsSession session = RdpTls.handshake(connection, offered, sni)) {
                    TlsAttempt accepted = new TlsAttempt(session.version(), new TlsOutcome.Accepted(
                            session.cipherSuiteName(), session.cipherSuite(), session.chain().size(),
                            session.handshakeBytes(), true), session.handshakeMillis());
                    Optional<HybridAnswer> credssp = goOn && hybrid ? afterHybrid.map(next -> next.exchange(session,
                            selected.selectedProtocol(), context.options().clock())) : Optional.empty();
                    Optional<SessionAnswer> mcs = goOn && !hybrid ? afterSsl.map(next -> next.exchange(session,
                            selected.selectedProtocol())) : Optional.empty();
                    return new Leg(accepted, session.chain(), Optional.empty(), chosen, credssp, mcs, false);
                }
            } catch (TlsHandshakeException e) {
                Leg leg = refused(newest, e, chosen);
                if (leg.dropped()) {
                    connection.dropped();
                }
                return leg;
            }
        } catch (ProbeException e) {
            return new Leg(new TlsAttempt(newest, new TlsOutcome.NotReached(rdpcheck.probes.ProbeText.of(e)), 0), List.of());
        } catch (RuntimeException | StackOverflowError e) {
            // a BC bug on hostile input must not cost the other versions their results
            return new Leg(new TlsAttempt(newest, new TlsOutcome.NotReached(
                    "rdpcheck could not process what the server sent on this connection (an error in rdpcheck)"), 0), List.of());
        }
    }

    /** A handshake that did not complete; one the server closed before sending a byte of it counts as dropped. */
    private static Leg refused(TlsVersion version, TlsHandshakeException e, Optional<Integer> selected) {
        TlsFailure failure = e.failure();
        boolean dropped = failure.bytesRead() == 0 && failure.kind() != TlsFailure.Kind.ALERT_RECEIVED
                && failure.kind() != TlsFailure.Kind.TIMED_OUT;
        return new Leg(new TlsAttempt(version, new TlsOutcome.Refused(failure), failure.millis()), e.chainSeen(),
                Optional.empty(), selected, Optional.empty(), Optional.empty(), dropped);
    }

    /** Why no connection can get TLS, from the server's answer to mstsc's request (TLS, CredSSP, HYBRID_EX). */
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
