package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckSettings;
import rdpcheck.chat.Platform;
import rdpcheck.probes.Findings;
import rdpcheck.probes.Target;
import rdpcheck.probes.report.Report;

class OpsServerTest {

    @Test
    void health_failsWhileAPlatformIsDown_andMetricsShowChecksAndCache() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicBoolean up = new AtomicBoolean(true);
        Platform slack = new Platform() {
            @Override public String name() { return "slack"; }
            @Override public void start() { }
            @Override public boolean connected() { return up.get(); }
            @Override public void close() { }
        };
        Target target = new Target("rdp01.corp", 3389, "rdp01.corp");
        try (CheckService service = new CheckService(t -> new Report(t, java.time.Instant.now(), 1, "fine", List.of(),
                Findings.empty()), CheckSettings.defaults(), registry);
             OpsServer server = OpsServer.start(0, registry, () -> List.of(slack))) {
            service.submit(target, false).answer().get(5, TimeUnit.SECONDS);
            service.submit(target, false).answer().get(5, TimeUnit.SECONDS);
            HttpClient client = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + server.port());

            assertEquals(200, get(client, base.resolve("/health")).statusCode());
            up.set(false);
            HttpResponse<String> down = get(client, base.resolve("/health"));
            assertEquals(503, down.statusCode());
            assertTrue(down.body().contains("slack"), down.body());

            String metrics = get(client, base.resolve("/metrics")).body();
            assertTrue(metrics.contains("rdpcheck_cache_requests_total{result=\"hit\"} 1.0"), metrics);
            assertTrue(metrics.contains("rdpcheck_cache_requests_total{result=\"miss\"} 1.0"), metrics);
            assertTrue(metrics.contains("rdpcheck_check_duration_seconds_count 1"), metrics);
            assertTrue(metrics.contains("rdpcheck_checks_queued"), metrics);
        }
    }

    @Test
    void bind_listensOnTheGivenAddressOnly() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        java.net.InetAddress two = java.net.InetAddress.getByName("127.0.0.2");
        try (OpsServer server = OpsServer.start(new java.net.InetSocketAddress(two, 0), registry, List::of)) {
            HttpClient client = HttpClient.newHttpClient();
            assertEquals(200, get(client, URI.create("http://127.0.0.2:" + server.port() + "/health")).statusCode());
            try (java.net.Socket other = new java.net.Socket()) {
                other.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 2_000);
                org.junit.jupiter.api.Assertions.fail("metrics.bind 127.0.0.2 must not listen on 127.0.0.1 too");
            } catch (java.net.ConnectException expected) {
                // refused: nothing listens there
            }
        }
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
