package rdpcheck.config;

import java.util.List;

/**
 * A section of the configuration that another module brings, e.g. a chat platform's
 * {@code slack:} keys and its {@code access.slack} allowlists. Found on the class path by
 * {@link java.util.ServiceLoader} ({@code META-INF/services/rdpcheck.config.SettingsSection}):
 * the loader, {@code config check}, {@code config keys} and the README then know its keys like the
 * core ones, and its values reach the module through {@link Settings#sections()}.
 *
 * <p>Implementations must not touch {@link ConfigKeys} while they are made: the loader makes them
 * while it builds its list of keys.
 */
public interface SettingsSection {

    /** The YAML section and the first word of its keys, e.g. {@code slack}. */
    String name();

    /** Its ordinary keys, in the order {@code config check} prints them. */
    List<Key> keys();

    /** Its secrets: from the environment or the file an ordinary key names, never from the YAML file. */
    default List<ConfigKeys.SecretKey> secrets() {
        return List.of();
    }

    /**
     * Checks the section's values together, once each has parsed: the rules no single key can say
     * (Socket Mode needs the app-level token). Throws {@link InvalidSetting} naming the key.
     */
    default void check(SectionValues values) throws InvalidSetting {
    }
}
