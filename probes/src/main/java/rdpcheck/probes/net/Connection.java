package rdpcheck.probes.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import rdpcheck.probes.Deadline;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeOptions;

/**
 * One TCP connection of a probe, bounded on every side: each read waits at most the read timeout
 * and never past the deadline, the connection reads at most {@link ProbeOptions#maxReplyBytes()}
 * in all, and a watchdog closes the socket at the deadline so that nothing (a blocked write, a
 * TLS library deep in a handshake) outlives it.
 */
public final class Connection implements AutoCloseable {

    private static final AtomicInteger OPEN = new AtomicInteger();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rdpcheck-connection-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final Socket socket;
    private final InetSocketAddress remote;
    private final Deadline deadline;
    private final BoundedInput input;
    private final OutputStream output;
    private final ScheduledFuture<?> watchdog;
    private final long connectNanos;
    private final Place place;
    private final AtomicBoolean sent = new AtomicBoolean();
    /**
     * Set once by whichever closes first: the watchdog thread at the deadline, or the probe's
     * thread. Atomic, not a plain field: another thread polling {@link #isClosed()} must see the
     * watchdog's write (a plain read may be hoisted out of its loop), and exactly one closer may
     * release the socket and the open count.
     */
    private final AtomicBoolean closed = new AtomicBoolean();

    private Connection(Socket socket, InetSocketAddress remote, Deadline deadline, int readTimeoutMillis,
                       int maxBytes, long connectNanos, Place place) throws IOException {
        this.socket = socket;
        this.remote = remote;
        this.deadline = deadline;
        this.connectNanos = connectNanos;
        this.place = place;
        this.input = new BoundedInput(socket, socket.getInputStream(), deadline, readTimeoutMillis, maxBytes, place);
        this.output = socket.getOutputStream();
        this.watchdog = WATCHDOG.schedule(this::closeQuietly, Math.max(1, deadline.remaining().toMillis()),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Connects to {@code remote}. Failures are {@link ConnectFailure}s whose {@link TcpState}
     * says refused, timed out or unreachable.
     */
    public static Connection open(InetSocketAddress remote, ProbeOptions options, Deadline deadline)
            throws ProbeException {
        return open(remote, options, deadline, Place.UNSCHEDULED);
    }

    /**
     * Connects to {@code remote} once {@code schedule} has a place for it (waiting at most until the
     * deadline); the place is given back when the connection closes. How the connection goes (its
     * connect time, its first answer, a drop before any answer) tells the schedule how the host copes.
     */
    public static Connection open(InetSocketAddress remote, ProbeOptions options, Deadline deadline,
                                  HostSchedule schedule) throws ProbeException {
        if (deadline.expired()) {
            throw new ConnectFailure(TcpState.TIMED_OUT, "no time left to connect to " + Endpoints.format(remote));
        }
        try {
            if (!schedule.acquire(deadline)) {
                throw new ConnectFailure(TcpState.TIMED_OUT, "no turn to connect to " + Endpoints.format(remote)
                        + " before the deadline (a check keeps at most " + schedule.max() + " connections to a host open)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectFailure(TcpState.TIMED_OUT, "interrupted while waiting to connect to " + Endpoints.format(remote));
        }
        Place place = new Place(schedule);
        try {
            Connection connection = open(remote, options, deadline, place);
            if (connection.connectNanos >= HostSchedule.SLOW_CONNECT.toNanos()) {
                schedule.crowded(); // a SYN was lost on the way: the host's accept queue was full
            }
            return connection;
        } catch (ProbeException | RuntimeException e) {
            place.release();
            schedule.crowded();
            throw e;
        }
    }

    private static Connection open(InetSocketAddress remote, ProbeOptions options, Deadline deadline, Place place)
            throws ProbeException {
        if (deadline.expired()) {
            throw new ConnectFailure(TcpState.TIMED_OUT, "no time left to connect to " + Endpoints.format(remote));
        }
        Socket socket = new Socket();
        OPEN.incrementAndGet();
        long started = System.nanoTime();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoLinger(true, 0);
            socket.connect(remote, deadline.capMillis(options.connectTimeout()));
            return new Connection(socket, remote, deadline, (int) options.readTimeout().toMillis(),
                    options.maxReplyBytes(), System.nanoTime() - started, place);
        } catch (IOException e) {
            closeSocket(socket);
            throw ConnectFailure.of(remote, e);
        } catch (RuntimeException e) {
            closeSocket(socket);
            throw e;
        }
    }

    /** Connections opened and not yet closed, in this JVM; tests assert it returns to where it was. */
    public static int openCount() {
        return OPEN.get();
    }

    public InputStream input() {
        return input;
    }

    public OutputStream output() {
        return output;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public Deadline deadline() {
        return deadline;
    }

    public double connectMillis() {
        return connectNanos / 1_000_000.0;
    }

    /** Bytes read so far on this connection. */
    public long bytesRead() {
        return input.total;
    }

    public void send(byte[] bytes) throws IOException {
        if (sent.compareAndSet(false, true)) {
            place.parkUnlessAnsweredWithin(input, Math.max(HostSchedule.PARKED_AFTER.toMillis(), 4 * connectNanos / 1_000_000));
        }
        output.write(bytes);
        output.flush();
    }

    /**
     * The server broke this conversation off in a way a crowded server does (closed or reset a
     * TLS handshake it had begun): fewer connections at once from now on.
     */
    public void dropped() {
        place.crowded();
    }

    /** Reads exactly {@code length} bytes, or fails with EOF, timeout or the byte limit. */
    public byte[] readExactly(int length) throws IOException {
        byte[] buffer = new byte[length];
        int off = 0;
        while (off < length) {
            int n = input.read(buffer, off, length - off);
            if (n < 0) {
                throw new EOFException("connection closed after " + (input.total) + " bytes");
            }
            off += n;
        }
        return buffer;
    }

    /** Reads what arrives until EOF, {@code limit} bytes or {@code quiet} of silence; never throws on those. */
    public byte[] readAvailable(int limit) {
        byte[] buffer = new byte[limit];
        int off = 0;
        try {
            while (off < limit) {
                int n = input.read(buffer, off, limit - off);
                if (n < 0) {
                    break;
                }
                off += n;
            }
        } catch (IOException e) {
            // what arrived before the silence or the error is the answer
        }
        return java.util.Arrays.copyOf(buffer, off);
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        watchdog.cancel(false);
        closeQuietly();
    }

    private void closeQuietly() {
        if (closed.compareAndSet(false, true)) {
            closeSocket(socket);
            place.release(); // after the socket is closed: the next connection never overlaps this one
        }
    }

    /**
     * This connection's place in its host's schedule: given back once, at close or when the
     * connection is parked (silent since its request); tells the schedule of the first answer.
     */
    static final class Place {
        static final Place UNSCHEDULED = new Place(null);

        private final HostSchedule schedule;
        private final AtomicBoolean held = new AtomicBoolean(true);
        private final AtomicBoolean answered = new AtomicBoolean();

        Place(HostSchedule schedule) {
            this.schedule = schedule;
        }

        void release() {
            if (schedule != null && held.compareAndSet(true, false)) {
                schedule.release();
            }
        }

        void firstAnswer() {
            if (schedule != null && answered.compareAndSet(false, true)) {
                schedule.answered();
            }
        }

        void crowded() {
            if (schedule != null) {
                schedule.crowded();
            }
        }

        void parkUnlessAnsweredWithin(BoundedInput input, long millis) {
            if (schedule != null) {
                WATCHDOG.schedule(() -> {
                    if (input.total == 0) {
                        release();
                    }
                }, millis, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static void closeSocket(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort; the descriptor is released either way
        } finally {
            OPEN.decrementAndGet();
        }
    }

    /** The socket's stream with the per-read timeout, the deadline and the byte budget applied. */
    private static final class BoundedInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final Deadline deadline;
        private final int readTimeoutMillis;
        private final int maxBytes;
        private final Place place;
        /** Written only by the reading thread; volatile so {@code Connection.bytesRead()} from another thread is whole and current. */
        private volatile long total;

        BoundedInput(Socket socket, InputStream in, Deadline deadline, int readTimeoutMillis, int maxBytes, Place place) {
            this.place = place;
            this.socket = socket;
            this.in = in;
            this.deadline = deadline;
            this.readTimeoutMillis = readTimeoutMillis;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (total >= maxBytes) {
                throw new ReplyTooLargeException(maxBytes);
            }
            if (deadline.expired()) {
                throw new SocketTimeoutException("deadline reached after " + total + " bytes");
            }
            socket.setSoTimeout(deadline.capMillis(java.time.Duration.ofMillis(readTimeoutMillis)));
            int allowed = (int) Math.min(len, maxBytes - total);
            int n;
            try {
                n = in.read(b, off, allowed);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException(deadline.expired()
                        ? "deadline reached after " + total + " bytes"
                        : "no data for " + readTimeoutMillis + " ms after " + total + " bytes");
            } catch (IOException e) {
                if (total == 0) {
                    place.crowded(); // reset before any answer
                }
                throw e;
            }
            if (n > 0) {
                if (total == 0) {
                    place.firstAnswer();
                }
                total += n;
            } else if (n < 0 && total == 0) {
                place.crowded(); // closed before any answer
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }
    }

    /** A connect that did not succeed, with the state it maps to. */
    public static final class ConnectFailure extends ProbeException {
        private static final long serialVersionUID = 1L;
        private final TcpState state;

        public ConnectFailure(TcpState state, String message) {
            super(message);
            this.state = state;
        }

        public TcpState state() {
            return state;
        }

        static ConnectFailure of(InetSocketAddress remote, IOException e) {
            String where = Endpoints.format(remote);
            if (e instanceof SocketTimeoutException) {
                return new ConnectFailure(TcpState.TIMED_OUT, "connect to " + where + " timed out");
            }
            if (e instanceof NoRouteToHostException) {
                return new ConnectFailure(TcpState.UNREACHABLE, "no route to " + where);
            }
            String message = String.valueOf(e.getMessage());
            if (e instanceof ConnectException && message.contains("refused")) {
                return new ConnectFailure(TcpState.REFUSED, "connection to " + where + " refused");
            }
            if (message.contains("unreachable")) {
                return new ConnectFailure(TcpState.UNREACHABLE, where + " is unreachable (no route to it from here)");
            }
            return new ConnectFailure(TcpState.ERROR, "connect to " + where + " failed: "
                    + rdpcheck.probes.ProbeText.clean(message));
        }
    }
}
