package rdpcheck.chat.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.chat.BotPolicy;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Explainers;
import rdpcheck.checks.Answer;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckSettings;
import rdpcheck.checks.watch.Alert;
import rdpcheck.checks.watch.AlertEvent;
import rdpcheck.checks.watch.AlertSink;
import rdpcheck.checks.watch.Watch;
import rdpcheck.checks.watch.WatchChannel;
import rdpcheck.checks.watch.WatchState;
import rdpcheck.probes.report.Report;

/** A watch's alert and notices posted by the real Slack client to {@link FakeSlack}: the channel message, then the thread. */
class SlackAlertsTest {

    @Test
    void alert_postsTheEventsAndVerdictToTheWatchChannel_thenFixStepsInItsThread_noticeIsOneMessage() throws Exception {
        try (FakeSlack slack = new FakeSlack();
             CheckService service = new CheckService(target -> { throw new IllegalStateException("nothing is checked here"); }, CheckSettings.defaults(), new SimpleMeterRegistry());
             CommandRouter router = new CommandRouter(service, BotPolicy.PERMISSIVE, Explainers.unavailable());
             SlackBot bot = new SlackBot(new SlackSettings("xoxb-0000000000-0000000000000-testtesttesttest",
                     "xapp-1-A0RDPCHECK-0000000000000-testtesttest", "", SlackSettings.Mode.SOCKET, 0, slack.apiUrl()),
                     router, new SimpleMeterRegistry())) {
            AlertSink sink = bot.alerts().orElseThrow();
            WatchChannel ops = new WatchChannel("slack", "C0OPS");
            assertTrue(sink.accepts(ops));
            assertTrue(!sink.accepts(WatchChannel.CONSOLE));
            Report report = SlackRendererTest.report("rdp01.corp: the certificate has expired",
                    List.of(SlackRendererTest.diagnosis("cert.expired", "expired 3 days ago", 2)));
            Watch watch = new Watch(1, report.target(), ops, Duration.ofHours(1), "U1", Instant.EPOCH, Instant.EPOCH,
                    Optional.empty(), WatchState.NEVER);
            sink.alert(new Alert(watch, List.of(new AlertEvent(AlertEvent.Kind.CRITICAL, "critical:cert.expired@0",
                    "New critical problem: Title cert.expired (`cert.expired`)")), new Answer(report, Answer.Freshness.NEW,
                    Duration.ZERO)));
            FakeSlack.Posted parent = slack.awaitPosted(p -> p.method().equals("chat.postMessage")
                    && p.channel().equals("C0OPS") && p.threadTs() == null, 1, Duration.ofSeconds(10)).get(0);
            assertTrue(parent.blockText().contains("*Watch alert* for `rdp01.corp:3389` (every 1h)"), parent.blockText());
            assertTrue(parent.blockText().contains("Re-run (fresh)"), parent.blockText());
            assertTrue(parent.text().startsWith("Watch alert for rdp01.corp:3389: New critical problem"), parent.text());
            List<FakeSlack.Posted> thread = slack.awaitPosted(p -> parent.ts().equals(p.threadTs()), 2, Duration.ofSeconds(10));
            assertTrue(String.join("\n", thread.stream().map(FakeSlack.Posted::blockText).toList()).contains("step 1"));
            sink.notice(ops, "Watch of `rdp01.corp:3389` paused: port 3389 is not allowed.");
            List<FakeSlack.Posted> top = slack.awaitPosted(p -> p.method().equals("chat.postMessage")
                    && p.channel().equals("C0OPS") && p.threadTs() == null, 2, Duration.ofSeconds(10));
            assertEquals(2, top.size());
            assertTrue(top.get(1).blockText().contains("paused: port 3389 is not allowed."), top.get(1).blockText());
        }
    }
}
