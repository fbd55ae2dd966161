package rdpcheck.chat;

/**
 * A chat platform the bot serves (Slack, Discord, ...): started by {@code rdpcheck serve}, watched by
 * the health endpoint, closed on shutdown.
 */
public interface Platform extends AutoCloseable {

    /** Lower-case name for logs and metrics, e.g. {@code slack}. */
    String name();

    /** Connects (or starts listening); returns once the connection is being made. */
    void start() throws Exception;

    /** True while the platform can reach us: a live gateway/socket connection, or a listening HTTP server. */
    boolean connected();

    /**
     * Where the connection stands, one phrase for {@code /health}: {@code connected}, or what went
     * wrong and when the next attempt is, e.g. {@code name does not resolve: auth.test (slack.com
     * does not resolve); retrying in 20 s (attempt 4)}.
     */
    default String state() {
        return connected() ? "connected" : "not connected";
    }

    /** Where watch alerts to this platform's channels go; empty when the platform cannot post them. */
    default java.util.Optional<rdpcheck.checks.watch.AlertSink> alerts() {
        return java.util.Optional.empty();
    }

    /** Disconnects; must not throw. */
    @Override
    void close();
}
