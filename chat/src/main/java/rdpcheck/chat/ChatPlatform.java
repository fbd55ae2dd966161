package rdpcheck.chat;

import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import rdpcheck.chat.policy.AccessRule;
import rdpcheck.chat.policy.GroupResolver;
import rdpcheck.config.ConfigKeys;
import rdpcheck.config.Settings;
import rdpcheck.config.SettingsSection;

/**
 * A chat platform rdpcheck can serve (Slack, Discord, ...), as its module offers it. A platform is
 * first a section of the configuration (its keys, secrets and allowlists), so it is registered as
 * one: a line in {@code META-INF/services/rdpcheck.config.SettingsSection}. The configuration then
 * knows its keys, and {@code serve} finds it among the sections without naming any platform.
 * Adding a platform is one module with this class, its settings, and that one service file.
 */
public interface ChatPlatform extends SettingsSection {

    /**
     * The section's name, also the platform's: lower case, for logs, metrics, audit lines and
     * rate-limit keys, e.g. {@code slack}.
     */
    @Override
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

    /** Every platform on the class path, by name (the configuration refuses two sections with one name). */
    static List<ChatPlatform> installed() {
        return ConfigKeys.sections().stream().filter(ChatPlatform.class::isInstance).map(ChatPlatform.class::cast).toList();
    }
}
