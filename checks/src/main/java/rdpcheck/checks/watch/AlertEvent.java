package rdpcheck.checks.watch;

import java.util.Objects;

/**
 * One thing worth telling a watch's channel. {@code key} is stable: the same event computed by any
 * replica from the same stored state has the same key, and the store keeps one alert per watch and
 * key, so each event is posted once.
 *
 * @param key  e.g. {@code critical:cert.expired@1764756000000}, {@code expiry:9B08…:7},
 *             {@code expired:9B08…:2026-12-03}
 * @param text one line for people
 */
public record AlertEvent(Kind kind, String key, String text) {

    /** What happened. */
    public enum Kind {
        /** A critical problem the last run did not have. */
        CRITICAL,
        /** No critical problem any more, after one. */
        RECOVERED,
        /** A fact changed since the last run (certificate, security layers, TLS versions, ...). */
        CHANGED,
        /** The certificate ends within one of the thresholds ({@code watch.expiry_alert_days}). */
        EXPIRING,
        /** The certificate has expired: once a day until it is replaced. */
        EXPIRED
    }

    /** Longest key kept: thumbprints and fact names are short; anything longer is a bug. */
    public static final int MAX_KEY = 200;

    public AlertEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        if (key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("an event key has 1 to " + MAX_KEY + " characters: " + key);
        }
    }
}
