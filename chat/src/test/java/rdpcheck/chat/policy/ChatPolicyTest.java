package rdpcheck.chat.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import rdpcheck.chat.ChatCommand;
import rdpcheck.chat.Requester;
import rdpcheck.config.Settings;
import rdpcheck.probes.AddressGate;

class ChatPolicyTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AuditLog audit = AuditLog.toStream(new PrintStream(bytes, true, StandardCharsets.UTF_8), Redactor.none());

    @Test
    void refusal_discordRoleFromRecentGroups_decidesAccess() throws Exception {
        Settings settings = RequestGateTest.settings(Map.of());
        RecentGroups groups = new RecentGroups();
        ChatPolicy policy = ChatPolicy.create(settings, TestAccess.DISCORD,
                TestAccess.rule(java.util.List.of(), java.util.List.of(), java.util.List.of("777")), audit, groups);
        Requester member = new Requester("discord", "G1", "C1", "42");
        assertTrue(policy.refusal(member, ChatCommand.parse("/rdpcheck rdp01.corp")).orElseThrow().contains("roles"));
        assertTrue(policy.refusal(member, ChatCommand.parse("/rdpcheck help")).isPresent(), "help needs access too");
        groups.remember(member, Set.of("777"));
        assertEquals(java.util.Optional.empty(), policy.refusal(member, ChatCommand.parse("/rdpcheck rdp01.corp")));
        assertSame(policy.gate().targetPolicy(), policy.addressGate());
    }

    @Test
    void refusal_deniedTargetTakesNoToken_thenFlood_andAuditOneLineEach() throws Exception {
        Settings settings = RequestGateTest.settings(Map.of("RDPCHECK_LIMITS_USER_BURST", "1"));
        ChatPolicy policy = ChatPolicy.create(settings, TestAccess.SLACK, AccessRule.ANYONE, audit, GroupResolver.NONE);
        Requester user = new Requester("slack", "T1", "C1", "U1");
        String metadata = policy.refusal(user, ChatCommand.parse("169.254.169.254")).orElseThrow();
        assertTrue(metadata.contains("metadata"), metadata);
        assertTrue(policy.refusal(user, ChatCommand.parse("10.0.0.9")).isEmpty(), "the denied target took no token");
        String flood = policy.refusal(user, ChatCommand.parse("10.0.0.1")).orElseThrow();
        assertTrue(flood.contains("Try again in"), flood);
        policy.audit(user, "10.0.0.1", "refused: " + flood);
        policy.audit(new Requester("slack", "T1", "C1", "U2"), "10.0.0.2", "check 10.0.0.2:3389: started");
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[0].contains("\"target.denied\"") && lines[1].contains("\"rate.user\""));
        assertTrue(lines[2].contains("\"allowed\"") && lines[2].contains("started"));
    }

    @Test
    void addressGate_consoleUnrestrictedUnlessApplyToCli() throws Exception {
        assertSame(AddressGate.ALLOW_ALL, ChatPolicy.create(Settings.defaults(), Platform.CONSOLE, AccessRule.ANYONE,
                audit, GroupResolver.NONE).addressGate());
        ChatPolicy strict = ChatPolicy.create(RequestGateTest.settings(Map.of("RDPCHECK_POLICY_APPLY_TO_CLI", "true")),
                Platform.CONSOLE, AccessRule.ANYONE, audit, GroupResolver.NONE);
        assertTrue(strict.addressGate() instanceof TargetPolicy);
        assertTrue(strict.refusal(Requester.console(), ChatCommand.parse("127.0.0.1")).isPresent());
    }

    /** A router serves one platform: a requester naming the console or an unknown platform gets no other trust. */
    @Test
    void refusal_requesterNamingAnotherPlatform_isJudgedAsThePolicysOwn() throws Exception {
        ChatPolicy policy = ChatPolicy.create(RequestGateTest.settings(Map.of()), TestAccess.SLACK, AccessRule.ANYONE, audit,
                GroupResolver.NONE);
        for (String claimed : java.util.List.of("console", "cli", "teams", "")) {
            Requester requester = new Requester(claimed, "T1", "C1", "U-" + claimed);
            String refused = policy.refusal(requester, ChatCommand.parse("127.0.0.1")).orElseThrow();
            assertTrue(refused.contains("loopback"), claimed + ": " + refused);
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).lines().allMatch(l -> l.contains("\"platform\":\"slack\"")),
                bytes.toString(StandardCharsets.UTF_8));
    }
}
