package rdpcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An async-profiler CPU profile (collapsed stacks: {@code frame;frame;... count} per line) summed
 * into the parts a fleet's CPU goes to. A sample counts for the first part whose frame patterns its
 * stack contains, in the order below, so every sample counts once.
 */
final class CollapsedProfile {

    private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("JIT compilation (C1/C2 compiler threads)", List.of("CompileBroker::"));
        PARTS.put("garbage collection", List.of("G1", "GangWorker", "WorkerThread::run", "ConcurrentGCThread"));
        PARTS.put("TLS handshakes (Bouncy Castle, crypto included)", List.of("org/bouncycastle/tls/", "rdpcheck/probes/tls/"));
        PARTS.put("certificate analysis", List.of("rdpcheck/probes/cert/"));
        PARTS.put("diagnosis, report, JSON output", List.of("rdpcheck/probes/diagnosis/", "rdpcheck/probes/report/",
                "com/fasterxml/jackson", "rdpcheck/checks/JsonLines"));
        PARTS.put("sockets (connect, read, write, close)", List.of("rdpcheck/probes/net/Connection", "NioSocketImpl",
                "sun/nio/ch/Net."));
        PARTS.put("other probe code (X.224, CredSSP, runner, threads)", List.of("rdpcheck/probes/"));
        PARTS.put("the bench's own line counting", List.of("rdpcheck/bench/"));
    }

    private CollapsedProfile() {
    }

    /** Markdown rows {@code | part | share |}, largest first, then the sample count. */
    static String table(Path collapsed) throws IOException {
        String rest = "other (JVM, kernel, class loading)";
        Map<String, Long> counts = sum(Files.readAllLines(collapsed), PARTS, rest);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder md = new StringBuilder("| where the checker's CPU went | share |\n|---|---|\n");
        long all = Math.max(1, total);
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> md.append(String.format(Locale.ROOT, "| %s | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / all)));
        md.append(String.format(Locale.ROOT, "%n%d samples (async-profiler, event cpu, 1 ms).%n", total));
        return md.toString();
    }

    /**
     * Samples per part of collapsed stacks ({@code frame;frame;... count} per line): a sample counts for the
     * first part whose frame patterns its stack contains, in the order of {@code parts}, else for {@code rest}.
     */
    static Map<String, Long> sum(List<String> lines, Map<String, List<String>> parts, String rest) {
        Map<String, Long> counts = new LinkedHashMap<>();
        parts.keySet().forEach(part -> counts.put(part, 0L));
        counts.put(rest, 0L);
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long samples = Long.parseLong(line.substring(space + 1).trim());
            String stack = line.substring(0, space);
            String part = rest;
            for (Map.Entry<String, List<String>> entry : parts.entrySet()) {
                if (entry.getValue().stream().anyMatch(stack::contains)) {
                    part = entry.getKey();
                    break;
                }
            }
            counts.merge(part, samples, Long::sum);
        }
        return counts;
    }
}
