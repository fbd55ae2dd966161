package rdpcheck.probes.gateway;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * One challenge of a {@code WWW-Authenticate} field (RFC 9110 11.6.1): the scheme and, for
 * NTLM and Negotiate (RFC 4559, MS-NTHT), the base64 token that follows it.
 *
 * <pre>
 * WWW-Authenticate = #challenge
 * challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * </pre>
 *
 * Several challenges may share one field, separated by commas, which also separate auth-params;
 * a comma-separated part that starts with a token not followed by {@code =} starts a challenge.
 *
 * @param scheme the scheme as sent ({@code Negotiate}, {@code NTLM}, {@code Basic}, ...)
 * @param token  the token68 after the scheme, when there is one (an NTLM CHALLENGE, base64)
 * @param params the auth-params as sent ({@code realm="gw.corp"}), when there are any
 */
public record AuthChallenge(String scheme, Optional<String> token, List<String> params) {

    /** Challenges read from one response; HTTP.sys sends two to four. */
    public static final int MAX_CHALLENGES = 16;
    /** An NTLM CHALLENGE is a few hundred bytes; its base64 a little more. */
    public static final int MAX_TOKEN_CHARS = 8192;

    public AuthChallenge {
        params = List.copyOf(params);
    }

    /** Whether this is {@code scheme}, compared as HTTP compares schemes: without regard to case. */
    public boolean is(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    /** The token's bytes; the token must be base64 (RFC 4648 4, padding optional). */
    public Optional<byte[]> tokenBytes() throws MalformedPduException {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(token.get()));
        } catch (IllegalArgumentException e) {
            throw new MalformedPduException("the " + scheme + " token is not base64 (" + HttpResponseHead.printable(token.get(), 24) + ")");
        }
    }

    /** Every challenge of the given field values, in order. */
    public static List<AuthChallenge> parse(List<String> fieldValues) throws MalformedPduException {
        List<AuthChallenge> challenges = new ArrayList<>();
        for (String value : fieldValues) {
            String scheme = null;
            Optional<String> token = Optional.empty();
            List<String> params = new ArrayList<>();
            for (String part : splitOutsideQuotes(value)) {
                String item = part.strip();
                if (item.isEmpty()) {
                    continue;
                }
                int space = indexOfSpace(item);
                String head = space < 0 ? item : item.substring(0, space);
                boolean startsChallenge = head.indexOf('=') < 0 && head.chars().allMatch(HttpResponseHead::tokenChar);
                if (startsChallenge) {
                    if (scheme != null) {
                        challenges.add(new AuthChallenge(scheme, token, params));
                        Bytes.require(challenges.size() <= MAX_CHALLENGES, "more than " + MAX_CHALLENGES + " authentication challenges");
                    }
                    scheme = head;
                    token = Optional.empty();
                    params = new ArrayList<>();
                    String data = space < 0 ? "" : item.substring(space).strip();
                    if (!data.isEmpty()) {
                        if (isToken68(data)) {
                            Bytes.require(data.length() <= MAX_TOKEN_CHARS, "the " + HttpResponseHead.printable(scheme, 20)
                                    + " token is longer than " + MAX_TOKEN_CHARS + " characters");
                            token = Optional.of(data);
                        } else {
                            params.add(HttpResponseHead.printable(data, 200));
                        }
                    }
                } else {
                    Bytes.require(scheme != null, "'" + HttpResponseHead.printable(item, 40) + "' comes before any authentication scheme");
                    params.add(HttpResponseHead.printable(item, 200));
                }
            }
            if (scheme != null) {
                challenges.add(new AuthChallenge(scheme, token, params));
            }
            Bytes.require(challenges.size() <= MAX_CHALLENGES, "more than " + MAX_CHALLENGES + " authentication challenges");
        }
        return challenges;
    }

    /** The scheme names in order, e.g. {@code [Negotiate, NTLM]}. */
    public static List<String> schemes(List<AuthChallenge> challenges) {
        return challenges.stream().map(AuthChallenge::scheme).toList();
    }

    private static int indexOfSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** RFC 9110 11.2 token68: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
    static boolean isToken68(String text) {
        int i = 0;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) && text.charAt(i) < 0x80
                || "-._~+/".indexOf(text.charAt(i)) >= 0)) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < text.length() && text.charAt(i) == '=') {
            i++;
        }
        return i == text.length();
    }

    private static List<String> splitOutsideQuotes(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    @Override
    public String toString() {
        return scheme + token.map(t -> " <token of " + t.length() + " characters>").orElse("")
                + (params.isEmpty() ? "" : " " + String.join(", ", params));
    }
}
