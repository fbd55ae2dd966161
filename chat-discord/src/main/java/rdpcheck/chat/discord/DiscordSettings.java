package rdpcheck.chat.discord;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How the Discord bot connects. The endpoints are settings because REST proxies (common for
 * bots at scale) and the offline tests both replace them; the defaults are Discord's own.
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
    public static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/";

    public DiscordSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(restBaseUrl, "restBaseUrl");
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("discord token: empty");
        }
        checkUrl("discord REST base URL", restBaseUrl, Set.of("http", "https"));
        checkUrl("discord gateway URL", gatewayUrl, Set.of("ws", "wss"));
        if (!restBaseUrl.endsWith("/")) {
            restBaseUrl = restBaseUrl + "/";
        }
    }

    /** From the configuration ({@code discord.*} keys); empty when no token is configured. */
    public static java.util.Optional<DiscordSettings> from(rdpcheck.config.DiscordSettings config) {
        return config.token().map(token -> new DiscordSettings(token.reveal(), config.apiUrl().toString(),
                config.gatewayUrl().toString()));
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
            throw new IllegalArgumentException(what + ": not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException(what + ": must be " + String.join(" or ", schemes.stream().sorted().toList())
                    + "://host/..., not " + value);
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "DiscordSettings[token=***, restBaseUrl=" + restBaseUrl + ", gatewayUrl=" + gatewayUrl + "]";
    }
}
