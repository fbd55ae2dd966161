package rdpcheck.bot.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import rdpcheck.probes.InvalidTargetException;
import rdpcheck.probes.Target;
import rdpcheck.probes.TargetParser;

/**
 * What a chat message asks for, parsed the same way on every platform:
 * {@code /rdpcheck HOST[:PORT] [fresh]}, {@code /rdpcheck explain CODE [EXT]}, {@code /rdpcheck help}.
 * Parsing never throws: text that is not a command becomes {@link Invalid} with a message fit to
 * show the person who typed it.
 */
public sealed interface ChatCommand {

    /** Longer text than this is refused before any parsing: no command is this long. */
    int MAX_TEXT_LENGTH = 1_000;

    /** Check {@code target}; {@code fresh} skips the cache. */
    record Check(Target target, boolean fresh) implements ChatCommand {
        public Check {
            Objects.requireNonNull(target, "target");
        }
    }

    /** Explain a client error code, e.g. {@code 0x904} with extended code {@code 0x7}. */
    record Explain(String code, Optional<String> extended) implements ChatCommand {
        public Explain {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(extended, "extended");
        }
    }

    /** Usage. */
    record Help() implements ChatCommand {
    }

    /** Not a command; {@code message} says what is wrong in words for the person who typed it. */
    record Invalid(String message) implements ChatCommand {
        public Invalid {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The command word platforms register; a leading {@code /rdpcheck} in the text is optional. */
    String COMMAND = "/rdpcheck";

    /** Accepted spellings of an error code: hex with 0x, or decimal. */
    Pattern CODE = Pattern.compile("0x[0-9a-f]{1,8}|\\d{1,10}");

    /** Parses what follows the command word (or the whole text, command word included). */
    static ChatCommand parse(String text) {
        if (text == null || text.isBlank()) {
            return new Help();
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            return new Invalid("That is " + text.length() + " characters; a command is at most " + MAX_TEXT_LENGTH
                    + ". Try `/rdpcheck help`.");
        }
        List<String> words = new ArrayList<>(List.of(text.strip().split("\\s+")));
        if (words.get(0).equalsIgnoreCase(COMMAND) || words.get(0).equalsIgnoreCase("rdpcheck")) {
            words.remove(0);
        }
        if (words.isEmpty()) {
            return new Help();
        }
        String first = words.get(0).toLowerCase(Locale.ROOT);
        if (first.equals("help") || first.equals("--help") || first.equals("-h") || first.equals("?")) {
            return words.size() == 1 ? new Help() : new Invalid("`help` takes nothing after it.");
        }
        if (first.equals("explain")) {
            return parseExplain(words.subList(1, words.size()));
        }
        Target target;
        try {
            target = TargetParser.parse(words.get(0));
        } catch (InvalidTargetException e) {
            return new Invalid("Cannot check that: " + e.getMessage() + ". Usage: `/rdpcheck HOST[:PORT] [fresh]`.");
        }
        boolean fresh = false;
        for (String word : words.subList(1, words.size())) {
            String option = word.toLowerCase(Locale.ROOT);
            if ((option.equals("fresh") || option.equals("--fresh")) && !fresh) {
                fresh = true;
            } else {
                return new Invalid("Unexpected '" + abbreviate(word) + "' after the host: only `fresh` may follow it,"
                        + " and one host is checked at a time. Usage: `/rdpcheck HOST[:PORT] [fresh]`.");
            }
        }
        return new Check(target, fresh);
    }

    private static ChatCommand parseExplain(List<String> codes) {
        if (codes.isEmpty() || codes.size() > 2) {
            return new Invalid("Usage: `/rdpcheck explain CODE [EXTENDED]`, e.g. `/rdpcheck explain 0x904 0x7`.");
        }
        List<String> normalised = new ArrayList<>();
        for (String code : codes) {
            String lower = code.toLowerCase(Locale.ROOT);
            if (!CODE.matcher(lower).matches()) {
                return new Invalid("'" + abbreviate(code) + "' is not an error code: give it as the client shows it,"
                        + " hex like 0x904 or decimal like 2308.");
            }
            normalised.add(lower);
        }
        return new Explain(normalised.get(0), normalised.size() > 1 ? Optional.of(normalised.get(1)) : Optional.empty());
    }

    private static String abbreviate(String word) {
        return word.length() <= 40 ? word : word.substring(0, 37) + "...";
    }
}
