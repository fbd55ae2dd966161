package rdpcheck.chat.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.chat.BotPolicy;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckSettings;
import rdpcheck.checks.Checker;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.ChatCommand;
import rdpcheck.chat.Explainers;
import rdpcheck.chat.Requester;
import rdpcheck.chat.policy.RecentGroups;
import rdpcheck.probes.AddressGate;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;

/**
 * The real JDA, driven by {@link DiscordBot}, against {@link FakeDiscord}; checks run against a
 * {@code lab} host on 127.0.0.1.
 */
class DiscordBotTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String APP = Long.toUnsignedString(FakeDiscordJson.APPLICATION_ID);

    private static LabHost host;
    private static String expectedFirstDiagnosis;

    private FakeDiscord fake;
    private CheckService service;
    private CommandRouter router;
    private DiscordBot bot;

    @BeforeAll
    static void startLabHost() throws Exception {
        host = LabHost.start("nla", LabHosts.nlaRequired());
        // What the probes say about this host, found independently of the bot.
        expectedFirstDiagnosis = Checker.standard(ProbeOptions.defaults()).check(host.target()).diagnoses().get(0).id();
    }

    @AfterAll
    static void stopLabHost() {
        host.close();
    }

    @BeforeEach
    void start() throws Exception {
        fake = FakeDiscord.start();
        service = new CheckService(Checker.standard(ProbeOptions.defaults()), CheckSettings.defaults(), new SimpleMeterRegistry());
        router = new CommandRouter(service, BotPolicy.PERMISSIVE, Explainers.unavailable());
        bot = new DiscordBot(new DiscordSettings(FakeDiscord.TOKEN, fake.restBaseUrl(), fake.gatewayUrl()), router);
        bot.start();
        bot.awaitReady();
        fake.await(r -> r.is("PUT", "applications/\\d+/commands"), WAIT);
    }

    @AfterEach
    void stop() {
        bot.close();
        router.close();
        service.close();
        fake.close();
    }

    @Test
    void start_registersCommands_withoutPrivilegedIntentsOrCompression() {
        JsonNode commands = fake.registeredCommands();

        assertEquals(List.of("rdpcheck", "rdpcheck-explain"), names(commands));
        JsonNode check = commands.get(0);
        assertEquals("host", check.path("options").get(0).path("name").asText());
        assertEquals(3, check.path("options").get(0).path("type").asInt(), "host is a string option");
        assertTrue(check.path("options").get(0).path("required").asBoolean());
        assertEquals("fresh", check.path("options").get(1).path("name").asText());
        assertEquals(5, check.path("options").get(1).path("type").asInt(), "fresh is a boolean option");
        assertEquals(1, fake.gateway().identifies().get(0).path("intents").asInt(), "GUILDS only");
        assertEquals("encoding=json&v=10", fake.gateway().queries().get(0));
        assertTrue(bot.connected());
    }

    @Test
    void slashCommand_severalHostsInTheHostOption_summaryEmbedGroupedByRootCause_thenThreadOfTheProblemHost()
            throws Exception {
        try (LabHost healthy = LabHost.start("healthy", LabHosts.healthy())) {
            String problem = "127.0.0.1:" + host.port();
            FakeDiscord.Interaction command = fake.slashCommand("rdpcheck",
                    Map.of("host", "127.0.0.1:" + healthy.port() + " " + problem));
            fake.await(callbackOf(command), WAIT);

            FakeDiscordRequest summary = fake.await(editOf(command, "@original"), WAIT);
            JsonNode embed = summary.body().path("embeds").get(0);
            assertEquals("rdpcheck: 2 hosts, 1 with problems", embed.path("title").asText());
            JsonNode fields = embed.path("fields");
            assertTrue(fields.get(0).path("name").asText().contains(rdpcheck.chat.discord.DiscordRenderer.escape(expectedFirstDiagnosis)),
                    "the problem's group first: " + fields);
            assertTrue(fields.get(0).path("value").asText().contains(host.port() + "`"), fields.toString());
            assertEquals(2, fields.size(), fields.toString());

            long original = fake.originalOf(command).orElseThrow();
            FakeDiscordRequest created = fake.await(r -> r.is("POST", "channels/\\d+/messages/" + original + "/threads"),
                    WAIT);
            assertEquals("rdpcheck: 2 hosts", created.body().path("name").asText());
            fake.await(r -> r.is("POST", "channels/" + original + "/messages")
                    && r.body().path("embeds").toString().contains("`" + expectedFirstDiagnosis + "`"), WAIT);
            assertNoMessageCanMention();
            assertTrue(fake.unhandled().isEmpty(), () -> "unhandled: " + fake.unhandled());
        }
    }

    @Test
    void slashCommand_labHost_defersWithin3sThenVerdictThenThreadWithDiagnosis() throws Exception {
        String target = "127.0.0.1:" + host.port();

        FakeDiscord.Interaction command = fake.slashCommand("rdpcheck", Map.of("host", target));

        FakeDiscordRequest ack = fake.await(callbackOf(command), WAIT);
        double ackMillis = (ack.receivedNanos() - command.sentNanos()) / 1e6;
        System.out.printf("discord: deferReply arrived %.1f ms after INTERACTION_CREATE was sent%n", ackMillis);
        assertEquals(5, ack.body().path("type").asInt(), "deferred channel message");
        assertTrue(ackMillis < 3000, "ack took " + ackMillis + " ms");

        FakeDiscordRequest verdict = fake.await(editOf(command, "@original"), WAIT);
        JsonNode embed = verdict.body().path("embeds").get(0);
        assertTrue(embed.path("title").asText().contains("127.0.0.1:" + host.port()), "no needless backslashes: " + embed);
        String content = verdict.body().path("content").asText();
        assertTrue(content.matches("@\\S+ asked: 127\\.0\\.0\\.1:" + host.port() + ": .*"), "notifications preview who asked and the verdict: " + content);
        assertTrue(embed.path("description").asText().contains("**address**"), "the facts: " + embed);
        assertEquals(List.of("rdpcheck:rerun:" + target, "rdpcheck:raw:" + target), customIds(verdict.body()));

        long original = fake.originalOf(command).orElseThrow();
        FakeDiscordRequest created = fake.await(r -> r.is("POST", "channels/\\d+/messages/" + original + "/threads"), WAIT);
        assertEquals("rdpcheck " + target, created.body().path("name").asText());
        fake.await(r -> r.is("POST", "channels/" + original + "/messages")
                && r.body().path("embeds").toString().contains("\"Probes\""), WAIT);
        String thread = fake.requests().stream().filter(r -> r.is("POST", "channels/" + original + "/messages"))
                .map(r -> r.body().path("embeds").toString()).reduce("", String::concat);
        assertTrue(thread.contains("`" + expectedFirstDiagnosis + "`"),
                "thread holds the diagnosis " + expectedFirstDiagnosis + ": " + thread);
        assertTrue(thread.contains("1. ["), "numbered fix steps: " + thread);
        assertNoMessageCanMention();
        assertTrue(fake.unhandled().isEmpty(), () -> "unhandled: " + fake.unhandled());
    }

    @Test
    void rerunButton_runsAFreshCheckAndAnswersTheClick() throws Exception {
        String target = "127.0.0.1:" + host.port();
        FakeDiscord.Interaction command = fake.slashCommand("rdpcheck", Map.of("host", target));
        fake.await(r -> r.is("POST", "channels/\\d+/messages"), WAIT);
        long original = fake.originalOf(command).orElseThrow();

        FakeDiscord.Interaction click = fake.clickButton(original, "rdpcheck:rerun:" + target);

        FakeDiscordRequest ack = fake.await(callbackOf(click), WAIT);
        System.out.printf("discord: warm deferReply (button) arrived %.1f ms after INTERACTION_CREATE was sent%n",
                (ack.receivedNanos() - click.sentNanos()) / 1e6);
        assertEquals(5, ack.body().path("type").asInt());
        fake.await(editOf(click, "@original"), WAIT);
        long second = fake.originalOf(click).orElseThrow();
        fake.await(r -> r.is("POST", "channels/" + second + "/messages")
                && r.body().path("embeds").toString().contains("\"Probes\""), WAIT);
        assertEquals(2, service.runsStarted(), "fresh: the cache is bypassed");
        assertNoMessageCanMention();
    }

    @Test
    void rawFindingsButton_repliesOnlyToTheClickerWithTheJsonReport() throws Exception {
        String target = "127.0.0.1:" + host.port();
        FakeDiscord.Interaction command = fake.slashCommand("rdpcheck", Map.of("host", target, "fresh", true));
        fake.await(r -> r.is("POST", "channels/\\d+/messages"), WAIT);

        FakeDiscord.Interaction click = fake.clickButton(fake.originalOf(command).orElseThrow(), "rdpcheck:raw:" + target);

        FakeDiscordRequest request = fake.await(callbackOf(click), WAIT);
        JsonNode reply = request.body();
        assertEquals(4, reply.path("type").asInt());
        assertEquals(64, reply.path("data").path("flags").asInt() & 64, "ephemeral");
        assertEquals("rdpcheck-127.0.0.1.json", reply.path("data").path("attachments").get(0).path("filename").asText());
        JsonNode report = FakeDiscordJson.MAPPER.readTree(request.files().get("rdpcheck-127.0.0.1.json"));
        assertEquals(expectedFirstDiagnosis, report.path("diagnoses").get(0).path("id").asText(), report.toString());
        assertEquals(1, service.runsStarted(), "raw findings come from the cache");
        assertNoMessageCanMention();
    }

    @Test
    void rawFindingsButton_clickerOrTargetTheCurrentPolicyRefuses_isToldPrivately_andGetsNoReport() throws Exception {
        String target = "127.0.0.1:" + host.port();
        FakeDiscord.Interaction command = fake.slashCommand("rdpcheck", Map.of("host", target, "fresh", true));
        fake.await(r -> r.is("POST", "channels/\\d+/messages"), WAIT);
        long verdict = fake.originalOf(command).orElseThrow();
        String oncall = Long.toUnsignedString(FakeDiscordJson.ONCALL_ROLE_ID);
        String port = String.valueOf(host.port());

        // The configuration changed since the verdict was posted: only role 1234 may ask now.
        restartWithChatPolicy(Map.of("RDPCHECK_ACCESS_DISCORD_ROLES", "1234", "RDPCHECK_POLICY_ALLOW_CIDRS", "127.0.0.0/8",
                "RDPCHECK_POLICY_ALLOWED_PORTS", port));
        JsonNode byRole = fake.await(callbackOf(fake.clickButton(verdict, "rdpcheck:raw:" + target)), WAIT).body();
        assertRefusedPrivately(byRole, "roles allowed to run rdpcheck");

        // The clicker's role is allowed, but loopback is no longer: the target policy refuses what is cached.
        restartWithChatPolicy(Map.of("RDPCHECK_ACCESS_DISCORD_ROLES", oncall, "RDPCHECK_POLICY_ALLOWED_PORTS", port));
        JsonNode byTarget = fake.await(callbackOf(fake.clickButton(verdict, "rdpcheck:raw:" + target)), WAIT).body();
        assertRefusedPrivately(byTarget, "loopback");

        restartWithChatPolicy(Map.of("RDPCHECK_ACCESS_DISCORD_ROLES", oncall, "RDPCHECK_POLICY_ALLOW_CIDRS", "127.0.0.0/8",
                "RDPCHECK_POLICY_ALLOWED_PORTS", port));
        FakeDiscordRequest shown = fake.await(callbackOf(fake.clickButton(verdict, "rdpcheck:raw:" + target)), WAIT);
        assertEquals("rdpcheck-127.0.0.1.json", shown.body().path("data").path("attachments").get(0).path("filename").asText());
        assertEquals(1, service.runsStarted(), "clicks probe nothing");
    }

    private static void assertRefusedPrivately(JsonNode reply, String why) {
        assertEquals(4, reply.path("type").asInt(), reply.toString());
        assertEquals(64, reply.path("data").path("flags").asInt() & 64, "ephemeral");
        assertTrue(reply.path("data").path("embeds").toString().contains(why), reply.toString());
        assertTrue(reply.path("data").path("attachments").isMissingNode() || reply.path("data").path("attachments").isEmpty(),
                "no report attached: " + reply);
    }

    /** The configured policy for Discord, as serve builds it, from RDPCHECK_* variables; the cache is kept. */
    private void restartWithChatPolicy(Map<String, String> env) throws Exception {
        bot.close();
        router.close();
        RecentGroups groups = new RecentGroups();
        rdpcheck.config.Settings settings = rdpcheck.config.ConfigLoader.load(Optional.empty(), env).settings();
        rdpcheck.chat.policy.AuditLog audit = rdpcheck.chat.policy.AuditLog.toStream(
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), new rdpcheck.chat.policy.Redactor(settings.secrets()));
        router = new CommandRouter(service, rdpcheck.chat.policy.ChatPolicy.create(settings,
                rdpcheck.chat.policy.Platform.chat("discord"), new DiscordPlatform().access(settings), audit, groups), Explainers.unavailable());
        bot = new DiscordBot(new DiscordSettings(FakeDiscord.TOKEN, fake.restBaseUrl(), fake.gatewayUrl()), router, groups);
        bot.start();
        bot.awaitReady();
    }

    @Test
    void mentionsInTheHost_shownEscaped_andNothingCanPing() throws Exception {
        FakeDiscord.Interaction command = fake.slashCommand("rdpcheck", Map.of("host", "@everyone <@&1> **x**"));

        JsonNode reply = fake.await(callbackOf(command), WAIT).body();

        assertEquals(4, reply.path("type").asInt(), "invalid input is answered at once");
        assertEquals(64, reply.path("data").path("flags").asInt() & 64, "only the asker sees the complaint");
        String description = reply.path("data").path("embeds").get(0).path("description").asText();
        assertFalse(description.matches("(?s).*(?<!\\\\)@everyone.*"), description);
        assertEquals(0, service.runsStarted());
        assertNoMessageCanMention();
    }

    @Test
    void explainCommand_answeredAtOnceInTheChannel() throws Exception {
        FakeDiscord.Interaction command = fake.slashCommand("rdpcheck-explain", Map.of("code", "0x904", "extended", "0x7"));

        JsonNode reply = fake.await(callbackOf(command), WAIT).body();

        assertEquals(4, reply.path("type").asInt());
        assertEquals(0, reply.path("data").path("flags").asInt() & 64, "visible to the channel");
        assertNoMessageCanMention();
    }

    @Test
    void droppedGateway_resumesAndTheNextCommandIsAnswered() throws Exception {
        String target = "127.0.0.1:" + host.port();

        fake.gateway().dropConnection();
        FakeDiscord.Interaction command = fake.slashCommand("rdpcheck", Map.of("host", target));

        assertEquals(5, fake.await(callbackOf(command), WAIT).body().path("type").asInt());
        fake.await(editOf(command, "@original"), WAIT);
        assertEquals(1, fake.gateway().resumes().size(), "resumed");
        assertEquals(1, fake.gateway().identifies().size(), "not a new session");
        assertTrue(fake.gateway().connections() >= 2);
    }

    @Test
    void close_afterTheAck_stillDeliversTheAnswerBeforeDisconnecting() throws Exception {
        FakeDiscord.Interaction command = fake.slashCommand("rdpcheck", Map.of("host", "127.0.0.1:" + host.port()));
        fake.await(callbackOf(command), WAIT);

        bot.close();

        assertTrue(fake.requests().stream().anyMatch(editOf(command, "@original")), "verdict posted before JDA stopped");
        assertFalse(bot.connected());
    }

    @Test
    void memberRoles_fromTheInteraction_reachTheAccessPolicy() throws Exception {
        RecentGroups groups = new RecentGroups();
        restartRequiringRole(groups, Long.toUnsignedString(FakeDiscordJson.ONCALL_ROLE_ID));
        FakeDiscord.Interaction allowed = fake.slashCommand("rdpcheck", Map.of("host", "127.0.0.1:" + host.port()));
        assertEquals(5, fake.await(callbackOf(allowed), WAIT).body().path("type").asInt(), "the on-call member is let through");

        restartRequiringRole(groups, "1234");
        FakeDiscord.Interaction refused = fake.slashCommand("rdpcheck", Map.of("host", "127.0.0.1:" + host.port()));
        JsonNode reply = fake.await(callbackOf(refused), WAIT).body();
        assertEquals(4, reply.path("type").asInt(), "refused at once");
        assertTrue(reply.path("data").path("embeds").toString().contains("role 1234 only"), reply.toString());
    }

    private void restartRequiringRole(RecentGroups groups, String role) throws Exception {
        bot.close();
        router.close();
        BotPolicy roleOnly = new BotPolicy() {
            @Override
            public Optional<String> refusal(Requester requester, ChatCommand command) {
                return groups.groupsOf(requester).contains(role) ? Optional.empty() : Optional.of("role " + role + " only");
            }

            @Override
            public AddressGate addressGate() {
                return AddressGate.ALLOW_ALL;
            }
        };
        router = new CommandRouter(service, roleOnly, Explainers.unavailable());
        bot = new DiscordBot(new DiscordSettings(FakeDiscord.TOKEN, fake.restBaseUrl(), fake.gatewayUrl()), router, groups);
        bot.start();
        bot.awaitReady();
    }

    @Test
    void withoutThreadPermission_detailsFollowTheVerdictAsReplies() throws Exception {
        restart(FakeDiscord.start(FakeDiscordJson.BOT_PERMISSIONS & ~FakeDiscordJson.CREATE_PUBLIC_THREADS), BotPolicy.PERMISSIVE);

        FakeDiscord.Interaction command = fake.slashCommand("rdpcheck", Map.of("host", "127.0.0.1:" + host.port()));

        fake.await(editOf(command, "@original"), WAIT);
        FakeDiscordRequest followUp = fake.await(r -> r.is("POST", "webhooks/" + APP + "/" + command.token())
                && r.body().path("embeds").toString().contains("\"Probes\""), WAIT);
        assertTrue(followUp.body().path("embeds").size() >= 1);
        assertTrue(fake.requests().stream().noneMatch(r -> r.path().endsWith("/threads")), "no thread attempted");
        assertNoMessageCanMention();
    }

    @Test
    void busyService_queuedRequestIsToldItIsQueued() throws Exception {
        service.close();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Checker standard = Checker.standard(ProbeOptions.defaults());
        service = new CheckService(target -> {
            try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return standard.check(target);
        }, CheckSettings.defaults().withMaxConcurrent(1), new SimpleMeterRegistry());
        restart(fake, BotPolicy.PERMISSIVE);
        try (LabHost other = LabHost.start("nla-2", LabHosts.nlaRequired())) {
            fake.slashCommand("rdpcheck", Map.of("host", "127.0.0.1:" + host.port()));
            FakeDiscord.Interaction second = fake.slashCommand("rdpcheck", Map.of("host", "127.0.0.1:" + other.port()));

            FakeDiscordRequest queued = fake.await(r -> r.method().equals("PATCH")
                    && r.path().endsWith(second.token() + "/messages/@original") && r.body().has("content")
                    && !r.body().has("embeds"), WAIT);
            String text = queued.body().path("content").asText();
            assertTrue(text.startsWith("Queued:") && text.contains("`127.0.0.1:" + other.port() + "`"), text);
            release.countDown();
            fake.await(editOf(second, "@original"), WAIT);
        }
    }

    private void restart(FakeDiscord newFake, BotPolicy policy) throws Exception {
        bot.close();
        router.close();
        if (newFake != fake) {
            fake.close();
            fake = newFake;
        }
        router = new CommandRouter(service, policy, Explainers.unavailable());
        bot = new DiscordBot(new DiscordSettings(FakeDiscord.TOKEN, fake.restBaseUrl(), fake.gatewayUrl()), router);
        bot.start();
        bot.awaitReady();
    }

    // --- helpers

    private static java.util.function.Predicate<FakeDiscordRequest> callbackOf(FakeDiscord.Interaction interaction) {
        return r -> r.is("POST", "interactions/" + interaction.id() + "/" + interaction.token() + "/callback");
    }

    private static java.util.function.Predicate<FakeDiscordRequest> editOf(FakeDiscord.Interaction interaction, String message) {
        return r -> r.method().equals("PATCH")
                && r.path().equals("webhooks/" + APP + "/" + interaction.token() + "/messages/" + message)
                && r.body().has("embeds");
    }

    /** Every message JDA sent says {@code allowed_mentions: {parse: []}} and lists no users or roles. */
    private void assertNoMessageCanMention() {
        int checked = 0;
        for (FakeDiscordRequest request : fake.requests()) {
            if (!request.carriesMessage()) {
                continue;
            }
            JsonNode mentions = request.message().path("allowed_mentions");
            assertTrue(mentions.isObject(), () -> request.method() + " " + request.path() + " has no allowed_mentions: " + request.body());
            assertEquals(0, mentions.path("parse").size(), () -> request.path() + ": " + mentions);
            assertEquals(0, mentions.path("users").size(), () -> request.path() + ": " + mentions);
            assertEquals(0, mentions.path("roles").size(), () -> request.path() + ": " + mentions);
            assertFalse(mentions.path("replied_user").asBoolean(), () -> request.path() + ": " + mentions);
            checked++;
        }
        assertTrue(checked > 0, "no message was sent at all");
    }

    private static List<String> names(JsonNode commands) {
        List<String> names = new ArrayList<>();
        commands.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    private static List<String> customIds(JsonNode message) {
        List<String> ids = new ArrayList<>();
        message.path("components").forEach(row -> row.path("components").forEach(c -> ids.add(c.path("custom_id").asText())));
        return ids;
    }
}
