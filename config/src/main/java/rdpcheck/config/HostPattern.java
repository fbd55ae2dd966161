package rdpcheck.config;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A host-name pattern of the target policy: an exact name ({@code rdp01.corp.example}),
 * every name under a domain ({@code *.corp.example}, any depth, not the domain itself) or
 * {@code *} for every name. Compared in lower-case ASCII (punycode), as targets are.
 *
 * @param pattern the normalised pattern
 */
public record HostPattern(String pattern) {

    private static final Pattern LDH_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    public HostPattern {
        Objects.requireNonNull(pattern, "pattern");
    }

    /** @throws IllegalArgumentException with a message fit for a configuration error */
    public static HostPattern parse(String text) {
        String trimmed = text.strip();
        if (trimmed.equals("*")) {
            return new HostPattern("*");
        }
        boolean wildcard = trimmed.startsWith("*.");
        String name = wildcard ? trimmed.substring(2) : trimmed;
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(problem(text));
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new IllegalArgumentException(problem(text));
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.length() > 63 || !LDH_LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(problem(text));
            }
        }
        return new HostPattern(wildcard ? "*." + ascii : ascii);
    }

    /** @param host a normalised (lower-case ASCII, no trailing dot) host name */
    public boolean matches(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            return name.endsWith(pattern.substring(1));
        }
        return name.equals(pattern);
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static String problem(String text) {
        return "'" + text + "' is not a host-name pattern: use a name (rdp01.corp.example), *.domain (every name"
                + " under it) or *; labels are letters, digits and hyphens";
    }
}
