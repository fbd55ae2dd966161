package rdpcheck.probes.diagnosis;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{name}}} placeholders in knowledge-base text from a rule's facts. Double braces
 * because the commands themselves are full of PowerShell script blocks ({@code { $_.Name }}).
 * A placeholder without a fact is a bug in the rule or the resource, so it fails loudly.
 */
final class Template {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");

    private Template() {
    }

    static String fill(String text, Map<String, String> facts) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 32);
        while (matcher.find()) {
            String value = facts.get(matcher.group(1));
            if (value == null) {
                throw new MissingFactException(matcher.group(1), text);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A template names a fact the rule did not supply. */
    static final class MissingFactException extends IllegalStateException {
        private final String name;

        MissingFactException(String name, String text) {
            super("no fact '" + name + "' for placeholder in: " + text);
            this.name = name;
        }

        String name() {
            return name;
        }
    }
}
