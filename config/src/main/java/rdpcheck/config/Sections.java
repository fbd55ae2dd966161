package rdpcheck.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** Finds the installed {@link SettingsSection}s and adds their keys to the core ones, refusing clashes. */
final class Sections {

    private Sections() {
    }

    static List<SettingsSection> load(Map<String, Key> keys) {
        List<SettingsSection> sections = new ArrayList<>();
        ServiceLoader.load(SettingsSection.class, SettingsSection.class.getClassLoader()).forEach(sections::add);
        sections.sort(Comparator.comparing(SettingsSection::name));
        Set<String> names = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (SettingsSection section : sections) {
            String name = section.name();
            if (!names.add(name) || keys.keySet().stream().anyMatch(k -> k.startsWith(name + "."))) {
                throw new IllegalStateException("two settings sections are named " + name);
            }
            for (Key key : section.keys()) {
                if (!owns(name, key.path())) {
                    throw new IllegalStateException("section " + name + " declares " + key.path()
                            + ": its keys are " + name + ".* and access." + name + ".*");
                }
                if (keys.putIfAbsent(key.path(), key) != null) {
                    throw new IllegalStateException("two settings are named " + key.path());
                }
            }
            for (ConfigKeys.SecretKey secret : section.secrets()) {
                if (!owns(name, secret.path()) || !secrets.add(secret.path()) || keys.containsKey(secret.path())
                        || keys.get(secret.fileKey().path()) != secret.fileKey()) {
                    throw new IllegalStateException("section " + name + "'s secret " + secret.path()
                            + " clashes with another setting or names a file key it does not declare");
                }
            }
        }
        return List.copyOf(sections);
    }

    private static boolean owns(String section, String path) {
        return path.startsWith(section + ".") || path.startsWith("access." + section + ".");
    }
}
