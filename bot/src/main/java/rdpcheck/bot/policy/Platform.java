package rdpcheck.bot.policy;

import java.util.Locale;

/** Where a request came from. Terminal and console requests are trusted unless the configuration says otherwise. */
public enum Platform {
    SLACK,
    DISCORD,
    /** The local console chat (demo): the person at the keyboard. */
    CONSOLE,
    /** {@code rdpcheck check} typed in a terminal. */
    CLI;

    /** Requests typed by a person at this machine: they could connect to the host themselves. */
    public boolean isLocal() {
        return this == CONSOLE || this == CLI;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
