package rdpcheck.bot.slack;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Slack.
 *
 * @param botToken      {@code xoxb-...}: posts messages (env {@code SLACK_BOT_TOKEN})
 * @param appToken      {@code xapp-...} with {@code connections:write}: Socket Mode (env {@code SLACK_APP_TOKEN})
 * @param signingSecret verifies HTTP-mode requests (env {@code SLACK_SIGNING_SECRET})
 * @param mode          {@code socket} (default: no public URL needed) or {@code http}
 * @param httpPort      HTTP mode: the port Slack's requests arrive on, path {@value #EVENTS_PATH}
 * @param apiUrl        the Web API base, {@value #DEFAULT_API_URL} by default; GovSlack, corporate proxies and
 *                      the offline tests use another. Socket Mode's WebSocket URL comes from
 *                      {@code apps.connections.open} on this same base.
 */
public record SlackSettings(String botToken, String appToken, String signingSecret, Mode mode, int httpPort, String apiUrl) {

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    public static final String EVENTS_PATH = "/slack/events";

    public enum Mode { SOCKET, HTTP }

    public SlackSettings {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(appToken, "appToken");
        Objects.requireNonNull(signingSecret, "signingSecret");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(apiUrl, "apiUrl");
        if (botToken.isBlank()) {
            throw new IllegalArgumentException("SLACK_BOT_TOKEN: the bot token (xoxb-...) is required");
        }
        if (mode == Mode.SOCKET && appToken.isBlank()) {
            throw new IllegalArgumentException("SLACK_APP_TOKEN: Socket Mode needs an app-level token (xapp-...) with"
                    + " connections:write; or set RDPCHECK_SLACK_MODE=http with SLACK_SIGNING_SECRET");
        }
        if (mode == Mode.HTTP && signingSecret.isBlank()) {
            throw new IllegalArgumentException("SLACK_SIGNING_SECRET: HTTP mode needs the app's signing secret");
        }
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("RDPCHECK_SLACK_HTTP_PORT: " + httpPort + " is not a port");
        }
        String scheme = URI.create(apiUrl).getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("RDPCHECK_SLACK_API_URL: '" + apiUrl + "' is not an http(s) URL");
        }
        apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    /**
     * From environment variables: {@code SLACK_BOT_TOKEN}, {@code SLACK_APP_TOKEN}, {@code SLACK_SIGNING_SECRET},
     * {@code RDPCHECK_SLACK_MODE} (socket|http), {@code RDPCHECK_SLACK_HTTP_PORT} (3000),
     * {@code RDPCHECK_SLACK_API_URL}. Empty when no bot token is set: Slack is not configured.
     */
    public static Optional<SlackSettings> fromEnvironment(Map<String, String> env) {
        String bot = env.getOrDefault("SLACK_BOT_TOKEN", "").strip();
        if (bot.isEmpty()) {
            return Optional.empty();
        }
        String modeText = env.getOrDefault("RDPCHECK_SLACK_MODE", "socket").strip().toUpperCase(Locale.ROOT);
        Mode mode;
        try {
            mode = Mode.valueOf(modeText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("RDPCHECK_SLACK_MODE: '" + modeText.toLowerCase(Locale.ROOT)
                    + "' is neither socket nor http");
        }
        String portText = env.getOrDefault("RDPCHECK_SLACK_HTTP_PORT", "3000").strip();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("RDPCHECK_SLACK_HTTP_PORT: '" + portText + "' is not a number");
        }
        return Optional.of(new SlackSettings(bot, env.getOrDefault("SLACK_APP_TOKEN", "").strip(),
                env.getOrDefault("SLACK_SIGNING_SECRET", "").strip(), mode, port,
                env.getOrDefault("RDPCHECK_SLACK_API_URL", DEFAULT_API_URL).strip()));
    }

    @Override
    public String toString() {
        // Tokens never reach a log line.
        return "SlackSettings[mode=" + mode + ", httpPort=" + httpPort + ", apiUrl=" + apiUrl + "]";
    }
}
