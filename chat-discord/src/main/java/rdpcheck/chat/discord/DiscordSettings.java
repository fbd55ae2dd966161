package rdpcheck.chat.discord;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import rdpcheck.config.ConfigKeys;
import rdpcheck.config.InvalidSetting;
import rdpcheck.config.Key;
import rdpcheck.config.SectionValues;
import rdpcheck.config.Secret;
import rdpcheck.config.ValueType;

/**
 * How the Discord bot connects: the {@code discord:} section of the configuration, defined here
 * once (keys, defaults, help, validation). The endpoints are settings because REST proxies (common
 * for bots at scale) and the offline tests both replace them; the defaults are Discord's own.
 *
 * @param token       the bot token (Developer Portal → the application → Bot → Reset Token)
 * @param restBaseUrl REST API base including the version, e.g. {@value #DEFAULT_REST_BASE_URL}
 * @param gatewayUrl  gateway WebSocket URL, e.g. {@value #DEFAULT_GATEWAY_URL}
 */
public record DiscordSettings(String token, String restBaseUrl, String gatewayUrl, java.time.Duration timeout) {

    /**
     * How long one REST call may take before the attempt counts as timed out (a silent proxy, a
     * black-holed address); the first gateway session has three times as long to be ready.
     */
    public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(10);

    public DiscordSettings(String token, String restBaseUrl, String gatewayUrl) {
        this(token, restBaseUrl, gatewayUrl, DEFAULT_TIMEOUT);
    }

    /** These settings with another {@link #timeout}. */
    public DiscordSettings withTimeout(java.time.Duration value) {
        return new DiscordSettings(token, restBaseUrl, gatewayUrl, value);
    }

    /** The version JDA 6 speaks; a proxy must serve the same one. */
    public static final String DEFAULT_REST_BASE_URL = "https://discord.com/api/v10/";
    /** One default for the configuration and {@link #of}: the one serve has always used and the README gives. */
    public static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg";

    public static final Key API_URL = Key.of("discord.api_url", ValueType.url(Set.of("https", "http")),
            DEFAULT_REST_BASE_URL, "Discord REST base URL (with the API version JDA speaks)");
    public static final Key GATEWAY_URL = Key.of("discord.gateway_url", ValueType.url(Set.of("wss", "ws")),
            DEFAULT_GATEWAY_URL, "Discord gateway URL");
    public static final Key TOKEN_FILE = Key.of("discord.token_file", ValueType.path(), "", "file holding the bot token");
    public static final ConfigKeys.SecretKey TOKEN = new ConfigKeys.SecretKey("discord.token", TOKEN_FILE);

    static final List<Key> KEYS = List.of(API_URL, GATEWAY_URL, TOKEN_FILE);

    public DiscordSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(restBaseUrl, "restBaseUrl");
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        if (token.isBlank()) {
            throw new InvalidSetting(TOKEN.path(), "the bot token is required: set " + TOKEN.envVar() + " or "
                    + TOKEN_FILE.path());
        }
        checkUrl(API_URL.path(), restBaseUrl, Set.of("http", "https"));
        checkUrl(GATEWAY_URL.path(), gatewayUrl, Set.of("ws", "wss"));
        if (!restBaseUrl.endsWith("/")) {
            restBaseUrl = restBaseUrl + "/";
        }
    }

    /** From the configuration; throws {@link InvalidSetting} naming the key when Discord cannot work with it. */
    public static DiscordSettings from(SectionValues values) {
        return new DiscordSettings(values.secret(TOKEN).map(Secret::reveal).orElse(""),
                values.get(API_URL, URI.class).toString(), values.get(GATEWAY_URL, URI.class).toString());
    }

    /** Discord's own endpoints. */
    public static DiscordSettings of(String token) {
        return new DiscordSettings(token, DEFAULT_REST_BASE_URL, DEFAULT_GATEWAY_URL);
    }

    private static void checkUrl(String what, String value, Set<String> schemes) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidSetting(what, "not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || uri.getHost() == null) {
            throw new InvalidSetting(what, "must be " + String.join(" or ", schemes.stream().sorted().toList())
                    + "://host/..., not " + value);
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "DiscordSettings[token=***, restBaseUrl=" + restBaseUrl + ", gatewayUrl=" + gatewayUrl + "]";
    }
}
