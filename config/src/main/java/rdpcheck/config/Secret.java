package rdpcheck.config;

import java.util.Objects;

/**
 * A token or signing secret. Its {@link #toString()} is always masked, so a secret that ends up
 * in a record's {@code toString}, a log line or an exception message prints as {@code ****};
 * only {@link #reveal()} hands out the value, for the one call that sends it to Slack or Discord.
 */
public final class Secret {

    public static final String MASK = "****";

    private final String value;
    private final String origin;

    private Secret(String value, String origin) {
        this.value = value;
        this.origin = origin;
    }

    /**
     * @param value  the secret, not blank
     * @param origin where it came from, e.g. "environment RDPCHECK_SLACK_BOT_TOKEN" (never the value)
     */
    public static Secret of(String value, String origin) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret is not blank");
        }
        return new Secret(value, origin);
    }

    /** The value itself: pass it straight to the client library, never to a string that is printed. */
    public String reveal() {
        return value;
    }

    /** Where the secret was read from, safe to print. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
