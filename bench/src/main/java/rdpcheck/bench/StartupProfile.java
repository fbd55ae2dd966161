package rdpcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where one short command's CPU goes, whole process: the command the launcher runs, several times with
 * async-profiler attached ({@code RDPCHECK_BENCH_AP_LOADER}, as for the fleet), the stacks summed into
 * the parts of a start. A sample counts for the first part whose frame patterns its stack contains, in
 * the order below, so every sample counts once; the milliseconds are per run.
 */
final class StartupProfile {

    private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("JIT compilation (C1 compiler thread)", List.of("CompileBroker::"));
        PARTS.put("garbage collection", List.of("GenCollectedHeap", "G1", "WorkerThread::run", "VM_GenCollect"));
        PARTS.put("the JVM opening the jar and finding the main class", List.of("sun/launcher/LauncherHelper"));
        // before the history: every command sets logging up, whichever of its threads asks for a logger first
        PARTS.put("logging set-up (SLF4J, Logback)", List.of("org/slf4j/LoggerFactory", "rdpcheck/app/logging/"));
        PARTS.put("history: opening the store (SQLite, schema; Jackson's start)", List.of("rdpcheck/store/Stores.history"));
        PARTS.put("history: recording the check (its JSON, which --json prints too; the insert) and comparing",
                List.of("rdpcheck/store/StoreHistory.checked", "rdpcheck/store/StoreHistory.compared"));
        PARTS.put("command line (picocli: annotations, proxies)", List.of("rdpcheck/app/Main.commandLineFor",
                "picocli/CommandLine.<init>"));
        PARTS.put("settings (config files, environment)", List.of("rdpcheck/config/", "rdpcheck/app/ConfigOption"));
        PARTS.put("TLS (Bouncy Castle) and certificate", List.of("org/bouncycastle/", "rdpcheck/probes/tls/",
                "rdpcheck/probes/cert/"));
        PARTS.put("diagnosis (rules, playbooks loaded from YAML) and report", List.of("rdpcheck/probes/diagnosis/",
                "rdpcheck/probes/report/"));
        PARTS.put("probes, sockets, runner", List.of("rdpcheck/probes/"));
        PARTS.put("output (text or JSON)", List.of("rdpcheck/app/", "rdpcheck/checks/"));
        PARTS.put("class loading and linking outside these", List.of("SystemDictionary::", "ClassLoader.loadClass",
                "InstanceKlass::link"));
    }

    private StartupProfile() {
    }

    /**
     * Profiles {@code javaCommand} (a java command line: {@code java OPTIONS -jar JAR ARGS}) {@code runs}
     * times, writing the stacks to {@code collapsed}; empty when no profiler is at hand.
     */
    static Optional<String> table(List<String> javaCommand, Map<String, String> env, int runs, Path collapsed, String what)
            throws IOException, InterruptedException {
        String profiler = System.getenv("RDPCHECK_BENCH_AP_LOADER");
        if (profiler == null || profiler.isBlank()) {
            return Optional.empty();
        }
        StringBuilder all = new StringBuilder();
        int profiled = 0;
        for (int i = 0; i < runs; i++) {
            Path one = Files.createTempFile("rdpcheck-bench-profile", ".collapsed");
            try {
                List<String> command = new ArrayList<>(javaCommand);
                command.add(1, "-javaagent:" + profiler + "=start,event=cpu,interval=1ms,collapsed,file=" + one);
                Proc.run(command, env, 120);
                String stacks = Files.readString(one);
                if (!stacks.isBlank()) {
                    all.append(stacks).append('\n');
                    profiled++;
                }
            } finally {
                Files.deleteIfExists(one);
            }
        }
        Files.writeString(collapsed, all);
        if (profiled == 0) {
            return Optional.empty();
        }
        return Optional.of(summarise(all.toString().lines().toList(), profiled, what, collapsed));
    }

    private static String summarise(List<String> lines, int runs, String what, Path collapsed) {
        Map<String, Long> counts = CollapsedProfile.sum(lines, PARTS,
                "the rest (JVM start, interpreter, class initialisation in the JDK)");
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Where the CPU of %s goes (async-profiler, event cpu, 1 ms; %d runs, %.0f ms"
                + " of CPU sampled per run; raw stacks: `bench/out/%s`):%n%n", what, runs, (double) total / runs,
                collapsed.getFileName()));
        md.append("| part | share | ms per run |\n|---|---|---|\n");
        long all = Math.max(1, total);
        counts.entrySet().stream().filter(e -> e.getValue() > 0).sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> md.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.0f |%n", e.getKey(),
                        100.0 * e.getValue() / all, (double) e.getValue() / runs)));
        return md.append('\n').toString();
    }
}
