package rdpcheck.probes.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import rdpcheck.probes.AddressGate;
import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Probes;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.lab.Hostile;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;

/**
 * Every {@link Hostile} kind of server against the real probe runner, in a JVM with a 64 MiB heap
 * (the {@code hostile-small-heap} surefire execution of this module): the check ends in time,
 * its JSON is valid and carries a diagnosis and no exception text, no socket, descriptor or thread
 * is left, and once the answer is given the probes use no more CPU although the server goes on.
 */
class HostileKindsTest {

    static final Duration DEADLINE = Duration.ofSeconds(3);
    /** Generous: the runner's own grace is 300 ms; the rest is a busy 2-core machine. */
    static final Duration GRACE = Duration.ofSeconds(2);
    static final ProbeOptions OPTIONS = new ProbeOptions(DEADLINE, Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
            64 * 1024, AddressGate.ALLOW_ALL, Clock.systemUTC());
    /** After the answer, the window in which rdpcheck's threads' CPU time is measured, and what they may use in it. */
    static final Duration AFTER = Duration.ofMillis(600);
    static final Duration CPU_AFTER_LIMIT = Duration.ofMillis(150);
    static final long SMALL_HEAP = 96L << 20;
    /** Exception class names, stack frames and "Caused by": none may reach what a user reads. */
    static final Pattern TRACE = Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b|Throwable|\\bat [a-z]+\\.[a-z]"
            + "|Caused by|\\bjava\\.|org\\.bouncycastle|rdpcheck\\.probes\\.|Connection reset|Broken pipe");

    static final List<String> MEASURED = new ArrayList<>();

    @BeforeAll
    static void warmUp() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() <= SMALL_HEAP,
                "runs in the hostile-small-heap execution (-Xmx64m), not with " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        try (LabHost host = LabHost.start("warm-up", LabHosts.healthy())) {
            Probes.standardRunner().run(host.target(), OPTIONS.withDeadline(Duration.ofSeconds(20)));
        }
    }

    @AfterAll
    static void printMeasurements() {
        MEASURED.forEach(System.out::println);
    }

    @ParameterizedTest
    @EnumSource(Hostile.class)
    void hostileServer_endsInTimeWithDiagnosis_leavesNothingBehind(Hostile kind) throws Exception {
        int socketsBefore = Connection.openCount();
        Set<String> descriptorsBefore = openDescriptors();
        Set<String> threadsBefore = HostileServersTest.otherThreadNames();
        List<String> busyBefore = HostileServersTest.busyProbeThreads();
        CheckRun run;
        Duration elapsed;
        Duration cpuAfter;
        try (LabHost host = kind.start()) {
            long started = System.nanoTime();
            run = Probes.standardRunner().run(host.target(), OPTIONS);
            elapsed = Duration.ofNanos(System.nanoTime() - started);
            // the server goes on (flooding, dripping, holding the queue); rdpcheck must not
            long cpuBefore = probeCpuNanos();
            Thread.sleep(AFTER.toMillis());
            cpuAfter = Duration.ofNanos(probeCpuNanos() - cpuBefore);
        }
        String name = kind.name();
        assertTrue(elapsed.compareTo(DEADLINE.plus(GRACE)) <= 0, name + " took " + elapsed.toMillis() + " ms");
        assertTrue(cpuAfter.compareTo(CPU_AFTER_LIMIT) <= 0,
                name + ": rdpcheck threads used " + cpuAfter.toMillis() + " ms of CPU in the " + AFTER.toMillis()
                        + " ms after the answer");

        rdpcheck.probes.diagnosis.Invariants.assertHold(name, run);
        Report report = Report.of(run, new Diagnostician());
        String json = ReportJson.write(report, false);
        JsonNode tree = ReportJson.mapper().readTree(json);
        assertTrue(tree.path("diagnoses").isArray() && tree.path("diagnoses").size() > 0, name + ": no diagnosis in " + json);
        assertFalse(TRACE.matcher(json).find(), name + ": exception text in the JSON: " + json);
        List<String> ids = new ArrayList<>();
        tree.path("diagnoses").forEach(d -> ids.add(d.path("id").asText()));
        assertFalse(ids.contains("healthy"), name + " reported as healthy: " + json);

        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while ((Connection.openCount() != socketsBefore || !HostileServersTest.newBusy(busyBefore).isEmpty()
                || !newDescriptors(descriptorsBefore).isEmpty()) && System.nanoTime() < until) {
            Thread.sleep(25);
        }
        assertEquals(socketsBefore, Connection.openCount(), name + ": probe sockets left open");
        assertEquals(List.of(), HostileServersTest.newBusy(busyBefore), name + ": probe threads still working");
        Set<String> newThreads = HostileServersTest.otherThreadNames();
        newThreads.removeAll(threadsBefore);
        assertEquals(Set.of(), newThreads, name + ": threads left behind");
        assertEquals(List.of(), lastingNewDescriptors(descriptorsBefore), name + ": file descriptors left open");
        MEASURED.add(String.format("hostile %-24s %5d ms, CPU after the answer %3d ms, diagnoses %s", name,
                elapsed.toMillis(), cpuAfter.toMillis(), ids));
    }

    /** CPU time of every live rdpcheck thread (probes, legs, DNS, watchdog). */
    private static long probeCpuNanos() {
        com.sun.management.ThreadMXBean bean = HostileServersTest.threads();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (HostileServersTest.ours(thread.getName())) {
                total += Math.max(0, bean.getThreadCpuTime(thread.getId()));
            }
        }
        return total;
    }

    /** This process's open file descriptors as "number -> target" (Linux); empty where /proc is not there. */
    private static Set<String> openDescriptors() {
        Set<String> open = new java.util.TreeSet<>();
        File[] entries = new File("/proc/self/fd").listFiles();
        if (entries == null) {
            return open;
        }
        for (File entry : entries) {
            try {
                open.add(entry.getName() + " -> " + java.nio.file.Files.readSymbolicLink(entry.toPath()));
            } catch (java.io.IOException | UnsupportedOperationException closedMeanwhile) {
                // the descriptor of the listing itself, or one closed while listing
            }
        }
        return open;
    }

    /**
     * New descriptors still open in two listings 100 ms apart: the JVM itself opens files for an
     * instant (its container support reads /sys/fs/cgroup/.../memory.limit_in_bytes), and one
     * listing can catch that; a leaked descriptor is in both.
     */
    private static List<String> lastingNewDescriptors(Set<String> before) throws InterruptedException {
        List<String> first = newDescriptors(before);
        if (first.isEmpty()) {
            return first;
        }
        Thread.sleep(100);
        first.retainAll(newDescriptors(before));
        return first;
    }

    private static List<String> newDescriptors(Set<String> before) {
        List<String> added = new ArrayList<>(openDescriptors());
        added.removeAll(before);
        return added;
    }
}
