package rdpcheck.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.chat.render.TerminalRenderer;
import rdpcheck.checks.Asker;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckServiceTest;
import rdpcheck.checks.CheckSettings;
import rdpcheck.checks.History;
import rdpcheck.checks.PastCheck;
import rdpcheck.probes.AddressGate;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Change;
import rdpcheck.probes.report.Changes;
import rdpcheck.probes.report.Report;

/** {@code /rdpcheck history HOST} and the "Changed since ..." section, on every platform's shared parts. */
class HistoryChatTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final Requester alice = new Requester("slack", "T1", "C1", "U1");
    private final List<Target> asked = new ArrayList<>();
    private final History history = new History() {
        @Override
        public Report compared(Report report) {
            return report;
        }

        @Override
        public List<PastCheck> recent(Target target, int limit) {
            asked.add(target);
            return List.of(
                    new PastCheck(NOW.minusSeconds(7200), Severity.CRITICAL, true, "rdp01.corp: the certificate expired",
                            Optional.of("cert.expired"), new Asker("slack", "U1", "T1/C1"), Duration.ofMillis(900)),
                    new PastCheck(NOW.minusSeconds(86_400), Severity.INFO, false, "rdp01.corp: looks fine",
                            Optional.of("healthy"), Asker.cli(), Duration.ofMillis(700)));
        }

        @Override
        public Optional<String> off() {
            return Optional.empty();
        }
    };
    private final CheckService service = new CheckService(CheckServiceTest::report, CheckSettings.defaults(),
            new SimpleMeterRegistry());
    private final BotPolicy policy = new BotPolicy() {
        @Override
        public Optional<String> refusal(Requester requester, ChatCommand command) {
            return command instanceof ChatCommand.Check c && c.target().host().equals("secret.corp")
                    ? Optional.of("secret.corp is not on the list of hosts you may check") : Optional.empty();
        }

        @Override
        public AddressGate addressGate() {
            return AddressGate.ALLOW_ALL;
        }
    };
    private final CommandRouter router = new CommandRouter(service, policy, Explainers.unavailable(), 10, history);

    @AfterEach
    void close() {
        router.close();
        service.close();
    }

    @Test
    void parse_historyHost_isHistoryOfTheNormalisedTarget_andOneHostOnly() {
        ChatCommand.History command = assertInstanceOf(ChatCommand.History.class, ChatCommand.parse("/rdpcheck history RDP01.corp"));
        assertEquals("rdp01.corp:3389", command.target().key());
        assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.parse("history a b"));
        assertInstanceOf(ChatCommand.Check.class, ChatCommand.parse("history"), "a host named history is still a host");
        assertInstanceOf(ChatCommand.History.class, ChatCommand.check("history rdp01.corp", false),
                "typed into Discord's host field");
        assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.check("history rdp01.corp", true));
    }

    @Test
    void history_isAFinalAnswerNewestFirstWithWhoAsked() {
        RecordingConversation conversation = new RecordingConversation();
        CommandRouter.Handled handled = router.handle(alice, "/rdpcheck history rdp01.corp", conversation);
        assertEquals(Acknowledgement.Kind.HISTORY, handled.acknowledgement().kind());
        assertTrue(handled.acknowledgement().kind().isFinal());
        String text = handled.acknowledgement().text();
        assertTrue(text.startsWith("Last 2 checks of `rdp01.corp:3389`, newest first:"), text);
        assertTrue(text.indexOf("critical · `cert.expired` · asked by slack user U1 in T1/C1")
                < text.indexOf("ok · asked by cli"), text);
        assertEquals(List.of(new Target("rdp01.corp", 3389, "rdp01.corp")).get(0).key(), asked.get(0).key());
    }

    @Test
    void history_ofAHostTheUserMayNotCheck_isRefusedAndNotRead() {
        CommandRouter.Handled handled = router.handle(alice, "/rdpcheck history secret.corp", new RecordingConversation());
        assertEquals(Acknowledgement.Kind.REFUSED, handled.acknowledgement().kind());
        assertTrue(asked.isEmpty(), "the history was not read");
    }

    @Test
    void history_whenTheStoreIsOff_saysWhy() {
        try (CommandRouter off = new CommandRouter(service, policy, Explainers.unavailable(), 10,
                History.off("the history store /x is locked by another program (waited 3 s)"))) {
            String text = off.handle(alice, "history rdp01.corp", new RecordingConversation()).acknowledgement().text();
            assertEquals("No history: the history store /x is locked by another program (waited 3 s).", text);
        }
    }

    @Test
    void terminal_showsChangedSinceWithEachChange() {
        Target target = new Target("rdp01.corp", 3389, "rdp01.corp");
        Report report = CheckServiceTest.report(target).withChanges(new Changes(Optional.of(NOW.minusSeconds(3600)),
                Optional.of(NOW.minusSeconds(3600)), List.of(new Change("tls.versions", "TLS 1.0, TLS 1.2", "TLS 1.2",
                        NOW, "TLS 1.0 turned off since the last check, 09:00 UTC"))));
        String text = new TerminalRenderer(false, 100, false).render(report);
        assertTrue(text.contains("Changed since the last check ("), text);
        assertTrue(text.contains("  • TLS 1.0 turned off since the last check, 09:00 UTC"), text);
        assertTrue(!new TerminalRenderer(false, 100, false).render(CheckServiceTest.report(target)).contains("Changed since"));
    }
}
