package rdpcheck.chat.slack;

import java.net.URI;
import java.util.Objects;

/**
 * How to reach Slack.
 *
 * @param botToken      {@code xoxb-...}: posts messages (config {@code slack.bot_token}, env {@code RDPCHECK_SLACK_BOT_TOKEN})
 * @param appToken      {@code xapp-...} with {@code connections:write}: Socket Mode (config {@code slack.app_token}, env {@code RDPCHECK_SLACK_APP_TOKEN})
 * @param signingSecret verifies HTTP-mode requests (config {@code slack.signing_secret}, env {@code RDPCHECK_SLACK_SIGNING_SECRET})
 * @param mode          {@code socket} (default: no public URL needed) or {@code http}
 * @param httpPort      HTTP mode: the port Slack's requests arrive on, path {@value #EVENTS_PATH}
 * @param httpBind      HTTP mode: the local address to listen on ({@code slack.http_bind}); every interface by default
 * @param apiUrl        {@code slack.api_url}: the Web API base, {@value #DEFAULT_API_URL} by default; GovSlack, corporate proxies and
 *                      the offline tests use another. Socket Mode's WebSocket URL comes from
 *                      {@code apps.connections.open} on this same base.
 */
public record SlackSettings(String botToken, String appToken, String signingSecret, Mode mode, int httpPort, String apiUrl,
                            java.net.InetAddress httpBind, java.time.Duration timeout) {

    /**
     * How long one Web API call, or the Socket Mode WebSocket's hello, may take before the attempt
     * counts as timed out (a silent proxy, a black-holed address); then the backoff decides when the
     * next one starts.
     */
    public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(10);

    public SlackSettings(String botToken, String appToken, String signingSecret, Mode mode, int httpPort, String apiUrl,
                         java.net.InetAddress httpBind) {
        this(botToken, appToken, signingSecret, mode, httpPort, apiUrl, httpBind, DEFAULT_TIMEOUT);
    }

    /** These settings with another {@link #timeout}. */
    public SlackSettings withTimeout(java.time.Duration value) {
        return new SlackSettings(botToken, appToken, signingSecret, mode, httpPort, apiUrl, httpBind, value);
    }

    /** Every interface: Slack (or the reverse proxy in front) must reach HTTP mode from outside this machine. */
    public static final java.net.InetAddress ANY = new java.net.InetSocketAddress(0).getAddress();

    public SlackSettings(String botToken, String appToken, String signingSecret, Mode mode, int httpPort, String apiUrl) {
        this(botToken, appToken, signingSecret, mode, httpPort, apiUrl, ANY);
    }

    /** From the configuration ({@code slack.*} keys); a missing token is the empty string, refused above. */
    public static SlackSettings from(rdpcheck.config.SlackSettings config) {
        return new SlackSettings(
                config.botToken().map(rdpcheck.config.Secret::reveal).orElse(""),
                config.appToken().map(rdpcheck.config.Secret::reveal).orElse(""),
                config.signingSecret().map(rdpcheck.config.Secret::reveal).orElse(""),
                config.mode() == rdpcheck.config.SlackSettings.Mode.HTTP ? Mode.HTTP : Mode.SOCKET,
                config.httpPort(), config.apiUrl().toString(), config.httpBind());
    }

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    public static final String EVENTS_PATH = "/slack/events";

    public enum Mode { SOCKET, HTTP }

    public SlackSettings {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(appToken, "appToken");
        Objects.requireNonNull(signingSecret, "signingSecret");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(httpBind, "httpBind");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        if (botToken.isBlank()) {
            throw new IllegalArgumentException("slack.bot_token: the bot token (xoxb-...) is required");
        }
        if (mode == Mode.SOCKET && appToken.isBlank()) {
            throw new IllegalArgumentException("slack.app_token: Socket Mode needs an app-level token (xapp-...) with"
                    + " connections:write; or set slack.mode=http with slack.signing_secret");
        }
        if (mode == Mode.HTTP && signingSecret.isBlank()) {
            throw new IllegalArgumentException("slack.signing_secret: HTTP mode needs the app's signing secret");
        }
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("slack.http_port: " + httpPort + " is not a port");
        }
        String scheme = URI.create(apiUrl).getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("slack.api_url: '" + apiUrl + "' is not an http(s) URL");
        }
        apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    @Override
    public String toString() {
        // Tokens never reach a log line.
        return "SlackSettings[mode=" + mode + ", httpPort=" + httpPort + ", apiUrl=" + apiUrl + "]";
    }
}
