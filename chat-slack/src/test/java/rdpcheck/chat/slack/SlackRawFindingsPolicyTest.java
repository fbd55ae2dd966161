package rdpcheck.chat.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckSettings;
import rdpcheck.checks.Checker;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Explainers;
import rdpcheck.chat.policy.AuditLog;
import rdpcheck.chat.policy.ChatPolicy;
import rdpcheck.chat.policy.GroupResolver;
import rdpcheck.chat.policy.Platform;
import rdpcheck.chat.policy.Redactor;
import rdpcheck.chat.slack.SlackRenderer;
import rdpcheck.config.ConfigLoader;
import rdpcheck.config.Settings;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;

/**
 * "Show raw findings" clicked by someone, somewhere, the access or target policy refuses: the real
 * Bolt app against {@link FakeSlack} with the configured {@link ChatPolicy}, lab hosts on 127.0.0.1.
 */
class SlackRawFindingsPolicyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private FakeSlack slack;
    private CheckService service;
    private CommandRouter router;
    private SlackBot bot;
    private LabHost allowed;
    private LabHost otherPort;

    @BeforeEach
    void start() throws Exception {
        allowed = LabHost.start("raw-allowed", LabHosts.nlaRequired());
        otherPort = LabHost.start("raw-other-port", LabHosts.nlaRequired());
        Map<String, String> env = new HashMap<>();
        env.put("RDPCHECK_ACCESS_SLACK_CHANNELS", "C-OPS");
        env.put("RDPCHECK_POLICY_ALLOW_CIDRS", "127.0.0.0/8");
        env.put("RDPCHECK_POLICY_ALLOWED_PORTS", String.valueOf(allowed.port()));
        env.put("RDPCHECK_SLACK_BOT_TOKEN", "xoxb-0000000000-0000000000000-testtesttesttest");
        env.put("RDPCHECK_SLACK_APP_TOKEN", "xapp-1-A0RDPCHECK-0000000000000-testtesttest");
        Settings settings = ConfigLoader.load(Optional.empty(), env).settings();
        AuditLog audit = AuditLog.toStream(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new Redactor(settings.secrets()));
        ChatPolicy policy = ChatPolicy.create(settings, Platform.chat("slack"), new SlackPlatform().access(settings), audit,
                GroupResolver.NONE);
        slack = new FakeSlack();
        service = new CheckService(Checker.standard(ProbeOptions.defaults().withDeadline(Duration.ofSeconds(5))),
                CheckSettings.defaults(), new SimpleMeterRegistry());
        router = new CommandRouter(service, policy, Explainers.unavailable());
        bot = new SlackBot(new SlackSettings("xoxb-0000000000-0000000000000-testtesttesttest",
                "xapp-1-A0RDPCHECK-0000000000000-testtesttest", "", SlackSettings.Mode.SOCKET, 0, slack.apiUrl()),
                router, new SimpleMeterRegistry());
        bot.start();
        slack.awaitSocketConnections(1, WAIT);
        FakeSlack.waitFor(bot::connected, WAIT, "hello");
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
        router.close();
        service.close();
        slack.close();
        allowed.close();
        otherPort.close();
    }

    private String refusalTo(String value, String channel, String user, String parentTs) throws Exception {
        String url = slack.newResponseUrl();
        slack.blockAction(SlackRenderer.ACTION_RAW, value, channel, user, parentTs, url).get(10, TimeUnit.SECONDS);
        FakeSlack.Responded refused = slack.awaitResponded(r -> url.endsWith("/" + r.id()), 1, WAIT).get(0);
        assertEquals("ephemeral", refused.body().get("response_type").getAsString(), refused.body().toString());
        return refused.body().toString();
    }

    private long rawPosts() {
        return slack.files().size() + slack.posted().stream().filter(p -> p.blockText().contains("Raw findings")).count();
    }

    @Test
    void rawFindingsClick_fromAChannelOrForATargetThePolicyRefuses_isRefusedPrivately_theAllowedClickIsShown()
            throws Exception {
        String target = "127.0.0.1:" + allowed.port();
        slack.slashCommand(target, "C-OPS", "U-ASKER", slack.newResponseUrl()).get(10, TimeUnit.SECONDS);
        FakeSlack.Posted parent = slack.awaitPosted(p -> p.method().equals("chat.postMessage") && p.channel().equals("C-OPS")
                && p.threadTs() == null, 1, WAIT).get(0);
        slack.awaitPosted(p -> parent.ts().equals(p.threadTs()), 2, WAIT);

        // Someone in a channel where rdpcheck is not enabled presses the button (a shared message, a crafted payload).
        String elsewhere = refusalTo(target, "C-ELSEWHERE", "U-OTHER", parent.ts());
        assertTrue(elsewhere.contains("does not run checks in this channel"), elsewhere);

        // A result the chat policy never let through (checked before allowed_ports changed, or from the console).
        String other = "127.0.0.1:" + otherPort.port();
        service.submit(rdpcheck.probes.TargetParser.parse(other), false).answer().get(10, TimeUnit.SECONDS);
        assertTrue(service.cached(rdpcheck.probes.TargetParser.parse(other)).isPresent());
        String deniedPort = refusalTo(other, "C-OPS", "U-ASKER", parent.ts());
        assertTrue(deniedPort.contains(String.valueOf(otherPort.port())), deniedPort);
        assertEquals(0, rawPosts(), "nothing shown to refused clicks");

        String url = slack.newResponseUrl();
        slack.blockAction(SlackRenderer.ACTION_RAW, target, "C-OPS", "U-COLLEAGUE", parent.ts(), url).get(10, TimeUnit.SECONDS);
        FakeSlack.SharedFile raw = slack.awaitFiles(1, WAIT).get(0);
        assertEquals("C-OPS", raw.channel());
        assertEquals(parent.ts(), raw.threadTs());
        assertTrue(raw.text().contains("\"target\""), raw.text());
        assertEquals(1, rawPosts());
        assertEquals(2, service.runsStarted(), "one run for the command, one for the direct check; clicks probe nothing");
    }
}
