package rdpcheck.probes.udp;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import rdpcheck.probes.Deadline;
import rdpcheck.probes.Endpoint;
import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.Transport;
import rdpcheck.probes.net.DatagramExchange;
import rdpcheck.probes.net.DatagramExchange.Received;
import rdpcheck.probes.net.Endpoints;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.net.TcpResult;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.rdp.NegotiationResult;

/**
 * RDP-UDP (MS-RDPEUDP) on the target's port number: one SYN as a client opens the UDP transport
 * with (3.1.5.1.1), and what comes back. A SYN+ACK says UDP works and which version, MTUs and
 * window the server chose; ICMP port unreachable says nothing listens; silence says a firewall or
 * a host that drops it.
 *
 * <p>Polite by construction: it runs only on a server that answered RDP over TCP, sends one SYN
 * and, only if that met complete silence, one more (at most two datagrams of 1232 bytes, the size
 * the specification pads a SYN to), waits a few round trips for each, and never answers the
 * server's SYN+ACK, so no session is set up. The first SYN offers version 3 as mstsc does (with
 * the hash of a cookie of its own: no RDP session handed it one); the second offers version 2,
 * which needs no cookie, in case the server drops a version 3 SYN whose cookie it does not know.
 * Replies are read at most {@value #MAX_DATAGRAMS} datagrams of at most {@value #KEEP_BYTES} bytes.
 */
public final class UdpProbe implements Probe<UdpResult> {

    public static final ProbeId<UdpResult> ID = ProbeId.of("udp", UdpResult.class, NegotiationProbe.ID);

    /**
     * The shortest wait per SYN. A server answers within a round trip; one that is late still counts
     * in the second window (a SYN+ACK for either SYN is an answer), so silence costs a LAN check two
     * of these (measured: the check's only wait of its own on a host that drops UDP).
     */
    static final Duration MIN_WINDOW = Duration.ofMillis(150);
    /** The longest wait per SYN: RDP-UDP's own first retransmit comes after 300 to 500 ms. */
    static final Duration MAX_WINDOW = Duration.ofSeconds(1);
    /** The wait is this many TCP round trips (within the bounds above). */
    static final int ROUND_TRIPS = 4;
    /** Datagrams read per check before the probe stops listening: a SYN gets one answer. */
    static final int MAX_DATAGRAMS = 16;
    /** Bytes kept of one datagram: more than a SYN+ACK can have, so that a longer one shows as such. */
    static final int KEEP_BYTES = 2048;

    /** Thread-safe, and seeded once per JVM rather than once per check. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecureRandom random;

    public UdpProbe() {
        this(RANDOM);
    }

    UdpProbe(SecureRandom random) {
        this.random = random;
    }

    @Override
    public ProbeId<UdpResult> id() {
        return ID;
    }

    /** The target's port number, over UDP. */
    @Override
    public Endpoint endpoint() {
        return new Endpoint.TargetPort(Transport.UDP);
    }

    @Override
    public UdpResult run(ProbeContext context) throws Exception {
        if (!context.result(NegotiationProbe.ID).map(NegotiationResult::spokeRdp).orElse(false)) {
            throw new ProbeSkipped("the server did not answer RDP over TCP, so there is no RDP-UDP to look for");
        }
        InetSocketAddress remote = context.address(endpoint());
        boolean internetFacing = context.options().exposure().internetFacing(context.target().host(), remote.getAddress());
        Duration window = window(context);
        try (DatagramExchange exchange = DatagramExchange.open(remote, context.deadline())) {
            Exchange run = new Exchange(exchange, context.deadline());
            Ending ending = run.offer(Syn.offering(UdpVersion.V3, random), window);
            if (ending instanceof Ending.Quiet && run.datagrams == 0 && !context.deadline().expired()) {
                ending = run.offer(Syn.offering(UdpVersion.V2, random), window);
            }
            return run.result(ending, Endpoints.format(remote), internetFacing, window);
        }
    }

    /** A few TCP round trips, at least {@link #MIN_WINDOW}, at most {@link #MAX_WINDOW} and the read timeout. */
    static Duration window(ProbeContext context) {
        double rtt = context.result(TcpProbe.ID).flatMap(TcpResult::firstConnectedAttempt)
                .flatMap(TcpResult.AddressAttempt::rttMillis).orElse(100.0);
        long millis = Math.max(MIN_WINDOW.toMillis(), Math.min(MAX_WINDOW.toMillis(), Math.round(ROUND_TRIPS * rtt)));
        return Duration.ofMillis(Math.min(millis, context.options().readTimeout().toMillis()));
    }

    /** How one SYN's wait ended. */
    private sealed interface Ending {
        record Answer(SynAck synAck, Syn syn, double millis) implements Ending {
        }

        record Closed() implements Ending {
        }

        /** Silence, an ICMP error other than port unreachable ({@code detail}), or the datagram cap reached. */
        record Quiet(String detail) implements Ending {
        }
    }

    /** The SYNs of one check and everything that came back. */
    private static final class Exchange {
        private final DatagramExchange exchange;
        private final Deadline deadline;
        private final List<Syn> sent = new ArrayList<>();
        private long sentAt;
        private int datagrams;
        private long bytes;
        private Optional<String> oversized = Optional.empty();
        private Optional<String> other = Optional.empty();

        Exchange(DatagramExchange exchange, Deadline deadline) {
            this.exchange = exchange;
            this.deadline = deadline;
        }

        Ending offer(Syn syn, Duration window) throws Exception {
            sent.add(syn);
            sentAt = System.nanoTime();
            Optional<Received> early = exchange.send(syn.encode());
            if (early.isPresent()) {
                return early.get() instanceof Received.PortUnreachable ? new Ending.Closed()
                        : new Ending.Quiet(((Received.Unreachable) early.get()).detail());
            }
            Deadline until = deadline.within(window);
            while (datagrams < MAX_DATAGRAMS) {
                Received received = exchange.receive(until.remaining(), KEEP_BYTES);
                if (received instanceof Received.PortUnreachable) {
                    return new Ending.Closed();
                }
                if (received instanceof Received.Unreachable unreachable) {
                    return new Ending.Quiet(unreachable.detail());
                }
                if (!(received instanceof Received.Datagram datagram)) {
                    return new Ending.Quiet("");
                }
                datagrams++;
                bytes += Math.min(datagram.length(), KEEP_BYTES);
                Optional<Ending> answer = judge(datagram);
                if (answer.isPresent()) {
                    return answer.get();
                }
            }
            return new Ending.Quiet("stopped listening after " + MAX_DATAGRAMS + " datagrams");
        }

        /** A SYN+ACK for one of the SYNs sent ends the wait; anything else is remembered and the wait goes on. */
        private Optional<Ending> judge(Received.Datagram datagram) {
            if (datagram.truncated() || datagram.length() > SynAck.MAX_LENGTH) {
                oversized = oversized.or(() -> Optional.of("a datagram of " + (datagram.truncated() ? "more than " + KEEP_BYTES
                        : datagram.length()) + " bytes, longer than any SYN+ACK (" + SynAck.MAX_LENGTH + " bytes at most)"));
                return Optional.empty();
            }
            try {
                SynAck synAck = SynAck.decode(datagram.bytes());
                for (Syn syn : sent) {
                    if (synAck.acknowledged() == syn.initialSequenceNumber()) {
                        return Optional.of(new Ending.Answer(synAck, syn, (System.nanoTime() - sentAt) / 1_000_000.0));
                    }
                }
                other = other.or(() -> Optional.of("a SYN+ACK for sequence number " + synAck.acknowledged()
                        + ", which rdpcheck never sent"));
            } catch (MalformedPduException e) {
                other = other.or(() -> Optional.of(datagram.length() + " bytes that are not a SYN+ACK: " + rdpcheck.probes.ProbeText.of(e)
                        + " (" + hex(datagram.bytes()) + ")"));
            }
            return Optional.empty();
        }

        UdpResult result(Ending ending, String address, boolean internetFacing, Duration window) {
            int offered = sent.get(sent.size() - 1).offered().map(UdpVersion::number).orElse(1);
            if (ending instanceof Ending.Answer answer) {
                SynAck synAck = answer.synAck();
                String extra = datagrams > 1 ? (datagrams - 1) + " other datagram" + (datagrams > 2 ? "s" : "")
                        + " came first: " + oversized.or(() -> other).orElse("") : "";
                return new UdpResult(address, UdpState.ANSWERED, true, synAck.version().map(UdpVersion::number),
                        synAck.versionCode(), Optional.of(synAck.data().upstreamMtu()), Optional.of(synAck.data().downstreamMtu()),
                        Optional.of(synAck.header().receiveWindow()), answer.syn().offered().map(UdpVersion::number).orElse(1),
                        sent.size(), exchange.bytesSent(), datagrams, bytes, Optional.of(answer.millis()), extra, internetFacing);
            }
            UdpState state;
            String detail;
            if (ending instanceof Ending.Closed) {
                state = UdpState.CLOSED;
                detail = "ICMP port unreachable";
            } else if (oversized.isPresent()) {
                state = UdpState.OVERSIZED;
                detail = "answered " + sent.size() + " SYN" + (sent.size() > 1 ? "s" : "") + " of " + Syn.PADDED_LENGTH
                        + " bytes with " + datagrams + " datagram" + (datagrams > 1 ? "s" : "") + " (" + bytes
                        + "+ bytes), among them " + oversized.get();
            } else if (other.isPresent()) {
                state = UdpState.NOT_RDP_UDP;
                detail = "sent " + other.get();
            } else {
                state = UdpState.NO_ANSWER;
                String why = ((Ending.Quiet) ending).detail();
                detail = why.isEmpty() ? String.format(Locale.ROOT, "no datagram within %d ms of %s", window.toMillis(),
                        sent.size() == 1 ? "the SYN" : "either of " + sent.size() + " SYNs") : why;
            }
            return new UdpResult(address, state, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), offered, sent.size(), exchange.bytesSent(), datagrams, bytes, Optional.empty(), detail,
                    internetFacing);
        }

        private static String hex(byte[] bytes) {
            int shown = Math.min(bytes.length, 16);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < shown; i++) {
                text.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
            }
            return text.append(bytes.length > shown ? " ..." : "").toString();
        }
    }
}
