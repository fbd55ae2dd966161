package rdpcheck.config;

import java.time.Duration;

/** Reuse of chat answers: {@code ttl} zero turns the cache off. */
public record CacheSettings(Duration ttl, int maxEntries) {
}
