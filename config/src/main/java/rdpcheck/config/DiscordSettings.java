package rdpcheck.config;

import java.net.URI;
import java.util.Optional;

/** The Discord bot: REST and gateway URLs (redirectable for offline tests) and its token (masked when printed). */
public record DiscordSettings(URI apiUrl, URI gatewayUrl, Optional<Secret> token) {
}
