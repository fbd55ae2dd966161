package rdpcheck.chat.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import rdpcheck.config.ConfigLoader;
import rdpcheck.config.Settings;
import rdpcheck.probes.CheckRun;
import rdpcheck.probes.Probes;
import rdpcheck.probes.TargetParser;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.TcpResult;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.net.TcpState;

public class RequestGateTest {

    /** A value shaped like a real Slack bot token; it must never appear in a log line or a message. */
    static final String TOKEN = "xoxb-1234567890-0987654321-KnownTokenValue42";
    static final String SIGNING = "8f742231b10e8888abcd99yyyzzz85a5";

    private final ByteArrayOutputStream auditBytes = new ByteArrayOutputStream();
    private final AuditLog audit = AuditLog.toStream(new PrintStream(auditBytes, true, StandardCharsets.UTF_8),
            Redactor.none()); // the gate's own redactor is not the one under test here; see secrets test
    private final int openBefore = Connection.openCount();

    @AfterEach
    void noSocketLeft() throws InterruptedException {
        long until = System.nanoTime() + 2_000_000_000L;
        while (Connection.openCount() != openBefore && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(openBefore, Connection.openCount(), "probe sockets left open");
    }

    public static Settings settings(Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        // Configured secrets, for the redaction cases: the chat module's tests have the config module's test
        // section (teams); the Slack module's tests, which use this too, have the real Slack section.
        all.putIfAbsent("RDPCHECK_TEAMS_BOT_TOKEN", TOKEN);
        all.putIfAbsent("RDPCHECK_TEAMS_SIGNING_SECRET", SIGNING);
        return ConfigLoader.load(Optional.empty(), all).settings();
    }

    private RequestGate gate(Settings settings) {
        return gate(settings, AccessRule.ANYONE);
    }

    private RequestGate gate(Settings settings, AccessRule access) {
        return new RequestGate(settings, access, new RateLimiter(settings.limits()), audit, Clock.systemUTC());
    }

    private List<JsonNode> auditLines() throws Exception {
        return jsonLines(auditBytes);
    }

    /** The audit log written into {@code bytes}, a JSON object a line. */
    static List<JsonNode> jsonLines(ByteArrayOutputStream bytes) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void screen_userNotAllowed_refusedPrivately_andAudited() throws Exception {
        RequestGate gate = gate(settings(Map.of()), TestAccess.rule(List.of(), List.of("UADMIN"), List.of()));
        Refusal refused = gate.screen(TestAccess.slack("T1", "C1", "UINTRUDER", Set.of(), "rdp01.corp")).orElseThrow();
        assertEquals("access.user", refused.code());
        assertTrue(refused.retryAfter().isEmpty());
        JsonNode line = auditLines().get(0);
        assertEquals("refused", line.get("decision").asText());
        assertEquals("access.user", line.get("reason").asText());
        assertEquals("UINTRUDER", line.get("user").asText());
        assertEquals("C1", line.get("channel").asText());
        assertEquals("rdp01.corp", line.get("target").asText());
        assertEquals("slack", line.get("platform").asText());
        assertTrue(line.has("time") && line.has("duration_ms") && line.get("diagnoses").isArray());
    }

    @Test
    void screen_localRequest_isNotJudgedByTheAccessRule() throws Exception {
        AccessRule nobody = (requester, groups) -> AccessDecision.refused("access.user", "nobody");
        RequestGate gate = gate(settings(Map.of()), nobody);
        assertEquals(Optional.empty(), gate.screen(ChatRequest.local(Platform.CONSOLE, "me", "rdp01.corp")));
        assertEquals("access.user", gate.screen(TestAccess.slack("T", "C", "me", Set.of(), "rdp01.corp")).orElseThrow().code());
    }

    @Test
    void screen_deniedTargets_refusedWithReason() throws Exception {
        RequestGate gate = gate(settings(Map.of()));
        String[][] cases = {
                {"169.254.169.254", "metadata"}, {"[fd00:ec2::254]", "metadata"}, {"[::ffff:169.254.169.254]", "metadata"},
                {"224.0.0.1", "multicast"}, {"0.0.0.0", "unspecified"}, {"255.255.255.255", "broadcast"},
                {"rdp01.corp:22", "Port 22"}, {"metadata.google.internal", "metadata"}, {"127.0.0.1", "loopback"},
        };
        for (String[] c : cases) {
            Refusal refused = gate.screen(TestAccess.discord("G", "C" + c[0], "U" + c[0], Set.of(), c[0])).orElseThrow();
            assertEquals("target.denied", refused.code(), c[0]);
            assertTrue(refused.message().contains(c[1]), c[0] + ": " + refused.message());
        }
        Refusal bad = gate.screen(TestAccess.discord("G", "C", "U", Set.of(), "rdp01;rm -rf /")).orElseThrow();
        assertEquals("target.invalid", bad.code());
    }

    @Test
    void screen_deniedOrInvalidTarget_takesNoRateLimitToken() throws Exception {
        RequestGate gate = gate(settings(Map.of("RDPCHECK_LIMITS_USER_BURST", "1", "RDPCHECK_LIMITS_USER_PER_MINUTE", "1",
                "RDPCHECK_LIMITS_CHANNEL_BURST", "1", "RDPCHECK_LIMITS_CHANNEL_PER_MINUTE", "1",
                "RDPCHECK_POLICY_ALLOW_CIDRS", "10.0.0.0/8")));
        for (String target : List.of("169.254.169.254", "192.168.1.5", "rdp01.corp:22", "rdp01;rm -rf /")) {
            Optional<Refusal> refused = gate.screen(TestAccess.slack("T", "C", "U", Set.of(), target));
            assertTrue(refused.isPresent() && refused.get().code().startsWith("target."), target + ": " + refused);
        }
        assertEquals(Optional.empty(), gate.screen(TestAccess.slack("T", "C", "U", Set.of(), "10.0.0.5")),
                "refused targets took none of the user's and the channel's one token");
        assertEquals("rate.user", gate.screen(TestAccess.slack("T", "C", "U", Set.of(), "10.0.0.6")).orElseThrow().code());
        assertEquals(5, auditLines().size(), "every refusal is still audited (screening an allowed request writes nothing)");
    }

    @Test
    void screen_flood_refusedWithRetryTime() throws Exception {
        Settings settings = settings(Map.of("RDPCHECK_LIMITS_USER_BURST", "2", "RDPCHECK_LIMITS_USER_PER_MINUTE", "2",
                "RDPCHECK_POLICY_ALLOW_CIDRS", "10.0.0.0/8"));
        // A stopped clock: the retry time is the limiter's arithmetic, not how fast this machine screens 50 requests.
        RequestGate gate = new RequestGate(settings, AccessRule.ANYONE, new RateLimiter(settings.limits(), () -> 0L), audit,
                Clock.systemUTC());
        int admitted = 0;
        Refusal last = null;
        for (int i = 0; i < 50; i++) {
            ChatRequest request = TestAccess.slack("T", "C", "U", Set.of(), "10.0.0." + (i + 1));
            Optional<Refusal> refused = gate.screen(request);
            if (refused.isEmpty()) {
                gate.recordAllowed(request, request.targetText(), "ok", List.of(), Duration.ZERO);
                admitted++;
            } else {
                last = refused.get();
            }
        }
        assertEquals(2, admitted);
        assertEquals("rate.user", last.code());
        assertEquals(Optional.of(Duration.ofSeconds(30)), last.retryAfter());
        assertTrue(last.message().contains("Try again in 30 s"), last.message());
        assertEquals(50, auditLines().size(), "one line per request");
    }

    @Test
    void screen_localRequest_notRestrictedUnlessConfigured() throws Exception {
        RequestGate open = gate(settings(Map.of()));
        assertEquals(Optional.empty(), open.screen(ChatRequest.local(Platform.CONSOLE, "me", "127.0.0.1:3390")));
        assertFalse(open.enforced(Platform.CONSOLE), "the console's probes are not held to the target policy");
        RequestGate strict = gate(settings(Map.of("RDPCHECK_POLICY_APPLY_TO_CLI", "true")));
        assertEquals("target.denied",
                strict.screen(ChatRequest.local(Platform.CLI, "me", "127.0.0.1:3390")).orElseThrow().code());
    }

    @Test
    void screened_probesConnectOnlyToAllowedAddresses_noSecondLookup() throws Exception {
        // dual.rdpcheck.test resolves (test-hosts) to 127.0.0.1 and ::1; only 127.0.0.0/8 is allowed.
        try (LabHost host = LabHost.start("nla", LabHosts.nlaRequired())) {
            Settings settings = settings(Map.of("RDPCHECK_POLICY_ALLOW_CIDRS", "127.0.0.0/8",
                    "RDPCHECK_POLICY_ALLOWED_PORTS", String.valueOf(host.port()),
                    "RDPCHECK_PROBE_DEADLINE", "3s"));
            RequestGate gate = gate(settings);
            ChatRequest request = TestAccess.slack("T", "C", "U", Set.of(), "dual.rdpcheck.test:" + host.port());
            assertEquals(Optional.empty(), gate.screen(request));
            CheckRun run = Probes.standardRunner().run(TargetParser.parse(request.targetText()),
                    SettingsOptions.of(settings.probe(), gate.targetPolicy()));
            gate.recordAllowed(request, request.targetText(), "ok", List.of("security.nla-required"), Duration.ZERO);
            TcpResult tcp = run.findings().result(TcpProbe.ID).orElseThrow();
            TcpResult.AddressAttempt v4 = tcp.attempts().stream().filter(x -> x.address().equals("127.0.0.1")).findFirst().orElseThrow();
            TcpResult.AddressAttempt v6 = tcp.attempts().stream().filter(x -> x.address().equals("::1")).findFirst().orElseThrow();
            assertEquals(TcpState.CONNECTED, v4.state());
            assertEquals(TcpState.DENIED_BY_POLICY, v6.state());
            assertTrue(v6.detail().contains("loopback"), v6.detail());
            JsonNode line = auditLines().get(0);
            assertEquals("allowed", line.get("decision").asText());
            assertEquals("security.nla-required", line.get("diagnoses").get(0).asText());
        }
    }

    @Test
    void screened_nameResolvingToDeniedAddress_isNeverConnected() throws Exception {
        try (LabHost host = LabHost.start("nla", LabHosts.nlaRequired())) {
            Settings settings = settings(Map.of("RDPCHECK_POLICY_ALLOWED_PORTS", String.valueOf(host.port()),
                    "RDPCHECK_PROBE_DEADLINE", "3s"));
            RequestGate gate = gate(settings);
            ChatRequest request = TestAccess.slack("T", "C", "U", Set.of(), "lab.rdpcheck.test:" + host.port());
            assertEquals(Optional.empty(), gate.screen(request), "the name passes; its addresses are checked at connect time");
            CheckRun run = Probes.standardRunner().run(TargetParser.parse(request.targetText()),
                    SettingsOptions.of(settings.probe(), gate.targetPolicy()));
            TcpResult tcp = run.findings().result(TcpProbe.ID).orElseThrow();
            assertTrue(tcp.all(TcpState.DENIED_BY_POLICY), tcp.toString());
            assertEquals(0, host.connectionsAccepted(), "the policy refused loopback, so nothing may connect");
        }
    }

    @Test
    void recordCompleted_tokensInAnyOutcomeField_areMasked() throws Exception {
        Settings settings = settings(Map.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AuditLog scrubbing = AuditLog.toStream(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new Redactor(settings.secrets()));
        RequestGate gate = new RequestGate(settings, AccessRule.ANYONE, new RateLimiter(settings.limits()), scrubbing,
                Clock.systemUTC());
        gate.recordCompleted(TestAccess.slack("T", "C", "U", Set.of(), "rdp01.corp"), "rdp01.corp:3389", "failed",
                new AuditRecord.Outcome(Optional.of("critical"), Optional.of("x" + TOKEN), false,
                        Optional.of("the server said " + TOKEN + " and " + SIGNING)),
                List.of(TOKEN), Duration.ofMillis(1234));
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(log.toLowerCase(Locale.ROOT).contains("knowntokenvalue42") || log.contains(SIGNING), log);
        JsonNode line = new ObjectMapper().readTree(log);
        assertEquals("completed", line.get("decision").asText());
        assertEquals(1234, line.get("duration_ms").asLong());
        assertTrue(line.get("failure").asText().contains(Redactor.MASK), log);
    }

    @Test
    void secrets_neverReachAuditLogOrMessages() throws Exception {
        Settings settings = settings(Map.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AuditLog scrubbing = AuditLog.toStream(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new Redactor(settings.secrets()));
        RequestGate gate = new RequestGate(settings, TestAccess.rule(List.of("CALLOWED"), List.of(), List.of()),
                new RateLimiter(settings.limits()), scrubbing, Clock.systemUTC());
        String discordShaped = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123";
        List<ChatRequest> requests = List.of(
                TestAccess.slack("T", "CALLOWED", "U", Set.of(), TOKEN),
                TestAccess.slack("T", "CALLOWED", "U2", Set.of(), TOKEN.toUpperCase(Locale.ROOT) + ":22"),
                TestAccess.slack("T", "CALLOWED", TOKEN, Set.of(), "x;" + TOKEN),
                TestAccess.slack("T", TOKEN, "U3", Set.of(), SIGNING + ".corp"),
                TestAccess.slack("T", "CALLOWED", "U4", Set.of(), discordShaped + ":99"),
                TestAccess.slack("T", "CALLOWED", "U5", Set.of(), SIGNING + ".corp:1"));
        for (ChatRequest request : requests) {
            Optional<Refusal> refused = gate.screen(request);
            if (refused.isEmpty()) {
                gate.recordAllowed(request, request.targetText(), "ok", List.of(TOKEN), Duration.ZERO);
            } else {
                String message = refused.get().message().toLowerCase(Locale.ROOT);
                assertFalse(message.contains(TOKEN.toLowerCase(Locale.ROOT)), message);
                assertFalse(message.contains("knowntokenvalue42"), message);
                assertFalse(message.contains(SIGNING), message);
                assertFalse(message.contains(discordShaped.toLowerCase(Locale.ROOT)), message);
            }
        }
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(6, log.lines().count(), log);
        String lower = log.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("knowntokenvalue42"), log);
        assertFalse(lower.contains(SIGNING), log);
        assertFalse(lower.contains("abcdefghijklmnopqrstuvwxyz0123"), log);
        assertTrue(log.contains(Redactor.MASK));
        assertFalse(settings.toString().contains("KnownTokenValue42"));
    }

    @Test
    void secretsAsTargets_refusedBeforeAnyLookup_neverEchoed() throws Exception {
        Settings settings = settings(Map.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AuditLog scrubbing = AuditLog.toStream(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new Redactor(settings.secrets()));
        RequestGate gate = new RequestGate(settings, AccessRule.ANYONE, new RateLimiter(settings.limits()), scrubbing,
                Clock.systemUTC());
        String slackShaped = "xoxp-2222222222-3333333333-4444444444-UnconfiguredButShaped";
        for (String secret : List.of(SIGNING, SIGNING + ".corp", slackShaped, TOKEN)) {
            Refusal refused = gate.screen(TestAccess.slack("T", "C", "U", Set.of(), secret)).orElseThrow();
            assertTrue(refused.code().equals("target.secret") || refused.code().equals("target.invalid"), refused.code());
            assertTrue(refused.message().contains("token or secret"), refused.message());
            assertFalse(refused.message().contains(secret), refused.message());
        }
        assertEquals("target.secret", gate.screen(TestAccess.slack("T", "C", "U", Set.of(), SIGNING)).orElseThrow().code(),
                "the configured signing secret has no token shape: only the gate knows it");
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains(SIGNING) || log.contains("UnconfiguredButShaped"), log);
    }
}
