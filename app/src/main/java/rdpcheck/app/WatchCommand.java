package rdpcheck.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rdpcheck.chat.policy.WatchPolicy;
import rdpcheck.chat.render.WatchText;
import rdpcheck.checks.History;
import rdpcheck.checks.watch.Watch;
import rdpcheck.checks.watch.WatchChannel;
import rdpcheck.checks.watch.WatchSettings;
import rdpcheck.checks.watch.Watches;
import rdpcheck.config.LoadedConfig;
import rdpcheck.probes.InvalidTargetException;
import rdpcheck.probes.Target;
import rdpcheck.probes.TargetParser;
import rdpcheck.store.StoreSettings;
import rdpcheck.store.Stores;

/**
 * {@code rdpcheck watch add|remove|list}: the operators' side of {@code /rdpcheck watch}. The
 * channel is named ({@code --channel slack:C0123ABCD}, {@code discord:ID}) or the console; the
 * access settings do not apply (whoever runs this can edit the configuration), the target policy
 * and the bounds do. {@code serve} runs the watches.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Adds, removes and lists watches (hosts checked on a schedule by `rdpcheck serve`, alerts to a channel).",
        subcommands = {WatchCommand.Add.class, WatchCommand.Remove.class, WatchCommand.ListWatches.class})
final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.EXIT_USAGE;
    }

    /** What every subcommand shares: the configuration, the store, the channel. */
    abstract static class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Option(names = "--channel", paramLabel = "PLATFORM:ID",
                description = "where the alerts go: slack:C0123ABCD, discord:1234567890 or console (default: console)")
        String channel;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        Optional<WatchChannel> channel(boolean defaultConsole) {
            if (channel == null) {
                return defaultConsole ? Optional.of(WatchChannel.CONSOLE) : Optional.empty();
            }
            return Optional.of(WatchChannel.parse(channel));
        }

        static Target target(String host) throws InvalidTargetException {
            return TargetParser.parse(host);
        }

        @Override
        public Integer call() {
            Optional<LoadedConfig> loaded = config.load(err());
            if (loaded.isEmpty()) {
                return Main.EXIT_USAGE;
            }
            History history = Stores.history(StoreSettings.of(loaded.get().settings()), System.getenv());
            try {
                Watches watches = Stores.watches(history);
                if (watches.off().isPresent()) {
                    err().println("rdpcheck: watches need the history store: " + watches.off().get());
                    return Main.EXIT_USAGE;
                }
                return run(loaded.get(), watches);
            } catch (IllegalArgumentException | InvalidTargetException e) {
                err().println("rdpcheck: " + e.getMessage());
                return Main.EXIT_USAGE;
            } catch (Watches.Unavailable e) {
                err().println("rdpcheck: " + e.getMessage());
                return Main.EXIT_USAGE;
            } finally {
                out().flush();
                err().flush();
                history.close();
            }
        }

        abstract int run(LoadedConfig loaded, Watches watches) throws InvalidTargetException;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Watches a host: checked every --every, alerts to --channel.")
    static final class Add extends Sub {
        @Parameters(paramLabel = "HOST[:PORT]")
        String host;

        @Option(names = "--every", paramLabel = "30m|1h|6h|1d", defaultValue = "1h",
                description = "how often it is checked (default ${DEFAULT-VALUE})")
        String every;

        @Override
        int run(LoadedConfig loaded, Watches watches) throws InvalidTargetException {
            Target target = target(host);
            WatchChannel where = channel(true).orElseThrow();
            Optional<Duration> interval = Watch.every(every);
            if (interval.isEmpty()) {
                err().println("rdpcheck: --every is one of 30m, 1h, 6h, 1d, not '" + every + "'");
                return Main.EXIT_USAGE;
            }
            Optional<String> refusal = WatchPolicy.of(loaded.settings()).refusal(where, target);
            if (refusal.isPresent()) {
                err().println("rdpcheck: the target policy does not allow " + target.key() + " in " + where + ": "
                        + refusal.get());
                return Main.EXIT_USAGE;
            }
            WatchSettings bounds = WatchSettings.of(loaded.settings());
            Instant now = Clock.systemUTC().instant();
            Watches.Added added = watches.add(target, where, interval.get(), System.getProperty("user.name", "cli"), now, now,
                    bounds.maxPerChannel(), bounds.maxTotal());
            if (added instanceof Watches.Added.Full full) {
                err().println("rdpcheck: " + full.reason());
                return Main.EXIT_USAGE;
            }
            out().println(WatchText.added(added, now, bounds.expiryDays()).replace("`", ""));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stops watching a host in --channel.")
    static final class Remove extends Sub {
        @Parameters(paramLabel = "HOST[:PORT]")
        String host;

        @Override
        int run(LoadedConfig loaded, Watches watches) throws InvalidTargetException {
            Target target = target(host);
            WatchChannel where = channel(true).orElseThrow();
            if (!watches.remove(where, target)) {
                err().println("rdpcheck: " + where + " does not watch " + target.key());
                return Main.EXIT_USAGE;
            }
            out().println("No longer watching " + target.key() + " in " + where + ".");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the watches of --channel, or every watch.")
    static final class ListWatches extends Sub {
        @Override
        int run(LoadedConfig loaded, Watches watches) {
            Optional<WatchChannel> where = channel(false);
            List<Watch> listed = where.map(watches::list).orElseGet(watches::all);
            out().println(WatchText.list(where, listed, Clock.systemUTC().instant()).replace("`", ""));
            return 0;
        }
    }
}
