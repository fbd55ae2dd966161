package rdpcheck.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Option;
import rdpcheck.app.logging.LogRedaction;
import rdpcheck.chat.policy.Redactor;
import rdpcheck.chat.policy.SettingsOptions;
import rdpcheck.chat.policy.TargetPolicy;
import rdpcheck.config.ConfigException;
import rdpcheck.config.ConfigKeys;
import rdpcheck.config.ConfigLoader;
import rdpcheck.config.LoadedConfig;
import rdpcheck.config.Settings;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Target;

/** {@code --config FILE}, mixed into the commands that read the configuration. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration file (default: $" + ConfigKeys.CONFIG_ENV + ", else built-in defaults;"
                    + " RDPCHECK_* variables override either)")
    Path file;

    /** Loaded once per command: its warnings are printed once however often a command asks. */
    private LoadedConfig loaded;

    /** Loads the configuration; on problems prints each to {@code err} and returns empty (exit 2). */
    public Optional<LoadedConfig> load(PrintWriter err) {
        if (loaded != null) {
            return Optional.of(loaded);
        }
        try {
            LoadedConfig loaded = ConfigLoader.load(Optional.ofNullable(file));
            this.loaded = loaded;
            Redactor redactor = new Redactor(loaded.settings().secrets());
            LogRedaction.install(redactor);
            loaded.warnings().forEach(w -> err.println("rdpcheck: warning: " + redactor.scrub(w)));
            return Optional.of(loaded);
        } catch (ConfigException e) {
            // No settings, so no configured secrets to mask: token shapes are, wherever they were typed.
            err.println("rdpcheck: the configuration has " + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + ":");
            e.problems().forEach(p -> err.println("  " + LogRedaction.current().scrub(p.toString())));
            return Optional.empty();
        }
    }

    /**
     * The options a terminal check of {@code target} runs with: the configured probe settings, the
     * deadline from {@code --timeout} if given, and the target policy only when
     * {@code policy.apply_to_cli} is true. Empty after printing why (configuration problem, target refused).
     */
    public Optional<ProbeOptions> probeOptions(Target target, Optional<Duration> deadline, PrintWriter err) {
        return probeOptions(List.of(target), deadline, err);
    }

    /** The same for a fleet: the configuration is read once, and every target must pass the policy. */
    public Optional<ProbeOptions> probeOptions(List<Target> targets, Optional<Duration> deadline, PrintWriter err) {
        Optional<LoadedConfig> loaded = load(err);
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        Settings settings = loaded.get().settings();
        if (settings.policy().applyToCli()) {
            TargetPolicy policy = new TargetPolicy(settings.policy());
            boolean refusedAny = false;
            for (Target target : targets) {
                Optional<String> refused = policy.check(target);
                if (refused.isPresent()) {
                    err.println("rdpcheck: " + (targets.size() > 1 ? target.key() + ": " : "")
                            + "refused by the target policy (policy.apply_to_cli is on): " + refused.get());
                    refusedAny = true;
                }
            }
            if (refusedAny) {
                return Optional.empty();
            }
        }
        ProbeOptions options = SettingsOptions.forTerminal(settings);
        return Optional.of(deadline.map(options::withDeadline).orElse(options));
    }
}
