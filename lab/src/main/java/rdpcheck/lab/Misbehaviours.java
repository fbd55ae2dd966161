package rdpcheck.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Handlers for hosts that are not (working) RDP servers. */
public final class Misbehaviours {

    private Misbehaviours() {
    }

    /** Accepts TCP and never says a word; reads and discards what it gets until the client leaves. */
    public static ConnectionHandler silent() {
        return socket -> {
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // keep the connection open and quiet
            }
        };
    }

    /**
     * A server overwhelmed by a burst, like xrdp whose listen backlog is 2: it serves {@code server}
     * to a connection only while at most {@code serving} are open, and stays silent on the ones that
     * arrive beyond that.
     */
    public static ConnectionHandler crowded(int serving, ConnectionHandler server) {
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        ConnectionHandler quiet = silent();
        return socket -> {
            try {
                if (open.incrementAndGet() <= serving) {
                    server.handle(socket);
                } else {
                    quiet.handle(socket);
                }
            } finally {
                open.decrementAndGet();
            }
        };
    }

    /** Closes at once after accepting. */
    public static ConnectionHandler hangUp() {
        return socket -> { };
    }

    /** Resets the connection (RST) as soon as the request arrives. */
    public static ConnectionHandler reset() {
        return socket -> {
            socket.getInputStream().read(new byte[64]);
            socket.setSoLinger(true, 0);
        };
    }

    /** Answers the request with fixed bytes, e.g. an HTTP response or an SSH banner. */
    public static ConnectionHandler replies(byte[] bytes) {
        return socket -> {
            socket.getInputStream().read(new byte[1024]);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        };
    }

    /** Sends its banner first, like SSH, without waiting for the client. */
    public static ConnectionHandler banner(byte[] bytes) {
        return socket -> {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            socket.getInputStream().read(new byte[1024]);
        };
    }

    /** Sends bytes without end, as fast as the client reads. */
    public static ConnectionHandler endless() {
        return socket -> {
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) 0x03);
            while (!socket.isClosed()) {
                out.write(chunk);
            }
        };
    }

    /** Sends {@code bytes} one byte every {@code intervalMillis}. */
    public static ConnectionHandler drip(byte[] bytes, long intervalMillis) {
        return socket -> {
            socket.getInputStream().read(new byte[1024]);
            OutputStream out = socket.getOutputStream();
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        };
    }

    // --- hostile servers: each tries to make a probe hang, hoard memory or leak a socket ---------

    /** Streams bytes that are not TPKT ('A's) without end, from the moment it accepts. */
    public static ConnectionHandler endlessNoise() {
        return socket -> {
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) 'A');
            while (!socket.isClosed()) {
                out.write(chunk);
            }
        };
    }

    /** Reads the request, announces a TPKT of 65535 bytes (the field's maximum), then streams bytes without end. */
    public static ConnectionHandler hugeTpkt() {
        return socket -> {
            socket.getInputStream().read(new byte[1024]);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x03, 0x00, (byte) 0xff, (byte) 0xff});
            byte[] chunk = new byte[8192];
            while (!socket.isClosed()) {
                out.write(chunk);
            }
        };
    }

    /** Reads the request, sends the first {@code count} bytes of {@code reply}, then resets the connection (RST). */
    public static ConnectionHandler resetAfter(byte[] reply, int count) {
        return socket -> {
            socket.getInputStream().read(new byte[1024]);
            OutputStream out = socket.getOutputStream();
            out.write(reply, 0, Math.min(count, reply.length));
            out.flush();
            socket.setSoLinger(true, 0); // close() now sends RST
        };
    }

    /**
     * Reads the request, confirms {@code selectedProtocol} (an RDP_NEG_RSP, as a TLS-capable server
     * would), then sends {@code after} instead of a TLS ServerHello and, if {@code endless}, keeps
     * repeating it until the client leaves.
     */
    public static ConnectionHandler confirmThen(int selectedProtocol, byte[] after, boolean endless) {
        return socket -> {
            socket.getInputStream().read(new byte[1024]);
            OutputStream out = socket.getOutputStream();
            out.write(rdpcheck.probes.rdp.ConnectionConfirm.encodeSelected(selectedProtocol, 0));
            out.flush();
            // the client speaks first in TLS: wait for its ClientHello, then answer with nonsense
            socket.getInputStream().read(new byte[4096]);
            do {
                out.write(after);
                out.flush();
            } while (endless && !socket.isClosed());
        };
    }
}
