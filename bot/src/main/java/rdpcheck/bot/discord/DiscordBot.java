package rdpcheck.bot.discord;

import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import rdpcheck.bot.core.CommandRouter;
import rdpcheck.bot.render.DiscordRenderer;

/**
 * rdpcheck on Discord: {@code /rdpcheck host:… fresh:…} answered with a verdict embed and a
 * thread holding the diagnosis. Slash commands need no privileged intent; the bot asks for no
 * intent beyond {@code GUILDS}, which JDA always sets and which keeps the guild and channel cache
 * JDA needs to start threads.
 */
public final class DiscordBot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordBot.class);

    private final JDA jda;

    private DiscordBot(JDA jda) {
        this.jda = jda;
    }

    /**
     * Logs in and connects; returns without waiting for the gateway. The commands are
     * (re)registered globally once the session is ready.
     *
     * @throws net.dv8tion.jda.api.exceptions.InvalidTokenException when Discord refuses the token
     */
    public static DiscordBot start(DiscordSettings settings, CommandRouter router) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(router, "router");
        DiscordRenderer renderer = new DiscordRenderer();
        // Belt and braces: every request sets no mentions itself; these JVM-wide defaults catch one that forgets.
        MessageRequest.setDefaultMentions(InteractionConversation.NO_MENTIONS);
        MessageRequest.setDefaultMentionRepliedUser(false);
        String gateway = settings.gatewayUrl();
        JDA jda = JDABuilder.createLight(settings.token(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(settings.restBaseUrl()))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                // A slash-command bot receives few events; plain JSON frames also let a proxy or a test fake read them.
                .setCompression(Compression.NONE)
                .addEventListeners(new Registration(), new SlashCommandHandler(router, renderer), new ButtonHandler(router, renderer))
                .build();
        return new DiscordBot(jda);
    }

    /** True while the gateway session is up: what the health endpoint reports. */
    public boolean isConnected() {
        return jda.getStatus() == JDA.Status.CONNECTED;
    }

    public JDA.Status status() {
        return jda.getStatus();
    }

    /** Blocks until the first session is ready. */
    public DiscordBot awaitReady() throws InterruptedException {
        jda.awaitReady();
        return this;
    }

    @Override
    public void close() {
        jda.shutdown();
        try {
            if (!jda.awaitShutdown(5, TimeUnit.SECONDS)) {
                jda.shutdownNow();
            }
        } catch (InterruptedException e) {
            jda.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Registers the commands on every READY (not on RESUMED): idempotent on Discord's side. */
    private static final class Registration extends ListenerAdapter {
        @Override
        public void onReady(ReadyEvent event) {
            event.getJDA().updateCommands().addCommands(SlashCommands.definitions())
                    .queue(commands -> LOG.info("Discord: registered {} slash commands as {}", commands.size(),
                                    event.getJDA().getSelfUser().getName()),
                            e -> LOG.error("Discord: registering the slash commands failed", e));
        }
    }
}
