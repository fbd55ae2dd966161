package rdpcheck.chat.slack;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import rdpcheck.config.ConfigKeys;
import rdpcheck.config.InvalidSetting;
import rdpcheck.config.Key;
import rdpcheck.config.SectionValues;
import rdpcheck.config.Secret;
import rdpcheck.config.ValueType;

/**
 * How to reach Slack: the {@code slack:} section of the configuration, defined here once (keys,
 * defaults, help, validation) and read by {@link #from(SectionValues)}.
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

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    public static final String EVENTS_PATH = "/slack/events";

    public enum Mode {
        /** Events over a WebSocket the bot opens: no public URL needed. */
        SOCKET,
        /** Events posted to an HTTP endpoint the bot serves. */
        HTTP
    }

    public static final Key MODE = Key.of("slack.mode", ValueType.choice(Mode.class), "socket",
            "socket (no public URL; needs the app-level token) or http (events posted to slack.http_port)");
    public static final Key HTTP_PORT = Key.of("slack.http_port", ValueType.integer(1, 65_535), "3000",
            "port of the HTTP endpoint in http mode");
    public static final Key HTTP_BIND = Key.of("slack.http_bind", ValueType.address(), "0.0.0.0",
            "local address the http-mode endpoint listens on (default every interface: Slack or a reverse proxy must"
                    + " reach it; 127.0.0.1 behind a proxy on this machine)");
    public static final Key API_URL = Key.of("slack.api_url", ValueType.url(Set.of("https", "http")), DEFAULT_API_URL,
            "Slack Web API base URL");
    public static final Key BOT_TOKEN_FILE = Key.of("slack.bot_token_file", ValueType.path(), "",
            "file holding the bot token (xoxb-…)");
    public static final Key APP_TOKEN_FILE = Key.of("slack.app_token_file", ValueType.path(), "",
            "file holding the app-level token (xapp-…)");
    public static final Key SIGNING_SECRET_FILE = Key.of("slack.signing_secret_file", ValueType.path(), "",
            "file holding the signing secret (http mode)");

    public static final ConfigKeys.SecretKey BOT_TOKEN = new ConfigKeys.SecretKey("slack.bot_token", BOT_TOKEN_FILE);
    public static final ConfigKeys.SecretKey APP_TOKEN = new ConfigKeys.SecretKey("slack.app_token", APP_TOKEN_FILE);
    public static final ConfigKeys.SecretKey SIGNING_SECRET = new ConfigKeys.SecretKey("slack.signing_secret",
            SIGNING_SECRET_FILE);

    static final List<Key> KEYS = List.of(MODE, HTTP_PORT, HTTP_BIND, API_URL, BOT_TOKEN_FILE, APP_TOKEN_FILE,
            SIGNING_SECRET_FILE);
    static final List<ConfigKeys.SecretKey> SECRETS = List.of(BOT_TOKEN, APP_TOKEN, SIGNING_SECRET);

    /** Whether the configuration asks for Slack: any of its secrets is set (then all it needs must be). */
    static boolean configured(SectionValues values) {
        return SECRETS.stream().anyMatch(secret -> values.secret(secret).isPresent());
    }

    /** From the configuration; throws {@link InvalidSetting} naming the key when Slack cannot work with it. */
    public static SlackSettings from(SectionValues values) {
        return new SlackSettings(reveal(values, BOT_TOKEN), reveal(values, APP_TOKEN), reveal(values, SIGNING_SECRET),
                values.get(MODE, Mode.class), values.get(HTTP_PORT, Integer.class), values.get(API_URL, URI.class).toString(),
                values.get(HTTP_BIND, InetAddress.class));
    }

    private static String reveal(SectionValues values, ConfigKeys.SecretKey key) {
        return values.secret(key).map(Secret::reveal).orElse("");
    }

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
            throw new InvalidSetting(BOT_TOKEN.path(), "the bot token (xoxb-...) is required: set " + BOT_TOKEN.envVar()
                    + " or " + BOT_TOKEN_FILE.path());
        }
        if (mode == Mode.SOCKET && appToken.isBlank()) {
            throw new InvalidSetting(APP_TOKEN.path(), "Socket Mode needs an app-level token (xapp-...) with"
                    + " connections:write: set " + APP_TOKEN.envVar() + "; or set slack.mode=http with slack.signing_secret");
        }
        if (mode == Mode.HTTP && signingSecret.isBlank()) {
            throw new InvalidSetting(SIGNING_SECRET.path(), "HTTP mode needs the app's signing secret: set "
                    + SIGNING_SECRET.envVar());
        }
        if (httpPort < 0 || httpPort > 65_535) {
            throw new InvalidSetting(HTTP_PORT.path(), httpPort + " is not a port");
        }
        String scheme = URI.create(apiUrl).getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidSetting(API_URL.path(), "'" + apiUrl + "' is not an http(s) URL");
        }
        apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    @Override
    public String toString() {
        // Tokens never reach a log line.
        return "SlackSettings[mode=" + mode + ", httpPort=" + httpPort + ", apiUrl=" + apiUrl + "]";
    }
}
