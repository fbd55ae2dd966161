package rdpcheck.chat;

import java.io.ByteArrayInputStream;
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
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

import rdpcheck.lab.LabCertificate;
import rdpcheck.lab.LabCertificates;

/**
 * Local stand-ins for the networks a chat platform's API sits behind, all on loopback, for the
 * connect-failure tests of each platform: a TLS server whose certificate nobody trusts, a
 * listener that never accepts (a black hole: the kernel completes the handshake, nothing ever
 * answers), and an HTTP proxy that refuses every request (407).
 */
public final class BrokenEndpoints {

    private BrokenEndpoints() {
    }

    /** A listening socket that is never accepted from: connections complete, then nothing is ever said. */
    public static ServerSocket blackHole() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** A port on loopback that nothing listens on (refused). */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Something on loopback that answers each connection on its own thread until closed. */
    public abstract static class Server implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread acceptor;
        private final AtomicInteger connections = new AtomicInteger();

        Server(ServerSocket socket, String name) {
            this.socket = socket;
            this.acceptor = new Thread(this::acceptAll, name);
            this.acceptor.setDaemon(true);
            this.acceptor.start();
        }

        public int port() {
            return socket.getLocalPort();
        }

        /** Connections accepted so far. */
        public int connections() {
            return connections.get();
        }

        abstract void serve(Socket client) throws IOException;

        private void acceptAll() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    connections.incrementAndGet();
                    Thread serving = new Thread(() -> {
                        try (client) {
                            client.setSoTimeout(5_000);
                            serve(client);
                        } catch (IOException e) {
                            // the client gave up (that is what these endpoints make it do)
                        }
                    }, "broken-endpoint-client");
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A TLS server with a self-signed certificate for a name no client asks for: every handshake fails on trust. */
    public static Server untrustedTls() throws Exception {
        LabCertificate certificate = LabCertificates.builder("untrusted.rdpcheck.test").dns("untrusted.rdpcheck.test")
                .ec("secp256r1").build(); // quick to make; the client refuses it on trust, not on the key
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Certificate leaf = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.leafDer()));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                PrivateKeyInfoFactory.createPrivateKeyInfo(certificate.privateKey()).getEncoded()));
        char[] password = "test".toCharArray();
        store.setKeyEntry("server", key, password, new Certificate[] {leaf});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        return new Server(socket, "untrusted-tls") {
            @Override
            void serve(Socket client) throws IOException {
                ((SSLSocket) client).startHandshake(); // the client aborts it: it does not trust the certificate
            }
        };
    }

    /** An HTTP proxy that answers every request, CONNECT included, with 407 Proxy Authentication Required. */
    public static Server refusingProxy() throws IOException {
        return new Server(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), "refusing-proxy") {
            @Override
            void serve(Socket client) throws IOException {
                InputStream in = client.getInputStream();
                StringBuilder head = new StringBuilder();
                for (int b; head.length() < 16_384 && (b = in.read()) >= 0; ) {
                    head.append((char) b);
                    if (head.toString().endsWith("\r\n\r\n")) {
                        break;
                    }
                }
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        };
    }

    /**
     * Sends every HTTP connection of this JVM through {@code proxy} until closed, as the standard
     * proxy settings ({@code -Dhttps.proxyHost=...}) do: OkHttp (Slack's Web API, JDA's REST) asks
     * the default {@link ProxySelector}.
     */
    public static AutoCloseable viaProxy(int proxyPort) {
        ProxySelector before = ProxySelector.getDefault();
        Proxy proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(), proxyPort));
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        });
        return () -> ProxySelector.setDefault(before);
    }

    /**
     * Waits until a platform connection failed three times or more, then asserts what every
     * network failure must look like: named ({@code kind}, the state while waiting), in one line
     * without a library's class name, retried with the backoff (each wait within {@code ceiling}),
     * and nobody told of a refusal. Returns the failure for what is particular to the test.
     */
    public static ConnectFailure awaitRetried(java.util.function.Supplier<Reconnector.State> state,
                                              java.util.function.IntSupplier attempts, List<ConnectFailure> refusals,
                                              ConnectFailure.Kind kind, java.time.Duration ceiling,
                                              java.time.Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (attempts.getAsInt() < 3 || !(state.get() instanceof Reconnector.Waiting)) {
            org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() < end, "three attempts; now " + state.get());
            Thread.sleep(10);
        }
        Reconnector.Waiting waiting = (Reconnector.Waiting) state.get();
        org.junit.jupiter.api.Assertions.assertEquals(kind, waiting.failure().kind(), waiting.failure().describe());
        org.junit.jupiter.api.Assertions.assertTrue(waiting.next().compareTo(java.time.Duration.ZERO) > 0
                && waiting.next().compareTo(ceiling) <= 0, "waits as the backoff says: " + waiting.next());
        org.junit.jupiter.api.Assertions.assertTrue(waiting.failures() >= 2, waiting.describe());
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), refusals, "a network failure is retried, not a refusal");
        org.junit.jupiter.api.Assertions.assertFalse(waiting.failure().describe()
                .matches("(?s).*(\\b[a-z]+\\.[a-z]+\\.[A-Za-z.]*[A-Z]\\w*(Exception|Error)|\n).*"),
                "one line, no class name: " + waiting.failure().describe());
        return waiting.failure();
    }
}
