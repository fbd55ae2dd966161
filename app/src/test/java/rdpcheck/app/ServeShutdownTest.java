package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rdpcheck.chat.slack.FakeSlack;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.Misbehaviours;

/**
 * {@code rdpcheck serve} as a real process (the CLI's main on this test's class path) connected
 * to {@link FakeSlack} over Socket Mode, stopped the way people and supervisors stop it: Ctrl-C is
 * SIGINT (what {@code kill -INT} sends; {@code Process.destroy()} would send SIGTERM).
 */
class ServeShutdownTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String BOT_TOKEN = "xoxb-0000000000-0000000000000-testtesttesttest";
    private static final String APP_TOKEN = "xapp-1-A0RDPCHECK-0000000000000-testtesttest";

    @TempDir
    Path dir;

    private Served serve(FakeSlack slack, Map<String, String> env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file", "/dev/null"),
                Main.class.getName(), "serve");
        builder.environment().keySet().removeIf(name -> name.startsWith("RDPCHECK_"));
        builder.environment().put("RDPCHECK_SLACK_BOT_TOKEN", BOT_TOKEN);
        builder.environment().put("RDPCHECK_SLACK_APP_TOKEN", APP_TOKEN);
        builder.environment().put("RDPCHECK_SLACK_API_URL", slack.apiUrl());
        builder.environment().putAll(env);
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
        return new Served(builder.start(), out, err);
    }

    private static void awaitServing(Served served, FakeSlack slack) throws Exception {
        long end = System.nanoTime() + START.toNanos();
        while (!served.stdout().contains("rdpcheck: serving slack")) {
            assertTrue(served.process().isAlive(), "serve exited early: " + served.stdout() + served.stderr());
            assertTrue(System.nanoTime() < end, "serve did not start: " + served.stdout() + served.stderr());
            Thread.sleep(50);
        }
        slack.awaitSocketConnections(1, WAIT);
    }

    private static void assertNoStackTrace(String output) {
        assertFalse(output.contains("Exception") || output.contains("\tat "), output);
    }

    /**
     * Whether SIGINT is ignored in this process, and so in the serve it starts: a shell without job
     * control starts background jobs that way, and the JVM then leaves Ctrl-C ignored, as it should.
     */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (ignored & (1L << (2 - 1))) != 0; // SIGINT is signal 2
            }
        }
        return false;
    }

    @Test
    void ctrlC_whileACheckRuns_theCheckIsAnsweredFirst_thenExit130_sayingSo_noStackTrace() throws Exception {
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (a background job of a shell without job control):"
                + " the serve it starts could not see Ctrl-C");
        try (FakeSlack slack = new FakeSlack(); LabHost silent = LabHost.start("silent", Misbehaviours.silent())) {
            String target = "127.0.0.1:" + silent.port();
            Served served = serve(slack, Map.of("RDPCHECK_POLICY_ALLOW_CIDRS", "127.0.0.0/8",
                    "RDPCHECK_POLICY_ALLOWED_PORTS", Integer.toString(silent.port()), "RDPCHECK_PROBE_DEADLINE", "3s"));
            try {
                awaitServing(served, slack);
                FakeSlack.Ack ack = slack.slashCommand(target, "C-STOP", "U1", slack.newResponseUrl()).get(20, TimeUnit.SECONDS);
                assertTrue(ack.text().contains("Checking"), ack.text());
                // The silent host keeps the check running until the probe deadline (3 s): Ctrl-C arrives meanwhile.
                long end = System.nanoTime() + WAIT.toNanos();
                while (silent.connectionsAccepted() == 0 && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
                assertTrue(silent.connectionsAccepted() > 0, "the check reached the host");
                assertTrue(slack.posted().stream().noneMatch(p -> p.channel().equals("C-STOP")), "not answered yet");

                long signalled = System.nanoTime();
                served.signal("INT");
                assertTrue(served.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS),
                        "still running " + WAIT.toSeconds() + " s after Ctrl-C: " + served.stderr());
                double seconds = (System.nanoTime() - signalled) / 1e9;

                assertEquals(130, served.process().exitValue(), "128 + SIGINT; " + served.stderr());
                List<FakeSlack.Posted> answer = slack.posted().stream()
                        .filter(p -> p.channel().equals("C-STOP") && p.method().equals("chat.postMessage")).toList();
                assertFalse(answer.isEmpty(), "the running check was answered before the connection closed");
                assertTrue(answer.get(0).threadTs() == null && answer.get(0).blockText().contains(target),
                        answer.get(0).blockText());
                assertTrue(answer.get(0).receivedNanos() > signalled, "answered after Ctrl-C, so it was running then");
                String err = served.stderr();
                assertTrue(err.contains("rdpcheck: shutting down: running checks finish first"), err);
                assertTrue(err.contains("rdpcheck: stopped in"), err);
                assertNoStackTrace(err + served.stdout());
                assertFalse(err.contains(BOT_TOKEN) || err.contains(APP_TOKEN) || served.stdout().contains(BOT_TOKEN),
                        "tokens never in the output");
                System.out.printf(java.util.Locale.ROOT, "serve: exited %d %.2f s after Ctrl-C, the running check answered first%n",
                        served.process().exitValue(), seconds);
                assertTrue(seconds < 10, "exited " + seconds + " s after Ctrl-C (3 s probe deadline)");
            } finally {
                served.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void sigterm_whenIdle_exits143WithinSeconds_sayingSo() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            Served served = serve(slack, Map.of());
            try {
                awaitServing(served, slack);
                long signalled = System.nanoTime();
                served.signal("TERM");
                assertTrue(served.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), served.stderr());
                double seconds = (System.nanoTime() - signalled) / 1e9;
                assertEquals(143, served.process().exitValue(), "128 + SIGTERM; " + served.stderr());
                assertTrue(served.stderr().contains("rdpcheck: shutting down"), served.stderr());
                assertNoStackTrace(served.stderr() + served.stdout());
                System.out.printf(java.util.Locale.ROOT, "serve: exited %d %.2f s after SIGTERM, idle%n",
                        served.process().exitValue(), seconds);
                assertTrue(seconds < 8, "exited " + seconds + " s after SIGTERM with nothing running");
            } finally {
                served.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
