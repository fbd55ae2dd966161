package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rdpcheck.chat.slack.FakeSlack;
import rdpcheck.chat.slack.SlackBot;
import rdpcheck.chat.slack.SlackSettings;
import rdpcheck.config.ConfigLoader;
import rdpcheck.config.Settings;

/** The documented configuration keys point the real Slack bot at another Web API base, as a user would at a proxy. */
class ServeSlackConfigTest {

    @Test
    void slackKeys_fromFileAndSecretFiles_pointTheRealBotAtTheFake(@TempDir Path dir) throws Exception {
        try (FakeSlack fake = new FakeSlack()) {
            Path bot = Files.writeString(dir.resolve("bot-token"), "xoxb-0000000000-0000000000000-testtesttesttest\n");
            Path app = Files.writeString(dir.resolve("app-token"), "xapp-1-A0RDPCHECK-0000000000000-testtesttest\n");
            Path file = Files.writeString(dir.resolve("rdpcheck.yaml"), String.join("\n",
                    "slack:",
                    "  api_url: " + fake.apiUrl(),
                    "  bot_token_file: " + bot,
                    "  app_token_file: " + app,
                    ""));
            Settings settings = ConfigLoader.load(Optional.of(file), Map.of()).settings();
            SlackSettings slack = SlackSettings.from(settings.sections());
            assertEquals(fake.apiUrl(), slack.apiUrl());
            assertEquals(SlackSettings.Mode.SOCKET, slack.mode());

            rdpcheck.chat.policy.Platform slackRequests = rdpcheck.chat.policy.Platform.chat("slack");
            try (BotRuntime runtime = new BotRuntime(settings, slackRequests)) {
                SlackBot platform = new SlackBot(slack, runtime.router(slackRequests, rdpcheck.chat.policy.AccessRule.ANYONE,
                        rdpcheck.chat.policy.GroupResolver.NONE), runtime.meters);
                runtime.add(platform);
                platform.start();
                fake.awaitSocketConnections(1, Duration.ofSeconds(20));
                FakeSlack.Ack ack = fake.slashCommand("help", "C-CONFIG", "U1", fake.newResponseUrl()).get(20, TimeUnit.SECONDS);
                assertTrue(ack.text().contains("/rdpcheck HOST"), ack.text());
                // Chat requests pass the target policy: loopback is refused for Slack, before any probe.
                FakeSlack.Ack refused = fake.slashCommand("127.0.0.1:3389", "C-CONFIG", "U1", fake.newResponseUrl())
                        .get(20, TimeUnit.SECONDS);
                assertTrue(refused.text().toLowerCase().contains("loopback"), refused.text());
                assertEquals(0, runtime.service.runsStarted());
                assertTrue(fake.apiCalls().contains("apps.connections.open"));
            }
        }
    }
}
