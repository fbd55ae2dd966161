package rdpcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.probes.net.Connection;

/**
 * How a check treats a real server: per check, the connections it opened, the most it held open at
 * once, the SYNs the kernel had to send again, and the in-process check time. Run by
 * {@code bench/peers-schedule.sh} inside a network namespace of its own, where the peers are the only
 * other users of the TCP stack, so the kernel's counters ({@code /proc/net/snmp}, {@code
 * /proc/net/netstat}: TcpActiveOpens, TcpExtTCPSynRetrans, TcpRetransSegs) count this check alone.
 *
 * <p>Arguments: {@code REPEATS name=host:port ...}. Prints a Markdown table of medians (and maxima).
 */
public final class PeersScheduleBench {

    private PeersScheduleBench() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = Integer.parseInt(args[0]);
        ProbeRunner runner = Probes.standardRunner();
        Diagnostician diagnostician = new Diagnostician();
        StringBuilder md = new StringBuilder();
        md.append("| server | checks | connections per check | most in flight | SYNs resent (total) | segments resent (total) "
                + "| in-process ms (median, min-max) | diagnoses |\n|---|---|---|---|---|---|---|---|\n");
        for (int i = 1; i < args.length; i++) {
            String[] nameTarget = args[i].split("=", 2);
            String[] hostPort = nameTarget[1].split(":");
            Target target = new Target(hostPort[0], Integer.parseInt(hostPort[1]), nameTarget[1]);
            for (int w = 0; w < 3; w++) { // warm the JIT and the server
                runner.run(target, ProbeOptions.defaults());
                Thread.sleep(300);
            }
            List<Integer> connections = new ArrayList<>();
            List<Integer> inFlight = new ArrayList<>();
            List<Double> millis = new ArrayList<>();
            long synRetrans = 0;
            long retransSegs = 0;
            Map<String, Integer> verdicts = new HashMap<>();
            for (int r = 0; r < repeats; r++) {
                Map<String, Long> before = counters();
                AtomicInteger peak = new AtomicInteger();
                AtomicBoolean running = new AtomicBoolean(true);
                int base = Connection.openCount();
                Thread poller = new Thread(() -> {
                    while (running.get()) {
                        peak.accumulateAndGet(Connection.openCount() - base, Math::max);
                        Thread.onSpinWait();
                    }
                });
                poller.setDaemon(true);
                poller.start();
                CheckRun run = runner.run(target, ProbeOptions.defaults());
                running.set(false);
                poller.join();
                Thread.sleep(1_200); // a SYN resent late still lands in this check's count
                Map<String, Long> after = counters();
                connections.add((int) (after.get("Tcp.ActiveOpens") - before.get("Tcp.ActiveOpens")));
                synRetrans += after.get("TcpExt.TCPSynRetrans") - before.get("TcpExt.TCPSynRetrans");
                retransSegs += after.get("Tcp.RetransSegs") - before.get("Tcp.RetransSegs");
                inFlight.add(peak.get());
                millis.add(run.elapsed().toNanos() / 1e6);
                String ids = diagnostician.diagnose(run).stream().map(Diagnosis::id).collect(Collectors.joining(" "));
                verdicts.merge(ids, 1, Integer::sum);
                Thread.sleep(300);
            }
            md.append(String.format("| %s | %d | %s | %s | %d | %d | %.0f (%.0f-%.0f) | %s |%n", nameTarget[0], repeats,
                    medianInt(connections), medianInt(inFlight) + " (max " + inFlight.stream().mapToInt(x -> x).max().orElse(0) + ")",
                    synRetrans, retransSegs, median(millis), millis.stream().mapToDouble(x -> x).min().orElse(0),
                    millis.stream().mapToDouble(x -> x).max().orElse(0),
                    verdicts.entrySet().stream().map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining("; "))));
        }
        System.out.print(md);
    }

    private static String medianInt(List<Integer> values) {
        int[] sorted = values.stream().mapToInt(x -> x).sorted().toArray();
        return String.valueOf(sorted[sorted.length / 2]);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(x -> x).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** "Tcp.ActiveOpens" etc. from the two-line tables of /proc/net/snmp and /proc/net/netstat (this namespace's). */
    static Map<String, Long> counters() throws IOException {
        Map<String, Long> values = new HashMap<>();
        for (String file : List.of("/proc/net/snmp", "/proc/net/netstat")) {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                String[] names = lines.get(i).split("\\s+");
                String[] numbers = lines.get(i + 1).split("\\s+");
                String table = names[0].replace(":", "");
                for (int k = 1; k < Math.min(names.length, numbers.length); k++) {
                    values.put(table + "." + names[k], Long.parseLong(numbers[k]));
                }
            }
        }
        return values;
    }
}
