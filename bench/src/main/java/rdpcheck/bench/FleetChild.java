package rdpcheck.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import rdpcheck.app.Main;

/**
 * (c) The fleet side, in its own JVM so its memory is measured alone: runs the real command
 * {@code rdpcheck check --targets FILE --json --parallel N} (JSON lines counted, not kept) and
 * prints one RESULT line with wall time, peak RSS (VmHWM) and peak heap.
 */
public final class FleetChild {

    private static final Pattern TIMINGS = Pattern.compile("\"timings\":\\{([^}]*)\\}");
    private static final Pattern PAIR = Pattern.compile("\"([a-z-]+)\":([0-9.E-]+)");

    public static void main(String[] args) throws Exception {
        String targets = args[0];
        String parallel = args[1];
        PrintStream realOut = System.out;
        long[] lines = {0};
        Map<String, double[]> probeMillis = new TreeMap<>();
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        // Each JSON line's "timings" are summed per probe: which probe the fleet's time goes to.
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (b != '\n') {
                    line.write(b);
                    return;
                }
                lines[0]++;
                Matcher timings = TIMINGS.matcher(line.toString(java.nio.charset.StandardCharsets.UTF_8));
                if (timings.find()) {
                    Matcher pair = PAIR.matcher(timings.group(1));
                    while (pair.find()) {
                        double[] sum = probeMillis.computeIfAbsent(pair.group(1), k -> new double[2]);
                        sum[0] += Double.parseDouble(pair.group(2));
                        sum[1]++;
                    }
                }
                line.reset();
            }
        }, false));
        long started = System.nanoTime();
        int exit = Main.run("check", "--targets", targets, "--json", "--no-progress", "--parallel", parallel, "--timeout", "10");
        double seconds = (System.nanoTime() - started) / 1e9;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        long hwmKb = 0;
        for (String status : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (status.startsWith("VmHWM:")) {
                hwmKb = Long.parseLong(status.replaceAll("[^0-9]", ""));
            }
        }
        double cpuSeconds = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        // utime and stime (fields 14 and 15, in clock ticks of 1/100 s): how much of the CPU is the kernel's
        // (connects, accepts, thread starts) rather than the JVM's own work
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double userSeconds = Long.parseLong(fields[11]) / 100.0;
        double systemSeconds = Long.parseLong(fields[12]) / 100.0;
        StringBuilder probes = new StringBuilder();
        probeMillis.forEach((probe, sum) -> probes.append(String.format(Locale.ROOT, "%s:%.1f,", probe, sum[0] / sum[1])));
        realOut.printf(Locale.ROOT, "RESULT exit=%d lines=%d seconds=%.3f vmhwm_kb=%d heap_peak_bytes=%d threads_peak=%d"
                + " cpu_seconds=%.1f user_seconds=%.1f system_seconds=%.1f probe_mean_ms=%s%n", exit, lines[0], seconds,
                hwmKb, heapPeak, ManagementFactory.getThreadMXBean().getPeakThreadCount(), cpuSeconds, userSeconds,
                systemSeconds, probes);
        realOut.flush();
        System.exit(0);
    }
}
