package rdpcheck.probes.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import rdpcheck.probes.Deadline;
import rdpcheck.probes.ProbeException;

/**
 * One probe's datagrams to one address (RDP-UDP, DTLS): a connected UDP socket, so that only the
 * peer's datagrams are read and an ICMP port unreachable the peer's host sends back becomes
 * {@link Received.PortUnreachable}. Every wait is bounded by the caller's window and the check's
 * deadline, every datagram by the caller's byte limit; an interrupt ends a wait at once.
 */
public final class DatagramExchange implements AutoCloseable {

    private static final AtomicInteger OPEN = new AtomicInteger();

    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress remote;
    private final Deadline deadline;
    private boolean closed;
    private int sent;
    private long bytesSent;

    private DatagramExchange(DatagramChannel channel, Selector selector, InetSocketAddress remote, Deadline deadline) {
        this.channel = channel;
        this.selector = selector;
        this.remote = remote;
        this.deadline = deadline;
    }

    /** What one wait for a datagram ended with. */
    public sealed interface Received {

        /**
         * A datagram from the peer: its first bytes, at most the limit the caller gave plus one, so
         * that {@code truncated} says the datagram was longer than the limit.
         */
        record Datagram(byte[] bytes, boolean truncated) implements Received {
            public Datagram {
                bytes = bytes.clone();
            }

            @Override
            public byte[] bytes() {
                return bytes.clone();
            }

            public int length() {
                return bytes.length;
            }
        }

        /** The peer's host answered with ICMP port unreachable: nothing listens on that port. */
        record PortUnreachable() implements Received {
        }

        /** Another error came back (host or network unreachable, a refused send); {@code detail} says which. */
        record Unreachable(String detail) implements Received {
        }

        /** Nothing arrived within the window. */
        record Silence() implements Received {
        }
    }

    /** Opens a UDP socket on an ephemeral port, connected to {@code remote}; the caller closes it. */
    public static DatagramExchange open(InetSocketAddress remote, Deadline deadline) throws ProbeException {
        DatagramChannel channel = null;
        Selector selector = null;
        try {
            channel = DatagramChannel.open(remote.getAddress() instanceof java.net.Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            OPEN.incrementAndGet();
            channel.connect(remote);
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            return new DatagramExchange(channel, selector, remote, deadline);
        } catch (IOException e) {
            closeQuietly(selector);
            if (channel != null) {
                closeQuietly(channel);
                OPEN.decrementAndGet();
            }
            throw new ProbeException("could not open a UDP socket to " + Endpoints.format(remote) + ": "
                    + rdpcheck.probes.ProbeText.of(e));
        }
    }

    /** Exchanges opened and not yet closed, in this JVM; tests assert it returns to where it was. */
    public static int openCount() {
        return OPEN.get();
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /** Datagrams sent so far. */
    public int sent() {
        return sent;
    }

    /** Bytes sent so far, UDP payload only. */
    public long bytesSent() {
        return bytesSent;
    }

    /**
     * Sends one datagram. An error the peer's host already reported (ICMP) may surface here instead
     * of at the next wait: it is returned, not thrown.
     */
    public java.util.Optional<Received> send(byte[] datagram) throws ProbeException {
        try {
            channel.write(ByteBuffer.wrap(datagram));
            sent++;
            bytesSent += datagram.length;
            return java.util.Optional.empty();
        } catch (PortUnreachableException e) {
            return java.util.Optional.of(new Received.PortUnreachable());
        } catch (IOException e) {
            return java.util.Optional.of(new Received.Unreachable(describe(e)));
        }
    }

    /**
     * Waits at most {@code window} (never past the deadline) for the next datagram and returns at
     * most {@code maxBytes + 1} of its bytes.
     *
     * @throws InterruptedException when the probe's thread is interrupted (the check's answer was given)
     */
    public Received receive(Duration window, int maxBytes) throws InterruptedException {
        Deadline until = deadline.within(window);
        ByteBuffer buffer = ByteBuffer.allocate(maxBytes + 1);
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("the check ended");
            }
            try {
                buffer.clear();
                // receive, not read: it tells "nothing queued" (null) from a datagram of no bytes
                if (channel.receive(buffer) != null) {
                    int length = buffer.position();
                    return new Received.Datagram(Arrays.copyOf(buffer.array(), length), length > maxBytes);
                }
            } catch (PortUnreachableException e) {
                return new Received.PortUnreachable();
            } catch (ClosedByInterruptException e) {
                throw new InterruptedException("the check ended");
            } catch (IOException e) {
                return new Received.Unreachable(describe(e));
            }
            long millis = until.remaining().toMillis();
            if (millis <= 0) {
                return new Received.Silence();
            }
            try {
                selector.select(millis);
                selector.selectedKeys().clear();
            } catch (IOException e) {
                return new Received.Unreachable(describe(e));
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(selector);
            closeQuietly(channel);
            OPEN.decrementAndGet();
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort; the descriptor is released either way
        }
    }
}
