package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rdpcheck.chat.slack.FakeSlack;

/**
 * {@code rdpcheck serve} as a real process meeting a broken world at start-up: a Slack API name
 * that does not resolve (the child JVM resolves from a hosts file this test writes, which lacks
 * the name), a refused token, and no platform at all without a terminal. It must say which, in
 * one line per attempt, with no stack trace, serve {@code /health} meanwhile, and exit non-zero
 * only when waiting cannot help.
 */
class ServeStartupTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BOT_TOKEN = "xoxb-0000000000-0000000000000-testtesttesttest";
    private static final String APP_TOKEN = "xapp-1-A0RDPCHECK-0000000000000-testtesttest";

    @TempDir
    Path dir;

    private Served serve(Map<String, String> env) throws IOException {
        return Served.start(dir, "serve", env);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void assertNoStackTrace(String output) {
        assertFalse(output.contains("Exception") || output.contains("\tat "), output);
    }

    private static long lines(String text, String containing) {
        return text.lines().filter(line -> line.contains(containing)).count();
    }

    @Test
    void noPlatform_stdinNotATerminal_exits2_sayingWhy() throws Exception {
        Served served = serve(Map.of());
        try {
            assertTrue(served.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "serve kept running");
            assertEquals(2, served.process().exitValue(), served.stderr());
            assertTrue(served.stderr().contains("no chat platform is configured")
                    && served.stderr().contains("not a terminal"), served.stderr());
            assertNoStackTrace(served.stderr() + served.stdout());
        } finally {
            served.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void slackNameDoesNotResolve_keepsRetrying_oneLinePerAttempt_healthSays503WithTheReason_metricsServed() throws Exception {
        int metrics = freePort();
        Served served = serve(Map.of("RDPCHECK_SLACK_BOT_TOKEN", BOT_TOKEN, "RDPCHECK_SLACK_APP_TOKEN", APP_TOKEN,
                "RDPCHECK_SLACK_API_URL", "https://slack.rdpcheck.test/api/", "RDPCHECK_METRICS_PORT", Integer.toString(metrics)));
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI health = URI.create("http://127.0.0.1:" + metrics + "/health");
            long end = System.nanoTime() + WAIT.toNanos();
            HttpResponse<String> answer = null;
            while (System.nanoTime() < end) {
                assertTrue(served.process().isAlive(), "serve exited: " + served.stderr());
                try {
                    answer = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.body().contains("does not resolve")) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            assertTrue(answer != null && answer.statusCode() == 503, "health: " + answer);
            assertTrue(answer.body().contains("slack: name does not resolve: auth.test (slack.rdpcheck.test does not resolve)"),
                    answer.body());
            // The second attempt comes 2.5 to 5 s after the first (5 s with jitter); both are one line each.
            while (lines(served.stderr(), "slack: cannot connect") < 2 && System.nanoTime() < end) {
                assertTrue(served.process().isAlive(), "serve exited: " + served.stderr());
                Thread.sleep(100);
            }
            String err = served.stderr();
            assertEquals(2, lines(err, "slack: cannot connect: name does not resolve"), err);
            assertTrue(err.lines().count() <= 8, "a handful of lines, not a flood:\n" + err);
            assertNoStackTrace(err + served.stdout());
            assertFalse(err.contains(BOT_TOKEN) || err.contains(APP_TOKEN), "tokens never in the output");

            String scraped = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(scraped.contains("rdpcheck_platform_connected{platform=\"slack\"} 0.0"), scraped);
            assertTrue(scraped.contains("jvm_memory_used_bytes") && scraped.contains("process_cpu_usage")
                    && scraped.contains("jvm_threads_live_threads") && scraped.contains("process_uptime_seconds"), scraped);
        } finally {
            served.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void slackRefusesTheToken_exits2_withOneLineNamingIt() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            slack.failMethod("auth.test", 200, "invalid_auth", 0);
            Served served = serve(Map.of("RDPCHECK_SLACK_BOT_TOKEN", BOT_TOKEN, "RDPCHECK_SLACK_APP_TOKEN", APP_TOKEN,
                    "RDPCHECK_SLACK_API_URL", slack.apiUrl()));
            try {
                assertTrue(served.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "serve kept running: " + served.stderr());
                assertEquals(2, served.process().exitValue(), served.stderr());
                String err = served.stderr();
                assertEquals(1, lines(err, "slack: token refused: Slack refused slack.bot_token (invalid_auth from auth.test)"), err);
                assertTrue(err.contains("every configured chat platform refused its token"), err);
                assertNoStackTrace(err + served.stdout());
                assertEquals(1, slack.calls("auth.test"));
            } finally {
                served.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
