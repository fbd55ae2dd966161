package rdpcheck.chat.slack;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.event.AppMentionEvent;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import rdpcheck.checks.Answer;
import rdpcheck.chat.ChatCommand;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Platform;
import rdpcheck.chat.Recall;
import rdpcheck.chat.Requester;
import rdpcheck.chat.Backoff;
import rdpcheck.chat.ConnectFailure;
import rdpcheck.chat.Reconnector;
import rdpcheck.chat.slack.SlackMessage;
import rdpcheck.chat.slack.SlackRenderer;

/**
 * rdpcheck in Slack: the real Bolt app with {@code /rdpcheck}, {@code @rdpcheck} mentions and the
 * two buttons, over Socket Mode (default) or HTTP.
 */
public final class SlackBot implements Platform {

    private static final Logger LOG = LoggerFactory.getLogger(SlackBot.class);

    private final SlackSettings settings;
    private final CommandRouter router;
    private final Slack slack;
    private final App app;
    private final SlackPoster poster;
    private final SlackRenderer renderer = new SlackRenderer();
    private final ExecutorService talk;
    private final AtomicBoolean socketUp = new AtomicBoolean();
    private final AtomicInteger connects = new AtomicInteger();
    private volatile SocketModeConnection socket;
    private volatile SlackHttpServer http;
    private volatile Reconnector connection;
    private volatile boolean appStarted;
    private Backoff backoff = Backoff.standard();
    private Consumer<ConnectFailure> onRefused = failure -> { };
    private final MeterRegistry meters;

    public SlackBot(SlackSettings settings, CommandRouter router, MeterRegistry meters) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.router = Objects.requireNonNull(router, "router");
        this.meters = Objects.requireNonNull(meters, "meters");
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setPrettyResponseLoggingEnabled(false);
        // The client's call statistics resolve the team with an extra auth.test before the first call with each
        // token, and log that call's failure with a stack trace: the Reconnector's own auth.test says it in one line.
        config.getMethodsConfig().setStatsEnabled(false);
        config.setExecutorServiceProvider(new SlackExecutors());
        // a call that hangs (a silent proxy, a black-holed address) fails in time and is retried with the backoff
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        config.setHttpClientReadTimeoutMillis(timeout);
        config.setHttpClientWriteTimeoutMillis(timeout);
        config.setHttpClientCallTimeoutMillis(timeout);
        this.slack = Slack.getInstance(config);
        AppConfig.AppConfigBuilder appConfig = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .authTestCacheEnabled(true)
                .executorServiceProvider(new SlackExecutors());
        if (!settings.signingSecret().isBlank()) {
            appConfig.signingSecret(settings.signingSecret());
        }
        this.app = new App(appConfig.build());
        this.poster = new SlackPoster(slack, settings.botToken(), meters);
        AtomicInteger threads = new AtomicInteger();
        this.talk = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "rdpcheck-slack-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("rdpcheck.platform.connected", this, b -> b.connected() ? 1 : 0).tag("platform", name())
                .description("1 while the platform connection is up").register(meters);
        register();
    }

    @Override
    public String name() {
        return "slack";
    }

    /** The Bolt app, for HTTP adapters and tests. */
    public App app() {
        return app;
    }

    private void register() {
        app.command(ChatCommand.COMMAND, (req, ctx) -> {
            SlashCommandPayload p = req.getPayload();
            SlackConversation conversation = new SlackConversation(SlackConversation.Origin.SLASH, poster, renderer, talk,
                    p.getChannelId(), p.getUserId(), Optional.ofNullable(p.getResponseUrl()), Optional.empty(),
                    Optional.ofNullable(p.getUserName()));
            router.handle(requester(p.getTeamId(), p.getChannelId(), p.getUserId()), p.getText(), conversation);
            SlackMessage ack = conversation.ackMessage().orElse(renderer.notice("Checking…"));
            return ctx.ack(r -> r.responseType("ephemeral").text(ack.text()).blocks(ack.blocks()));
        });
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            AppMentionEvent event = payload.getEvent();
            if (event.getBotId() != null) {
                return ctx.ack(); // another bot's message: never start a conversation between bots
            }
            String thread = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
            SlackConversation conversation = new SlackConversation(SlackConversation.Origin.MENTION, poster, renderer, talk,
                    event.getChannel(), event.getUser(), Optional.empty(), Optional.ofNullable(thread));
            router.handle(requester(payload.getTeamId(), event.getChannel(), event.getUser()),
                    SlackText.commandText(event.getText()), conversation);
            return ctx.ack();
        });
        app.blockAction(SlackRenderer.ACTION_RERUN, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            String target = firstValue(p);
            String channel = p.getChannel() != null ? p.getChannel().getId() : "";
            SlackConversation conversation = new SlackConversation(SlackConversation.Origin.BUTTON, poster, renderer, talk,
                    channel, p.getUser().getId(), Optional.ofNullable(p.getResponseUrl()), Optional.empty(),
                    Optional.ofNullable(p.getUser().getUsername()));
            router.handle(requester(p.getTeam() != null ? p.getTeam().getId() : "", channel, p.getUser().getId()),
                    ChatCommand.check(target, true), target + " fresh", conversation);
            return ctx.ack();
        });
        app.blockAction(SlackRenderer.ACTION_RAW, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            String target = firstValue(p);
            String channel = p.getChannel() != null ? p.getChannel().getId() : "";
            String user = p.getUser() != null ? p.getUser().getId() : "";
            Requester requester = requester(p.getTeam() != null ? p.getTeam().getId() : "", channel, user);
            Optional<String> thread = Optional.ofNullable(p.getMessage()).map(m -> m.getThreadTs() != null ? m.getThreadTs() : m.getTs());
            Optional<String> responseUrl = Optional.ofNullable(p.getResponseUrl());
            talk.execute(() -> showRaw(requester, target, thread, responseUrl));
            return ctx.ack();
        });
    }

    /** Whoever clicked may be someone else, elsewhere, than who asked: the router asks the policy again. */
    private void showRaw(Requester requester, String target, Optional<String> thread, Optional<String> responseUrl) {
        try {
            Recall recall = router.recall(requester, target);
            if (recall instanceof Recall.Refused refused) {
                tellClicker(requester, responseUrl, renderer.notice(refused.message()));
                return;
            }
            if (recall instanceof Recall.Gone) {
                tellClicker(requester, responseUrl, renderer.notice("The findings of `" + target + "` are no longer cached;"
                        + " press Re-run (fresh) or type `/rdpcheck " + target + " fresh`."));
                return;
            }
            Answer answer = ((Recall.Found) recall).answer();
            SlackRenderer.RawFile file = renderer.rawFile(answer.report());
            SlackPoster.Posted uploaded = poster.upload(requester.channel(), thread, file.filename(), file.title(), file.content());
            if (uploaded.ok()) {
                return;
            }
            // no files:write scope (an app installed before it was asked for), or uploads refused: paste it
            LOG.info("raw findings upload to {} failed ({}); posting them as messages", requester.channel(),
                    uploaded.error().orElse("?"));
            for (SlackMessage message : renderer.rawFindings(answer.report())) {
                SlackPoster.Posted posted = poster.post(requester.channel(), message, thread);
                if (!posted.ok()) {
                    LOG.warn("raw findings to {} failed: {}", requester.channel(), posted.error().orElse("?"));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("showing raw findings failed", e);
        }
    }

    /** Only the person who clicked sees it: through the click's response_url, else as an ephemeral message. */
    private void tellClicker(Requester requester, Optional<String> responseUrl, SlackMessage message) throws InterruptedException {
        if (responseUrl.isPresent()) {
            poster.respond(responseUrl.get(), message, false);
        } else {
            poster.ephemeral(requester.channel(), requester.user(), message);
        }
    }

    private static String firstValue(BlockActionPayload payload) {
        if (payload.getActions() == null || payload.getActions().isEmpty() || payload.getActions().get(0).getValue() == null) {
            return "";
        }
        return payload.getActions().get(0).getValue();
    }

    private static Requester requester(String team, String channel, String user) {
        return new Requester("slack", team == null ? "" : team, channel == null ? "" : channel, user == null ? "" : user);
    }

    /**
     * How to retry and whom to tell when Slack definitely refuses a token; call before {@link #start}.
     * The default: 5 s doubling to 5 min, and nobody is told (the log line says it).
     */
    public SlackBot connectWith(Backoff backoff, Consumer<ConnectFailure> onRefused) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
        return this;
    }

    /**
     * HTTP mode listens at once (a port that cannot be bound fails here); then, in the
     * background, the bot token is verified (HTTP mode) or the Socket Mode connection is opened,
     * retried with backoff until it works or Slack refuses a token.
     */
    @Override
    public synchronized void start() throws Exception {
        if (connection != null) {
            throw new IllegalStateException("already started");
        }
        if (settings.mode() == SlackSettings.Mode.HTTP) {
            http = SlackHttpServer.start(app, settings.signingSecret(),
                    new java.net.InetSocketAddress(settings.httpBind(), settings.httpPort()), meters);
            LOG.info("Slack: HTTP mode, listening on {} port {} at {}", settings.httpBind().getHostAddress(), http.port(),
                    SlackSettings.EVENTS_PATH);
            connection = new Reconnector(name(), this::verifyHttpMode, SlackFailures::classify, backoff, onRefused);
        } else {
            LOG.info("Slack: Socket Mode via {}", settings.apiUrl());
            connection = new Reconnector(name(), this::openSocket, SlackFailures::classify, backoff, onRefused);
        }
        connection.start();
    }

    /** HTTP mode: Slack calls us; connected once the bot token is accepted (so a wrong one is reported at once). */
    private void verifyHttpMode() throws Exception {
        verifyBotToken();
        startApp();
    }

    private void verifyBotToken() throws Exception {
        com.slack.api.methods.response.auth.AuthTestResponse auth;
        try {
            auth = slack.methods(settings.botToken()).authTest(r -> r);
        } catch (Exception e) {
            throw new SlackFailures.StepFailed("auth.test", e);
        }
        if (!auth.isOk()) {
            throw new SlackFailures.StepFailed("auth.test", new SlackFailures.Refusal("auth.test", auth.getError(),
                    "slack.bot_token"));
        }
    }

    private synchronized void startApp() throws Exception {
        if (!appStarted) {
            app.start();
            appStarted = true;
        }
    }

    /** One Socket Mode attempt: the bot token, a WebSocket URL for the app token, the connection and its hello. */
    private void openSocket() throws Exception {
        verifyBotToken();
        startApp();
        com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse open;
        try {
            open = slack.methods(settings.appToken()).appsConnectionsOpen(r -> r);
        } catch (Exception e) {
            throw new SlackFailures.StepFailed("apps.connections.open", e);
        }
        if (!open.isOk() || open.getUrl() == null) {
            throw new SlackFailures.StepFailed("apps.connections.open", new SlackFailures.Refusal("apps.connections.open",
                    open.getError(), "slack.app_token"));
        }
        SocketModeConnection fresh;
        try {
            fresh = SocketModeConnection.open(slack, settings.appToken(), open.getUrl(), app, settings.timeout(),
                    this::helloReceived, (code, reason) -> closed(code, reason));
        } catch (Exception e) {
            throw new SlackFailures.StepFailed("Socket Mode WebSocket", e);
        }
        SocketModeConnection old;
        synchronized (this) {
            old = socket;
            socket = fresh;
        }
        if (old != null) {
            old.close();
        }
    }

    private void helloReceived() {
        socketUp.set(true);
        connects.incrementAndGet();
    }

    /**
     * The established connection closed. Slack also refreshes a connection in place (a
     * "disconnect" message, and the library opens the next one itself): only when the current
     * connection no longer answers a ping is it lost.
     */
    private void closed(int code, String reason) {
        socketUp.set(false);
        Runnable check = () -> {
            SocketModeConnection current = socket;
            if (current != null && current.alive()) {
                socketUp.set(true);
                return;
            }
            Reconnector reconnector = connection;
            if (reconnector != null) {
                reconnector.lost(ConnectFailure.of(ConnectFailure.Kind.CLOSED, "Socket Mode WebSocket closed (code " + code
                        + (reason.isBlank() ? "" : ", " + reason) + ")"));
            }
        };
        try {
            talk.execute(check);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // closing: nothing to reconnect
        }
    }

    @Override
    public String state() {
        Reconnector reconnector = connection;
        if (reconnector == null) {
            return "not started";
        }
        Reconnector.State state = reconnector.state();
        if (state.connected() && !connected()) {
            return "connection lost; reconnecting";
        }
        return state.describe();
    }

    /** The connection's state machine's state (tests wait on it). */
    public Reconnector.State connectionState() {
        Reconnector reconnector = connection;
        return reconnector == null ? new Reconnector.Connecting(0) : reconnector.state();
    }

    /** Connection attempts so far (tests count them to prove the backoff). */
    public int connectAttempts() {
        Reconnector reconnector = connection;
        return reconnector == null ? 0 : reconnector.attempts();
    }

    /** Socket Mode connections that said hello so far (tests watch a reconnect with it). */
    public int connectionsOpened() {
        return connects.get();
    }

    /** The HTTP mode port, once started (0 asks for any free port). */
    public int httpPort() {
        SlackHttpServer server = http;
        return server == null ? -1 : server.port();
    }

    @Override
    public boolean connected() {
        Reconnector reconnector = connection;
        if (reconnector == null || !reconnector.state().connected()) {
            return false;
        }
        return settings.mode() == SlackSettings.Mode.HTTP || socketUp.get();
    }

    /**
     * The WebSocket close handshake waits for the server's answer; a Slack (or proxy) that never
     * gives it must not hold up shutdown.
     */
    static final java.time.Duration CLIENT_CLOSE = java.time.Duration.ofSeconds(3);

    /** Watch alerts to Slack channels, through the same poster (and rate-limit handling) as answers. */
    @Override
    public Optional<rdpcheck.checks.watch.AlertSink> alerts() {
        return Optional.of(new SlackAlerts(poster, renderer));
    }

    @Override
    public void close() {
        Reconnector reconnector = connection;
        if (reconnector != null) {
            reconnector.close();
        }
        SocketModeConnection current = socket;
        if (current != null) {
            try {
                current.closeWithin(CLIENT_CLOSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        SlackHttpServer server = http;
        if (server != null) {
            server.close();
        }
        if (appStarted) {
            try {
                app.stop();
            } catch (Exception e) {
                LOG.debug("stopping the Bolt app", e);
            }
        }
        socketUp.set(false);
        talk.shutdown();
        try {
            talk.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
