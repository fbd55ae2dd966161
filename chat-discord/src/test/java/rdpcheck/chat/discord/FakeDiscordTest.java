package rdpcheck.chat.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/** The fake itself, driven by a bare JDA: if these fail, the bot's end-to-end tests mean nothing. */
class FakeDiscordTest {

    private FakeDiscord fake;
    private JDA jda;

    @BeforeEach
    void start() throws Exception {
        fake = FakeDiscord.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (jda != null) {
            jda.shutdownNow();
            jda.awaitShutdown(5, TimeUnit.SECONDS);
        }
        fake.close();
    }

    private JDA connect(ListenerAdapter listener) throws InterruptedException {
        String gateway = fake.gatewayUrl();
        jda = JDABuilder.createLight(FakeDiscord.TOKEN, EnumSet.of(GatewayIntent.GUILD_MESSAGES))
                .setRestConfig(new RestConfig().setBaseUrl(fake.restBaseUrl()))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setCompression(Compression.NONE)
                .addEventListeners(listener)
                .build();
        // Not awaitReady(): a guild the fake described wrongly would hold it for JDA's 75 s guild timeout.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (jda.getStatus() != JDA.Status.CONNECTED || jda.getGuildById(FakeDiscordJson.GUILD_ID) == null) {
            if (System.nanoTime() > end) {
                throw new AssertionError("JDA not ready with the guild within 10 s: " + jda.getStatus());
            }
            Thread.sleep(10);
        }
        return jda;
    }

    @Test
    void jda_connectsIdentifiesAndCachesTheGuild() throws Exception {
        connect(new ListenerAdapter() { });

        assertEquals(1, fake.gateway().identifies().size());
        assertEquals("encoding=json&v=10", fake.gateway().queries().get(0));
        assertEquals(1, jda.getGuilds().size());
        assertTrue(jda.getTextChannelById(FakeDiscordJson.CHANNEL_ID) != null);
        assertEquals(FakeDiscordJson.APPLICATION_ID, jda.getSelfUser().getApplicationIdLong());
        assertTrue(fake.unhandled().isEmpty(), () -> "unhandled: " + fake.unhandled());
    }

    @Test
    void slashCommand_replyReachesTheCallbackRoute() throws Exception {
        connect(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                event.reply("pong " + event.getOption("host").getAsString()).queue();
            }
        });
        FakeDiscord.Interaction ping = fake.slashCommand("ping", Map.of("host", "h1"));

        FakeDiscordRequest callback = fake.await(r -> r.path().startsWith("interactions/" + ping.id()), Duration.ofSeconds(5));

        assertEquals(4, callback.body().path("type").asInt());
        assertEquals("pong h1", callback.body().path("data").path("content").asText());
    }

    @Test
    void droppedGateway_resumesAndDeliversLaterInteractions() throws Exception {
        connect(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                event.reply("pong").queue();
            }
        });

        fake.gateway().dropConnection();
        FakeDiscord.Interaction ping = fake.slashCommand("ping", Map.of());
        fake.await(r -> r.path().startsWith("interactions/" + ping.id()), Duration.ofSeconds(10));

        assertEquals(1, fake.gateway().resumes().size());
        assertEquals(1, fake.gateway().identifies().size());
    }
}
