package rdpcheck.checks;

import java.util.Objects;

/**
 * Who asked for a check and where, as the history keeps it.
 *
 * @param via   how: {@code cli}, {@code fleet}, {@code console}, {@code slack}, {@code discord}, {@code watch}
 * @param who   the user (a chat user id, the terminal's login name); {@code ""} when unknown
 * @param where the place (a chat workspace and channel, {@code terminal}); {@code ""} when unknown
 */
public record Asker(String via, String who, String where) {

    /** Longer values are cut: they come from chat platforms and terminals, and end up in every history row. */
    static final int MAX_LENGTH = 200;

    public Asker {
        via = cut(Objects.requireNonNull(via, "via"));
        who = cut(Objects.requireNonNull(who, "who"));
        where = cut(Objects.requireNonNull(where, "where"));
    }

    /** Nobody known: tests and callers that do not say. */
    public static Asker unknown() {
        return new Asker("", "", "");
    }

    /** {@code rdpcheck check HOST} in a terminal. */
    public static Asker cli() {
        return new Asker("cli", System.getProperty("user.name", ""), "terminal");
    }

    /** {@code rdpcheck check HOST HOST...} or {@code --targets}. */
    public static Asker fleet() {
        return new Asker("fleet", System.getProperty("user.name", ""), "terminal");
    }

    /** The fair queue's key: one user, wherever they ask from. */
    String owner() {
        return via + ":" + who;
    }

    /** "slack user U123 in T1/C9", "cli (alice)". */
    public String describe() {
        if (via.isEmpty()) {
            return "unknown";
        }
        if (via.equals("cli") || via.equals("fleet") || via.equals("console")) {
            return via + (who.isEmpty() ? "" : " (" + who + ")");
        }
        return via + (who.isEmpty() ? "" : " user " + who) + (where.isEmpty() ? "" : " in " + where);
    }

    private static String cut(String value) {
        StringBuilder clean = new StringBuilder(Math.min(value.length(), MAX_LENGTH));
        for (int i = 0; i < value.length() && clean.length() < MAX_LENGTH; i++) {
            char c = value.charAt(i);
            clean.append(Character.isISOControl(c) ? ' ' : c);
        }
        return clean.toString();
    }
}
