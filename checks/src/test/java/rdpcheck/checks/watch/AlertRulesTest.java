package rdpcheck.checks.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.Findings;
import rdpcheck.probes.Target;
import rdpcheck.probes.report.ChangeFacts;
import rdpcheck.probes.report.Report;

/** The alert rules with fixed clocks: each threshold once, daily after expiry, recovery, new critical, changes. */
class AlertRulesTest {

    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
    private static final String PRINT = "9B08B6E1F0C4A1D2E3F405162738495A6B7C8D9E";
    private static final List<Integer> DAYS = AlertRules.DEFAULT_EXPIRY_DAYS;

    private static WatchState state(Instant at, Map<String, String> critical, Map<String, String> facts) {
        return new WatchState(Optional.of(at), !critical.isEmpty(), critical, facts);
    }

    private static Map<String, String> cert(String thumbprint, Instant notAfter) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(ChangeFacts.CERT_THUMBPRINT, thumbprint);
        facts.put(ChangeFacts.CERT_EXPIRY, notAfter.toString());
        facts.put(ChangeFacts.TLS_VERSIONS, "TLS 1.0, TLS 1.2");
        return facts;
    }

    /** Runs the rules hourly from {@code from} to {@code to}, keeping keys like the store does; the events that won. */
    private static List<AlertEvent> hourly(Instant from, Instant to, Map<String, String> facts) {
        Set<String> kept = new HashSet<>();
        List<AlertEvent> won = new ArrayList<>();
        WatchState previous = WatchState.NEVER;
        for (Instant now = from; !now.isAfter(to); now = now.plus(Duration.ofHours(1))) {
            WatchState current = state(now, Map.of(), facts);
            for (AlertEvent event : AlertRules.evaluate(previous, current, now, DAYS)) {
                if (kept.add(event.key())) {
                    won.add(event);
                }
            }
            previous = current;
        }
        return won;
    }

    @Test
    void expiry_hourlyRunsOverFiveWeeks_alertEachThresholdOnce_thenDailyOnceExpired() {
        Instant end = T0.plus(Duration.ofDays(30));
        List<AlertEvent> won = hourly(T0, end.plus(Duration.ofDays(2)), cert(PRINT, end));
        List<String> expiring = won.stream().filter(e -> e.kind() == AlertEvent.Kind.EXPIRING).map(AlertEvent::key).toList();
        assertEquals(List.of("expiry:" + PRINT + ":21", "expiry:" + PRINT + ":14", "expiry:" + PRINT + ":7",
                "expiry:" + PRINT + ":3", "expiry:" + PRINT + ":1"), expiring);
        List<String> expired = won.stream().filter(e -> e.kind() == AlertEvent.Kind.EXPIRED).map(AlertEvent::key).toList();
        assertEquals(List.of("expired:" + PRINT + ":2027-01-02", "expired:" + PRINT + ":2027-01-03",
                "expired:" + PRINT + ":2027-01-04"), expired, "one a day (UTC) from the day it expired");
        assertEquals(8, won.size(), "nothing else: the facts did not change");
    }

    @Test
    void expiry_exactlyAtThreshold_alertsThatThreshold_andOneSecondBefore_none() {
        Instant end = T0.plus(Duration.ofDays(21));
        List<AlertEvent> at = AlertRules.evaluate(WatchState.NEVER, state(T0, Map.of(), cert(PRINT, end)), T0, DAYS);
        assertEquals(List.of("expiry:" + PRINT + ":21"), at.stream().map(AlertEvent::key).toList());
        assertTrue(at.get(0).text().startsWith("The certificate expires in 21 days (2026-12-24 09:00 UTC, thumbprint 9B08B6E1…)"),
                at.get(0).text());
        Instant before = T0.minusSeconds(1);
        assertEquals(List.of(), AlertRules.evaluate(WatchState.NEVER, state(before, Map.of(), cert(PRINT, end)), before, DAYS));
    }

    @Test
    void expiry_watchAddedTenDaysBeforeTheEnd_saysFourteenOnceNotTwentyOne() {
        Instant end = T0.plus(Duration.ofDays(10));
        List<AlertEvent> won = hourly(T0, T0.plus(Duration.ofDays(2)), cert(PRINT, end));
        assertEquals(List.of("expiry:" + PRINT + ":14"), won.stream().map(AlertEvent::key).toList());
    }

    @Test
    void expiry_replacedCertificate_startsItsOwnThresholds_andThumbprintChangeIsAlerted() {
        Instant end = T0.plus(Duration.ofDays(5));
        WatchState old = state(T0, Map.of(), cert(PRINT, end));
        Instant later = T0.plus(Duration.ofHours(1));
        String replacement = "41C2000000000000000000000000000000000000";
        WatchState renewed = state(later, Map.of(), cert(replacement, later.plus(Duration.ofDays(180))));
        List<AlertEvent> events = AlertRules.evaluate(old, renewed, later, DAYS);
        assertEquals(List.of("change:cert.thumbprint@" + T0.toEpochMilli(), "change:cert.expiry@" + T0.toEpochMilli()),
                events.stream().map(AlertEvent::key).toList());
        assertTrue(events.get(0).text().startsWith("Changed: "), events.get(0).text());
    }

    @Test
    void expiry_noThresholds_noExpiryAlertsEvenWhenExpired() {
        WatchState expired = state(T0, Map.of(), cert(PRINT, T0.minus(Duration.ofDays(2))));
        assertEquals(List.of(), AlertRules.evaluate(expired, expired, T0, List.of()));
    }

    @Test
    void critical_newDiagnosis_alertsOnce_sameOnNextRun_nothing() {
        WatchState healthy = state(T0, Map.of(), Map.of());
        Instant t1 = T0.plus(Duration.ofHours(1));
        WatchState broken = state(t1, Map.of("tcp.refused", "Nothing accepts connections on port 3389"), Map.of());
        List<AlertEvent> first = AlertRules.evaluate(healthy, broken, t1, DAYS);
        assertEquals(List.of("critical:tcp.refused@" + T0.toEpochMilli()), first.stream().map(AlertEvent::key).toList());
        assertEquals(AlertEvent.Kind.CRITICAL, first.get(0).kind());
        assertTrue(first.get(0).text().contains("Nothing accepts connections on port 3389 (`tcp.refused`)"));
        Instant t2 = t1.plus(Duration.ofHours(1));
        WatchState still = state(t2, broken.critical(), Map.of());
        assertEquals(List.of(), AlertRules.evaluate(broken, still, t2, DAYS));
    }

    @Test
    void recovery_afterCritical_alertsOnce_andAProblemThatComesBackIsNewAgain() {
        Instant t1 = T0.plus(Duration.ofHours(1));
        Instant t2 = t1.plus(Duration.ofHours(1));
        WatchState broken = state(T0, Map.of("cert.expired", "The certificate has expired"), Map.of());
        WatchState fine = state(t1, Map.of(), Map.of());
        List<AlertEvent> recovered = AlertRules.evaluate(broken, fine, t1, DAYS);
        assertEquals(List.of("recovered@" + T0.toEpochMilli()), recovered.stream().map(AlertEvent::key).toList());
        assertTrue(recovered.get(0).text().contains("before: cert.expired"), recovered.get(0).text());
        assertEquals(List.of(), AlertRules.evaluate(fine, state(t2, Map.of(), Map.of()), t2, DAYS), "healthy stays quiet");
        WatchState again = state(t2, broken.critical(), Map.of());
        assertEquals(List.of("critical:cert.expired@" + t1.toEpochMilli()),
                AlertRules.evaluate(fine, again, t2, DAYS).stream().map(AlertEvent::key).toList());
    }

    @Test
    void firstRun_criticalProblemsAreNew_butNoChangesWithoutAnEarlierRun() {
        WatchState broken = state(T0, Map.of("tcp.refused", "Refused"), Map.of(ChangeFacts.TLS_VERSIONS, "TLS 1.2"));
        assertEquals(List.of("critical:tcp.refused@0"),
                AlertRules.evaluate(WatchState.NEVER, broken, T0, DAYS).stream().map(AlertEvent::key).toList());
    }

    @Test
    void changes_tlsOneOffAndNlaOff_eachOneEvent_keyedByTheRunComparedWith() {
        Map<String, String> before = Map.of(ChangeFacts.TLS_VERSIONS, "TLS 1.0, TLS 1.2", ChangeFacts.SECURITY_REQUIRED, "NLA");
        Map<String, String> after = Map.of(ChangeFacts.TLS_VERSIONS, "TLS 1.2", ChangeFacts.SECURITY_REQUIRED, "TLS");
        Instant t1 = T0.plus(Duration.ofMinutes(30));
        List<AlertEvent> events = AlertRules.evaluate(state(T0, Map.of(), before), state(t1, Map.of(), after), t1, DAYS);
        assertEquals(Set.of("change:tls.versions@" + T0.toEpochMilli(), "change:security.required@" + T0.toEpochMilli()),
                Set.copyOf(events.stream().map(AlertEvent::key).toList()));
        assertTrue(events.stream().allMatch(e -> e.kind() == AlertEvent.Kind.CHANGED));
    }

    @Test
    void stateAfter_keepsTheCertificateSeenBeforeAnOutage_butNotItsAddresses() {
        Map<String, String> facts = merged(cert(PRINT, T0.plus(Duration.ofDays(90))),
                Map.of(ChangeFacts.ADDRESS + "10.0.0.5", "connected", ChangeFacts.RTT + "10.0.0.5", "1.0"));
        WatchState before = state(T0, Map.of(), facts);
        Target target = new Target("rdp01.corp", 3389, "rdp01.corp");
        Report nothingSeen = new Report(target, T0.plusSeconds(60), 1.0, "rdp01.corp: no answer", List.of(), Findings.empty());
        WatchState down = WatchState.after(before, nothingSeen);
        assertEquals(Optional.of(T0.plusSeconds(60)), down.at());
        assertEquals(PRINT, down.facts().get(ChangeFacts.CERT_THUMBPRINT));
        assertEquals(null, down.facts().get(ChangeFacts.ADDRESS + "10.0.0.5"));
        assertEquals(null, down.facts().get(ChangeFacts.RTT + "10.0.0.5"));
    }

    private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new LinkedHashMap<>(a);
        out.putAll(b);
        return out;
    }
}
