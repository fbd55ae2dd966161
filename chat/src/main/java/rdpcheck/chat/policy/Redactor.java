package rdpcheck.chat.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import rdpcheck.config.Secret;

/**
 * Scrubs secrets from text bound for a log or a chat message: the configured secret values
 * wherever they appear, and anything shaped like a Slack or Discord token (a user can paste one
 * as a "host name"; the audit log must not become the place it leaks from).
 */
public final class Redactor {

    public static final String MASK = Secret.MASK;

    /** Slack tokens (xoxb-, xoxp-, xapp-, ...) and Discord bot tokens (three base64url parts). */
    private static final Pattern TOKEN_SHAPED = Pattern.compile(
            "xox[a-z]-[A-Za-z0-9-]{6,}|xapp-[A-Za-z0-9-]{6,}|[A-Za-z0-9_-]{23,28}\\.[A-Za-z0-9_-]{6,7}\\.[A-Za-z0-9_-]{27,}",
            Pattern.CASE_INSENSITIVE);

    private final List<String> values;

    public Redactor(List<Secret> secrets) {
        List<String> list = new ArrayList<>();
        for (Secret secret : secrets) {
            list.add(secret.reveal());
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
        return TOKEN_SHAPED.matcher(out).replaceAll(MASK);
    }
}
