package rdpcheck.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import rdpcheck.probes.Target;

/**
 * A loopback front for a lab host that counts, from the server's side, how many client connections
 * are open at once: what a check's per-host bound promises. It relays every connection to the host
 * behind it. One selector thread sees every close and every new connection, and handles the closes
 * of a round before its accepts. Even so the kernel may deliver a client's reset a moment after the
 * client's next connection (the two travel through different CPUs' queues), so a connection counts
 * as overlapping a later one only when it was still open {@link #SAME_MOMENT} after that one came.
 */
public final class CountingFront implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;
    static final long SAME_MOMENT = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);

    private final ServerSocketChannel listener;
    private final InetSocketAddress backend;
    private final Selector selector;
    private final Thread loop;
    private volatile boolean closed;
    /** Per client connection: when it came and when it ended (Long.MAX_VALUE while open). */
    private final List<long[]> lifetimes = new ArrayList<>();
    private volatile int accepted;

    private CountingFront(ServerSocketChannel listener, InetSocketAddress backend, Selector selector) {
        this.listener = listener;
        this.backend = backend;
        this.selector = selector;
        this.loop = new Thread(this::run, "lab-counting-front");
        this.loop.setDaemon(true);
    }

    /** A front on 127.0.0.1 (an ephemeral port) for {@code host}. */
    public static CountingFront before(LabHost host) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        listener.configureBlocking(false);
        Selector selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
        CountingFront front = new CountingFront(listener, new InetSocketAddress(host.address(), host.port()), selector);
        front.loop.start();
        return front;
    }

    public Target target() {
        InetSocketAddress local = (InetSocketAddress) listener.socket().getLocalSocketAddress();
        String host = local.getAddress().getHostAddress();
        return new Target(host, local.getPort(), host + ":" + local.getPort());
    }

    /** The most client connections that were open at the same time. */
    public synchronized int mostOpen() {
        int most = 0;
        for (long[] later : lifetimes) {
            int open = 0;
            for (long[] other : lifetimes) {
                if (other[0] <= later[0] && other[1] > later[0] + (other == later ? -1 : SAME_MOMENT)) {
                    open++;
                }
            }
            most = Math.max(most, open);
        }
        return most;
    }

    public int accepted() {
        return accepted;
    }

    /** The two ends of one relayed connection. */
    private record Pair(SocketChannel client, SocketChannel server, long[] lifetime) {
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        while (!closed) {
            try {
                selector.select();
            } catch (IOException e) {
                return;
            }
            List<SelectionKey> ready = new ArrayList<>(selector.selectedKeys());
            selector.selectedKeys().clear();
            for (SelectionKey key : ready) {
                if (key.isValid() && key.isReadable()) {
                    relay(key, buffer);
                }
            }
            for (SelectionKey key : ready) {
                if (key.isValid() && key.isAcceptable()) {
                    accept();
                }
            }
        }
    }

    private void accept() {
        SocketChannel client;
        try {
            client = listener.accept();
        } catch (IOException e) {
            return;
        }
        if (client == null) {
            return;
        }
        accepted++;
        long[] lifetime = {System.nanoTime(), Long.MAX_VALUE};
        synchronized (this) {
            lifetimes.add(lifetime);
        }
        try {
            SocketChannel server = SocketChannel.open(backend);
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client.configureBlocking(false);
            server.configureBlocking(false);
            Pair pair = new Pair(client, server, lifetime);
            client.register(selector, SelectionKey.OP_READ, pair);
            server.register(selector, SelectionKey.OP_READ, pair);
        } catch (IOException e) {
            closeQuietly(client);
            ended(lifetime);
        }
    }

    private void relay(SelectionKey key, ByteBuffer buffer) {
        Pair pair = (Pair) key.attachment();
        SocketChannel from = (SocketChannel) key.channel();
        SocketChannel to = from == pair.client() ? pair.server() : pair.client();
        buffer.clear();
        int n;
        try {
            n = from.read(buffer);
            if (n > 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer); // loopback, a few kilobytes: the socket buffer takes it at once
                }
            }
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            end(pair);
        }
    }

    private synchronized void ended(long[] lifetime) {
        lifetime[1] = Math.min(lifetime[1], System.nanoTime());
    }

    private void end(Pair pair) {
        ended(pair.lifetime());
        closeQuietly(pair.client());
        closeQuietly(pair.server());
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            loop.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        try {
            selector.close();
            listener.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
