package rdpcheck.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * (s) The short commands as a user starts them, whole process: {@code --version}, {@code explain},
 * and {@code check} of a closed port beside nmap on the same port. Wall and CPU (user + system) over
 * several runs, and the instructions of one run under valgrind where it is installed.
 */
final class StartupBench {

    private final StringBuilder md;
    private final Summary summary;
    private final Path root;
    private final boolean quick;

    /** The label of a command run with history off. */
    private static final String NO_HISTORY = "RDPCHECK_STORE_URL=none ";

    StartupBench(StringBuilder md, Summary summary, Path root, boolean quick) {
        this.md = md;
        this.summary = summary;
        this.root = root;
        this.quick = quick;
    }

    /** Measured figures of one command under one launch. */
    record Figures(Stats wall, Stats cpu, Optional<Long> instructions) {
        String brief() {
            return String.format(Locale.ROOT, "%s wall, %s CPU", Proc.seconds(wall.median()), Proc.seconds(cpu.median()))
                    + instructions.map(i -> String.format(Locale.ROOT, ", %.0f M instr.", i / 1e6)).orElse("");
        }
    }

    void run() throws Exception {
        int runs = quick ? 3 : 7;
        int port = closedPort();
        String closed = "127.0.0.1:" + port;
        List<Launch> launches = Launch.all(root);
        md.append("## (s) Short commands, whole process\n\n");
        md.append("Each command ").append(runs).append(" times per launch, alternating, standard input closed; medians (min in"
                + " brackets). CPU is user + system of the process and its children (the shell's `times`), which load"
                + " disturbs far less than the wall; instructions are one run under `valgrind --tool=callgrind` (every"
                + " thread, the JIT compilers included; page faults are the kernel's and not counted), for the rows with a goal. `bin/rdpcheck` starts"
                + " from its class-data-sharing archive, recorded before this section. Closed port: ").append(closed)
                .append(" (nothing listens; checked before each command).\n\n");
        md.append("| command | launch | wall | CPU | instructions | load (1 min) |\n|---|---|---|---|---|---|\n");

        Map<String, String[]> commands = new LinkedHashMap<>();
        commands.put("--version", new String[] {"--version"});
        commands.put("explain 0x904 0x7", new String[] {"explain", "0x904", "0x7"});
        commands.put("check " + closed, new String[] {"check", closed});
        // the same with history off: what recording the check (store.url's default, a SQLite file) costs it
        commands.put(NO_HISTORY + "check " + closed, new String[] {"check", closed});
        Map<String, Map<String, Figures>> all = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> command : commands.entrySet()) {
            Map<String, String> env = command.getKey().startsWith(NO_HISTORY) ? Map.of("RDPCHECK_STORE_URL", "none") : Map.of();
            Map<String, List<Proc.Run>> runsByLaunch = new LinkedHashMap<>();
            String load = Proc.load();
            for (int i = 0; i < runs; i++) {
                for (Launch launch : launches) {
                    if (!isClosed(port)) {
                        throw new IllegalStateException(closed + " is not closed any more: something else listens there");
                    }
                    runsByLaunch.computeIfAbsent(launch.label(), k -> new ArrayList<>())
                            .add(Proc.run(launch.command(command.getValue()), env, 120));
                }
            }
            Map<String, Figures> figures = new LinkedHashMap<>();
            for (Launch launch : launches) {
                List<Proc.Run> measured = runsByLaunch.get(launch.label());
                // valgrind (a minute a run) only for the rows the issue sets a goal for: the run stays under ten minutes
                boolean counted = !quick && (command.getKey().equals("--version") || command.getKey().equals("check " + closed));
                Optional<Long> instructions = counted ? Proc.instructions(launch.javaCommand(command.getValue()), env)
                        : Optional.empty();
                Figures f = new Figures(Stats.of(measured.stream().map(Proc.Run::wall).toList()),
                        Stats.of(measured.stream().map(Proc.Run::cpu).toList()), instructions);
                figures.put(launch.label(), f);
                md.append(String.format(Locale.ROOT, "| `%s` | %s | %s (%s) | %s (%s) | %s | %s |%n", command.getKey(),
                        launch.label(), Proc.seconds(f.wall().median()), Proc.seconds(f.wall().min()),
                        Proc.seconds(f.cpu().median()), Proc.seconds(f.cpu().min()),
                        instructions.map(i -> String.format(Locale.ROOT, "%.0f M", i / 1e6)).orElse("-"), load));
            }
            all.put(command.getKey(), figures);
        }

        // nmap on the same closed port: the tool a user would otherwise reach for
        List<Proc.Run> nmap = Proc.repeat(List.of("nmap", "-n", "-Pn", "-p", Integer.toString(port), "127.0.0.1"), Map.of(), runs, 60);
        Stats nmapWall = Stats.of(nmap.stream().map(Proc.Run::wall).toList());
        Stats nmapCpu = Stats.of(nmap.stream().map(Proc.Run::cpu).toList());
        md.append(String.format(Locale.ROOT, "| `nmap -n -Pn -p %d 127.0.0.1` | - | %s (%s) | %s (%s) | - | %s |%n%n", port,
                Proc.seconds(nmapWall.median()), Proc.seconds(nmapWall.min()), Proc.seconds(nmapCpu.median()),
                Proc.seconds(nmapCpu.min()), Proc.load()));

        Launch launcher = launches.get(launches.size() - 1);
        StartupProfile.table(launcher.javaCommand("check", closed), Map.of(), quick ? 2 : 5,
                root.resolve("bench/out/profile-check-closed.collapsed"), "`bin/rdpcheck check " + closed + "`")
                .ifPresent(table -> md.append(table).append('\n'));

        Figures checkBefore = all.get("check " + closed).get("java -jar");
        Figures checkAfter = all.get("check " + closed).get("bin/rdpcheck");
        summary.add(new Summary.Row("`check` of a closed port", "≤ 0.4 s", checkBefore.brief(), checkAfter.brief(),
                String.format(Locale.ROOT, "nmap: %s wall, %s CPU", Proc.seconds(nmapWall.median()), Proc.seconds(nmapCpu.median())),
                Summary.verdict(checkAfter.wall().median() <= 0.4, String.format(Locale.ROOT, "%.1fx nmap's wall",
                        checkAfter.wall().median() / nmapWall.median())), loadNow()));
        Figures versionBefore = all.get("--version").get("java -jar");
        Figures versionAfter = all.get("--version").get("bin/rdpcheck");
        summary.add(new Summary.Row("`--version`", "≤ 0.3 s", versionBefore.brief(), versionAfter.brief(), "-",
                Summary.verdict(versionAfter.wall().median() <= 0.3, ""), loadNow()));
        Figures quiet = all.get(NO_HISTORY + "check " + closed).get("bin/rdpcheck");
        summary.add(new Summary.Row("`check` of a closed port, history off (`RDPCHECK_STORE_URL=none`)", "(recording's share)",
                all.get(NO_HISTORY + "check " + closed).get("java -jar").brief(), quiet.brief(),
                String.format(Locale.ROOT, "recording costs the check %.2f s wall, %.2f s CPU",
                        checkAfter.wall().median() - quiet.wall().median(), checkAfter.cpu().median() - quiet.cpu().median()),
                "-", loadNow()));
        Figures explainBefore = all.get("explain 0x904 0x7").get("java -jar");
        Figures explainAfter = all.get("explain 0x904 0x7").get("bin/rdpcheck");
        summary.add(new Summary.Row("`explain 0x904 0x7`", "(short command)", explainBefore.brief(), explainAfter.brief(), "-",
                "-", loadNow()));
    }

    static String loadNow() {
        return Proc.load();
    }

    /** Port 1 when nothing listens there (nobody binds tcpmux), else one just released. */
    static int closedPort() throws IOException {
        if (isClosed(1)) {
            return 1;
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static boolean isClosed(int port) {
        return !ToolsBench.listening(port);
    }
}
