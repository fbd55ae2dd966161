package rdpcheck.store;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import rdpcheck.config.ConfigKeys;
import rdpcheck.config.Key;
import rdpcheck.config.Secret;
import rdpcheck.config.SectionValues;
import rdpcheck.config.Settings;
import rdpcheck.config.SettingsSection;
import rdpcheck.config.ValueType;

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

    static final Key URL = Key.of("store.url", ValueType.parsed("empty (the embedded file), none (no history),"
                    + " jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE[?user=NAME] (the password goes in"
                    + " store.password)", StoreSettings::parseUrl), "",
            "where checks are remembered: empty for the embedded file ($XDG_STATE_HOME/rdpcheck/history.db, else"
                    + " ~/.local/state/rdpcheck/history.db), jdbc:sqlite:FILE, jdbc:postgresql://HOST:PORT/DB?user=NAME"
                    + " (password in store.password), or none (no history)");
    static final Key RETENTION = Key.of("store.retention", ValueType.duration(Duration.ofDays(1), Duration.ofDays(3650)),
            "90d", "how long a check is kept in the history");
    static final Key MAX_SIZE_MB = Key.of("store.max_size_mb", ValueType.integer(1, 1_000_000), "1024",
            "most MiB the history may take; past that the oldest checks are removed first");
    static final Key PASSWORD_FILE = Key.of("store.password_file", ValueType.path(), "",
            "file holding the PostgreSQL password of store.url");
    static final ConfigKeys.SecretKey PASSWORD = new ConfigKeys.SecretKey("store.password", PASSWORD_FILE);

    /** Recording off: for tests and callers without a configuration. */
    public static StoreSettings none() {
        return new StoreSettings(NONE, Duration.ofDays(90), 1024, Optional.empty());
    }

    /** The store's settings from the loaded configuration (its {@code store} section). */
    public static StoreSettings of(Settings settings) {
        return from(settings.sections());
    }

    static StoreSettings from(SectionValues values) {
        return new StoreSettings(values.get(URL, String.class), values.get(RETENTION, Duration.class),
                values.get(MAX_SIZE_MB, Integer.class), values.secret(PASSWORD));
    }

    /** Whether recording is off. */
    public boolean off() {
        return url.strip().toLowerCase(Locale.ROOT).equals(NONE);
    }

    /** Whether the embedded file at its default place is meant (store.url not set). */
    public boolean embeddedDefault() {
        return url.isBlank();
    }

    /**
     * {@code store.url}: empty (the embedded default), {@code none}, {@code jdbc:sqlite:FILE} or
     * {@code jdbc:postgresql://...} without a password in it (that is {@code store.password}).
     */
    static Object parseUrl(String text) {
        String url = text.strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (url.isEmpty() || lower.equals(NONE)) {
            return lower;
        }
        if (url.length() > 4096 || url.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("not a JDBC URL");
        }
        if (lower.startsWith("jdbc:sqlite:")) {
            String file = url.substring("jdbc:sqlite:".length());
            if (file.isBlank() || file.startsWith(":memory:") || file.contains("mode=memory")) {
                throw new IllegalArgumentException("'" + url + "' names no file (an in-memory store forgets"
                        + " everything when rdpcheck stops; use none to turn history off)");
            }
            return url;
        }
        if (lower.startsWith("jdbc:postgresql://")) {
            if (lower.matches(".*[?&;]password=.*") || lower.matches("jdbc:postgresql://[^/?]*@.*")) {
                throw new IllegalArgumentException("the URL carries a password; put it in RDPCHECK_STORE_PASSWORD"
                        + " or the file store.password_file names, not in the URL (it is printed and logged)");
            }
            return url;
        }
        throw new IllegalArgumentException("'" + url + "' is not a store URL rdpcheck knows");
    }

    /** The {@code store} section of the configuration (META-INF/services/rdpcheck.config.SettingsSection). */
    public static final class Section implements SettingsSection {

        @Override
        public String name() {
            return "store";
        }

        @Override
        public List<Key> keys() {
            return List.of(URL, RETENTION, MAX_SIZE_MB, PASSWORD_FILE);
        }

        @Override
        public List<ConfigKeys.SecretKey> secrets() {
            return List.of(PASSWORD);
        }
    }
}
