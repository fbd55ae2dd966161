package rdpcheck.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Loads {@link Settings}: the defaults, then one YAML file, then environment variables (one per
 * key, see {@link Key#envVarOf}); secrets from the environment or a file a {@code *_file} key
 * names, never from the YAML. Every problem is collected and reported at once.
 */
public final class ConfigLoader {

    /** A configuration file is a page of text; anything larger is a mistake. */
    static final int MAX_FILE_BYTES = 1 << 20;
    /** A token file holds one token. */
    static final int MAX_SECRET_FILE_BYTES = 64 * 1024;

    private static final YAMLFactory YAML = new YAMLFactory();

    private ConfigLoader() {
    }

    /** The file named by {@code --config} or else by {@code RDPCHECK_CONFIG}, and the process environment. */
    public static LoadedConfig load(Optional<Path> commandLineFile) throws ConfigException {
        Map<String, String> env = System.getenv();
        Optional<Path> file = commandLineFile.isPresent() ? commandLineFile
                : Optional.ofNullable(env.get(ConfigKeys.CONFIG_ENV)).filter(s -> !s.isBlank()).map(Path::of);
        return load(file, env);
    }

    /** @param env the environment to read overrides and secrets from (tests pass their own) */
    public static LoadedConfig load(Optional<Path> file, Map<String, String> env) throws ConfigException {
        List<ConfigException.Problem> problems = new ArrayList<>();
        Map<String, Raw> fromFile = new LinkedHashMap<>();
        String fileName = file.map(ConfigLoader::shownPath).orElse("");
        if (file.isPresent()) {
            readFile(file.get(), fromFile, problems);
        }

        Map<String, Object> values = new LinkedHashMap<>();
        List<LoadedConfig.Entry> entries = new ArrayList<>();
        for (Key key : ConfigKeys.all()) {
            String envValue = env.get(key.envVar());
            Raw raw = fromFile.get(key.path());
            Object value;
            if (looksSecret(envValue, raw)) {
                String where = envValue != null ? "environment " + key.envVar() : fileName + " line " + raw.line();
                problems.add(new ConfigException.Problem(key.path(), where, "the value looks like a token or secret"
                        + " (not shown); " + key.path() + " is not a secret setting. Put secrets in "
                        + (secretVariables().isEmpty() ? "the environment" : String.join(", ", secretVariables())
                        + " or the matching *_file key") + ", and revoke this one if it was real"));
                continue;
            }
            try {
                if (envValue != null) {
                    value = parseEnv(key, envValue);
                    entries.add(new LoadedConfig.Entry(key.path(), key.envVar(), key.type().print(value),
                            Origin.ENVIRONMENT, key.envVar()));
                } else if (raw != null) {
                    value = parseRaw(key, raw);
                    entries.add(new LoadedConfig.Entry(key.path(), key.envVar(), key.type().print(value),
                            Origin.FILE, fileName + " line " + raw.line()));
                } else {
                    value = parseEnv(key, key.defaultText().replaceAll("^\\[|]$", ""));
                    entries.add(new LoadedConfig.Entry(key.path(), key.envVar(), key.type().print(value),
                            Origin.DEFAULT, "default"));
                }
                values.put(key.path(), value);
            } catch (IllegalArgumentException e) {
                String where = envValue != null ? "environment " + key.envVar()
                        : raw != null ? fileName + " line " + raw.line() : "default";
                problems.add(new ConfigException.Problem(key.path(), where, e.getMessage() + "; allowed: " + key.allowed()));
            }
        }

        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (ConfigKeys.SecretKey secret : ConfigKeys.secrets()) {
            readSecret(secret, env, values, secrets, entries, problems);
        }
        SectionValues sections = null;
        if (problems.isEmpty()) {
            sections = sectionValues(values, secrets);
            checkSections(sections, entries, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(masked(problems, secrets.values()));
        }
        return new LoadedConfig(Settings.from(values, sections), file.map(Path::toString), inOrder(entries), warnings(env));
    }

    // --- sections -----------------------------------------------------------------------------

    private static SectionValues sectionValues(Map<String, Object> values, Map<String, Secret> secrets) {
        Map<String, Object> own = new LinkedHashMap<>(values);
        own.keySet().removeAll(ConfigKeys.core().stream().map(Key::path).toList());
        return new SectionValues(own, secrets);
    }

    /** Each section's rules across its keys; a problem is told where its key's value came from. */
    private static void checkSections(SectionValues values, List<LoadedConfig.Entry> entries,
                                      List<ConfigException.Problem> problems) {
        for (SettingsSection section : ConfigKeys.sections()) {
            try {
                section.check(values);
            } catch (InvalidSetting e) {
                String where = entries.stream().filter(entry -> entry.key().equals(e.key())).findFirst()
                        .map(entry -> entry.origin() == Origin.DEFAULT ? "not set" : entry.where()).orElse("not set");
                problems.add(new ConfigException.Problem(e.key(), where, e.problem()));
            }
        }
    }

    // --- secrets where they do not belong ------------------------------------------------------

    private static boolean looksSecret(String envValue, Raw raw) {
        if (envValue != null) {
            return SecretShapes.found(envValue);
        }
        if (raw instanceof Raw.Items items) {
            return items.items().stream().anyMatch(i -> SecretShapes.found(i.text()));
        }
        return raw instanceof Raw.Scalar scalar && SecretShapes.found(scalar.text());
    }

    private static List<String> secretVariables() {
        return ConfigKeys.secrets().stream().map(ConfigKeys.SecretKey::envVar).toList();
    }

    /** A path is printed in problems; one that is a pasted token is not. */
    private static String shownPath(Path path) {
        String text = path.toString();
        return SecretShapes.found(text) ? "the --config path (not shown: it looks like a token)" : text;
    }

    /** Problems never repeat a secret that was read, whatever key it was mistyped into. */
    private static List<ConfigException.Problem> masked(List<ConfigException.Problem> problems,
                                                       java.util.Collection<Secret> secrets) {
        List<ConfigException.Problem> out = new ArrayList<>();
        for (ConfigException.Problem p : problems) {
            out.add(new ConfigException.Problem(mask(p.key(), secrets), mask(p.where(), secrets), mask(p.message(), secrets)));
        }
        return out;
    }

    private static String mask(String text, java.util.Collection<Secret> secrets) {
        String out = text;
        for (Secret secret : secrets) {
            if (!secret.reveal().isBlank()) {
                out = out.replace(secret.reveal(), Secret.MASK);
            }
        }
        return SecretShapes.mask(out, Secret.MASK);
    }

    // --- the file ------------------------------------------------------------------------------

    private static void readFile(Path file, Map<String, Raw> out, List<ConfigException.Problem> problems) {
        String name = shownPath(file);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                problems.add(new ConfigException.Problem("(file)", name, "the file is larger than "
                        + MAX_FILE_BYTES + " bytes; a configuration file is a page of YAML"));
                return;
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            problems.add(new ConfigException.Problem("(file)", name, "no such file; give an existing YAML file with"
                    + " --config or " + ConfigKeys.CONFIG_ENV + ", or none to use the defaults"));
            return;
        } catch (IOException e) {
            problems.add(new ConfigException.Problem("(file)", name, "cannot read it: " + e.getMessage()));
            return;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return; // an empty file: the defaults
            }
            if (first != JsonToken.START_OBJECT) {
                problems.add(new ConfigException.Problem("(file)", name + " line " + line(parser),
                        "the file must be a YAML mapping of sections (probe:, policy:, slack:, ...), not a "
                                + describe(first)));
                return;
            }
            new Walker(parser, name, out, problems).readMap("");
            if (parser.nextToken() != null) {
                problems.add(new ConfigException.Problem("(file)", name + " line " + line(parser),
                        "only one YAML document is read; remove the second one (after ---)"));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? name : name + " line " + at.getLineNr();
            problems.add(new ConfigException.Problem("(file)", where, "not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new ConfigException.Problem("(file)", name, "cannot read it: " + e.getMessage()));
        }
    }

    /** Walks the token stream, so every value keeps its line for error messages. */
    private static final class Walker {
        private final JsonParser parser;
        private final String file;
        private final Map<String, Raw> out;
        private final List<ConfigException.Problem> problems;
        private final Set<String> seen = new HashSet<>();

        Walker(JsonParser parser, String file, Map<String, Raw> out, List<ConfigException.Problem> problems) {
            this.parser = parser;
            this.file = file;
            this.out = out;
            this.problems = problems;
        }

        void readMap(String section) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int line = line(parser);
                String path = section.isEmpty() ? name : section + "." + name;
                JsonToken value = parser.nextToken();
                String where = file + " line " + line;
                if (!seen.add(path)) {
                    problems.add(new ConfigException.Problem(path, where, "appears twice; keep one"));
                    parser.skipChildren();
                    continue;
                }
                ConfigKeys.SecretKey secret = ConfigKeys.secret(path);
                if (secret != null) {
                    problems.add(new ConfigException.Problem(path, where, "secrets are not read from the configuration"
                            + " file (it gets copied, committed and printed); remove the line and set " + secret.envVar()
                            + " in the environment, or put the secret alone in a file readable only by rdpcheck and name"
                            + " that file with " + secret.fileKey().path()));
                    parser.skipChildren();
                    continue;
                }
                Key key = ConfigKeys.byPath(path);
                if (key != null) {
                    Raw raw = readValue(key, value, line);
                    if (raw != null) {
                        out.put(path, raw);
                    }
                } else if (ConfigKeys.isSection(path)) {
                    if (value == JsonToken.START_OBJECT) {
                        readMap(path);
                    } else {
                        problems.add(new ConfigException.Problem(path, where, "is a section, not a value; allowed under it: "
                                + String.join(", ", ConfigKeys.childrenOf(path))));
                        parser.skipChildren();
                    }
                } else {
                    problems.add(new ConfigException.Problem(path, where, "unknown key; allowed "
                            + (section.isEmpty() ? "at the top" : "under " + section) + ": "
                            + String.join(", ", ConfigKeys.childrenOf(section)) + suggestion(section, name)));
                    parser.skipChildren();
                }
            }
        }

        private Raw readValue(Key key, JsonToken token, int line) throws IOException {
            String where = file + " line " + line;
            if (token == JsonToken.VALUE_NULL) {
                problems.add(new ConfigException.Problem(key.path(), where, "has no value; remove the line for the default ("
                        + key.defaultText() + ") or give " + key.allowed()));
                return null;
            }
            if (token == JsonToken.START_OBJECT) {
                problems.add(new ConfigException.Problem(key.path(), where, "expected a value, found a mapping; allowed: "
                        + key.allowed()));
                parser.skipChildren();
                return null;
            }
            if (token == JsonToken.START_ARRAY) {
                if (!key.type().isList()) {
                    problems.add(new ConfigException.Problem(key.path(), where, "expected one value, found a list; allowed: "
                            + key.allowed()));
                    parser.skipChildren();
                    return null;
                }
                List<Raw.Scalar> items = new ArrayList<>();
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (item == JsonToken.START_OBJECT || item == JsonToken.START_ARRAY || item == JsonToken.VALUE_NULL) {
                        problems.add(new ConfigException.Problem(key.path(), file + " line " + line(parser),
                                "a list item is " + describe(item) + "; allowed: " + key.allowed()));
                        parser.skipChildren();
                        return null;
                    }
                    items.add(new Raw.Scalar(parser.getText(), item == JsonToken.VALUE_STRING, line(parser)));
                }
                return new Raw.Items(items, line);
            }
            if (key.type().isList()) {
                problems.add(new ConfigException.Problem(key.path(), where, "expected a list, found one value; write ["
                        + parser.getText() + "]; allowed: " + key.allowed()));
                return null;
            }
            return new Raw.Scalar(parser.getText(), token == JsonToken.VALUE_STRING, line);
        }

        private String suggestion(String section, String name) {
            String best = null;
            int bestDistance = 3;
            for (String candidate : ConfigKeys.childrenOf(section)) {
                int d = distance(name.toLowerCase(java.util.Locale.ROOT), candidate);
                if (d < bestDistance) {
                    best = candidate;
                    bestDistance = d;
                }
            }
            return best == null ? "" : " (did you mean " + best + "?)";
        }
    }

    // --- values --------------------------------------------------------------------------------

    /** A value as found in the file, with its line. */
    private sealed interface Raw {
        int line();

        record Scalar(String text, boolean quoted, int line) implements Raw {
        }

        record Items(List<Scalar> items, int line) implements Raw {
        }
    }

    private static Object parseRaw(Key key, Raw raw) {
        if (raw instanceof Raw.Items items) {
            List<Object> list = new ArrayList<>();
            for (Raw.Scalar item : items.items()) {
                list.add(key.type().parseScalar(item.text(), item.quoted()));
            }
            return List.copyOf(list);
        }
        Raw.Scalar scalar = (Raw.Scalar) raw;
        return key.type().parseScalar(scalar.text(), scalar.quoted());
    }

    private static Object parseEnv(Key key, String text) {
        if (!key.type().isList()) {
            return key.type().parseScalar(text, true);
        }
        List<Object> list = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                list.add(key.type().parseScalar(part.strip(), true));
            }
        }
        return List.copyOf(list);
    }

    // --- secrets -------------------------------------------------------------------------------

    private static void readSecret(ConfigKeys.SecretKey secret, Map<String, String> env, Map<String, Object> values,
                                   Map<String, Secret> out, List<LoadedConfig.Entry> entries,
                                   List<ConfigException.Problem> problems) {
        String direct = env.get(secret.envVar());
        Object fileValue = values.get(secret.fileKey().path());
        String path = fileValue instanceof String s ? s : "";
        boolean hasDirect = direct != null && !direct.isBlank();
        if (hasDirect && !path.isEmpty()) {
            problems.add(new ConfigException.Problem(secret.path(), "environment " + secret.envVar(),
                    "is set and " + secret.fileKey().path() + " names a file too; keep one of them"));
            return;
        }
        if (hasDirect) {
            String origin = "environment " + secret.envVar();
            out.put(secret.path(), Secret.of(direct.strip(), origin));
            entries.add(new LoadedConfig.Entry(secret.path(), secret.envVar(), Secret.MASK, Origin.ENVIRONMENT, origin));
            return;
        }
        if (path.isEmpty()) {
            entries.add(new LoadedConfig.Entry(secret.path(), secret.envVar(), "(not set)", Origin.DEFAULT, "default"));
            return;
        }
        String origin = "file " + path;
        String where = secret.fileKey().path() + " = " + path;
        try {
            Path file = Path.of(path);
            if (Files.size(file) > MAX_SECRET_FILE_BYTES) {
                problems.add(new ConfigException.Problem(secret.fileKey().path(), where, "the file is larger than "
                        + MAX_SECRET_FILE_BYTES + " bytes; it should hold the secret alone"));
                return;
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                problems.add(new ConfigException.Problem(secret.fileKey().path(), where, "the file is empty; put the "
                        + secret.path().replace('.', ' ').replace('_', ' ') + " in it"));
                return;
            }
            if (value.contains("\n")) {
                problems.add(new ConfigException.Problem(secret.fileKey().path(), where,
                        "the file holds more than one line; it should hold the secret alone"));
                return;
            }
            out.put(secret.path(), Secret.of(value, origin));
            entries.add(new LoadedConfig.Entry(secret.path(), secret.envVar(), Secret.MASK, Origin.FILE, origin));
        } catch (NoSuchFileException e) {
            problems.add(new ConfigException.Problem(secret.fileKey().path(), where, "no such file"));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            problems.add(new ConfigException.Problem(secret.fileKey().path(), where, "cannot read it: " + e.getMessage()));
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Each secret printed right after the key that names its file. */
    private static List<LoadedConfig.Entry> inOrder(List<LoadedConfig.Entry> entries) {
        List<LoadedConfig.Entry> ordered = new ArrayList<>();
        for (LoadedConfig.Entry entry : entries) {
            if (ConfigKeys.secret(entry.key()) != null) {
                continue;
            }
            ordered.add(entry);
            for (ConfigKeys.SecretKey secret : ConfigKeys.secrets()) {
                if (secret.fileKey().path().equals(entry.key())) {
                    entries.stream().filter(e -> e.key().equals(secret.path())).forEach(ordered::add);
                }
            }
        }
        return ordered;
    }

    private static List<String> warnings(Map<String, String> env) {
        Set<String> known = new HashSet<>();
        known.add(ConfigKeys.CONFIG_ENV);
        known.add(ConfigKeys.LOG_LEVEL_ENV);
        known.addAll(ConfigKeys.LAUNCHER_ENV);
        ConfigKeys.all().forEach(k -> known.add(k.envVar()));
        ConfigKeys.secrets().forEach(s -> known.add(s.envVar()));
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (name.startsWith("RDPCHECK_") && !known.contains(name)) {
                warnings.add("environment variable " + name + " is not a setting rdpcheck knows; it is ignored");
            }
        }
        return warnings;
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken token) {
        if (token == JsonToken.START_ARRAY) {
            return "list";
        }
        if (token == JsonToken.START_OBJECT) {
            return "mapping";
        }
        if (token == JsonToken.VALUE_NULL) {
            return "empty";
        }
        return "single value";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
