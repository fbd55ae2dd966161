package rdpcheck.lab;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A latency simulator for loopback: a SOCKS5 relay that holds every segment for {@code rtt/2}
 * in each direction, and answers a CONNECT only one {@code rtt} after it connected upstream (the
 * SYN / SYN-ACK round trip a real connect costs). netem is not available here, so this is the
 * "network".
 *
 * <p>The probes' sockets reach it through the JVM's default {@link ProxySelector}: a plain
 * {@code new Socket()} asks it for {@code socket://host:port} URIs, so {@link #install()} routes
 * every probe connection through the relay without touching probe code.
 *
 * <p>It also keeps a log of every connection (open, first byte each way, close, bytes), which is
 * the "which leg" profile of a check.
 */
public final class DelayRelay implements AutoCloseable {

    /** One relayed connection, times in ms since {@link #mark()}. */
    public static final class Leg {
        public final String label;
        public volatile String request = "";
        public final double opened;
        public volatile double connected = -1;
        public volatile double firstUp = -1;
        public volatile double firstDown = -1;
        public volatile double closed = -1;
        public volatile long bytesUp;
        public volatile long bytesDown;

        Leg(String label, double opened) {
            this.label = label;
            this.opened = opened;
        }
    }

    static final int HANDSHAKE_TIMEOUT_MILLIS = 5_000;

    private final ServerSocket server;
    private final long oneWayNanos;
    private final List<Leg> legs = Collections.synchronizedList(new ArrayList<>());
    private volatile long mark = System.nanoTime();
    private volatile boolean closed;
    private ProxySelector previous;

    public DelayRelay(long rttMillis) throws IOException {
        this.oneWayNanos = rttMillis * 1_000_000L / 2;
        this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Routes every socket of this JVM through the relay (SOCKS). */
    public void install() {
        previous = ProxySelector.getDefault();
        Proxy proxy = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress(InetAddress.getLoopbackAddress(), port()));
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of("socket".equals(uri.getScheme()) ? proxy : Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        });
    }

    /** Starts a new log: times are measured from now. */
    public void mark() {
        legs.clear();
        mark = System.nanoTime();
    }

    public List<Leg> legs() {
        synchronized (legs) {
            return new ArrayList<>(legs);
        }
    }

    private double now() {
        return (System.nanoTime() - mark) / 1e6;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread thread = new Thread(() -> serve(client), "relay-conn");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) {
        Leg leg = null;
        try (client) {
            client.setTcpNoDelay(true);
            client.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS); // a client that never finishes the SOCKS greeting is dropped
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            // SOCKS5 greeting: VER NMETHODS METHODS...; answered at once (it is not part of the simulated network).
            if (in.readUnsignedByte() != 5) {
                return;
            }
            in.readFully(new byte[in.readUnsignedByte()]);
            out.write(new byte[] {5, 0});
            out.flush();
            // CONNECT request: VER CMD RSV ATYP ADDR PORT
            byte[] head = new byte[4];
            in.readFully(head);
            InetAddress address;
            if (head[3] == 1) {
                byte[] a = new byte[4];
                in.readFully(a);
                address = InetAddress.getByAddress(a);
            } else if (head[3] == 4) {
                byte[] a = new byte[16];
                in.readFully(a);
                address = InetAddress.getByAddress(a);
            } else {
                return; // names are never sent: probes connect to resolved addresses
            }
            int port = in.readUnsignedShort();
            leg = new Leg(address.getHostAddress() + ":" + port, now());
            legs.add(leg);
            long start = System.nanoTime();
            // NO_PROXY: the relay's own socket must not be routed through the relay.
            Socket upstream = new Socket(Proxy.NO_PROXY);
            try {
                upstream.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress(address, port), 5000);
            } catch (IOException e) {
                sleepUntil(start + 2 * oneWayNanos);
                out.write(new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0}); // connection refused
                out.flush();
                leg.closed = now();
                return;
            }
            // SYN out, SYN-ACK back: the connect completes one round trip after it began.
            sleepUntil(start + 2 * oneWayNanos);
            out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
            out.flush();
            leg.connected = now();
            client.setSoTimeout(0); // relayed data waits as long as the two ends do; they bound their own reads
            Leg current = leg;
            try (upstream) {
                Thread up = pump(client.getInputStream(), upstream, current, true);
                Thread down = pump(upstream.getInputStream(), client, current, false);
                up.join();
                down.join();
            }
        } catch (IOException | InterruptedException e) {
            // a side went away: that ends the relayed connection
        } finally {
            if (leg != null && leg.closed < 0) {
                leg.closed = now();
            }
        }
    }

    /** Reads from {@code from}, and writes each chunk to {@code to} one-way-delay later, in order. */
    private Thread pump(InputStream from, Socket to, Leg leg, boolean upstream) {
        BlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Object[] item = queue.take();
                    sleepUntil((Long) item[0]);
                    byte[] bytes = (byte[]) item[1];
                    if (bytes.length == 0) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(bytes);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                closeQuietly(to);
            }
        }, "relay-write");
        writer.setDaemon(true);
        writer.start();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    double t = now();
                    if (upstream) {
                        if (leg.firstUp < 0) {
                            leg.firstUp = t;
                            leg.request = describe(Arrays.copyOf(buffer, n));
                        }
                        leg.bytesUp += n;
                    } else {
                        if (leg.firstDown < 0) {
                            leg.firstDown = t;
                        }
                        leg.bytesDown += n;
                    }
                    queue.add(new Object[] {System.nanoTime() + oneWayNanos, Arrays.copyOf(buffer, n)});
                }
            } catch (IOException e) {
                // reset or closed
            }
            queue.add(new Object[] {System.nanoTime() + oneWayNanos, new byte[0]});
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "relay-read");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** A name for the first bytes a probe sent: which conversation this leg is. */
    static String describe(byte[] first) {
        // TPKT + X.224 CR: the RDP_NEG_REQ's requestedProtocols is the last 4 bytes (little-endian).
        if (first.length >= 11 && first[0] == 3 && first[5] == (byte) 0xE0) {
            int len = ((first[2] & 0xff) << 8) | (first[3] & 0xff);
            if (len >= 19 && first.length >= len && first[len - 8] == 1) {
                int requested = (first[len - 4] & 0xff) | (first[len - 3] & 0xff) << 8;
                return "x224 CR requested=0x" + Integer.toHexString(requested);
            }
            return "x224 CR (no negotiation)";
        }
        return first.length + " bytes";
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public void close() {
        closed = true;
        if (previous != null) {
            ProxySelector.setDefault(previous);
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
