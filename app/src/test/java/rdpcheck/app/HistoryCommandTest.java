package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import rdpcheck.lab.LabCertificate;
import rdpcheck.lab.LabCertificates;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.report.ReportJson;
import rdpcheck.probes.tls.TlsVersion;

/**
 * The "done when": a second {@code rdpcheck check --json} of a host whose certificate was
 * replaced in between carries a {@code changes} entry for the thumbprint with both values; and
 * {@code rdpcheck history HOST} lists both checks, newest first. The history is the build's own
 * ({@code XDG_STATE_HOME} is the module's target/state in tests).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistoryCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static LabCertificate certificate(int fromDays, int toDays) {
        return LabCertificates.builder("lab.rdpcheck.test").dns("lab.rdpcheck.test").ip("127.0.0.1")
                .validDays(fromDays, toDays).build();
    }

    @Test
    void secondCheckJson_afterTheCertificateWasReplaced_carriesTheThumbprintChange() throws Exception {
        LabCertificate expired = certificate(-200, -3);
        LabCertificate renewed = certificate(-1, 180);
        int port;
        Run first;
        try (LabHost host = LabHost.start("old-cert", InetAddress.getLoopbackAddress(), 0,
                LabHosts.tlsHost(expired, EnumSet.allOf(TlsVersion.class)))) {
            port = host.port();
            first = run("check", "--json", "--timeout", "8", "127.0.0.1:" + port);
        }
        assertEquals(1, first.exit(), first.err());
        assertEquals("", first.err(), "the store opened without a word");
        Run second;
        try (LabHost host = LabHost.startAgain("new-cert", port, LabHosts.tlsHost(renewed, EnumSet.allOf(TlsVersion.class)))) {
            second = run("check", "--json", "--timeout", "8", "127.0.0.1:" + port);
        }
        JsonNode report = ReportJson.mapper().readTree(second.out());
        assertEquals(List.of(), ReportSchemaTest.errors(report), second.out());
        JsonNode thumbprint = null;
        for (JsonNode change : report.path("changes")) {
            if (change.path("fact").asText().equals("cert.thumbprint")) {
                thumbprint = change;
            }
        }
        assertTrue(thumbprint != null, "no thumbprint change in " + report.path("changes"));
        assertEquals(expired.sha1Thumbprint(), thumbprint.path("before").asText());
        assertEquals(renewed.sha1Thumbprint(), thumbprint.path("after").asText());
        assertEquals(report.path("checkedAt").asText(), thumbprint.path("since").asText());
        assertTrue(thumbprint.path("text").asText().contains("the old one had expired 3 days before"), thumbprint.toString());

        Run text = run("check", "--timeout", "8", "127.0.0.1:" + port);
        assertTrue(text.out().contains("Changed since the last check ("), text.out());

        Run history = run("history", "127.0.0.1:" + port, "--json");
        assertEquals(0, history.exit(), history.err());
        JsonNode checks = ReportJson.mapper().readTree(history.out()).path("checks");
        assertTrue(checks.size() >= 3, history.out());
        assertTrue(checks.get(0).path("checkedAt").asText().compareTo(checks.get(1).path("checkedAt").asText()) > 0,
                "newest first: " + history.out());
        assertEquals("cli", checks.get(0).path("askedVia").asText());
        assertEquals(System.getProperty("user.name"), checks.get(0).path("askedBy").asText());

        Run limited = run("history", "127.0.0.1:" + port, "--limit", "1");
        assertEquals(0, limited.exit(), limited.err());
        assertTrue(limited.out().startsWith("Last check of 127.0.0.1:" + port + ", newest first:"), limited.out());
        assertTrue(limited.out().contains("asked by cli"), limited.out());
    }

    @Test
    void history_ofAnUncheckedHost_saysSoAndExitsZero() {
        Run history = run("history", "never-checked.rdpcheck.test:4000");
        assertEquals(0, history.exit(), history.err());
        assertEquals("No checks of never-checked.rdpcheck.test:4000 are recorded (yet).\n", history.out());
        assertEquals(2, run("history", "x", "--limit", "0").exit());
    }
}
