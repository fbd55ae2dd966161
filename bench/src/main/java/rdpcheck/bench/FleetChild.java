package rdpcheck.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import rdpcheck.app.Main;

/**
 * (c) The fleet side, in its own JVM so its memory and CPU are measured alone: runs the real command
 * {@code rdpcheck check --targets FILE --json --parallel N} (JSON lines counted, not kept) ROUNDS
 * times and prints a ROUND line before each and a RESULT line after it: wall time, the JVM's CPU in
 * that round, peak RSS (VmHWM), peak heap and threads.
 */
public final class FleetChild {

    public static void main(String[] args) throws Exception {
        String targets = args[0];
        String parallel = args[1];
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        PrintStream realOut = System.out;
        long[] lines = {0};
        // JSON lines are counted, not kept
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') {
                    lines[0]++;
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (bytes[i] == '\n') {
                        lines[0]++;
                    }
                }
            }
        }, false));
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        for (int round = 1; round <= rounds; round++) {
            lines[0] = 0;
            realOut.println("ROUND " + round);
            realOut.flush();
            long cpuBefore = os.getProcessCpuTime();
            long started = System.nanoTime();
            int exit = Main.run("check", "--targets", targets, "--json", "--no-progress", "--parallel", parallel, "--timeout", "10");
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
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
            realOut.printf(Locale.ROOT, "RESULT round=%d exit=%d lines=%d seconds=%.3f vmhwm_kb=%d heap_peak_bytes=%d"
                    + " threads_peak=%d cpu_seconds=%.3f%n", round, exit, lines[0], seconds, hwmKb, heapPeak,
                    ManagementFactory.getThreadMXBean().getPeakThreadCount(), cpuSeconds);
            realOut.flush();
        }
        System.exit(0);
    }
}
