package rdpcheck.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabHosts;

/**
 * The benchmarks of issue 7, run by {@code bench/run.sh}: writes {@code bench/RESULTS.md}.
 * Arguments: {@code --only a,b,c,d,e,g} (default all), {@code --quick} (fewer repetitions, for trying).
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        Set<String> only = Set.of("a", "b", "c", "d", "e", "g");
        boolean quick = false;
        Path root = Path.of(".").toAbsolutePath().normalize();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--only")) {
                only = Set.of(args[++i].split(","));
            } else if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--root")) {
                root = Path.of(args[++i]);
            }
        }
        Path work = root.resolve("bench/out");
        Files.createDirectories(work);
        String classpath = System.getProperty("java.class.path");

        StringBuilder md = new StringBuilder();
        md.append("# rdpcheck benchmarks\n\n");
        md.append("Written by `bench/run.sh` (one command: builds, then runs `rdpcheck.bench.Bench` from bench/src against the bot"
                + " and probes classes). Every figure below is from this one run.\n\n");
        md.append("- Date: ").append(Instant.now()).append('\n');
        md.append("- Machine: ").append(machine()).append('\n');
        md.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(", ").append(ManagementFactory.getRuntimeMXBean().getInputArguments()).append('\n');
        md.append("- Commit: ").append(ToolsBench.exec(List.of("git", "-C", root.toString(), "rev-parse", "--short", "HEAD"), 10)
                .output().strip()).append('\n');
        md.append("- Load average at start: ").append(Files.readString(Path.of("/proc/loadavg")).strip())
                .append(" (other work on this 2-core machine shows here; figures carry its noise)\n");
        md.append(quick ? "- **Quick mode**: fewer repetitions.\n\n" : "\n");

        if (only.contains("a")) {
            new SingleCheckBench(md, LabHosts.windowsServer2019Nla(), "LabHosts.windowsServer2019Nla()", quick).run();
            flush(root, md);
        }
        if (only.contains("b")) {
            new ChatAckBench(md, LabHosts.windowsServer2019Nla(), quick).run();
            flush(root, md);
        }
        if (only.contains("c")) {
            Map<String, ConnectionHandler> mix = new LinkedHashMap<>();
            mix.put("windows-2019-nla", LabHosts.windowsServer2019Nla());
            mix.put("expired-self-signed", LabHosts.expiredSelfSigned());
            mix.put("rdp-only", LabHosts.rdpOnly());
            mix.put("credssp-unpatched", LabHosts.credSspUnpatched());
            new FleetBench(md, mix, work, classpath, fleetParallels()).run();
            flush(root, md);
        }
        if (only.contains("c") || only.contains("cpu")) {
            new CpuBreakdown(md, LabHosts.windowsServer2019Nla(), "LabHosts.windowsServer2019Nla()", quick).run();
            flush(root, md);
        }
        if (only.contains("g")) {
            new GatewayBench(md, LabHosts.windowsServer2019Nla(), "LabHosts.windowsServer2019Nla()", quick).run();
            flush(root, md);
        }
        if (only.contains("e")) {
            new UdpCostBench(md, quick).run();
            flush(root, md);
        }
        if (only.contains("d")) {
            new ToolsBench(md, Path.of("/work/shared/peers"), root.resolve("app/target/rdpcheck.jar"), work).run();
            flush(root, md);
        }
        Path results = quick ? work.resolve("RESULTS.quick.md") : root.resolve("bench/RESULTS.md");
        Files.writeString(results, md, StandardCharsets.UTF_8);
        System.out.println(md);
        System.out.println("written: " + results);
        System.exit(0);
    }

    /**
     * The fleet runs: each --parallel of RDPCHECK_BENCH_PARALLEL (default "16,64") with the JVM's defaults, then
     * the first again with C1 only (-XX:TieredStopAtLevel=1): a profile showed C2 compiling a third of the
     * checker's CPU in a fresh JVM's 1,000-host run.
     */
    private static List<FleetBench.Variant> fleetParallels() {
        String value = System.getenv().getOrDefault("RDPCHECK_BENCH_PARALLEL", "16,64");
        List<FleetBench.Variant> variants = new java.util.ArrayList<>();
        for (String parallel : value.split(",")) {
            variants.add(new FleetBench.Variant(Integer.parseInt(parallel.trim()), List.of()));
        }
        variants.add(new FleetBench.Variant(variants.get(0).parallel(), List.of("-XX:TieredStopAtLevel=1")));
        if (System.getenv("RDPCHECK_BENCH_AP_LOADER") != null) {
            // the profile behind the figures: where a default JVM's checker spends its CPU
            variants.add(new FleetBench.Variant(variants.get(0).parallel(), List.of(), true));
        }
        return variants;
    }

    private static void flush(Path root, StringBuilder md) throws Exception {
        Files.writeString(root.resolve("bench/out/RESULTS.partial.md"), md, StandardCharsets.UTF_8);
    }

    private static String machine() throws Exception {
        String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), " + mem + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}
