package rdpcheck.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import rdpcheck.chat.policy.AccessRule;
import rdpcheck.chat.policy.GroupResolver;
import rdpcheck.config.Settings;

/**
 * A chat platform rdpcheck can serve (Slack, Discord, ...), as its module offers it: found on the
 * class path by {@link ServiceLoader} ({@code META-INF/services/rdpcheck.chat.ChatPlatform}), so
 * {@code serve} names none of them. Adding a platform is one module with this, its settings
 * section and one service file.
 */
public interface ChatPlatform {

    /** Lower-case name for logs, metrics, audit lines and rate-limit keys, e.g. {@code slack}. */
    String name();

    /** Whether the configuration asks for this platform, e.g. its token is set. */
    boolean configured(Settings settings);

    /**
     * What to set to use it, for {@code serve}'s hint when no platform is configured, e.g.
     * {@code RDPCHECK_DISCORD_TOKEN for Discord}.
     */
    String howToConfigure();

    /** Who may run checks from this platform: its allowlists. */
    AccessRule access(Settings settings);

    /**
     * The platform's connection, made but not started: {@code serve} makes every configured
     * platform, then starts them, so {@code /health} lists all of them from the first second.
     */
    Platform create(Settings settings, Services services) throws Exception;

    /** What {@code serve} gives every platform it makes. */
    interface Services {

        /** A router for this platform's requests: its access rule, its own rate limits, the shared checks. */
        CommandRouter router(GroupResolver groups);

        MeterRegistry meters();

        /** How to retry connecting. */
        Backoff backoff();

        /** Whom to tell when the platform definitely refuses the token. */
        Consumer<ConnectFailure> onRefused();
    }

    /** Every platform on the class path, by name. Two with one name are a packaging error. */
    static List<ChatPlatform> installed() {
        List<ChatPlatform> all = new ArrayList<>();
        ServiceLoader.load(ChatPlatform.class, ChatPlatform.class.getClassLoader()).forEach(all::add);
        all.sort(Comparator.comparing(ChatPlatform::name));
        Set<String> names = new HashSet<>();
        for (ChatPlatform platform : all) {
            if (!names.add(platform.name())) {
                throw new IllegalStateException("two chat platform modules are named " + platform.name());
            }
        }
        return List.copyOf(all);
    }
}
