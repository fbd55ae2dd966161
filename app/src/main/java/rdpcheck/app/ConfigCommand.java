package rdpcheck.app;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import rdpcheck.config.ConfigKeys;
import rdpcheck.config.Key;
import rdpcheck.config.LoadedConfig;
import rdpcheck.config.SettingsPrinter;

/** {@code rdpcheck config check [--config FILE]} and {@code rdpcheck config keys}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Validates and shows the configuration.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Keys.class})
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.EXIT_USAGE;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validates the configuration (file, then RDPCHECK_* variables) and prints the effective"
                    + " settings, secrets masked.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the configuration is valid", "2:it has problems (each is printed)"})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<LoadedConfig> loaded = config.load(err);
            err.flush();
            if (loaded.isEmpty()) {
                return Main.EXIT_USAGE;
            }
            out.print(SettingsPrinter.print(loaded.get()));
            out.println();
            out.println("configuration OK");
            out.flush();
            return 0;
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true,
            description = "Lists every setting: key, environment variable, default, and what it is for.")
    static final class Keys implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Option(names = "--markdown",
                description = "Prints the table the README's configuration section holds (a test keeps them equal).")
        boolean markdown;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (markdown) {
                out.print(SettingsPrinter.keysMarkdown());
                out.flush();
                return 0;
            }
            for (Key key : ConfigKeys.all()) {
                out.printf("%-28s %-38s %-28s %s%n", key.path(), key.envVar(), key.defaultText().isEmpty() ? "\"\"" : key.defaultText(), key.help());
            }
            for (ConfigKeys.SecretKey secret : ConfigKeys.secrets()) {
                out.printf("%-28s %-38s %-28s %s%n", secret.path(), secret.envVar(), "(secret)",
                        "environment only, or the file named by " + secret.fileKey().path());
            }
            out.flush();
            return 0;
        }
    }
}
