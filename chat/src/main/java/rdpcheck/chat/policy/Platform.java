package rdpcheck.chat.policy;

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

    /** The platform named by the bot core's {@code Requester.platform()} ("slack", "discord", "console"). */
    public static Platform of(String label) {
        for (Platform p : values()) {
            if (p.label().equalsIgnoreCase(label)) {
                return p;
            }
        }
        // an unknown source is treated as chat: policies apply
        return SLACK;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
