package rdpcheck.bot.slack;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.socket_mode.SocketModeClient;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import rdpcheck.bot.core.Answer;
import rdpcheck.bot.core.ChatCommand;
import rdpcheck.bot.core.CommandRouter;
import rdpcheck.bot.core.Platform;
import rdpcheck.bot.core.Recall;
import rdpcheck.bot.core.Requester;
import rdpcheck.bot.render.SlackMessage;
import rdpcheck.bot.render.SlackRenderer;

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
    private volatile SocketModeApp socketMode;
    private volatile SlackHttpServer http;
    private final MeterRegistry meters;

    public SlackBot(SlackSettings settings, CommandRouter router, MeterRegistry meters) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.router = Objects.requireNonNull(router, "router");
        this.meters = Objects.requireNonNull(meters, "meters");
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setPrettyResponseLoggingEnabled(false);
        config.setExecutorServiceProvider(new SlackExecutors());
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
                    p.getChannelId(), p.getUserId(), Optional.ofNullable(p.getResponseUrl()), Optional.empty());
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
                    channel, p.getUser().getId(), Optional.ofNullable(p.getResponseUrl()), Optional.empty());
            router.handle(requester(p.getTeam() != null ? p.getTeam().getId() : "", channel, p.getUser().getId()),
                    target + " fresh", conversation);
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

    @Override
    public void start() throws Exception {
        if (settings.mode() == SlackSettings.Mode.HTTP) {
            app.start();
            http = SlackHttpServer.start(app, settings.signingSecret(),
                    new java.net.InetSocketAddress(settings.httpBind(), settings.httpPort()), meters);
            LOG.info("Slack: HTTP mode, listening on {} port {} at {}", settings.httpBind().getHostAddress(), http.port(),
                    SlackSettings.EVENTS_PATH);
            return;
        }
        SocketModeApp socket = new SocketModeApp(settings.appToken(), SocketModeClient.Backend.JavaWebSocket, app);
        socket.startAsync();
        SocketModeClient client = socket.getClient();
        if (client == null) {
            throw new IllegalStateException("Slack Socket Mode: apps.connections.open failed (check slack.app_token and "
                    + "slack.api_url; the log says why)");
        }
        // Slack sends "hello" on every new connection: the connection is up once it arrives.
        client.addWebSocketMessageListener(message -> {
            if (message.contains("\"type\":\"hello\"")) {
                socketUp.set(true);
                connects.incrementAndGet();
            }
        });
        client.addWebSocketCloseListener((code, reason) -> {
            socketUp.set(false);
            LOG.warn("Slack Socket Mode connection closed ({} {}); reconnecting", code, reason);
        });
        // Reconnect at once on close rather than at the next 5-second session check.
        client.setAutoReconnectOnCloseEnabled(true);
        socketMode = socket;
        LOG.info("Slack: Socket Mode via {}", settings.apiUrl());
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
        if (settings.mode() == SlackSettings.Mode.HTTP) {
            return http != null;
        }
        return socketUp.get();
    }

    /**
     * The WebSocket close handshake waits for the server's answer; a Slack (or proxy) that never
     * gives it must not hold up shutdown.
     */
    static final java.time.Duration CLIENT_CLOSE = java.time.Duration.ofSeconds(3);

    private static void closeWithin(SocketModeClient client, java.time.Duration limit) throws InterruptedException {
        Thread closer = new Thread(() -> {
            try {
                client.close();
            } catch (Exception e) {
                LOG.debug("closing the Socket Mode client", e);
            }
        }, "rdpcheck-slack-close");
        closer.setDaemon(true);
        closer.start();
        closer.join(limit.toMillis());
        if (closer.isAlive()) {
            LOG.warn("the Socket Mode connection did not close within {} s; leaving it", limit.toSeconds());
        }
    }

    @Override
    public void close() {
        SocketModeApp socket = socketMode;
        if (socket != null) {
            try {
                SocketModeClient client = socket.getClient();
                if (client != null) {
                    closeWithin(client, CLIENT_CLOSE);
                }
                socket.getApp().stop();
            } catch (Exception e) {
                LOG.debug("closing Socket Mode", e);
            }
        }
        SlackHttpServer server = http;
        if (server != null) {
            server.close();
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
