package rdpcheck.store;

import java.time.Duration;
import java.util.List;

import rdpcheck.config.Key;
import rdpcheck.config.SectionValues;
import rdpcheck.config.Settings;
import rdpcheck.config.SettingsSection;
import rdpcheck.config.ValueType;

/**
 * How replicas sharing one store hand the watches over.
 *
 * @param failover how soon after the replica running the watches died another one runs them
 */
public record LeaderSettings(Duration failover) {

    static final Key FAILOVER = Key.of("watch.failover", ValueType.duration(Duration.ofSeconds(2), Duration.ofHours(1)),
            "30s", "with several serve replicas sharing one store.url: how soon after the replica running the watches"
                    + " dies another one takes over (each holds a lease of 2/3 of this, renewed every 1/6)");

    public static LeaderSettings defaults() {
        return new LeaderSettings(Duration.ofSeconds(30));
    }

    /** From the loaded configuration (its {@code watch} section). */
    public static LeaderSettings of(Settings settings) {
        return from(settings.sections());
    }

    static LeaderSettings from(SectionValues values) {
        return new LeaderSettings(values.get(FAILOVER, Duration.class));
    }

    /** The {@code watch} section of the configuration (META-INF/services/rdpcheck.config.SettingsSection). */
    public static final class Section implements SettingsSection {

        @Override
        public String name() {
            return "watch";
        }

        @Override
        public List<Key> keys() {
            return List.of(FAILOVER);
        }
    }
}
