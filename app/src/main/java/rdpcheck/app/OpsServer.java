package rdpcheck.app;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import rdpcheck.chat.Platform;

/**
 * {@code /metrics} (Prometheus text format) and {@code /health} on one port, served by the JDK.
 * Health is 200 while every configured platform is connected, else 503; the body has one line per
 * platform: {@code slack: connected}, or what is wrong and when the next attempt is.
 */
final class OpsServer implements AutoCloseable {

    private final HttpServer server;

    private OpsServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on {@code port} (0: any free port) on all interfaces, for a scraper on another host. */
    public static OpsServer start(int port, PrometheusMeterRegistry registry, Supplier<List<Platform>> platforms)
            throws IOException {
        return start(new InetSocketAddress(port), registry, platforms);
    }

    /** Starts on {@code bind} ({@code metrics.bind}, {@code metrics.port}). */
    public static OpsServer start(InetSocketAddress bind, PrometheusMeterRegistry registry,
                                  Supplier<List<Platform>> platforms) throws IOException {
        Objects.requireNonNull(registry, "registry");
        HttpServer server = HttpServer.create(bind, 16);
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
            }
        });
        server.createContext("/health", exchange -> {
            try (exchange) {
                List<Platform> all = platforms.get();
                boolean up = all.stream().allMatch(Platform::connected);
                String body = all.isEmpty() ? "ok: no chat platform configured (console)\n"
                        : all.stream().map(p -> p.name() + ": " + (p.connected() ? "connected" : p.state()))
                                .collect(Collectors.joining("\n", "", "\n"));
                send(exchange, up ? 200 : 503, "text/plain; charset=utf-8", body);
            }
        });
        server.setExecutor(null);
        server.start();
        return new OpsServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
