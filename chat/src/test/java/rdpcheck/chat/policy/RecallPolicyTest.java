package rdpcheck.chat.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckSettings;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Explainers;
import rdpcheck.chat.Recall;
import rdpcheck.chat.RecordingConversation;
import rdpcheck.chat.Requester;
import rdpcheck.config.Settings;
import rdpcheck.probes.Findings;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.net.DnsResult;
import rdpcheck.probes.net.DnsResult.DnsStatus;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.net.DnsProbe;

/**
 * "Show raw findings" goes through {@link CommandRouter#recall}: whoever clicks, wherever, passes
 * the access and target policies as a new command would, and the addresses the kept report
 * connected to must still be allowed.
 */
class RecallPolicyTest {

    private final ByteArrayOutputStream auditBytes = new ByteArrayOutputStream();
    /** What the fake resolver answers for every name; literals answer themselves, as DnsProbe does. */
    private volatile List<String> resolvedTo = List.of("10.0.0.7");
    private CommandRouter router;
    private CheckService service;

    private void router(Map<String, String> env) {
        router(env, AccessRule.ANYONE);
    }

    private void router(Map<String, String> env, AccessRule access) {
        try {
            Settings settings = RequestGateTest.settings(env);
            AuditLog audit = AuditLog.toStream(new PrintStream(auditBytes, true, StandardCharsets.UTF_8),
                    new Redactor(settings.secrets()));
            // The CheckService (and its cache) outlives a router: the same cache under a changed configuration.
            if (service == null) {
                service = new CheckService(target -> {
                    List<String> addresses = target.isIpLiteral() ? List.of(target.host()) : resolvedTo;
                    Findings findings = Findings.empty().with(DnsProbe.ID, new ProbeOutcome.Completed(
                            new DnsResult(target.isIpLiteral() ? DnsStatus.LITERAL : DnsStatus.RESOLVED, addresses, 1, ""),
                            Duration.ofMillis(1)));
                    return new Report(target, Instant.now(), 1.0, target.key() + ": fine", List.of(), findings);
                }, CheckSettings.defaults(), new SimpleMeterRegistry());
            }
            if (router != null) {
                router.close();
            }
            router = new CommandRouter(service, ChatPolicy.create(settings, TestAccess.SLACK, access, audit, GroupResolver.NONE),
                    Explainers.unavailable());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void close() {
        router.close();
        service.close();
    }

    private void check(Requester who, String target) throws Exception {
        RecordingConversation conversation = new RecordingConversation();
        router.handle(who, target, conversation).delivered().get(5, TimeUnit.SECONDS);
        assertEquals(1, conversation.answers.size(), conversation.acknowledgements.toString());
    }

    @Test
    void recall_fromAChannelOrByAUserTheAccessPolicyRefuses_isRefused_theAllowedOneSeesIt() throws Exception {
        router(Map.of(), TestAccess.rule(List.of("COPS"), List.of("UOPS"), List.of()));
        Requester ops = new Requester("slack", "T1", "COPS", "UOPS");
        check(ops, "rdp01.corp");

        Recall elsewhere = router.recall(new Requester("slack", "T1", "CRANDOM", "UOPS"), "rdp01.corp:3389");
        assertTrue(assertInstanceOf(Recall.Refused.class, elsewhere).message().contains("channel"), elsewhere.toString());
        Recall stranger = router.recall(new Requester("slack", "T1", "COPS", "USTRANGER"), "rdp01.corp:3389");
        assertTrue(assertInstanceOf(Recall.Refused.class, stranger).message().contains("list of people"), stranger.toString());

        Recall found = router.recall(ops, "rdp01.corp:3389");
        assertEquals("rdp01.corp:3389", assertInstanceOf(Recall.Found.class, found).answer().report().target().key());
        String audit = auditBytes.toString(StandardCharsets.UTF_8);
        assertTrue(audit.contains("\"user\":\"USTRANGER\"") && audit.contains("access.user"), audit);
    }

    @Test
    void recall_afterTheTargetPolicyChanged_isRefused_thoughTheAnswerIsStillCached() throws Exception {
        router(Map.of("RDPCHECK_POLICY_ALLOWED_PORTS", "3389,3390"));
        Requester ops = new Requester("slack", "T1", "COPS", "UOPS");
        check(ops, "rdp01.corp:3390");
        assertInstanceOf(Recall.Found.class, router.recall(ops, "rdp01.corp:3390"));

        router(Map.of("RDPCHECK_POLICY_ALLOWED_PORTS", "3389"));
        Recall recall = router.recall(ops, "rdp01.corp:3390");
        assertTrue(assertInstanceOf(Recall.Refused.class, recall).message().contains("3390"), recall.toString());
        assertTrue(service.cached(rdpcheck.probes.TargetParser.parse("rdp01.corp:3390")).isPresent(), "still cached");
    }

    @Test
    void recall_ofANameWhoseKeptAddressesThePolicyRefuses_isRefused() throws Exception {
        router(Map.of("RDPCHECK_POLICY_ALLOW_CIDRS", "10.0.0.0/8,169.254.0.0/16"));
        Requester ops = new Requester("slack", "T1", "COPS", "UOPS");
        resolvedTo = List.of("10.0.0.7", "169.254.169.254");
        check(ops, "rdp02.corp");
        // The name passes the policy; one address the check connected to is the cloud metadata service.
        Recall recall = router.recall(ops, "rdp02.corp");
        assertTrue(assertInstanceOf(Recall.Refused.class, recall).message().contains("169.254.169.254"), recall.toString());

        resolvedTo = List.of("10.0.0.8");
        check(ops, "rdp03.corp");
        assertInstanceOf(Recall.Found.class, router.recall(ops, "rdp03.corp"));
    }

    @Test
    void recall_spendsNoRateLimit_nothingIsProbed() throws Exception {
        router(Map.of("RDPCHECK_LIMITS_USER_BURST", "1", "RDPCHECK_LIMITS_USER_PER_MINUTE", "1"));
        Requester ops = new Requester("slack", "T1", "COPS", "UOPS");
        check(ops, "rdp01.corp");
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Recall.Found.class, router.recall(ops, "rdp01.corp"), "click " + i);
        }
        assertEquals(1, service.runsStarted());
    }

    @Test
    void recall_ofSomethingNeverCheckedOrNotAHost_isGone() throws Exception {
        router(Map.of());
        Requester ops = new Requester("slack", "T1", "COPS", "UOPS");
        assertInstanceOf(Recall.Gone.class, router.recall(ops, "rdp09.corp"));
        assertInstanceOf(Recall.Gone.class, router.recall(ops, "explain 0x904"));
        assertInstanceOf(Recall.Gone.class, router.recall(ops, ""));
    }
}
