package rdpcheck.config;

import java.util.Objects;

/** A setting whose value cannot work with the others; the loader reports it like any problem. */
public final class InvalidSetting extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key     the setting to change, e.g. {@code slack.app_token}
     * @param message what is wrong and what to do, without the key
     */
    public InvalidSetting(String key, String message) {
        super(key + ": " + message);
        this.key = Objects.requireNonNull(key, "key");
    }

    public String key() {
        return key;
    }

    /** The message without the key. */
    public String problem() {
        return getMessage().substring(key.length() + 2);
    }
}
