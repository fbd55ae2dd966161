package rdpcheck.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Target;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;
import rdpcheck.checks.JsonLines;
import rdpcheck.checks.ProgressBar;
import rdpcheck.checks.TargetList;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FleetRunnerTest {

    private final List<LabHost> hosts = new ArrayList<>();

    @AfterEach
    void stopHosts() {
        hosts.forEach(LabHost::close);
    }

    private Target start(String name, ConnectionHandler handler) throws IOException {
        LabHost host = LabHost.start(name, handler);
        hosts.add(host);
        return host.target();
    }

    /** A loopback port nobody listens on: bound, read, closed. */
    private static Target closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            return new Target("127.0.0.1", port, "127.0.0.1:" + port);
        }
    }

    /** Answers like {@code inner} after {@code millis}: a host far away. */
    private static ConnectionHandler slow(ConnectionHandler inner, long millis) {
        return socket -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            inner.handle(socket);
        };
    }

    private static ProbeOptions options() {
        return ProbeOptions.defaults().withDeadline(Duration.ofSeconds(5));
    }

    @Test
    void run_labHosts_oneResultPerHostInInputOrder() throws Exception {
        int before = Connection.openCount();
        List<Target> targets = List.of(start("nla", LabHosts.nlaRequired()), closedPort(),
                start("rdp-only", LabHosts.rdpOnly()), start("http", LabHosts.http()));

        FleetResult result = FleetRunner.standard(options(), 4).run(targets, FleetRunner.Listener.NONE);

        assertEquals(targets, result.hosts().stream().map(HostResult::target).collect(Collectors.toList()));
        for (HostResult host : result.hosts()) {
            assertInstanceOf(HostResult.Checked.class, host);
        }
        Report refused = ((HostResult.Checked) result.hosts().get(1)).report();
        JsonNode tcp = ReportJson.mapper().readTree(ReportJson.write(refused, false)).path("findings").path("tcp");
        assertEquals("REFUSED", tcp.path("result").path("attempts").path(0).path("state").asText(), tcp.toString());
        assertEquals(before, Connection.openCount(), "a probe connection was left open");
    }

    @Test
    void run_moreHostsThanParallelism_neverExceedsTheBound() throws Exception {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            targets.add(start("slow-" + i, slow(LabHosts.negotiate(), 80)));
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        FleetRunner standard = FleetRunner.standard(options(), 3);
        FleetRunner counting = new FleetRunner(target -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                return checkWith(standard, target);
            } finally {
                inFlight.decrementAndGet();
            }
        }, 3);

        FleetResult result = counting.run(targets, FleetRunner.Listener.NONE);

        assertEquals(9, result.hosts().size());
        assertEquals(3, peak.get(), "checks in flight at the same time");
        assertTrue(result.hosts().stream().allMatch(h -> h instanceof HostResult.Checked));
    }

    /** The standard checker of {@code runner}, for one target. */
    private static Report checkWith(FleetRunner runner, Target target) {
        try {
            return ((HostResult.Checked) runner.run(List.of(target), FleetRunner.Listener.NONE).hosts().get(0)).report();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void jsonLines_slowFirstHost_linesStillInInputOrderAndEqualSingleHostJson() throws Exception {
        List<Target> targets = List.of(start("slow", slow(LabHosts.nlaRequired(), 150)), start("fast", LabHosts.rdpOnly()),
                closedPort());
        StringWriter text = new StringWriter();
        List<Integer> finishOrder = new ArrayList<>();
        FleetRunner.Listener order = new FleetRunner.Listener() {
            @Override
            public void finished(int index, HostResult result, int done, int total) {
                finishOrder.add(index);
            }
        };

        FleetResult result = FleetRunner.standard(options(), 3).run(targets, order.andThen(new JsonLines(new PrintWriter(text))));

        assertEquals(0, finishOrder.get(2), "the slow host finished last");
        List<String> lines = text.toString().lines().collect(Collectors.toList());
        assertEquals(3, lines.size());
        for (int i = 0; i < 3; i++) {
            JsonNode node = ReportJson.mapper().readTree(lines.get(i));
            assertEquals(targets.get(i).input(), node.path("target").path("input").asText());
            assertEquals(ReportJson.write(((HostResult.Checked) result.hosts().get(i)).report(), false), lines.get(i));
        }
    }

    @Test
    void brokenChecker_oneHostBroken_othersStillChecked() throws Exception {
        List<Target> targets = List.of(new Target("127.0.0.1", 1, "a"), new Target("127.0.0.2", 1, "b"));
        FleetRunner standard = FleetRunner.standard(options(), 1);
        FleetRunner runner = new FleetRunner(target -> {
            if (target.input().equals("a")) {
                throw new IllegalStateException("rule crashed");
            }
            return checkWith(standard, target);
        }, 2);

        FleetResult result = runner.run(targets, FleetRunner.Listener.NONE);

        assertEquals(new HostResult.Broken(targets.get(0), "the check failed inside rdpcheck (a bug, not the host's doing)"),
                result.hosts().get(0));
        assertInstanceOf(HostResult.Checked.class, result.hosts().get(1));
        assertTrue(result.hasProblems());
        String line = JsonLines.line(result.hosts().get(0));
        assertEquals("{\"target\":{\"input\":\"a\",\"host\":\"127.0.0.1\",\"port\":1},\"problems\":true,"
                + "\"error\":\"the check failed inside rdpcheck (a bug, not the host's doing)\"}", line);
    }

    @Test
    void start_runsOffTheCallersThread() throws Exception {
        TargetList list = TargetList.fromArguments(List.of(start("nla", LabHosts.nlaRequired()).input()), 5);
        FleetResult result = FleetRunner.standard(options(), 2).start(list, FleetRunner.Listener.NONE).get(30, TimeUnit.SECONDS);
        assertEquals(1, result.hosts().size());
    }

    @Test
    void progressBar_drawsOnStderrAndClearsItsLineAtTheEnd() throws Exception {
        StringWriter err = new StringWriter();
        long[] now = {0};
        ProgressBar bar = new ProgressBar(new PrintWriter(err), () -> now[0], 0, text -> text, false);
        bar.started(4);
        now[0] += ProgressBar.MIN_REDRAW_NANOS;
        HostResult ok = FleetResultTest.host("10.0.0.1", rdpcheck.probes.diagnosis.Severity.OK, "healthy");
        HostResult bad = FleetResultTest.host("10.0.0.2", rdpcheck.probes.diagnosis.Severity.CRITICAL, "tcp.refused");
        bar.finished(0, bad, 1, 4);
        bar.finished(1, ok, 2, 4); // within the redraw interval: not drawn
        now[0] += ProgressBar.MIN_REDRAW_NANOS;
        bar.finished(2, ok, 3, 4);
        bar.finished(3, ok, 4, 4);
        String[] frames = err.toString().split("\r", -1);
        assertTrue(frames[1].startsWith("[" + ".".repeat(ProgressBar.WIDTH) + "] 0/4 hosts, 0 with problems"), frames[1]);
        assertTrue(frames[2].contains("1/4 hosts, 1 with problems"), frames[2]);
        assertTrue(frames[3].contains("3/4 hosts, 1 with problems"), frames[3]);
        assertTrue(frames[4].isBlank(), "the bar is wiped before the summary");
        assertEquals("", frames[5]);
        assertEquals(6, frames.length);
    }

    @Test
    void progressBar_manyPending_namesTheSlowestFew_countsTheRest_boundedWidth() {
        StringWriter err = new StringWriter();
        long[] now = {0};
        ProgressBar bar = new ProgressBar(new PrintWriter(err), () -> now[0], 0, text -> text, false);
        bar.started(20);
        for (int i = 0; i < 10; i++) {
            bar.checking(i, new rdpcheck.probes.Target("host" + i + "-" + "x".repeat(60) + ".corp", 3389, "host" + i
                    + "-" + "x".repeat(60) + ".corp"));
            now[0] += 1_000_000_000L;
        }
        bar.tick();
        String[] frames = err.toString().split("\r", -1);
        String last = frames[frames.length - 1];
        assertTrue(last.contains("10 running, waiting on host0-") && last.contains(", host1-") && last.contains(", host2-")
                && last.endsWith(" +7 more"), last);
        assertTrue(last.contains("(10 s)") && last.contains("(9 s)") && last.contains("(8 s)"), "slowest first: " + last);
        assertFalse(last.contains("host3-"), last);
        assertTrue(last.length() < 200, "bounded: " + last.length() + " " + last);

        for (int columns : new int[] {80, 100}) {
            StringWriter narrow = new StringWriter();
            ProgressBar fitting = new ProgressBar(new PrintWriter(narrow), () -> now[0], 0, text -> text, false, columns);
            fitting.started(20);
            for (int i = 0; i < 10; i++) {
                fitting.checking(i, new rdpcheck.probes.Target("h" + i + ".corp", 3389, "h" + i + ".corp"));
            }
            now[0] += 3_000_000_000L;
            fitting.tick();
            String[] narrowFrames = narrow.toString().split("\\r", -1);
            String fitted = narrowFrames[narrowFrames.length - 1];
            assertTrue(fitted.length() < columns, "one line of a " + columns + "-column terminal: " + fitted);
            assertTrue(fitted.contains("10 running"), fitted);
            if (columns == 100) {
                assertTrue(fitted.contains("waiting on h0.corp (3 s)") && fitted.matches(".* \\+\\d+ more"), fitted);
            }
        }
    }

    @Test
    void progressBar_timerRedrawsWhileEveryHostWaits_namesTheLongestWait_andSaysDuplicatesMerged() {
        StringWriter err = new StringWriter();
        long[] now = {0};
        ProgressBar bar = new ProgressBar(new PrintWriter(err), () -> now[0], 3, text -> text, false);
        bar.started(2);
        bar.checking(0, new rdpcheck.probes.Target("silent.corp", 3389, "silent.corp"));
        now[0] += 2_000_000_000L;
        bar.checking(1, new rdpcheck.probes.Target("other.corp", 3389, "other.corp"));
        now[0] += 3_000_000_000L;
        bar.tick(); // no host finished: the timer alone redraws
        String[] frames = err.toString().split("\r", -1);
        assertTrue(frames[0].startsWith("3 duplicate lines merged"), frames[0]);
        String last = frames[frames.length - 1];
        assertTrue(last.contains("0/2 hosts") && last.contains("5.0 s") && last.contains("2 running, waiting on silent.corp (5 s)"),
                last);
        assertTrue(last.contains("2 running, waiting on silent.corp (5 s), other.corp (3 s)"), "every pending host named: " + last);
        bar.finished(0, FleetResultTest.host("silent.corp", rdpcheck.probes.diagnosis.Severity.CRITICAL, "rdp.silent"), 1, 2);
        bar.finished(1, FleetResultTest.host("other.corp", rdpcheck.probes.diagnosis.Severity.OK, "healthy"), 2, 2);
        int length = err.toString().length();
        bar.tick(); // after the end: nothing more is drawn
        assertEquals(length, err.toString().length());
    }
}
