package rdpcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import rdpcheck.checks.Asker;
import rdpcheck.checks.Checker;
import rdpcheck.checks.History;
import rdpcheck.checks.PastCheck;

import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabCertificate;
import rdpcheck.lab.LabCertificates;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.RdpLabHandler;
import rdpcheck.lab.TlsStage;
import rdpcheck.lab.WindowsPolicy;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Target;
import rdpcheck.probes.report.Change;
import rdpcheck.probes.report.ChangeFacts;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.tls.TlsVersion;

/**
 * Real lab hosts restarted on the same port in another state (a new certificate, TLS 1.0 turned off,
 * NLA turned off), checked through the standard pipeline with the SQLite history: the second report
 * says what changed, with both values.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LabChangesTest {

    private static final ProbeOptions OPTIONS = ProbeOptions.defaults().withDeadline(Duration.ofSeconds(8));

    @TempDir
    Path dir;

    private History history() {
        String url = "jdbc:sqlite:" + dir.resolve("history.db");
        History history = Stores.history(new StoreSettings(url, Duration.ofDays(90), 1024, Optional.empty()), Map.of());
        assertEquals(Optional.empty(), history.off());
        return history;
    }

    /** Checks a host in state {@code first}, then the same address and port in state {@code second}. */
    private Report twice(History history, ConnectionHandler first, ConnectionHandler second) throws Exception {
        Checker checker = Checker.standard(OPTIONS, history);
        int port;
        Target target;
        try (LabHost host = LabHost.start("before", InetAddress.getLoopbackAddress(), 0, first)) {
            port = host.port();
            target = host.target();
            Report before = checker.check(target, new Asker("slack", "U1", "T1/C1"));
            assertTrue(before.changes().previousAt().isEmpty(), "the first check has nothing to compare with");
        }
        try (LabHost host = LabHost.startAgain("after", port, second)) {
            return checker.check(target, Asker.cli());
        }
    }

    /** Self-signed for the lab's name and address, valid from {@code fromDays} to {@code toDays} from now. */
    static LabCertificate certificate(int fromDays, int toDays) {
        return LabCertificates.builder("lab.rdpcheck.test").dns("lab.rdpcheck.test").ip("127.0.0.1")
                .validDays(fromDays, toDays).build();
    }

    private static Change change(Report report, String fact) {
        return report.changes().items().stream().filter(c -> c.fact().equals(fact)).findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + fact + " in " + report.changes()));
    }

    @Test
    void certificateReplaced_changesCarryTheOldAndNewThumbprint() throws Exception {
        LabCertificate old = certificate(-200, -3);
        LabCertificate renewed = certificate(-1, 180);
        History history = history();
        Report after = twice(history, LabHosts.tlsHost(old, EnumSet.allOf(TlsVersion.class)),
                LabHosts.tlsHost(renewed, EnumSet.allOf(TlsVersion.class)));

        Change thumbprint = change(after, ChangeFacts.CERT_THUMBPRINT);
        assertEquals(old.sha1Thumbprint(), thumbprint.before());
        assertEquals(renewed.sha1Thumbprint(), thumbprint.after());
        assertEquals(after.checkedAt(), thumbprint.since(), "first seen by this check");
        assertTrue(thumbprint.text().startsWith("The certificate was replaced since the last check, "), thumbprint.text());
        assertTrue(thumbprint.text().contains("(the old one had expired 3 days before; thumbprint "), thumbprint.text());
        assertEquals(ChangeFacts.CERT_THUMBPRINT, after.changes().items().get(0).fact(), "the certificate comes first");
        assertFalse(after.changes().items().stream().anyMatch(c -> c.fact().startsWith("tls.")), after.changes().toString());

        List<PastCheck> kept = history.recent(after.target(), 10);
        assertEquals(2, kept.size());
        assertEquals(Asker.cli(), kept.get(0).asker());
        assertEquals(new Asker("slack", "U1", "T1/C1"), kept.get(1).asker());
        history.close();
    }

    @Test
    void tls10TurnedOff_isOneChangeOfTheVersions() throws Exception {
        LabCertificate cert = certificate(-10, 300);
        History history = history();
        Report after = twice(history, LabHosts.tlsHost(cert, EnumSet.allOf(TlsVersion.class)),
                LabHosts.tlsHost(cert, EnumSet.of(TlsVersion.TLS_1_1, TlsVersion.TLS_1_2, TlsVersion.TLS_1_3)));

        assertEquals(List.of(ChangeFacts.TLS_VERSIONS), after.changes().items().stream().map(Change::fact).toList());
        Change versions = after.changes().items().get(0);
        assertEquals("TLS 1.0, TLS 1.1, TLS 1.2, TLS 1.3", versions.before());
        assertEquals("TLS 1.1, TLS 1.2, TLS 1.3", versions.after());
        assertTrue(versions.text().startsWith("TLS 1.0 turned off since the last check, "), versions.text());
        history.close();
    }

    @Test
    void nlaTurnedOff_saysNlaIsNoLongerRequired() throws Exception {
        LabCertificate cert = certificate(-10, 300);
        History history = history();
        Report after = twice(history, new RdpLabHandler(WindowsPolicy.requiringNla(), TlsStage.serving(cert)),
                new RdpLabHandler(WindowsPolicy.tlsRequired(), TlsStage.serving(cert)));

        Change required = change(after, ChangeFacts.SECURITY_REQUIRED);
        assertEquals("NLA", required.before());
        assertEquals("TLS", required.after());
        assertTrue(required.text().startsWith("NLA no longer required since the last check, "), required.text());
        assertFalse(after.changes().items().stream().anyMatch(c -> c.fact().startsWith("cert.")),
                "same certificate: " + after.changes());
        history.close();
    }
}
