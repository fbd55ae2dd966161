package rdpcheck.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where checks are remembered: {@code url} is a JDBC URL ({@code jdbc:sqlite:FILE} or
 * {@code jdbc:postgresql://...}), empty for the embedded default file, {@code none} for no history.
 *
 * @param retention how long a check is kept
 * @param maxSizeMb most megabytes (MiB) the history may take; the oldest checks go first
 * @param password  the PostgreSQL password ({@code store.password}), never part of the URL
 */
public record StoreSettings(String url, Duration retention, int maxSizeMb, Optional<Secret> password) {

    /** The value of {@code store.url} that turns recording off. */
    public static final String NONE = "none";

    /** Whether recording is off. */
    public boolean off() {
        return url.strip().toLowerCase(Locale.ROOT).equals(NONE);
    }

    /** Whether the embedded file at its default place is meant (store.url not set). */
    public boolean embeddedDefault() {
        return url.isBlank();
    }
}
