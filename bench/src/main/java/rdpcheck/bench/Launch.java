package rdpcheck.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two ways the benchmarks start rdpcheck, side by side: {@code java -jar} with the JVM's
 * defaults (how every command ran before the launcher) and {@code bin/rdpcheck} (the launcher:
 * JVM options per command, the class-data-sharing archive). {@code RDPCHECK_BENCH_BASELINE_JAR}
 * adds a third: an older jar run with {@code java -jar}, to show before and after in one run.
 */
record Launch(String label, List<String> prefix) {

    static List<Launch> all(Path root) {
        List<Launch> launches = new ArrayList<>();
        String baseline = System.getenv("RDPCHECK_BENCH_BASELINE_JAR");
        if (baseline != null && !baseline.isBlank()) {
            launches.add(new Launch("baseline jar, java -jar", List.of(java(), "-jar", baseline)));
        }
        launches.add(new Launch("java -jar", List.of(java(), "-jar", root.resolve("app/target/rdpcheck.jar").toString())));
        launches.add(new Launch("bin/rdpcheck", List.of(root.resolve("bin/rdpcheck").toString())));
        return launches;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    List<String> command(String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(Arrays.asList(args));
        return command;
    }

    boolean isLauncher() {
        return prefix.size() == 1 && prefix.get(0).endsWith("bin/rdpcheck");
    }

    /**
     * The java command line this launch runs for {@code args} (the launcher's own, from its dry run),
     * for valgrind, which should count the JVM rather than the shell script around it.
     */
    List<String> javaCommand(String... args) throws IOException, InterruptedException {
        if (!isLauncher()) {
            return command(args);
        }
        Proc.Run dryRun = Proc.run(command(args), Map.of("RDPCHECK_LAUNCHER", "dry-run"), 30);
        String line = dryRun.out().lines().findFirst().orElseThrow();
        return new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));
    }

    /** The JVM options the launcher gives {@code args} and the archive it uses, as it says in its dry run. */
    static Optional<List<String>> launcherOptions(Path root, String... args) throws IOException, InterruptedException {
        List<String> command = new Launch("bin/rdpcheck", List.of(root.resolve("bin/rdpcheck").toString())).javaCommand(args);
        int jar = command.indexOf("-jar");
        return jar < 1 ? Optional.empty() : Optional.of(List.copyOf(command.subList(1, jar)));
    }
}
