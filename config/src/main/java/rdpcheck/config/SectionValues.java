package rdpcheck.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parsed values of the {@link SettingsSection}s' keys and secrets: what a section reads its settings from. */
public final class SectionValues {

    private final Map<String, Object> values;
    private final Map<String, Secret> secrets;

    SectionValues(Map<String, Object> values, Map<String, Secret> secrets) {
        this.values = Map.copyOf(values);
        this.secrets = Map.copyOf(secrets);
    }

    /** The value of {@code key}, of the Java type its {@link ValueType} parses to. */
    public <T> T get(Key key, Class<T> type) {
        Object value = values.get(key.path());
        if (value == null) {
            throw new IllegalArgumentException(key.path() + " is not a key of an installed settings section");
        }
        return type.cast(value);
    }

    /** A list key's values as text (ids, names). */
    public List<String> strings(Key key) {
        List<String> out = new ArrayList<>();
        for (Object item : get(key, List.class)) {
            out.add(String.valueOf(item));
        }
        return List.copyOf(out);
    }

    /** The secret, when it is set. */
    public Optional<Secret> secret(ConfigKeys.SecretKey key) {
        return Optional.ofNullable(secrets.get(key.path()));
    }

    List<Secret> secrets() {
        return List.copyOf(secrets.values());
    }

    /** Equal when every value and every secret is (two loads of one configuration are equal). */
    @Override
    public boolean equals(Object other) {
        return other instanceof SectionValues that && values.equals(that.values) && revealed().equals(that.revealed());
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    private Map<String, String> revealed() {
        Map<String, String> out = new java.util.HashMap<>();
        secrets.forEach((path, secret) -> out.put(path, secret.reveal()));
        return out;
    }

    @Override
    public String toString() {
        return "SectionValues" + values.keySet(); // values may be long lists; secrets never
    }
}
