package rdpcheck.store;

import java.time.Duration;

import rdpcheck.checks.watch.WatchSettings;
import rdpcheck.config.Key;
import rdpcheck.config.SectionValues;
import rdpcheck.config.Settings;

/**
 * How replicas sharing one store hand the watches over.
 *
 * @param failover how soon after the replica running the watches died another one runs them
 */
public record LeaderSettings(Duration failover) {

    /** Declared in the one {@code watch} section ({@link WatchSettings.Section}): a section has one owner. */
    static final Key FAILOVER = WatchSettings.FAILOVER;

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
}
