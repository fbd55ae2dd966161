package rdpcheck.checks.watch;

import java.util.ArrayList;
import java.util.List;

import rdpcheck.config.Key;
import rdpcheck.config.SectionValues;
import rdpcheck.config.Settings;
import rdpcheck.config.SettingsSection;
import rdpcheck.config.ValueType;

/**
 * Watches: how many a channel and the whole bot may have, how many run at once, and when a
 * certificate's end is alerted.
 *
 * @param maxPerChannel watches one channel may have
 * @param maxTotal      watches in all
 * @param maxRunning    watch checks running at once (they also count against {@code limits.max_running_checks})
 * @param expiryDays    days before a certificate's end at which its watch alerts, largest first; empty: never
 */
public record WatchSettings(int maxPerChannel, int maxTotal, int maxRunning, List<Integer> expiryDays) {

    static final Key MAX_PER_CHANNEL = Key.of("watch.max_per_channel", ValueType.integer(1, 1_000), "20",
            "watches one chat channel may have (/rdpcheck watch HOST)");
    static final Key MAX_TOTAL = Key.of("watch.max_total", ValueType.integer(1, 100_000), "500",
            "watches in all channels together");
    static final Key MAX_RUNNING = Key.of("watch.max_running", ValueType.integer(1, 64), "2",
            "watch checks running at once (they count against limits.max_running_checks too)");
    static final Key EXPIRY_ALERT_DAYS = Key.of("watch.expiry_alert_days",
            ValueType.listOf(ValueType.integer(1, 365), "[21, 14, 7, 3, 1]"), "[21, 14, 7, 3, 1]",
            "days before a watched host's certificate ends at which its channel is alerted, once each (then daily"
                    + " once it has expired); [] for no expiry alerts");

    /** h17r's: read by the store's leader election (LeaderSettings); declared here so that one section owns watch.*. */
    public static final Key FAILOVER = Key.of("watch.failover", ValueType.duration(java.time.Duration.ofSeconds(2),
                    java.time.Duration.ofHours(1)), "30s", "with several serve replicas sharing one store.url: how soon"
                    + " after the replica running the watches dies another one takes over (each holds a lease of 2/3 of"
                    + " this, renewed every 1/6)");

    public WatchSettings {
        if (maxPerChannel < 1 || maxTotal < 1 || maxRunning < 1) {
            throw new IllegalArgumentException("watch bounds must be at least 1");
        }
        expiryDays = List.copyOf(new java.util.TreeSet<>(expiryDays).descendingSet());
    }

    /** The defaults, as the configuration has them. */
    public static WatchSettings defaults() {
        return new WatchSettings(20, 500, 2, AlertRules.DEFAULT_EXPIRY_DAYS);
    }

    /** The {@code watch} section of the loaded configuration. */
    public static WatchSettings of(Settings settings) {
        SectionValues values = settings.sections();
        List<Integer> days = new ArrayList<>();
        for (Object day : values.get(EXPIRY_ALERT_DAYS, List.class)) {
            days.add(((Number) day).intValue());
        }
        return new WatchSettings(values.get(MAX_PER_CHANNEL, Integer.class), values.get(MAX_TOTAL, Integer.class),
                values.get(MAX_RUNNING, Integer.class), days);
    }

    /** The {@code watch} section (META-INF/services/rdpcheck.config.SettingsSection). */
    public static final class Section implements SettingsSection {

        @Override
        public String name() {
            return "watch";
        }

        @Override
        public List<Key> keys() {
            return List.of(MAX_PER_CHANNEL, MAX_TOTAL, MAX_RUNNING, EXPIRY_ALERT_DAYS, FAILOVER);
        }
    }
}
