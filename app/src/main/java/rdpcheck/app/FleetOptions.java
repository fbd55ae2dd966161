package rdpcheck.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import picocli.CommandLine.Option;
import rdpcheck.checks.FleetResult;
import rdpcheck.checks.FleetRunner;
import rdpcheck.chat.render.FleetText;
import rdpcheck.chat.render.TerminalRenderer;
import rdpcheck.checks.JsonLines;
import rdpcheck.checks.ProgressBar;
import rdpcheck.checks.TargetList;
import rdpcheck.checks.TargetListException;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Target;

/**
 * The options and the run of {@code rdpcheck check} with several hosts ({@code HOST...} or
 * {@code --targets FILE}); mixed into {@link CheckCommand}, which keeps the single-host path.
 */
final class FleetOptions {

    @Option(names = "--targets", paramLabel = "FILE",
            description = "check the hosts listed in FILE, one per line ('#' starts a comment; '-' reads standard input)")
    String targetsFile;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + FleetRunner.DEFAULT_PARALLELISM,
            description = "hosts checked at the same time (default ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--max-hosts", paramLabel = "N",
            description = "refuse more hosts than this (default: fleet.max_targets of the configuration, 1000)")
    Integer maxHosts;

    @Option(names = "--progress", negatable = true,
            description = "show a progress bar on standard error (default: when it is a terminal)")
    Boolean progress;

    @Option(names = "--details", paramLabel = "WHICH", defaultValue = "PROBLEMS",
            description = "per-host reports after the summary table: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    FleetText.Details details;

    /** True when the command names more than one host, or a targets file: the fleet path. */
    boolean applies(List<String> hosts) {
        return targetsFile != null || hosts.size() > 1;
    }

    /**
     * Runs the fleet and prints it; returns the exit code. {@code optionsFor} gives the probe
     * options for the whole list, or empty after printing why not (configuration, target policy).
     */
    int run(List<String> hosts, int configuredMaxHosts, Function<List<Target>, Optional<ProbeOptions>> optionsFor,
            boolean json, TerminalRenderer renderer, PrintWriter out, PrintWriter err, InputStream stdin) {
        if (maxHosts == null) {
            maxHosts = configuredMaxHosts;
        }
        if (parallel < 1 || parallel > FleetRunner.MAX_PARALLELISM) {
            err.println("rdpcheck: --parallel must be 1 to " + FleetRunner.MAX_PARALLELISM + ", not " + parallel);
            return Main.EXIT_USAGE;
        }
        if (maxHosts < 1) {
            err.println("rdpcheck: --max-hosts must be at least 1, not " + maxHosts);
            return Main.EXIT_USAGE;
        }
        TargetList targets;
        try {
            targets = readTargets(hosts, stdin);
        } catch (TargetListException e) {
            err.println("rdpcheck: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (IOException | InvalidPathException e) {
            err.println("rdpcheck: cannot read targets file " + targetsFile + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
            return Main.EXIT_USAGE;
        }
        Optional<ProbeOptions> configured = optionsFor.apply(targets.targets());
        if (configured.isEmpty()) {
            return Main.EXIT_USAGE; // the configuration or the target policy said why
        }
        ProbeOptions options = configured.get();

        FleetRunner.Listener listener = FleetRunner.Listener.NONE;
        ProgressBar bar = null;
        if (progress != null ? progress : ProgressBar.stderrIsTerminal()) {
            bar = new ProgressBar(err, targets.duplicatesDropped(), rdpcheck.chat.render.TerminalRenderer::clean,
                    TerminalWidth.detect());
            listener = bar;
        } else if (targets.duplicatesDropped() > 0 && !json) {
            err.println("rdpcheck: " + targets.duplicatesDropped() + " duplicate "
                    + (targets.duplicatesDropped() == 1 ? "line" : "lines") + " merged: each host is checked once.");
        }
        if (json) {
            listener = listener.andThen(new JsonLines(out));
        }
        FleetResult result;
        try {
            result = FleetRunner.standard(options, parallel).run(targets, listener);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("rdpcheck: interrupted");
            return Main.EXIT_USAGE;
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        if (!json) {
            out.print(new FleetText(renderer).render(result, details));
        }
        out.flush();
        return result.hasProblems() ? 1 : 0;
    }

    private TargetList readTargets(List<String> hosts, InputStream stdin) throws TargetListException, IOException {
        if (targetsFile == null) {
            return TargetList.fromArguments(hosts, maxHosts);
        }
        if (targetsFile.equals("-")) {
            return TargetList.from(hosts, "<stdin>", stdin, maxHosts);
        }
        try (InputStream in = Files.newInputStream(Path.of(targetsFile))) {
            return TargetList.from(hosts, targetsFile, in, maxHosts);
        }
    }
}
