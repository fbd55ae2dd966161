package rdpcheck.probes.diagnosis;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a cause does to one client group; the order is worst first. */
public enum ClientImpact {
    /** The client cannot connect. */
    FAILS,
    /** The client shows a warning (a prompt to accept, a slow session) and can go on. */
    WARNS,
    /** The client does not notice. */
    UNAFFECTED,
    /** The check cannot tell (it did not finish, or the cause is rdpcheck's own). */
    UNKNOWN;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ClientImpact ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
