package rdpcheck.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a setting: how its text (from YAML or an environment variable) becomes a value,
 * how the value prints, and what is allowed (said in every error). A settings section outside
 * this module picks its keys' types from the factories here; only this package makes new kinds.
 */
public abstract class ValueType {

    /** Slack ids (T…, C…, U…, S…) and Discord snowflakes: letters, digits, '-' and '_'. */
    private static final ValueType ID = text("ids of letters, digits, '-' or '_'", Pattern.compile("[A-Za-z0-9_-]{1,64}"));

    ValueType() {
    }

    /** What is allowed, in words, e.g. "a duration from 1s to 2m, e.g. 10s". */
    abstract String allowed();

    /** Parses one scalar; throws {@link IllegalArgumentException} with the reason. */
    abstract Object parseScalar(String text, boolean yamlString);

    boolean isList() {
        return false;
    }

    String print(Object value) {
        if (value instanceof Duration d) {
            return formatDuration(d);
        }
        return String.valueOf(value);
    }

    // --- the types -----------------------------------------------------------------------------

    public static ValueType duration(Duration min, Duration max) {
        return new ValueType() {
            private final Pattern form = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

            @Override
            String allowed() {
                return "a duration from " + formatDuration(min) + " to " + formatDuration(max)
                        + ", written as a number with ms, s, m, h or d (e.g. 10s, 500ms, 2m)";
            }

            @Override
            Object parseScalar(String text, boolean yamlString) {
                Matcher m = form.matcher(text.strip().toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    throw new IllegalArgumentException("'" + text + "' is not a duration");
                }
                long n = Long.parseLong(m.group(1));
                Duration d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                    throw new IllegalArgumentException(text + " is out of range");
                }
                return d;
            }
        };
    }

    public static ValueType integer(long min, long max) {
        return new ValueType() {
            @Override
            String allowed() {
                return "a whole number from " + min + " to " + max;
            }

            @Override
            Object parseScalar(String text, boolean yamlString) {
                String t = text.strip().replace("_", "");
                if (!t.matches("-?\\d{1,10}")) {
                    throw new IllegalArgumentException("'" + text + "' is not a whole number");
                }
                long n = Long.parseLong(t);
                if (n < min || n > max) {
                    throw new IllegalArgumentException(n + " is out of range");
                }
                return (int) n;
            }
        };
    }

    public static ValueType bool() {
        return new ValueType() {
            @Override
            String allowed() {
                return "true or false";
            }

            @Override
            Object parseScalar(String text, boolean yamlString) {
                String t = text.strip().toLowerCase(Locale.ROOT);
                if (t.equals("true")) {
                    return Boolean.TRUE;
                }
                if (t.equals("false")) {
                    return Boolean.FALSE;
                }
                throw new IllegalArgumentException("'" + text + "' is not true or false");
            }
        };
    }

    public static <E extends Enum<E>> ValueType choice(Class<E> type) {
        return new ValueType() {
            @Override
            String allowed() {
                List<String> names = new ArrayList<>();
                for (E e : type.getEnumConstants()) {
                    names.add(e.name().toLowerCase(Locale.ROOT));
                }
                return "one of " + String.join(", ", names);
            }

            @Override
            Object parseScalar(String text, boolean yamlString) {
                for (E e : type.getEnumConstants()) {
                    if (e.name().equalsIgnoreCase(text.strip())) {
                        return e;
                    }
                }
                throw new IllegalArgumentException("'" + text + "' is not a choice here");
            }

            @Override
            String print(Object value) {
                return ((Enum<?>) value).name().toLowerCase(Locale.ROOT);
            }
        };
    }

    public static ValueType url(Set<String> schemes) {
        return new ValueType() {
            @Override
            String allowed() {
                return "an absolute URL starting with " + String.join("://, ", schemes) + "://";
            }

            @Override
            Object parseScalar(String text, boolean yamlString) {
                try {
                    URI uri = new URI(text.strip());
                    if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                            || uri.getHost() == null) {
                        throw new IllegalArgumentException("'" + text + "' is not such a URL");
                    }
                    if (uri.getUserInfo() != null) {
                        throw new IllegalArgumentException("'" + text + "' carries a user name or password; put secrets"
                                + " in the environment");
                    }
                    return uri;
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
                }
            }
        };
    }

    public static ValueType text(String allowed, Pattern pattern) {
        return new ValueType() {
            @Override
            String allowed() {
                return allowed;
            }

            @Override
            Object parseScalar(String text, boolean yamlString) {
                if (!pattern.matcher(text).matches()) {
                    throw new IllegalArgumentException("'" + text + "' is not allowed");
                }
                return text;
            }
        };
    }

    public static ValueType listOf(ValueType element, String example) {
        return new ValueType() {
            @Override
            String allowed() {
                return "a list of " + element.allowed().replaceFirst("^an? ", "") + " (YAML [a, b]; in the"
                        + " environment comma-separated), e.g. " + example;
            }

            @Override
            boolean isList() {
                return true;
            }

            @Override
            Object parseScalar(String text, boolean yamlString) {
                return element.parseScalar(text, yamlString);
            }

            @Override
            String print(Object value) {
                List<String> parts = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    parts.add(element.print(item));
                }
                return "[" + String.join(", ", parts) + "]";
            }
        };
    }

    /** An IP address literal to listen on; never a name (no lookup while loading the configuration). */
    /** A list of chat ids: Slack team, channel, user and group ids, Discord snowflakes. */
    public static ValueType ids() {
        return listOf(ID, "[C0123ABCD, C0456EFGH]");
    }

    /** A file path, e.g. of a file holding a secret; empty for none. */
    public static ValueType path() {
        return text("a file path", Pattern.compile("[^\\x00]{0,4096}"));
    }

    public static ValueType address() {
        return new ValueType() {
            @Override
            String allowed() {
                return "an IP address of this machine, e.g. 127.0.0.1, 0.0.0.0 (every interface) or ::1";
            }

            @Override
            Object parseScalar(String text, boolean yamlString) {
                String literal = text.trim();
                boolean v4 = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}");
                boolean v6 = literal.contains(":") && literal.matches("[0-9A-Fa-f:.]+");
                if (!v4 && !v6) {
                    throw new IllegalArgumentException("not an IP address");
                }
                try {
                    return java.net.InetAddress.getByName(literal); // a literal: no lookup
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalArgumentException("not an IP address");
                }
            }

            @Override
            String print(Object value) {
                return ((java.net.InetAddress) value).getHostAddress();
            }
        };
    }

    /**
     * A value {@code parser} makes from the text, or refuses with an {@link IllegalArgumentException}
     * saying why; {@code allowed} says what is allowed, in words, after every refusal.
     */
    public static ValueType parsed(String allowed, Function<String, Object> parser) {
        return new ValueType() {
            @Override
            String allowed() {
                return allowed;
            }

            @Override
            Object parseScalar(String text, boolean yamlString) {
                return parser.apply(text);
            }
        };
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms != 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
