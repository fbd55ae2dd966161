package rdpcheck.checks.watch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import rdpcheck.probes.report.Change;
import rdpcheck.probes.report.ChangeFacts;
import rdpcheck.probes.report.Earlier;

/**
 * What a watch's run tells its channel: a pure function of the state the last run left, the state
 * this run found and the time, so every rule can be tested with a fixed clock and any replica
 * computes the same events with the same keys from the same stored state.
 *
 * <ul>
 *   <li>a critical diagnosis the last run did not have (on the first run: every critical one);</li>
 *   <li>recovery: no critical diagnosis after the last run had one;</li>
 *   <li>each fact that changed since the last run ({@link ChangeFacts}: certificate, security layers,
 *       TLS versions, NTLM identity, Standard RDP Security, addresses, round trips that moved a lot);</li>
 *   <li>the certificate ending within a threshold (21, 14, 7, 3, 1 days by default): once per
 *       certificate and threshold, the smallest one reached only, so a watch added 10 days before
 *       the end says "14" once and then "7";</li>
 *   <li>an expired certificate: once a day (UTC) until it is replaced.</li>
 * </ul>
 *
 * Transition events carry the time of the run they compare with in their key ({@code @millis}), so
 * a problem that goes and comes back is told again, and never twice for one transition.
 */
public final class AlertRules {

    /** {@code watch.expiry_alert_days} by default. */
    public static final List<Integer> DEFAULT_EXPIRY_DAYS = List.of(21, 14, 7, 3, 1);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private AlertRules() {
    }

    /**
     * The events of a run that found {@code current}, after a last run that left {@code previous}
     * ({@link WatchState#NEVER} before the first), at {@code now}; ordered: critical, recovery,
     * changes, certificate expiry.
     *
     * @param expiryDays the thresholds in days; empty: no expiry alerts
     */
    public static List<AlertEvent> evaluate(WatchState previous, WatchState current, Instant now, List<Integer> expiryDays) {
        List<AlertEvent> events = new ArrayList<>();
        String after = "@" + previous.at().map(Instant::toEpochMilli).orElse(0L);
        current.critical().forEach((id, title) -> {
            if (!previous.critical().containsKey(id)) {
                events.add(new AlertEvent(AlertEvent.Kind.CRITICAL, cut("critical:" + id + after),
                        "New critical problem: " + title + " (`" + id + "`)"));
            }
        });
        if (!previous.critical().isEmpty() && current.critical().isEmpty()) {
            events.add(new AlertEvent(AlertEvent.Kind.RECOVERED, "recovered" + after,
                    "Recovered: no critical problem any more (before: " + String.join(", ", previous.critical().keySet())
                            + ")" + (current.problems() ? "; warnings remain" : "")));
        }
        if (previous.at().isPresent() && current.at().isPresent()) {
            List<Change> changes = ChangeFacts.compare(current.facts(), current.at().get(), current.problems(),
                    List.of(new Earlier(previous.at().get(), previous.problems(), previous.facts()))).items();
            for (Change change : changes) {
                events.add(new AlertEvent(AlertEvent.Kind.CHANGED, cut("change:" + change.fact() + after),
                        "Changed: " + change.text()));
            }
        }
        expiry(current.facts(), now, expiryDays).ifPresent(events::add);
        return List.copyOf(events);
    }

    /** The certificate's expiry event at {@code now}, if one is due. */
    static Optional<AlertEvent> expiry(Map<String, String> facts, Instant now, List<Integer> expiryDays) {
        String thumbprint = facts.get(ChangeFacts.CERT_THUMBPRINT);
        String end = facts.get(ChangeFacts.CERT_EXPIRY);
        if (expiryDays.isEmpty() || thumbprint == null || end == null) {
            return Optional.empty();
        }
        Instant notAfter;
        try {
            notAfter = Instant.parse(end);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        String shortPrint = thumbprint.length() > 8 ? thumbprint.substring(0, 8) + "…" : thumbprint;
        String print = cutThumbprint(thumbprint);
        if (!now.isBefore(notAfter)) {
            long days = Duration.between(notAfter, now).toDays();
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            return Optional.of(new AlertEvent(AlertEvent.Kind.EXPIRED, "expired:" + print + ":" + today,
                    "The certificate expired " + (days == 0 ? "today" : days == 1 ? "1 day ago" : days + " days ago")
                            + " (" + DAY.format(notAfter) + ", thumbprint " + shortPrint + "): clients refuse it;"
                            + " this alert repeats daily until it is replaced"));
        }
        Duration left = Duration.between(now, notAfter);
        Integer reached = null;
        for (int threshold : new TreeSet<>(expiryDays)) {
            if (left.compareTo(Duration.ofDays(threshold)) <= 0) {
                reached = threshold;
                break;
            }
        }
        if (reached == null) {
            return Optional.empty();
        }
        long days = left.toDays();
        String in = days == 0 ? "within a day" : days == 1 ? "in 1 day" : "in " + days + " days";
        return Optional.of(new AlertEvent(AlertEvent.Kind.EXPIRING, "expiry:" + print + ":" + reached,
                "The certificate expires " + in + " (" + DAY.format(notAfter) + ", thumbprint " + shortPrint
                        + "); this is the " + reached + "-day alert"));
    }

    /** A SHA-1 thumbprint is 40 characters; anything a server could make longer is cut to keep keys bounded. */
    private static String cutThumbprint(String thumbprint) {
        return thumbprint.length() <= 64 ? thumbprint : thumbprint.substring(0, 64);
    }

    private static String cut(String key) {
        return key.length() <= AlertEvent.MAX_KEY ? key : key.substring(0, AlertEvent.MAX_KEY);
    }
}
