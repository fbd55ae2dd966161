package rdpcheck.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One setting: its dotted path in the YAML file, its type, its default and what it is for. The
 * environment variable that overrides it is derived from the path: {@code RDPCHECK_} then the
 * path in upper case with dots as underscores, e.g. {@code slack.api_url} is
 * {@code RDPCHECK_SLACK_API_URL}.
 */
public final class Key {

    private final String path;
    private final ValueType type;
    private final String defaultText;
    private final String help;

    Key(String path, ValueType type, String defaultText, String help) {
        this.path = Objects.requireNonNull(path);
        this.type = Objects.requireNonNull(type);
        this.defaultText = Objects.requireNonNull(defaultText);
        this.help = Objects.requireNonNull(help);
    }

    /**
     * A setting of a {@link SettingsSection}.
     *
     * @param path        dotted, lower case, e.g. {@code slack.http_port}
     * @param defaultText the default as written in YAML ({@code []} for an empty list, {@code ""} for none)
     * @param help        what it is for, one line: shown by {@code config keys} and in the README
     */
    public static Key of(String path, ValueType type, String defaultText, String help) {
        return new Key(path, type, defaultText, help);
    }

    public static String envVarOf(String path) {
        return "RDPCHECK_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public String path() {
        return path;
    }

    public String envVar() {
        return envVarOf(path);
    }

    /** The default as written in a YAML file ({@code []} for an empty list). */
    public String defaultText() {
        return defaultText;
    }

    public String help() {
        return help;
    }

    /** What values are allowed, in words. */
    public String allowed() {
        return type.allowed();
    }

    ValueType type() {
        return type;
    }

    @Override
    public String toString() {
        return path;
    }
}
