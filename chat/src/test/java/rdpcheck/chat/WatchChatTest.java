package rdpcheck.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.chat.policy.AccessDecision;
import rdpcheck.chat.policy.AccessRule;
import rdpcheck.chat.policy.AuditLog;
import rdpcheck.chat.policy.ChatPolicy;
import rdpcheck.chat.policy.GroupResolver;
import rdpcheck.chat.policy.Platform;
import rdpcheck.chat.policy.RequestGateTest;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckServiceTest;
import rdpcheck.checks.CheckSettings;
import rdpcheck.checks.History;
import rdpcheck.checks.watch.MemoryWatches;
import rdpcheck.checks.watch.Watch;
import rdpcheck.checks.watch.WatchChannel;
import rdpcheck.checks.watch.WatchSettings;
import rdpcheck.checks.watch.Watches;
import rdpcheck.config.Settings;

/** {@code /rdpcheck watch HOST [every D]}, {@code unwatch HOST}, {@code watches} through the router and the real chat policy. */
class WatchChatTest {

    private final Requester alice = new Requester("slack", "T1", "C0OPS", "U1");
    private final Requester bob = new Requester("slack", "T1", "C0OPS", "U2");
    private final CheckService service = new CheckService(CheckServiceTest::report, CheckSettings.defaults(),
            new SimpleMeterRegistry());
    private final MemoryWatches watches = new MemoryWatches();

    /** Anyone may check; only U1 may manage watches (as access.slack.watchers: [U1] says). */
    private static final AccessRule ONLY_U1_WATCHES = new AccessRule() {
        @Override
        public AccessDecision decide(Requester requester, Set<String> groups) {
            return AccessDecision.ALLOWED;
        }

        @Override
        public AccessDecision decideWatch(Requester requester, Set<String> groups) {
            return requester.user().equals("U1") ? AccessDecision.ALLOWED
                    : AccessDecision.refused("access.watch", "You may run checks but not add or remove watches.");
        }
    };

    private CommandRouter router(Map<String, String> env, Watches store, WatchSettings bounds) throws Exception {
        Settings settings = RequestGateTest.settings(env);
        return new CommandRouter(service, ChatPolicy.create(settings, Platform.chat("slack"), ONLY_U1_WATCHES,
                AuditLog.discard(), GroupResolver.NONE), Explainers.unavailable(), 10, History.NONE, store, bounds);
    }

    private CommandRouter router() throws Exception {
        return router(Map.of(), watches, WatchSettings.defaults());
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void parse_watchUnwatchWatches_andTheirMistakes() {
        ChatCommand.Watch watch = assertInstanceOf(ChatCommand.Watch.class, ChatCommand.parse("/rdpcheck watch RDP01.corp"));
        assertEquals("rdp01.corp:3389", watch.target().key());
        assertEquals(Watch.DEFAULT_EVERY, watch.every());
        assertEquals(Duration.ofHours(6), assertInstanceOf(ChatCommand.Watch.class,
                ChatCommand.parse("watch rdp01.corp every 6h")).every());
        assertEquals(Duration.ofDays(1), assertInstanceOf(ChatCommand.Watch.class,
                ChatCommand.parse("watch gw.corp:443 gateway every 1d")).every());
        assertEquals("rdp01.corp:3389", assertInstanceOf(ChatCommand.Unwatch.class,
                ChatCommand.parse("unwatch rdp01.corp")).target().key());
        assertInstanceOf(ChatCommand.ListWatches.class, ChatCommand.parse("/rdpcheck watches"));
        assertInstanceOf(ChatCommand.Check.class, ChatCommand.parse("watch"), "a host named watch is still a host");
        String every = assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.parse("watch rdp01.corp every 5m")).message();
        assertTrue(every.startsWith("A watch runs every 30m, 1h, 6h or 1d, not '5m'."), every);
        assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.parse("watch a.corp b.corp"));
        assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.parse("unwatch rdp01.corp every 1h"));
        assertInstanceOf(ChatCommand.Watch.class, ChatCommand.check("watch rdp01.corp every 30m", false),
                "typed into Discord's host field");
        assertInstanceOf(ChatCommand.ListWatches.class, ChatCommand.check("watches", false));
        assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.check("watch rdp01.corp", true));
    }

    @Test
    void watch_addsForThisChannel_listedByWatches_removedByUnwatch() throws Exception {
        try (CommandRouter router = router()) {
            Acknowledgement added = router.handle(alice, "/rdpcheck watch rdp01.corp every 6h", new RecordingConversation())
                    .acknowledgement();
            assertEquals(Acknowledgement.Kind.WATCH, added.kind());
            assertTrue(added.kind().isFinal());
            assertTrue(added.text().startsWith("Watching `rdp01.corp:3389` every 6h in slack:C0OPS. The first check runs"
                    + " within a minute"), added.text());
            Watch kept = watches.list(new WatchChannel("slack", "C0OPS")).get(0);
            assertEquals("U1", kept.addedBy());
            String listed = router.handle(bob, "watches", new RecordingConversation()).acknowledgement().text();
            assertTrue(listed.startsWith("1 watch in slack:C0OPS:\n`rdp01.corp:3389` every 6h · next within a minute"),
                    "anyone who may check sees the list: " + listed);
            Acknowledgement removed = router.handle(alice, "unwatch rdp01.corp", new RecordingConversation()).acknowledgement();
            assertEquals("No longer watching `rdp01.corp:3389` in this channel.", removed.text());
            assertEquals(List.of(), watches.all());
        }
    }

    @Test
    void watch_byAUserTheAccessSettingsDoNotLetManageWatches_isRefusedAndNothingChanges() throws Exception {
        try (CommandRouter router = router()) {
            Acknowledgement refused = router.handle(bob, "watch rdp01.corp", new RecordingConversation()).acknowledgement();
            assertEquals(Acknowledgement.Kind.REFUSED, refused.kind());
            assertEquals("You may run checks but not add or remove watches.", refused.text());
            router.handle(alice, "watch rdp01.corp", new RecordingConversation());
            assertEquals(Acknowledgement.Kind.REFUSED,
                    router.handle(bob, "unwatch rdp01.corp", new RecordingConversation()).acknowledgement().kind());
            assertEquals(1, watches.all().size());
        }
    }

    @Test
    void watch_ofAHostTheTargetPolicyDenies_isRefusedBeforeItIsKept() throws Exception {
        try (CommandRouter router = router(Map.of("RDPCHECK_POLICY_DENY_HOSTS", "*.dmz.corp"), watches,
                WatchSettings.defaults())) {
            Acknowledgement refused = router.handle(alice, "watch rdp01.dmz.corp", new RecordingConversation())
                    .acknowledgement();
            assertEquals(Acknowledgement.Kind.REFUSED, refused.kind());
            assertTrue(refused.text().contains("dmz.corp is on the deny list"), refused.text());
            assertEquals(List.of(), watches.all());
        }
    }

    @Test
    void watch_pastTheChannelBound_isRefusedNamingTheSetting() throws Exception {
        try (CommandRouter router = router(Map.of(), watches, new WatchSettings(1, 10, 2, List.of(7)))) {
            router.handle(alice, "watch a.corp", new RecordingConversation());
            Acknowledgement full = router.handle(alice, "watch b.corp", new RecordingConversation()).acknowledgement();
            assertEquals(Acknowledgement.Kind.REFUSED, full.kind());
            assertTrue(full.text().contains("(watch.max_per_channel)"), full.text());
        }
    }

    @Test
    void watch_whenTheStoreIsOff_saysWatchesNeedIt() throws Exception {
        try (CommandRouter router = router(Map.of(), Watches.off("history is off (store.url is none)"),
                WatchSettings.defaults())) {
            Acknowledgement off = router.handle(alice, "watch rdp01.corp", new RecordingConversation()).acknowledgement();
            assertEquals(Acknowledgement.Kind.UNAVAILABLE, off.kind());
            assertEquals("Watches need the history store, and it is off: history is off (store.url is none).", off.text());
        }
    }
}
