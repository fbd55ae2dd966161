package rdpcheck.chat.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

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
import rdpcheck.probes.Target;
import rdpcheck.probes.report.Report;

/** A watch's alert posted by the real JDA to {@link FakeDiscord}: the channel message with buttons, then its thread. */
class DiscordAlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void alert_postsToTheWatchChannelWithButtonsAndNoMentions_thenTheDetailsInAThread() throws Exception {
        FakeDiscord fake = FakeDiscord.start();
        CheckService service = new CheckService(target -> {
            throw new IllegalStateException("nothing is checked here");
        }, CheckSettings.defaults(), new SimpleMeterRegistry());
        CommandRouter router = new CommandRouter(service, BotPolicy.PERMISSIVE, Explainers.unavailable());
        DiscordBot bot = new DiscordBot(new DiscordSettings(FakeDiscord.TOKEN, fake.restBaseUrl(), fake.gatewayUrl()), router);
        try {
            bot.start();
            bot.awaitReady();
            AlertSink sink = bot.alerts().orElseThrow();
            String channel = Long.toUnsignedString(FakeDiscordJson.CHANNEL_ID);
            WatchChannel watched = new WatchChannel("discord", channel);
            assertTrue(sink.accepts(watched));
            assertFalse(sink.accepts(new WatchChannel("slack", "C0OPS")));
            Report report = DiscordRendererTest.report(new Target("rdp01.corp", 3389, "rdp01.corp"),
                    "rdp01.corp: nothing answers", List.of(DiscordRendererTest.diagnosis(0, 1, 10, 2)));
            Watch watch = new Watch(3, report.target(), watched, Duration.ofMinutes(30), "42", Instant.EPOCH, Instant.EPOCH,
                    Optional.empty(), WatchState.NEVER);
            sink.alert(new Alert(watch, List.of(new AlertEvent(AlertEvent.Kind.CRITICAL, "critical:tcp.refused@0",
                    "New critical problem: @everyone refused (`tcp.refused`)")), new Answer(report, Answer.Freshness.NEW,
                    Duration.ZERO)));
            FakeDiscordRequest posted = fake.await(r -> r.is("POST", "channels/" + channel + "/messages"), WAIT);
            JsonNode body = posted.body();
            assertTrue(body.path("content").asText().startsWith("Watch alert for `rdp01.corp:3389`: New critical problem:"),
                    body.toString());
            assertEquals(0, body.path("allowed_mentions").path("parse").size(), "nothing can ping: " + body);
            assertEquals("Watch alert", body.path("embeds").get(0).path("title").asText());
            assertEquals(2, body.path("embeds").size(), "the alert, then the verdict");
            assertTrue(body.path("components").toString().contains("rdpcheck:rerun:"), body.path("components").toString());
            fake.await(r -> r.is("POST", "channels/" + channel + "/messages/\\d+/threads"), WAIT);
            fake.await(r -> r.is("POST", "channels/\\d+/messages") && !r.path().contains(channel), WAIT);
        } finally {
            bot.close();
            router.close();
            service.close();
            fake.close();
        }
    }
}
