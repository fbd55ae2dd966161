package rdpcheck.chat.discord;

import java.time.Duration;
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
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Platform;
import rdpcheck.chat.policy.RecentGroups;
import rdpcheck.chat.discord.DiscordRenderer;

/**
 * rdpcheck on Discord: {@code /rdpcheck host:… fresh:…} answered with a verdict embed and a
 * thread holding the diagnosis. Slash commands need no privileged intent; the bot asks for no
 * intent beyond {@code GUILDS}, which JDA always sets and which keeps the guild and channel cache
 * JDA needs to start threads.
 */
public final class DiscordBot implements Platform {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordBot.class);

    /** How long shutdown lets acknowledged requests get their answer before JDA stops. */
    private static final Duration DRAIN = Duration.ofSeconds(20);

    private final DiscordSettings settings;
    private final InFlight inFlight = new InFlight();
    private final ListenerAdapter[] handlers;
    private volatile JDA jda;

    /**
     * @param groups where the member roles seen with each interaction are kept for the access
     *               policy ({@code access.discord.roles}); pass the one the router's policy reads
     */
    public DiscordBot(DiscordSettings settings, CommandRouter router, RecentGroups groups) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(groups, "groups");
        DiscordRenderer renderer = new DiscordRenderer();
        this.handlers = new ListenerAdapter[] {new Registration(),
                new SlashCommandHandler(router, renderer, inFlight, groups),
                new ButtonHandler(router, renderer, inFlight, groups)};
    }

    public DiscordBot(DiscordSettings settings, CommandRouter router) {
        this(settings, router, new RecentGroups());
    }

    @Override
    public String name() {
        return "discord";
    }

    /**
     * Logs in and connects; returns without waiting for the gateway. The commands are
     * (re)registered globally once the session is ready.
     *
     * @throws net.dv8tion.jda.api.exceptions.InvalidTokenException when Discord refuses the token
     */
    @Override
    public synchronized void start() {
        if (jda != null) {
            throw new IllegalStateException("already started");
        }
        // Belt and braces: every request sets no mentions itself; these JVM-wide defaults catch one that forgets.
        MessageRequest.setDefaultMentions(InteractionConversation.NO_MENTIONS);
        MessageRequest.setDefaultMentionRepliedUser(false);
        String gateway = settings.gatewayUrl();
        jda = JDABuilder.createLight(settings.token(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(settings.restBaseUrl()))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                // A slash-command bot receives few events; plain JSON frames also let a proxy or a test fake read them.
                .setCompression(Compression.NONE)
                .addEventListeners((Object[]) handlers)
                .build();
    }

    /** True while the gateway session is up: what the health endpoint reports. */
    @Override
    public boolean connected() {
        JDA current = jda;
        return current != null && current.getStatus() == JDA.Status.CONNECTED;
    }

    /** Blocks until the first session is ready. */
    public DiscordBot awaitReady() throws InterruptedException {
        JDA current = jda;
        if (current == null) {
            throw new IllegalStateException("not started");
        }
        current.awaitReady();
        return this;
    }

    /**
     * Takes no new interactions, lets the acknowledged ones get their answers (up to 20 s), then
     * disconnects.
     */
    @Override
    public void close() {
        JDA current = jda;
        if (current == null) {
            return;
        }
        current.removeEventListener((Object[]) handlers);
        try {
            if (!inFlight.awaitNone(DRAIN)) {
                LOG.warn("Discord: {} answers still pending at shutdown", inFlight.count());
            }
            current.shutdown();
            if (!current.awaitShutdown(5, TimeUnit.SECONDS)) {
                current.shutdownNow();
            }
        } catch (InterruptedException e) {
            current.shutdownNow();
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
