package rdpcheck.probes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What counts as a change, since when, and in which words: the comparison on its own, without a store. */
class ChangeFactsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private static Instant hoursAgo(long hours) {
        return NOW.minusSeconds(hours * 3600);
    }

    @Test
    void noEarlierCheck_nothingToCompare() {
        assertEquals(Changes.NONE, ChangeFacts.compare(Map.of("tls.versions", "TLS 1.2"), NOW, false, List.of()));
    }

    @Test
    void sameAsPrevious_noChanges_butTheComparisonIsSaid() {
        Changes changes = ChangeFacts.compare(Map.of("tls.versions", "TLS 1.2"), NOW, false,
                List.of(new Earlier(hoursAgo(1), false, Map.of("tls.versions", "TLS 1.2"))));
        assertTrue(changes.isEmpty());
        assertEquals(Optional.of(hoursAgo(1)), changes.previousAt());
    }

    @Test
    void changedSinceItLastWorked_sinceIsTheFirstCheckThatSawIt() {
        // worked 30 h ago with NLA required; 20 h ago NLA was no longer required (and it broke); still so at 2 h and now
        List<Earlier> earlier = List.of(
                new Earlier(hoursAgo(2), true, Map.of("security.required", "TLS")),
                new Earlier(hoursAgo(20), true, Map.of("security.required", "TLS")),
                new Earlier(hoursAgo(30), false, Map.of("security.required", "NLA")));
        Changes changes = ChangeFacts.compare(Map.of("security.required", "TLS"), NOW, true, earlier);
        Change change = changes.items().get(0);
        assertEquals("NLA", change.before());
        assertEquals("TLS", change.after());
        assertEquals(hoursAgo(20), change.since());
        assertEquals("NLA no longer required since yesterday 14:00 UTC (TLS is)", change.text());
        assertEquals("Changed since it last worked (yesterday 04:00 UTC)", changes.heading(true, NOW));
    }

    @Test
    void healthyNow_oldChangesBeforeThePreviousCheckAreNotRepeated() {
        List<Earlier> earlier = List.of(
                new Earlier(hoursAgo(2), false, Map.of("security.required", "TLS")),
                new Earlier(hoursAgo(30), false, Map.of("security.required", "NLA")));
        assertTrue(ChangeFacts.compare(Map.of("security.required", "TLS"), NOW, false, earlier).isEmpty());
    }

    @Test
    void unknownNow_isNotAChange_unknownBefore_comparesWithTheLastKnownValue() {
        List<Earlier> earlier = List.of(
                new Earlier(hoursAgo(1), true, Map.of()),   // TLS timed out: nothing known
                new Earlier(hoursAgo(3), false, Map.of("cert.thumbprint", "AAAA", "cert.expiry", "2026-11-30T00:00:00Z")));
        Changes gone = ChangeFacts.compare(Map.of(), NOW, true, earlier);
        assertTrue(gone.isEmpty(), "a certificate not seen now is not 'removed': " + gone);
        Changes replaced = ChangeFacts.compare(Map.of("cert.thumbprint", "BBBB", "cert.expiry", "2027-06-01T00:00:00Z"), NOW,
                false, earlier);
        Change thumbprint = replaced.items().get(0);
        assertEquals("cert.thumbprint", thumbprint.fact());
        assertEquals("AAAA", thumbprint.before());
        assertEquals("The certificate was replaced since the last check, 09:00 UTC (the old one had expired 3 days"
                + " before; thumbprint AAAA → BBBB)", thumbprint.text());
        assertEquals("The new certificate is valid until 2027-06-01 (the old one until 2026-11-30)",
                replaced.items().get(1).text());
    }

    @Test
    void roundTrip_onlyWhenItMovedALot() {
        List<Earlier> earlier = List.of(new Earlier(hoursAgo(1), false, Map.of("rtt.10.0.0.5", "2.0")));
        assertTrue(ChangeFacts.compare(Map.of("rtt.10.0.0.5", "15.0"), NOW, false, earlier).isEmpty(), "13 ms more is noise");
        assertTrue(ChangeFacts.compare(Map.of("rtt.10.0.0.5", "3.5"), NOW, false, earlier).isEmpty());
        Change moved = ChangeFacts.compare(Map.of("rtt.10.0.0.5", "85.0"), NOW, false, earlier).items().get(0);
        assertEquals("The round trip to 10.0.0.5 went from 2.0 ms to 85.0 ms since the last check, 09:00 UTC", moved.text());
    }

    @Test
    void addresses_stoppedAnswering_andDroppedFromDns() {
        List<Earlier> earlier = List.of(new Earlier(hoursAgo(1), false,
                Map.of("dns", "resolves", "address.10.0.0.5", "open", "address.10.0.0.6", "open")));
        Changes changes = ChangeFacts.compare(Map.of("dns", "resolves", "address.10.0.0.5", "timed out"), NOW, true, earlier);
        assertEquals(List.of("10.0.0.5 stopped answering (timed out) since the last check, 09:00 UTC",
                "10.0.0.6 is no longer among the name's addresses since the last check, 09:00 UTC"),
                changes.items().stream().map(Change::text).toList());
    }

    @Test
    void tlsVersions_sayWhatTurnedOffAndOn() {
        List<Earlier> earlier = List.of(new Earlier(hoursAgo(26), false, Map.of("tls.versions", "TLS 1.0, TLS 1.1, TLS 1.2")));
        Change change = ChangeFacts.compare(Map.of("tls.versions", "TLS 1.2, TLS 1.3"), NOW, false, earlier).items().get(0);
        assertEquals("TLS 1.0, TLS 1.1 turned off; TLS 1.3 turned on since the last check, yesterday 08:00 UTC", change.text());
    }
}
