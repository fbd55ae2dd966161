package rdpcheck.app.it;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import rdpcheck.lab.LabCertificate;

/**
 * A real nginx (Debian's package, installed by {@code it/install-peers.sh}) started by a test as a
 * reverse proxy in front of a lab RD Gateway: on a free loopback port, from a configuration and a
 * certificate written to a temporary directory, as one process in the foreground (no daemon, no
 * master/worker split, no privilege drop), stopped by its own process handle. Where nginx is not
 * installed the tests are skipped with a message, unless {@code CI=true} makes that a failure.
 */
final class RealNginx implements AutoCloseable {

    /** How the proxy treats what an RD Gateway client sends. */
    enum Mode {
        /** HTTP/1.1 to the gateway with Upgrade and Connection forwarded: the WebSocket upgrade passes. */
        UPGRADE_PASSED,
        /** nginx's defaults: HTTP/1.0 to the gateway, hop-by-hop Upgrade and Connection dropped. */
        UPGRADE_STRIPPED,
        /** An edge that answers any method but GET, HEAD and POST with 501 (RDG_OUT_DATA, RPC_IN_DATA included). */
        EDGE_501
    }

    static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));
    static final int START_SECONDS = 10;

    private final Process process;
    private final Path directory;
    private final int port;

    private RealNginx(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    static Optional<Path> binary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst();
    }

    /** Skips (or, where required, fails) unless nginx is installed. */
    static void assumeInstalled() {
        if (binary().isPresent()) {
            return;
        }
        String message = "the RD Gateway proxy tests need nginx: install it with `sudo bash it/install-peers.sh`";
        if (RealPeers.required()) {
            Assertions.fail(message + " (CI=true: in CI the real-server tests are required)");
        }
        System.err.println("SKIPPED " + message);
        Assumptions.abort(message);
    }

    /** nginx in {@code mode} in front of the plain-HTTP gateway on {@code backendPort}, serving {@code certificate}. */
    static RealNginx start(Mode mode, int backendPort, LabCertificate certificate) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("rdpcheck-nginx-");
        for (String dir : List.of("body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Files.createDirectories(directory.resolve(dir));
        }
        writePem(directory.resolve("cert.pem"), certificate);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path conf = directory.resolve("nginx.conf");
            Files.writeString(conf, config(mode, directory, port, backendPort), StandardCharsets.US_ASCII);
            Process process = new ProcessBuilder(binary().orElseThrow().toString(), "-p", directory.toString(),
                    "-c", conf.toString(), "-e", directory.resolve("error.log").toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
            if (listening(process, port)) {
                return new RealNginx(process, directory, port);
            }
            stop(process);
            last = new IOException("nginx did not listen on 127.0.0.1:" + port + " within " + START_SECONDS + " s: "
                    + log(directory));
        }
        throw last;
    }

    int port() {
        return port;
    }

    /** nginx's own error log, for a failing test's message. */
    String log() {
        return log(directory);
    }

    @Override
    public void close() {
        stop(process);
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    static String config(Mode mode, Path directory, int port, int backendPort) {
        String upstream = "proxy_pass http://127.0.0.1:" + backendPort + ";\n"
                + "      proxy_set_header Host $host;\n";
        String pass = upstream
                + "      proxy_http_version 1.1;\n"
                + "      proxy_set_header Upgrade $http_upgrade;\n"
                + "      proxy_set_header Connection $connection_upgrade;\n"
                + "      proxy_buffering off;\n"
                + "      proxy_request_buffering off;\n";
        String location = switch (mode) {
            case UPGRADE_PASSED -> pass;
            case UPGRADE_STRIPPED -> upstream;
            case EDGE_501 -> "if ($request_method !~ ^(GET|HEAD|POST)$) { return 501; }\n      " + pass;
        };
        String d = directory.toString();
        return "daemon off;\nmaster_process off;\nworker_processes 1;\n"
                + "pid " + d + "/nginx.pid;\n"
                + "error_log " + d + "/error.log info;\n"
                + "events { worker_connections 64; }\n"
                + "http {\n"
                + "  access_log off;\n"
                + "  client_body_temp_path " + d + "/body;\n  proxy_temp_path " + d + "/proxy;\n"
                + "  fastcgi_temp_path " + d + "/fastcgi;\n  uwsgi_temp_path " + d + "/uwsgi;\n  scgi_temp_path " + d + "/scgi;\n"
                + "  map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"
                + "  server {\n"
                + "    listen 127.0.0.1:" + port + " ssl;\n"
                + "    server_name gw.rdpcheck.test;\n"
                + "    ssl_certificate " + d + "/cert.pem;\n    ssl_certificate_key " + d + "/cert.pem;\n"
                + "    location / {\n      " + location + "    }\n"
                + "  }\n"
                + "}\n";
    }

    /** The chain (leaf first) and the private key (PKCS#8), PEM, in one file: nginx reads both from it. */
    private static void writePem(Path file, LabCertificate certificate) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (X509CertificateHolder holder : certificate.chain()) {
                pem(out, "CERTIFICATE", holder.getEncoded());
            }
            pem(out, "PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(certificate.privateKey()).getEncoded());
        }
    }

    private static void pem(Writer out, String type, byte[] der) throws IOException {
        out.write("-----BEGIN " + type + "-----\n");
        out.write(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der));
        out.write("\n-----END " + type + "-----\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(Process process, int port) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < until && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    private static void stop(Process process) {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String log(Path directory) {
        try {
            Path log = directory.resolve("error.log");
            String text = Files.exists(log) ? Files.readString(log) : "";
            Path stdout = directory.resolve("stdout.log");
            text += Files.exists(stdout) ? Files.readString(stdout) : "";
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
