package rdpcheck.lab;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import rdpcheck.probes.Target;

/**
 * A simulated RDP host on loopback: a real listening socket whose behaviour is a
 * {@link ConnectionHandler}. Used by tests, {@code rdpcheck demo} and the benchmarks; binds only
 * to loopback addresses. A {@link UdpListening} handler also gets a UDP socket on the same port
 * number (RDP-UDP); any other leaves that UDP port closed, so the host answers ICMP port unreachable.
 */
public final class LabHost implements AutoCloseable {

    /**
     * Waits after a failed accept, doubling from the first to the last: a listener out of file
     * descriptors (EMFILE) fails every accept at once, and retrying at once burns a core that the
     * probes under test need, without letting anything close a descriptor any sooner.
     */
    static final long FIRST_BACKOFF_MILLIS = 5;
    static final long MAX_BACKOFF_MILLIS = 1_000;

    private final String name;
    private final ServerSocket server;
    private final ConnectionHandler handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private final long acceptPauseMillis;
    private final Optional<DatagramSocket> datagrams;
    private final AtomicInteger datagramsReceived = new AtomicInteger();
    private final Thread datagramServer;
    private volatile boolean closed;

    private LabHost(String name, ServerSocket server, ConnectionHandler handler, long acceptPauseMillis) {
        this(name, server, handler, acceptPauseMillis, Optional.empty());
    }

    private LabHost(String name, ServerSocket server, ConnectionHandler handler, long acceptPauseMillis,
                    Optional<DatagramSocket> datagrams) {
        this.name = name;
        this.server = server;
        this.handler = handler;
        this.acceptPauseMillis = acceptPauseMillis;
        this.acceptor = new Thread(this::acceptLoop, "lab-" + name + "-accept");
        this.acceptor.setDaemon(true);
        this.datagrams = datagrams;
        this.datagramServer = new Thread(this::datagramLoop, "lab-" + name + "-udp");
        this.datagramServer.setDaemon(true);
    }

    /** UDP sockets a port-0 start tries before giving up: another socket may hold the TCP port's number on UDP. */
    static final int UDP_BIND_ATTEMPTS = 5;

    /** Starts a host on 127.0.0.1 and an ephemeral port. */
    public static LabHost start(String name, ConnectionHandler handler) throws IOException {
        return start(name, InetAddress.getLoopbackAddress(), 0, handler);
    }

    /** Starts a host on a loopback {@code address} (e.g. 127.0.0.7, for fleets) and {@code port} (0: any). */
    public static LabHost start(String name, InetAddress address, int port, ConnectionHandler handler) throws IOException {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("lab hosts bind to loopback only, not " + address);
        }
        for (int attempt = 1; ; attempt++) {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(address, port), 200);
            if (!(handler instanceof UdpListening)) {
                return listen(name, server, handler);
            }
            DatagramSocket udp;
            try {
                udp = new DatagramSocket(new InetSocketAddress(address, server.getLocalPort()));
            } catch (SocketException e) {
                server.close();
                if (port != 0 || attempt >= UDP_BIND_ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            LabHost host = new LabHost(name, server, handler, 0, Optional.of(udp));
            host.acceptor.start();
            host.datagramServer.start();
            return host;
        }
    }

    /**
     * A host like xrdp: it listens with a backlog of {@code backlog} (xrdp: 2) and spends
     * {@code acceptPause} after each accept before it takes the next (a server that sets up a
     * process or a session per connection). Linux keeps backlog + 1 connections waiting; a SYN
     * beyond that is dropped, and the client resends it only after a second.
     */
    public static LabHost startWithBacklog(String name, int backlog, java.time.Duration acceptPause,
                                           ConnectionHandler handler) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        LabHost host = new LabHost(name, server, handler, acceptPause.toMillis());
        host.acceptor.start();
        return host;
    }

    /**
     * A listener that completes TCP handshakes (the kernel does, up to its queue of {@code backlog})
     * and never accepts one: a hung service, or one whose accept queue is full. Clients connect,
     * send, and never hear back; once the queue is full their connects time out.
     */
    public static LabHost neverAccepting(String name, int backlog) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        return new LabHost(name, server, socket -> { }, 0); // the acceptor is never started
    }

    /** Serves {@code server}, already bound; tests hand in a listener whose accept fails. */
    static LabHost listen(String name, ServerSocket server, ConnectionHandler handler) {
        LabHost host = new LabHost(name, server, handler, 0);
        host.acceptor.start();
        return host;
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetAddress address() {
        return server.getInetAddress();
    }

    /** The target a user would type for this host, e.g. {@code 127.0.0.1:40123}. */
    public Target target() {
        String host = address().getHostAddress();
        return new Target(host, port(), host + ":" + port());
    }

    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Datagrams the host's UDP port received (always 0 for a host without {@link UdpListening}). */
    public int datagramsReceived() {
        return datagramsReceived.get();
    }

    /** Whether the accept loop still runs (it ends when the host or its listener is closed). */
    boolean accepting() {
        return acceptor.isAlive();
    }

    private void acceptLoop() {
        long backoff = 0;
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (closed || server.isClosed()) {
                    return; // closed by close(), or from outside: nothing more will ever be accepted
                }
                backoff = backoff == 0 ? FIRST_BACKOFF_MILLIS : Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return; // close() interrupts the wait
                }
                continue;
            }
            backoff = 0;
            accepted.incrementAndGet();
            open.add(socket);
            Thread worker = new Thread(() -> serve(socket), "lab-" + name + "-conn");
            worker.setDaemon(true);
            worker.start();
            if (acceptPauseMillis > 0) {
                try {
                    Thread.sleep(acceptPauseMillis);
                } catch (InterruptedException interrupted) {
                    return; // close() interrupts the wait
                }
            }
        }
    }

    private void datagramLoop() {
        DatagramSocket socket = datagrams.orElseThrow();
        DatagramHandler udp = ((UdpListening) handler).udp();
        byte[] buffer = new byte[65_535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (closed || socket.isClosed()) {
                    return;
                }
                continue; // an ICMP error from a client that went away: the next datagram is another's
            }
            datagramsReceived.incrementAndGet();
            List<byte[]> replies;
            try {
                replies = udp.answer(Arrays.copyOf(packet.getData(), packet.getLength()));
            } catch (RuntimeException e) {
                continue; // a lab host's own errors end that datagram's answer, as a connection's do
            }
            for (byte[] reply : replies) {
                try {
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                } catch (IOException e) {
                    break; // the client is gone (ICMP) or the host was closed
                }
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout(30_000);
            handler.handle(socket);
        } catch (SocketException e) {
            // the probe closed or reset its end: normal for a probe
        } catch (IOException | RuntimeException e) {
            // a lab host's job is to misbehave on purpose; its own errors end the connection
        } finally {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        acceptor.interrupt();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
        datagrams.ifPresent(socket -> {
            socket.close();
            try {
                datagramServer.join(1_000); // its port is free for the next host when close returns
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public String toString() {
        return name + "@" + target();
    }
}
