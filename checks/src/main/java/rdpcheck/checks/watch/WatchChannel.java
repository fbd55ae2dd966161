package rdpcheck.checks.watch;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a watch's alerts go: a chat platform and a channel id on it ({@code slack:C0123ABCD},
 * {@code discord:1234567890}), or {@code console}. Slack channel ids and Discord snowflakes are
 * unique on their platform, so the workspace is not part of the address.
 */
public record WatchChannel(String platform, String id) {

    private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The console's one channel. */
    public static final WatchChannel CONSOLE = new WatchChannel("console", "console");

    public WatchChannel {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(id, "id");
        if (!PLATFORM.matcher(platform).matches()) {
            throw new IllegalArgumentException("'" + platform + "' is not a platform name (slack, discord, console)");
        }
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a channel id (letters, digits, '-' or '_')");
        }
    }

    /**
     * {@code slack:C0123ABCD}, {@code discord:1234567890} or {@code console}, as an operator types it
     * ({@code rdpcheck watch add HOST --channel ...}).
     *
     * @throws IllegalArgumentException with a sentence saying what is expected
     */
    public static WatchChannel parse(String text) {
        String t = Objects.requireNonNull(text, "text").strip();
        if (t.equalsIgnoreCase("console")) {
            return CONSOLE;
        }
        int colon = t.indexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("'" + abbreviate(t) + "' is not a channel: give PLATFORM:ID"
                    + " (slack:C0123ABCD, discord:1234567890) or console");
        }
        return new WatchChannel(t.substring(0, colon).toLowerCase(Locale.ROOT), t.substring(colon + 1));
    }

    @Override
    public String toString() {
        return this.equals(CONSOLE) ? "console" : platform + ":" + id;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
