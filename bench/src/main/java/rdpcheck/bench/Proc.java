package rdpcheck.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an outside command (rdpcheck, nmap, sslscan, xfreerdp) the way a user does and measures it:
 * wall time, and CPU time — user + system of the command and every process it waited for, from the
 * shell's {@code times} — which other work on a shared machine disturbs far less than the wall.
 * {@link #instructions} counts the instructions of one run under valgrind, which load does not
 * change at all.
 */
final class Proc {

    /** One run: seconds of wall and of CPU (user + system, children included), exit code, stdout. */
    record Run(double wall, double cpu, int exit, String out) {
    }

    /** {@code times}' children line: user and system, e.g. {@code 0m0.350s 0m0.060s}. */
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");

    private Proc() {
    }

    static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        return run(command, Map.of(), timeoutSeconds);
    }

    /** Runs {@code command} with standard input closed, {@code env} added; stderr is discarded. */
    static Run run(List<String> command, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("rdpcheck-bench", ".out");
        try {
            List<String> wrapped = new ArrayList<>(List.of("sh", "-c",
                    "timeout -k 5 " + timeoutSeconds + " \"$@\" > \"$RDPCHECK_BENCH_OUT\" 2> /dev/null < /dev/null;"
                            + " s=$?; times; exit $s", "sh"));
            wrapped.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(wrapped).redirectErrorStream(true);
            builder.environment().put("NO_COLOR", "1");
            builder.environment().put("RDPCHECK_BENCH_OUT", out.toString());
            builder.environment().putAll(env);
            long started = System.nanoTime();
            Process process = builder.start();
            String times = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds + 10L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            double wall = (System.nanoTime() - started) / 1e9;
            return new Run(wall, childrenCpu(times), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The second line of {@code times}: the children's user and system time. */
    static double childrenCpu(String times) {
        Matcher m = TIMES.matcher(times);
        double cpu = Double.NaN;
        for (int line = 0; line < 2 && m.find(); line++) {
            cpu = Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))
                    + Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4));
        }
        return cpu;
    }

    /** {@code runs} runs one after another. */
    static List<Run> repeat(List<String> command, Map<String, String> env, int runs, int timeoutSeconds)
            throws IOException, InterruptedException {
        List<Run> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(run(command, env, timeoutSeconds));
        }
        return all;
    }

    /** Instructions of one run under valgrind (all threads, the JIT compilers included); empty without valgrind. */
    static Optional<Long> instructions(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        if (!onPath("valgrind")) {
            return Optional.empty();
        }
        List<String> wrapped = new ArrayList<>(List.of("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                "--smc-check=all-non-file"));
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(900, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("I\\s+refs:\\s+([\\d,]+)").matcher(err);
        return m.find() ? Optional.of(Long.parseLong(m.group(1).replace(",", ""))) : Optional.empty();
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The 1-minute load average now, for the figures measured at this moment. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static String seconds(double value) {
        return String.format(Locale.ROOT, "%.2f s", value);
    }
}
