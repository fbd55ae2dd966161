package rdpcheck.chat.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a request came from: a chat platform by its name ({@code slack}, {@code discord}, any
 * other a {@link rdpcheck.chat.ChatPlatform} module brings), or this machine. Terminal and console
 * requests are trusted unless the configuration says otherwise; chat requests never are.
 *
 * @param label the name in audit lines and rate-limit keys
 * @param local typed by a person at this machine, who could connect to the host themselves
 */
public record Platform(String label, boolean local) {

    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** The local console chat (demo): the person at the keyboard. */
    public static final Platform CONSOLE = new Platform("console", true);
    /** {@code rdpcheck check} typed in a terminal. */
    public static final Platform CLI = new Platform("cli", true);

    public Platform {
        Objects.requireNonNull(label, "label");
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("a platform name is a lower-case word, not \"" + label + "\"");
        }
    }

    /** A chat platform: the policies always apply. */
    public static Platform chat(String label) {
        return new Platform(label, false);
    }

    /** Requests typed by a person at this machine: they could connect to the host themselves. */
    public boolean isLocal() {
        return local;
    }
}
