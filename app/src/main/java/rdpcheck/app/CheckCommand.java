package rdpcheck.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rdpcheck.store.StoreSettings;
import rdpcheck.chat.render.TerminalRenderer;
import rdpcheck.checks.Asker;
import rdpcheck.checks.Checker;
import rdpcheck.checks.ProgressBar;
import rdpcheck.probes.InvalidTargetException;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Target;
import rdpcheck.probes.TargetParser;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;

/** {@code rdpcheck check HOST[:PORT] [--gateway | --via GATEWAY[:PORT]] [--json] [--timeout SECONDS]}. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks a host's Remote Desktop service and explains what is wrong.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no problem found", "1:problems diagnosed", "2:bad input or configuration", "3:internal error in rdpcheck"})
final class CheckCommand implements Callable<Integer> {

    static final int MAX_TIMEOUT_SECONDS = 120;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "HOST[:PORT]",
            description = "host name, IPv4, [IPv6]:port; port 3389 by default; several hosts make a fleet check")
    List<String> hosts = List.of();

    @Mixin
    FleetOptions fleet;

    @Option(names = "--gateway", description = "the host is an RD Gateway: check its certificate, HTTP transports,"
            + " authentication schemes and UDP 3391 instead of RDP (port 443 unless given)")
    boolean gateway;

    @Option(names = "--via", paramLabel = "GATEWAY[:PORT]",
            description = "check the host and the RD Gateway users reach it through (port 443 unless given)")
    String via;

    @Option(names = "--json", description = "print one JSON object instead of the report (a fleet: one line per host)")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "deadline for the whole check (default: probe.deadline of the configuration, 10 s)")
    Integer timeoutSeconds;

    @picocli.CommandLine.Mixin
    ConfigOption config;

    @Option(names = {"-v", "--verbose"}, description = "add the explanations, the evidence and the probe table to the report")
    boolean verbose;

    @Option(names = "--color", negatable = true, description = "colour the report (default: when printing to a terminal)")
    Boolean color;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS)) {
            err.println("rdpcheck: --timeout must be 1 to " + MAX_TIMEOUT_SECONDS + " seconds, not " + timeoutSeconds);
            return Main.EXIT_USAGE;
        }
        Optional<Duration> deadline = Optional.ofNullable(timeoutSeconds).map(Duration::ofSeconds);
        boolean useColor = color != null ? color : System.console() != null && System.getenv("NO_COLOR") == null;
        if (gateway && via != null) {
            err.println("rdpcheck: --gateway checks an RD Gateway itself, --via a host behind one: give one of them");
            return Main.EXIT_USAGE;
        }
        if ((gateway || via != null) && fleet.applies(hosts)) {
            err.println("rdpcheck: --gateway and --via take one host; in a targets file, write 'HOST gateway' or"
                    + " 'HOST via GATEWAY[:PORT]' on a line");
            return Main.EXIT_USAGE;
        }
        if (fleet.applies(hosts)) {
            Optional<rdpcheck.config.LoadedConfig> loaded = config.load(err);
            if (loaded.isEmpty()) {
                return Main.EXIT_USAGE;
            }
            try (Recording recording = Recording.start(StoreSettings.of(loaded.get().settings()), err)) {
                return fleet.run(hosts, loaded.get().settings().fleet().maxTargets(),
                        targets -> config.probeOptions(targets, deadline, err), json,
                        new TerminalRenderer(useColor, TerminalWidth.detect(), verbose), out, err, System.in,
                        recording.history());
            }
        }
        if (hosts.isEmpty()) {
            err.println("rdpcheck: no host given: rdpcheck check HOST[:PORT]..., or --targets FILE");
            return Main.EXIT_USAGE;
        }
        Target target;
        try {
            target = gateway ? TargetParser.gateway(hosts.get(0))
                    : via != null ? TargetParser.via(hosts.get(0), via) : TargetParser.parse(hosts.get(0));
        } catch (InvalidTargetException e) {
            err.println("rdpcheck: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        ProbeOptions options = config.probeOptions(target, deadline, err).orElse(null);
        if (options == null) {
            return Main.EXIT_USAGE;
        }
        Report report;
        try (Recording recording = Recording.start(StoreSettings.of(config.load(err).orElseThrow().settings()), err)) {
            WaitNote note = WaitNote.start(ProgressBar.stderrIsTerminal(), err, hosts.get(0), options.deadline());
            try {
                report = Checker.standard(options, recording.history()).check(target, Asker.cli());
            } finally {
                if (note != null) {
                    note.close();
                }
            }
        }
        if (json) {
            out.println(ReportJson.write(report, false));
        } else {
            out.print(new TerminalRenderer(useColor, TerminalWidth.detect(), verbose).render(report));
        }
        out.flush();
        return report.hasProblems() ? 1 : 0;
    }

}
