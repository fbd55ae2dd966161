package rdpcheck.checks;

import java.time.Duration;
import java.util.Objects;

import rdpcheck.config.Settings;

/**
 * How the bot runs checks.
 *
 * @param cacheTtl      how long a report is reused for the same target (0: no cache, runs still shared)
 * @param maxConcurrent checks probing at once; more wait in the queue
 * @param maxQueued     checks waiting at most; past that a request is told to try again later
 * @param shutdownGrace how long shutdown waits for running checks before telling their requesters
 * @param maxEntries    reports the cache holds at most (least recently used go first)
 */
public record CheckSettings(Duration cacheTtl, int maxConcurrent, int maxQueued, Duration shutdownGrace, int maxEntries) {

    /** The defaults are the configuration's (cache.max_entries, cache.ttl): one source for both. */
    public static final int DEFAULT_MAX_ENTRIES = Settings.defaults().cache().maxEntries();

    public static final Duration DEFAULT_TTL = Settings.defaults().cache().ttl();

    public CheckSettings {
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative");
        }
        if (maxConcurrent < 1 || maxConcurrent > 1_000) {
            throw new IllegalArgumentException("maxConcurrent must be 1..1000, not " + maxConcurrent);
        }
        if (maxQueued < 0 || maxQueued > 100_000) {
            throw new IllegalArgumentException("maxQueued must be 0..100000, not " + maxQueued);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
        }
    }

    public CheckSettings(Duration cacheTtl, int maxConcurrent, int maxQueued, Duration shutdownGrace) {
        this(cacheTtl, maxConcurrent, maxQueued, shutdownGrace, DEFAULT_MAX_ENTRIES);
    }

    public static CheckSettings defaults() {
        return new CheckSettings(DEFAULT_TTL, 8, 200, Duration.ofSeconds(15));
    }

    public CheckSettings withCacheTtl(Duration value) {
        return new CheckSettings(value, maxConcurrent, maxQueued, shutdownGrace, maxEntries);
    }

    public CheckSettings withMaxConcurrent(int value) {
        return new CheckSettings(cacheTtl, value, maxQueued, shutdownGrace, maxEntries);
    }

    public CheckSettings withMaxQueued(int value) {
        return new CheckSettings(cacheTtl, maxConcurrent, value, shutdownGrace, maxEntries);
    }
}
