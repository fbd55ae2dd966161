package rdpcheck.bot.policy;

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

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.bot.core.Acknowledgement;
import rdpcheck.bot.core.CheckService;
import rdpcheck.bot.core.CheckSettings;
import rdpcheck.bot.core.CommandRouter;
import rdpcheck.bot.core.Explainers;
import rdpcheck.bot.core.RecordingConversation;
import rdpcheck.bot.core.Requester;
import rdpcheck.config.Settings;
import rdpcheck.probes.Findings;
import rdpcheck.probes.report.Report;

/** The bot core's router with the configured policy: refused requests get a private answer and probe nothing. */
class RouterWithPolicyTest {

    private final AtomicInteger checksRun = new AtomicInteger();
    private final ByteArrayOutputStream auditBytes = new ByteArrayOutputStream();
    private CommandRouter router;
    private CheckService service;

    private CommandRouter router(Map<String, String> env) throws Exception {
        Settings settings = RequestGateTest.settings(env);
        AuditLog audit = AuditLog.toStream(new PrintStream(auditBytes, true, StandardCharsets.UTF_8),
                new Redactor(settings.secrets()));
        service = new CheckService(target -> {
            checksRun.incrementAndGet();
            return new Report(target, Instant.now(), 1.0, target.key() + ": fine", List.of(), Findings.empty());
        }, CheckSettings.defaults(), new SimpleMeterRegistry());
        router = new CommandRouter(service, ChatPolicy.create(settings, Platform.SLACK, audit, GroupResolver.NONE),
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
        router(Map.of("RDPCHECK_ACCESS_SLACK_CHANNELS", "COPS", "RDPCHECK_LIMITS_USER_BURST", "2",
                "RDPCHECK_LIMITS_USER_PER_MINUTE", "1", "RDPCHECK_LIMITS_CHANNEL_BURST", "100"));
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
        assertEquals(13, lines, "one audit line per request");
    }
}
