package rdpcheck.config;

import java.util.List;
import java.util.Optional;

/**
 * The validated settings and, for printing, every effective value with its origin (secrets
 * masked) and the warnings that are not errors (e.g. an unknown {@code RDPCHECK_} variable).
 */
public record LoadedConfig(Settings settings, Optional<String> file, List<Entry> entries, List<String> warnings) {

    public LoadedConfig {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param key    the setting's path
     * @param envVar the environment variable that overrides it
     * @param value  the value as printed; a secret is {@code ****} or {@code (not set)}
     * @param origin where the value came from
     * @param where  detail of the origin: the file and line, or the variable
     */
    public record Entry(String key, String envVar, String value, Origin origin, String where) {
    }
}
