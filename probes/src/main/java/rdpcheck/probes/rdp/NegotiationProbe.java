package rdpcheck.probes.rdp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeText;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.Legs;
import rdpcheck.probes.net.TcpState;

/**
 * Sends one X.224 Connection Request per protocol set in {@link NegotiationResult#REQUESTED_SETS},
 * each on its own connection (a server answers only the first request of a connection), as many at
 * once as the host's schedule allows, after the tls probe's first connection (the request mstsc
 * sends) has had its answer.
 */
public final class NegotiationProbe implements Probe<NegotiationResult> {

    public static final ProbeId<NegotiationResult> ID = ProbeId.of("negotiation", NegotiationResult.class, TcpProbe.ID);

    /**
     * The longest these requests wait for the tls probe's first X.224 answer (a silent server gives
     * none), on top of four round trips (connect, request, answer, and one of slack).
     */
    static final java.time.Duration FIRST_CONVERSATION_HEAD_START = java.time.Duration.ofMillis(500);

    @Override
    public ProbeId<NegotiationResult> id() {
        return ID;
    }

    @Override
    public NegotiationResult run(ProbeContext context) throws ProbeException, InterruptedException {
        InetSocketAddress endpoint = context.endpoint();
        // the tls probe's first connection is the request mstsc sends: the server meets it before these
        double rtt = context.result(TcpProbe.ID)
                .flatMap(rdpcheck.probes.net.TcpResult::firstConnectedAttempt)
                .flatMap(rdpcheck.probes.net.TcpResult.AddressAttempt::rttMillis).orElse(0.0);
        context.signals().awaitFirstConversation(FIRST_CONVERSATION_HEAD_START.plusMillis((long) (4 * rtt)));
        java.util.Optional<NegotiationAttempt> mstsc = context.signals().firstAttempt();
        List<Callable<NegotiationAttempt>> legs = new ArrayList<>();
        for (int requested : NegotiationResult.REQUESTED_SETS) {
            if (mstsc.isPresent() && mstsc.get().requestedProtocols() == requested) {
                NegotiationAttempt answered = mstsc.get();
                legs.add(() -> answered); // mstsc's own request, answered on the tls probe's first connection
            } else {
                legs.add(() -> attempt(context, endpoint, requested));
            }
        }
        List<NegotiationAttempt> attempts = Legs.runAll(legs, context.deadline(), failure -> null,
                attempt -> attempt.reply().unanswered(), context.signals()::hasServerAnswered);
        List<NegotiationAttempt> complete = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            NegotiationAttempt attempt = attempts.get(i);
            complete.add(attempt != null ? attempt : new NegotiationAttempt(NegotiationResult.REQUESTED_SETS.get(i),
                    new NegotiationReply.Silent(context.options().deadline().toMillis()), 0));
        }
        return new NegotiationResult(complete);
    }

    static NegotiationAttempt attempt(ProbeContext context, InetSocketAddress endpoint, int requested) {
        long started = System.nanoTime();
        NegotiationReply reply;
        try (Connection connection = context.connect(endpoint)) {
            reply = RdpHandshake.negotiate(connection, ConnectionRequest.of(requested));
            if (!reply.unanswered()) {
                context.signals().serverAnswered();
            }
        } catch (Connection.ConnectFailure e) {
            reply = new NegotiationReply.ConnectFailed(e.state(), ProbeText.of(e));
        } catch (ProbeException e) {
            reply = new NegotiationReply.ConnectFailed(TcpState.ERROR, ProbeText.of(e));
        } catch (RuntimeException | StackOverflowError e) {
            // a bug here must not read as "the server said nothing" (what a leg lost at the deadline becomes)
            reply = new NegotiationReply.ConnectFailed(TcpState.ERROR,
                    "rdpcheck could not process the server's answer to this request (an error in rdpcheck)");
        }
        return new NegotiationAttempt(requested, reply, (System.nanoTime() - started) / 1_000_000.0);
    }

}
