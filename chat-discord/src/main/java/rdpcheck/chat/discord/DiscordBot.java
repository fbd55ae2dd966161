package rdpcheck.chat.discord;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionDisconnectEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Platform;
import rdpcheck.chat.Backoff;
import rdpcheck.chat.ConnectFailure;
import rdpcheck.chat.Reconnector;
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
    private final DiscordRenderer renderer = new DiscordRenderer();
    private volatile JDA jda;
    private volatile Reconnector connection;
    private volatile boolean closing;
    private Backoff backoff = Backoff.standard();
    private Consumer<ConnectFailure> onRefused = failure -> { };

    /**
     * @param groups where the member roles seen with each interaction are kept for the access
     *               policy ({@code access.discord.roles}); pass the one the router's policy reads
     */
    public DiscordBot(DiscordSettings settings, CommandRouter router, RecentGroups groups) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(groups, "groups");
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
     * How to retry and whom to tell when Discord definitely refuses the token; call before
     * {@link #start}. The default: 5 s doubling to 5 min, and nobody is told (the log line says it).
     */
    public DiscordBot connectWith(Backoff backoff, Consumer<ConnectFailure> onRefused) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
        return this;
    }

    /**
     * Logs in and connects in the background, retrying with backoff until the first session is
     * ready or Discord refuses the token. Once a session was ready, JDA resumes it after a drop
     * (its own backoff, capped at 5 minutes here); a session Discord ends for good (close 4004
     * after a token reset) starts this loop again. The commands are (re)registered globally on
     * each READY.
     */
    @Override
    public synchronized void start() {
        if (connection != null) {
            throw new IllegalStateException("already started");
        }
        // Belt and braces: every request sets no mentions itself; these JVM-wide defaults catch one that forgets.
        MessageRequest.setDefaultMentions(InteractionConversation.NO_MENTIONS);
        MessageRequest.setDefaultMentionRepliedUser(false);
        connection = new Reconnector(name(), this::login, DiscordFailures::classify, backoff, onRefused);
        connection.start();
    }

    /** One attempt: log in over REST, open the gateway, wait for READY; a failed attempt leaves no JDA behind. */
    private void login() throws Exception {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Lifecycle lifecycle = new Lifecycle(ready);
        FirstConnect gateway = new FirstConnect(settings.gatewayUrl(), ready);
        JDA built = JDABuilder.createLight(settings.token(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(settings.restBaseUrl()))
                // a call that hangs (a silent proxy, a black-holed address) fails in time and is retried with the backoff
                .setHttpClientBuilder(net.dv8tion.jda.internal.utils.IOUtil.newHttpClientBuilder()
                        .connectTimeout(settings.timeout()).readTimeout(settings.timeout()).writeTimeout(settings.timeout()))
                .setSessionController(gateway)
                .setMaxReconnectDelay((int) MAX_RECONNECT_DELAY.toSeconds())
                // A slash-command bot receives few events; plain JSON frames also let a proxy or a test fake read them.
                .setCompression(Compression.NONE)
                .addEventListeners(lifecycle)
                .addEventListeners((Object[]) handlers)
                .build();
        try {
            ready.get(ready().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            built.shutdownNow();
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (java.util.concurrent.TimeoutException e) {
            built.shutdownNow();
            throw new DiscordFailures.GatewayFailed(new java.net.SocketTimeoutException("no READY within "
                    + ready().toMillis() + " ms"));
        } catch (InterruptedException e) {
            built.shutdownNow();
            throw e;
        }
        lifecycle.live = true;
        jda = built;
    }

    /** How long one attempt waits for the session to be ready: three calls' worth (30 s by default). */
    private Duration ready() {
        return settings.timeout().multipliedBy(3);
    }
    /** JDA's own resume loop backs off up to this (its default is 15 minutes). */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofMinutes(5);

    /**
     * Runs JDA's first gateway connection itself, so that a failure ends the attempt with its
     * cause (JDA's own queue would retry every 5 s, logging a stack trace each time); later
     * reconnects go through JDA's queue and its exponential backoff.
     */
    private static final class FirstConnect extends SessionControllerAdapter {
        private final String gateway;
        private final CompletableFuture<Void> ready;

        FirstConnect(String gateway, CompletableFuture<Void> ready) {
            this.gateway = gateway;
            this.ready = ready;
        }

        @Override
        public String getGateway() {
            return gateway;
        }

        @Override
        public void appendSession(SessionConnectNode node) {
            if (node.isReconnect() || ready.isDone()) {
                super.appendSession(node);
                return;
            }
            Thread first = new Thread(() -> {
                try {
                    node.run(true);
                } catch (IllegalStateException e) {
                    ready.completeExceptionally(new DiscordFailures.GatewayFailed(e.getCause() == null ? e : e.getCause()));
                } catch (InterruptedException e) {
                    ready.completeExceptionally(e);
                } catch (RuntimeException e) {
                    ready.completeExceptionally(new DiscordFailures.GatewayFailed(e));
                }
            }, "rdpcheck-discord-gateway");
            first.setDaemon(true);
            first.start();
        }
    }

    /** The session's life as events: ready, lost and resumed (one line each), ended for good. */
    private final class Lifecycle extends ListenerAdapter {
        private final CompletableFuture<Void> ready;
        volatile boolean live;

        Lifecycle(CompletableFuture<Void> ready) {
            this.ready = ready;
        }

        @Override
        public void onReady(ReadyEvent event) {
            ready.complete(null);
        }

        @Override
        public void onSessionDisconnect(SessionDisconnectEvent event) {
            int code = event.getServiceCloseFrame() != null ? event.getServiceCloseFrame().getCloseCode()
                    : event.getClientCloseFrame() != null ? event.getClientCloseFrame().getCloseCode() : 1006;
            LOG.warn("discord: gateway connection lost (code {}); resuming with backoff up to {} min", code,
                    MAX_RECONNECT_DELAY.toMinutes());
        }

        @Override
        public void onSessionResume(SessionResumeEvent event) {
            LOG.info("discord: gateway session resumed");
        }

        @Override
        public void onSessionRecreate(SessionRecreateEvent event) {
            LOG.info("discord: gateway session recreated");
        }

        @Override
        public void onShutdown(ShutdownEvent event) {
            if (!ready.isDone()) {
                ready.completeExceptionally(new DiscordFailures.GatewayClosed(event.getCode()));
                return;
            }
            Reconnector reconnector = connection;
            if (live && !closing && reconnector != null) {
                jda = null;
                reconnector.lost(DiscordFailures.closeCode(event.getCode()));
            }
        }
    }

    @Override
    public String state() {
        Reconnector reconnector = connection;
        if (reconnector == null) {
            return "not started";
        }
        Reconnector.State state = reconnector.state();
        JDA current = jda;
        if (state.connected() && current != null && current.getStatus() != JDA.Status.CONNECTED) {
            return "gateway " + current.getStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        return state.describe();
    }

    /** The connection's state machine's state (tests wait on it). */
    public Reconnector.State connectionState() {
        Reconnector reconnector = connection;
        return reconnector == null ? new Reconnector.Connecting(0) : reconnector.state();
    }

    /** Login attempts so far (tests count them to prove the backoff). */
    public int connectAttempts() {
        Reconnector reconnector = connection;
        return reconnector == null ? 0 : reconnector.attempts();
    }

    /** True while the gateway session is up: what the health endpoint reports. */
    @Override
    public boolean connected() {
        JDA current = jda;
        return current != null && current.getStatus() == JDA.Status.CONNECTED;
    }

    /** Blocks until the first session is ready. */
    public DiscordBot awaitReady() throws InterruptedException {
        if (connection == null) {
            throw new IllegalStateException("not started");
        }
        while (jda == null) {
            Reconnector.State state = connection.state();
            if (state instanceof Reconnector.Refused || state instanceof Reconnector.Stopped) {
                throw new IllegalStateException("discord: " + state.describe());
            }
            Thread.sleep(10);
        }
        jda.awaitReady();
        return this;
    }

    /**
     * Takes no new interactions, lets the acknowledged ones get their answers (up to 20 s), then
     * disconnects.
     */
    /** Watch alerts to Discord channels the bot is in (from the connected session's cache). */
    @Override
    public java.util.Optional<rdpcheck.checks.watch.AlertSink> alerts() {
        return java.util.Optional.of(new DiscordAlerts(() -> jda, renderer));
    }

    @Override
    public void close() {
        closing = true;
        Reconnector reconnector = connection;
        if (reconnector != null) {
            reconnector.close();
        }
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
