package rdpcheck.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import rdpcheck.bot.cli.Main;

/**
 * (c) The fleet side, in its own JVM so its memory is measured alone: runs the real command
 * {@code rdpcheck check --targets FILE --json --parallel N} (JSON lines counted, not kept) and
 * prints one RESULT line with wall time, peak RSS (VmHWM) and peak heap.
 */
public final class FleetChild {

    public static void main(String[] args) throws Exception {
        String targets = args[0];
        String parallel = args[1];
        PrintStream realOut = System.out;
        long[] lines = {0};
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') {
                    lines[0]++;
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        lines[0]++;
                    }
                }
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
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                hwmKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        realOut.printf(Locale.ROOT, "RESULT exit=%d lines=%d seconds=%.3f vmhwm_kb=%d heap_peak_bytes=%d threads_peak=%d%n", exit,
                lines[0], seconds, hwmKb, heapPeak, ManagementFactory.getThreadMXBean().getPeakThreadCount());
        realOut.flush();
        System.exit(0);
    }
}
