package rdpcheck.chat.policy;

import java.util.Optional;
import java.util.function.Function;

import rdpcheck.checks.watch.Watch;
import rdpcheck.checks.watch.WatchChannel;
import rdpcheck.config.Settings;
import rdpcheck.probes.Target;

/**
 * The target policy a watch passes, when it is added and before every run: a chat channel's watch
 * always (as a chat check would), a console watch as {@code policy.apply_to_cli} says. Judged
 * before any lookup; the addresses are judged by the probes' own gate when they connect.
 */
public final class WatchPolicy {

    private final TargetPolicy targets;
    private final boolean applyToConsole;

    private WatchPolicy(TargetPolicy targets, boolean applyToConsole) {
        this.targets = targets;
        this.applyToConsole = applyToConsole;
    }

    public static WatchPolicy of(Settings settings) {
        return new WatchPolicy(new TargetPolicy(settings.policy()), settings.policy().applyToCli());
    }

    /** Empty when {@code target} may be watched in {@code channel}, else why not (one line). */
    public Optional<String> refusal(WatchChannel channel, Target target) {
        if (Platform.CONSOLE.label().equals(channel.platform()) && !applyToConsole) {
            return Optional.empty();
        }
        return targets.check(target);
    }

    /** For the runner: each watch judged from its channel. */
    public Function<Watch, Optional<String>> forRunner() {
        return watch -> refusal(watch.channel(), watch.target());
    }
}
