package rdpcheck.chat.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.chat.Acknowledgement;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.Checker;
import rdpcheck.checks.CheckSettings;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Explainers;
import rdpcheck.chat.RecordingConversation;
import rdpcheck.chat.Requester;
import rdpcheck.config.Settings;
import rdpcheck.probes.Findings;
import rdpcheck.probes.diagnosis.Confidence;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Report;

/** The bot core's router with the configured policy: refused requests get a private answer and probe nothing. */
class RouterWithPolicyTest {

    private final AtomicInteger checksRun = new AtomicInteger();
    private final ByteArrayOutputStream auditBytes = new ByteArrayOutputStream();
    private CommandRouter router;
    private CheckService service;

    private CommandRouter router(Map<String, String> env) throws Exception {
        return router(env, target -> new Report(target, Instant.now(), 1.0, target.key() + ": fine", List.of(),
                Findings.empty()));
    }

    /** A Slack router with the configured policy, auditing into {@link #auditBytes}; counts the checks run. */
    private CommandRouter router(Map<String, String> env, Checker checker) throws Exception {
        return router(env, AccessRule.ANYONE, checker);
    }

    private CommandRouter router(Map<String, String> env, AccessRule access, Checker checker) throws Exception {
        Settings settings = RequestGateTest.settings(env);
        AuditLog audit = AuditLog.toStream(new PrintStream(auditBytes, true, StandardCharsets.UTF_8),
                new Redactor(settings.secrets()));
        service = new CheckService(target -> {
            checksRun.incrementAndGet();
            return checker.check(target);
        }, CheckSettings.defaults(), new SimpleMeterRegistry());
        router = new CommandRouter(service, ChatPolicy.create(settings, TestAccess.SLACK, access, audit, GroupResolver.NONE),
                Explainers.unavailable());
        return router;
    }

    @AfterEach
    void close() {
        router.close();
        service.close();
    }

    private Acknowledgement ask(Requester who, String text) throws Exception {
        RecordingConversation conversation = new RecordingConversation();
        router.handle(who, text, conversation).delivered().get(5, TimeUnit.SECONDS);
        return conversation.acknowledgements.get(0);
    }

    @Test
    void deniedTargetsUsersAndFloods_refusedWithClearAnswer_nothingProbed() throws Exception {
        router(Map.of("RDPCHECK_LIMITS_USER_BURST", "2", "RDPCHECK_LIMITS_USER_PER_MINUTE", "1",
                "RDPCHECK_LIMITS_CHANNEL_BURST", "100"), TestAccess.rule(List.of("COPS"), List.of(), List.of()),
                target -> new Report(target, Instant.now(), 1.0, target.key() + ": fine", List.of(), Findings.empty()));
        Requester ops = new Requester("slack", "T1", "COPS", "U1");
        Requester elsewhere = new Requester("slack", "T1", "CRANDOM", "U2");

        for (String denied : List.of("169.254.169.254", "[fd00:ec2::254]", "224.0.0.1", "0.0.0.0", "255.255.255.255",
                "127.0.0.1", "localhost", "rdp01.corp:22", "[::ffff:169.254.169.254]")) {
            Acknowledgement ack = ask(new Requester("slack", "T1", "COPS", "U-" + denied), "/rdpcheck " + denied);
            assertEquals(Acknowledgement.Kind.REFUSED, ack.kind(), denied + ": " + ack.text());
            assertFalse(ack.text().isBlank());
        }
        Acknowledgement channel = ask(elsewhere, "/rdpcheck rdp01.corp");
        assertEquals(Acknowledgement.Kind.REFUSED, channel.kind());
        assertTrue(channel.text().contains("channel"), channel.text());

        Acknowledgement first = ask(ops, "/rdpcheck rdp01.corp");
        assertEquals(Acknowledgement.Kind.CHECKING, first.kind(), first.text());
        assertEquals(Acknowledgement.Kind.CHECKING, ask(ops, "/rdpcheck rdp02.corp").kind());
        Acknowledgement flood = ask(ops, "/rdpcheck rdp03.corp");
        assertEquals(Acknowledgement.Kind.REFUSED, flood.kind());
        assertTrue(flood.text().contains("Try again in 60 s"), flood.text());

        assertEquals(2, checksRun.get(), "only the two admitted requests probed anything");
        long lines = auditBytes.toString(StandardCharsets.UTF_8).lines().count();
        assertEquals(15, lines, "one audit line per refusal, two per admitted check (admission, completion)");
    }

    @Test
    void nameWithFourAddresses_costsFourTokens_theUsersNextRequestWaits() throws Exception {
        router(Map.of("RDPCHECK_POLICY_ALLOW_CIDRS", "10.0.0.0/8", "RDPCHECK_LIMITS_USER_BURST", "4",
                "RDPCHECK_LIMITS_USER_PER_MINUTE", "1", "RDPCHECK_LIMITS_CHANNEL_BURST", "100"), target -> {
            java.util.List<rdpcheck.probes.net.TcpResult.AddressAttempt> attempts = new java.util.ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                attempts.add(i <= 4
                        ? new rdpcheck.probes.net.TcpResult.AddressAttempt("10.0.1." + i, rdpcheck.probes.net.TcpState.REFUSED,
                                List.of(), "refused")
                        : new rdpcheck.probes.net.TcpResult.AddressAttempt("10.0.1." + i,
                                rdpcheck.probes.net.TcpState.DENIED_BY_POLICY, List.of(),
                                rdpcheck.probes.net.TcpResult.NOT_CHECKED + "the name has 20 addresses"));
            }
            return new Report(target, Instant.now(), 1.0, "refused", List.of(), Findings.empty().withResult(
                    rdpcheck.probes.net.TcpProbe.ID, new rdpcheck.probes.net.TcpResult(attempts), java.time.Duration.ZERO));
        });
        Requester user = new Requester("slack", "T1", "COPS", "U1");

        assertEquals(Acknowledgement.Kind.CHECKING, ask(user, "/rdpcheck sweep.corp").kind());
        // the name took a token; its four addresses cost three more, so the fourth token is gone too
        Acknowledgement next = ask(user, "/rdpcheck other.corp");
        assertEquals(Acknowledgement.Kind.REFUSED, next.kind(), next.text());
        assertTrue(next.text().contains("Try again in"), next.text());
        Acknowledgement someoneElse = ask(new Requester("slack", "T1", "COPS", "U2"), "/rdpcheck other.corp");
        assertEquals(Acknowledgement.Kind.CHECKING, someoneElse.kind(), "the debt is the user's: " + someoneElse.text());
    }

    private static Diagnosis diagnosis(String id, Severity severity) {
        return new Diagnosis(id, severity, Confidence.CERTAIN, id, "", List.of(), List.of(), List.of());
    }

    private List<JsonNode> auditLines() throws Exception {
        return RequestGateTest.jsonLines(auditBytes);
    }

    @Test
    void checkedHost_completionLine_recordsSeverityRootCauseCacheAndDuration() throws Exception {
        router(Map.of("RDPCHECK_POLICY_ALLOW_CIDRS", "10.0.0.0/8"), target -> new Report(target, Instant.now(), 1.0,
                target.key() + ": expired", List.of(diagnosis("cert.expired", Severity.CRITICAL),
                diagnosis("cert.self-signed", Severity.INFO)), Findings.empty()));
        Requester ops = new Requester("slack", "T1", "COPS", "U1");

        assertEquals(Acknowledgement.Kind.CHECKING, ask(ops, "/rdpcheck 10.0.0.5").kind());
        assertEquals(Acknowledgement.Kind.CACHED, ask(ops, "/rdpcheck 10.0.0.5").kind());

        List<JsonNode> lines = auditLines();
        assertEquals(List.of("allowed", "completed", "allowed", "completed"),
                lines.stream().map(l -> l.get("decision").asText()).toList());
        JsonNode admitted = lines.get(0);
        assertEquals("check 10.0.0.5:3389: started", admitted.get("reason").asText());
        assertFalse(admitted.has("severity") || admitted.has("cached"), admitted.toString());

        JsonNode fresh = lines.get(1);
        assertEquals("ok", fresh.get("reason").asText());
        assertEquals("10.0.0.5:3389", fresh.get("target").asText());
        assertEquals("U1", fresh.get("user").asText());
        assertEquals("COPS", fresh.get("channel").asText());
        assertEquals("critical", fresh.get("severity").asText());
        assertEquals("cert.expired", fresh.get("root_cause").asText());
        assertEquals("[\"cert.expired\",\"cert.self-signed\"]", fresh.get("diagnoses").toString());
        assertFalse(fresh.get("cached").asBoolean());
        assertTrue(fresh.get("duration_ms").isIntegralNumber() && fresh.get("duration_ms").asLong() >= 0, fresh.toString());
        assertFalse(fresh.has("failure"), fresh.toString());

        // one request id ties a request's lines together (and its log lines); the next request has its own
        assertEquals(lines.get(0).get("request").asText(), lines.get(1).get("request").asText(), lines.toString());
        assertEquals(lines.get(2).get("request").asText(), lines.get(3).get("request").asText(), lines.toString());
        assertFalse(lines.get(0).get("request").asText().equals(lines.get(2).get("request").asText()), lines.toString());
        assertTrue(lines.get(0).get("request").asText().matches("[0-9a-f]{8}"), lines.toString());

        JsonNode cached = lines.get(3);
        assertEquals("cached", cached.get("reason").asText());
        assertTrue(cached.get("cached").asBoolean());
        assertEquals("cert.expired", cached.get("root_cause").asText());
        assertEquals(1, checksRun.get());

        String log = auditBytes.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains(RequestGateTest.TOKEN) || log.contains(RequestGateTest.SIGNING), log);
    }

    @Test
    void failedCheck_completionLine_saysFailedAndWhatTheUserWasTold() throws Exception {
        router(Map.of("RDPCHECK_POLICY_ALLOW_CIDRS", "10.0.0.0/8"), target -> {
            throw new IllegalStateException("a bug");
        });
        ask(new Requester("slack", "T1", "COPS", "U1"), "/rdpcheck 10.0.0.7");

        JsonNode completed = auditLines().get(1);
        assertEquals("completed", completed.get("decision").asText());
        assertEquals("failed", completed.get("reason").asText());
        assertFalse(completed.has("severity"), completed.toString());
        assertEquals("", completed.get("root_cause").asText());
        assertFalse(completed.get("cached").asBoolean());
        assertTrue(completed.get("failure").asText().contains("failed inside rdpcheck"), completed.toString());
        assertEquals(0, completed.get("diagnoses").size());
    }
}
