package rdpcheck.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.probes.AddressGate;
import rdpcheck.checks.Answer;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckServiceTest;
import rdpcheck.checks.CheckSettings;

class CommandRouterTest {

    private final Requester alice = new Requester("test", "T1", "C1", "U1");
    private final List<String> audit = new ArrayList<>();
    private final CheckService service = new CheckService(CheckServiceTest::report, CheckSettings.defaults(),
            new SimpleMeterRegistry());
    private final BotPolicy policy = new BotPolicy() {
        @Override
        public Optional<String> refusal(Requester requester, ChatCommand command) {
            return command instanceof ChatCommand.Check c && c.target().host().equals("forbidden.corp")
                    ? Optional.of("forbidden.corp is not on the list of hosts you may check") : Optional.empty();
        }

        @Override
        public AddressGate addressGate() {
            return AddressGate.ALLOW_ALL;
        }

        @Override
        public void audit(Requester requester, String text, String decision) {
            audit.add(decision);
        }

        @Override
        public void completed(Requester requester, String text, Completion completion) {
            completions.add(completion);
        }
    };
    private final List<Completion> completions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CommandRouter router = new CommandRouter(service, policy, Explainers.unavailable());

    @AfterEach
    void close() {
        router.close();
        service.close();
    }

    @Test
    void handle_check_acksOnCallerThenAnswersOnDeliveryThread() throws Exception {
        RecordingConversation conversation = new RecordingConversation();
        CommandRouter.Handled handled = router.handle(alice, "/rdpcheck rdp01.corp", conversation);
        assertEquals(Acknowledgement.Kind.CHECKING, conversation.acknowledgements.get(0).kind());
        assertTrue(conversation.acknowledgements.get(0).text().contains("rdp01.corp:3389"));
        assertEquals(Thread.currentThread().getName(), conversation.threads.get(0));
        handled.delivered().get(5, TimeUnit.SECONDS);
        assertEquals(1, conversation.answers.size());
        assertNotEquals(Thread.currentThread().getName(), conversation.threads.get(1));
        assertEquals(List.of("check rdp01.corp:3389: started"), audit);
    }

    @Test
    void handle_checkAnswered_reportsOneCompletionWithTheAnswer_refusalsNone() throws Exception {
        router.handle(alice, "/rdpcheck rdp01.corp", new RecordingConversation()).delivered().get(5, TimeUnit.SECONDS);
        router.handle(alice, "/rdpcheck rdp01.corp", new RecordingConversation()).delivered().get(5, TimeUnit.SECONDS);
        router.handle(alice, "/rdpcheck forbidden.corp", new RecordingConversation());
        router.handle(alice, "/rdpcheck help", new RecordingConversation());
        assertEquals(2, completions.size(), completions.toString());
        Completion first = completions.get(0);
        assertEquals("rdp01.corp:3389", first.target());
        assertEquals(Answer.Freshness.NEW, first.answer().orElseThrow().freshness());
        assertTrue(first.failure().isEmpty());
        assertTrue(!first.took().isNegative());
        assertEquals(Answer.Freshness.CACHED, completions.get(1).answer().orElseThrow().freshness());
    }

    @Test
    void handle_secondRequest_isAcknowledgedAsCachedWithAge() throws Exception {
        router.handle(alice, "rdp01.corp", new RecordingConversation()).delivered().get(5, TimeUnit.SECONDS);
        RecordingConversation second = new RecordingConversation();
        router.handle(alice, "rdp01.corp", second).delivered().get(5, TimeUnit.SECONDS);
        assertEquals(Acknowledgement.Kind.CACHED, second.acknowledgements.get(0).kind());
        assertTrue(second.acknowledgements.get(0).text().contains("cached result from"));
        assertEquals(Answer.Freshness.CACHED, second.answers.get(0).freshness());
    }

    @Test
    void handle_refusedByPolicy_isFinalAckWithReason_andAudited() {
        RecordingConversation conversation = new RecordingConversation();
        router.handle(alice, "forbidden.corp", conversation);
        Acknowledgement ack = conversation.acknowledgements.get(0);
        assertEquals(Acknowledgement.Kind.REFUSED, ack.kind());
        assertTrue(ack.kind().isFinal());
        assertTrue(ack.text().contains("not on the list"));
        assertEquals(0, service.runsStarted());
        assertTrue(audit.get(0).startsWith("refused"));
    }

    @Test
    void handle_garbageHelpAndExplain_areFinalAcks() {
        RecordingConversation conversation = new RecordingConversation();
        router.handle(alice, "/rdpcheck <@U123> hello", conversation);
        router.handle(alice, "/rdpcheck help", conversation);
        router.handle(alice, "/rdpcheck explain 0x904 0x7", conversation);
        assertEquals(List.of(Acknowledgement.Kind.INVALID, Acknowledgement.Kind.HELP, Acknowledgement.Kind.EXPLAIN),
                conversation.acknowledgements.stream().map(Acknowledgement::kind).toList());
        assertTrue(conversation.acknowledgements.get(2).text().contains("0x904"));
        assertTrue(conversation.answers.isEmpty());
        // Core text is plain: Slack's *bold* showed as \*rdpcheck\* on Discord and as stars in a terminal.
        String help = conversation.acknowledgements.get(1).text();
        assertTrue(help.startsWith("rdpcheck diagnoses") && !help.contains("*") && !help.contains("_"), help);
    }

    @Test
    void handle_afterShutdown_saysUnavailable() {
        service.close();
        RecordingConversation conversation = new RecordingConversation();
        router.handle(alice, "rdp01.corp", conversation);
        assertEquals(Acknowledgement.Kind.UNAVAILABLE, conversation.acknowledgements.get(0).kind());
        assertTrue(conversation.acknowledgements.get(0).text().contains("shutting down"));
    }

    @Test
    void handle_severalHosts_answersOnceWithEveryHostInTypedOrder() throws Exception {
        RecordingConversation conversation = new RecordingConversation();
        CommandRouter.Handled handled = router.handle(alice, "/rdpcheck c.corp a.corp b.corp", conversation);
        assertEquals(Acknowledgement.Kind.CHECKING, conversation.acknowledgements.get(0).kind());
        assertEquals("Checking 3 hosts…", conversation.acknowledgements.get(0).text());
        handled.delivered().get(5, TimeUnit.SECONDS);
        assertEquals(1, conversation.fleets.size());
        assertTrue(conversation.answers.isEmpty());
        FleetAnswer fleet = conversation.fleets.get(0);
        assertEquals(List.of("c.corp:3389", "a.corp:3389", "b.corp:3389"),
                fleet.result().hosts().stream().map(h -> h.target().key()).toList());
        assertTrue(fleet.answer(fleet.result().hosts().get(1)).isPresent());
        assertEquals(List.of("check 3 hosts: c.corp:3389 a.corp:3389 b.corp:3389"), audit);
        assertEquals(3, completions.size(), "one audited outcome per host");
    }

    @Test
    void handle_severalHostsOneCached_saysHowManyCameFromTheCache() throws Exception {
        router.handle(alice, "/rdpcheck a.corp", new RecordingConversation()).delivered().get(5, TimeUnit.SECONDS);
        RecordingConversation conversation = new RecordingConversation();
        router.handle(alice, "/rdpcheck a.corp b.corp", conversation).delivered().get(5, TimeUnit.SECONDS);
        assertEquals("Checking 2 hosts… (1 from the cache)", conversation.acknowledgements.get(0).text());
        assertEquals(1, conversation.fleets.get(0).cachedCount());
    }

    @Test
    void handle_moreHostsThanTheLimit_isInvalidAndChecksNothing() throws Exception {
        CommandRouter small = new CommandRouter(service, policy, Explainers.unavailable(), 2);
        try {
            RecordingConversation conversation = new RecordingConversation();
            small.handle(alice, "/rdpcheck a.corp b.corp c.corp", conversation);
            Acknowledgement ack = conversation.acknowledgements.get(0);
            assertEquals(Acknowledgement.Kind.INVALID, ack.kind());
            assertTrue(ack.text().contains("names 3 hosts; one command checks at most 2"), ack.text());
            assertTrue(service.cached(rdpcheck.probes.TargetParser.parse("a.corp")).isEmpty(), "nothing was checked");
        } finally {
            small.close();
        }
    }

    @Test
    void handle_severalHosts_shareTheHostLimitInAddresses_oneHostMayUseAllOfIt() throws Exception {
        List<Integer> caps = new java.util.concurrent.CopyOnWriteArrayList<>();
        rdpcheck.checks.Checker recording = new rdpcheck.checks.Checker() {
            @Override
            public rdpcheck.probes.report.Report check(rdpcheck.probes.Target target) {
                caps.add(Integer.MAX_VALUE);
                return CheckServiceTest.report(target);
            }

            @Override
            public rdpcheck.probes.report.Report check(rdpcheck.probes.Target target, int maxAddresses) {
                caps.add(maxAddresses);
                return CheckServiceTest.report(target);
            }
        };
        BotPolicy fourPerName = BotPolicy.permissive(AddressGate.capped((address, port) -> Optional.empty(), 4));
        try (CheckService counted = new CheckService(recording, CheckSettings.defaults(), new SimpleMeterRegistry());
             CommandRouter ten = new CommandRouter(counted, fourPerName, Explainers.unavailable(), 10)) {
            RecordingConversation several = new RecordingConversation();
            ten.handle(alice, "/rdpcheck a.corp b.corp c.corp", several).delivered().get(5, TimeUnit.SECONDS);
            assertEquals(List.of(3, 3, 3), caps, "ten hosts' worth of addresses for three names");
            assertTrue(several.acknowledgements.get(0).text().contains("At most 3 addresses of each name"),
                    several.acknowledgements.get(0).text());

            caps.clear();
            ten.handle(alice, "/rdpcheck d.corp", new RecordingConversation()).delivered().get(5, TimeUnit.SECONDS);
            assertEquals(List.of(10), caps, "one name may use the whole limit (the policy's per-name cap applies too)");
        }
    }

    @Test
    void handle_oneForbiddenHostAmongSeveral_refusesTheWholeCommandNamingIt() throws Exception {
        RecordingConversation conversation = new RecordingConversation();
        router.handle(alice, "/rdpcheck a.corp forbidden.corp", conversation);
        Acknowledgement ack = conversation.acknowledgements.get(0);
        assertEquals(Acknowledgement.Kind.REFUSED, ack.kind());
        assertTrue(ack.text().startsWith("forbidden.corp:3389: forbidden.corp is not on the list"), ack.text());
        assertTrue(conversation.fleets.isEmpty());
        assertTrue(service.cached(rdpcheck.probes.TargetParser.parse("a.corp")).isEmpty(), "nothing was checked");
    }

    @Test
    void handle_severalHosts_costOneRateLimitTokenButEveryHostIsScreened() throws Exception {
        List<String> screened = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> charged = new java.util.concurrent.CopyOnWriteArrayList<>();
        BotPolicy counting = new BotPolicy() {
            @Override
            public Optional<String> refusal(Requester requester, ChatCommand command) {
                charged.add(((ChatCommand.Check) command).target().key());
                return Optional.empty();
            }

            @Override
            public Optional<String> viewRefusal(Requester requester, ChatCommand.Check check) {
                screened.add(check.target().key());
                return Optional.empty();
            }

            @Override
            public AddressGate addressGate() {
                return AddressGate.ALLOW_ALL;
            }

            @Override
            public void audit(Requester requester, String text, String decision) {
            }
        };
        CommandRouter counted = new CommandRouter(service, counting, Explainers.unavailable());
        try {
            counted.handle(alice, "/rdpcheck a.corp b.corp c.corp", new RecordingConversation()).delivered()
                    .get(5, TimeUnit.SECONDS);
            assertEquals(List.of("a.corp:3389", "b.corp:3389", "c.corp:3389"), screened);
            assertEquals(1, charged.size(), charged.toString());
        } finally {
            counted.close();
        }
    }
}
