package rdpcheck.chat.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import rdpcheck.config.Secret;
import rdpcheck.config.SecretShapes;

/**
 * Scrubs secrets from text bound for a log or a chat message: the configured secret values
 * wherever they appear, and anything {@link SecretShapes} recognises (a user can paste a token
 * as a "host name"; the audit log must not become the place it leaks from).
 */
public final class Redactor {

    public static final String MASK = Secret.MASK;

    private final List<String> values;

    public Redactor(List<Secret> secrets) {
        List<String> list = new ArrayList<>();
        for (Secret secret : secrets) {
            if (!secret.reveal().isBlank()) {
                list.add(secret.reveal());
            }
        }
        list.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no partial leftovers
        this.values = List.copyOf(list);
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public String scrub(String text) {
        String out = text;
        for (String value : values) {
            // case-insensitive: the target parser lower-cases host names, and a pasted token is one
            out = Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE).matcher(out)
                    .replaceAll(java.util.regex.Matcher.quoteReplacement(MASK));
        }
        return SecretShapes.mask(out, MASK);
    }

    /** Whether {@code text} holds a configured secret or anything shaped like a token. */
    public boolean holdsSecret(String text) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return SecretShapes.found(text) || values.stream().anyMatch(v -> lower.contains(v.toLowerCase(java.util.Locale.ROOT)));
    }
}
