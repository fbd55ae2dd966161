package rdpcheck.app;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.Gauge;
import rdpcheck.store.LeaderSettings;
import rdpcheck.store.Leadership;
import rdpcheck.store.StoreSettings;
import rdpcheck.chat.BotPolicy;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckSettings;
import rdpcheck.checks.Checker;
import rdpcheck.checks.History;
import rdpcheck.checks.SharedAnswers;
import rdpcheck.store.Stores;
import rdpcheck.checks.watch.AlertSink;
import rdpcheck.checks.watch.WatchRunner;
import rdpcheck.checks.watch.WatchSettings;
import rdpcheck.chat.policy.WatchPolicy;
import rdpcheck.checks.watch.Watches;
import rdpcheck.chat.CodeExplainer;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Explainers;
import rdpcheck.chat.Platform;
import rdpcheck.app.OpsServer;
import rdpcheck.chat.policy.AccessRule;
import rdpcheck.chat.policy.AuditLog;
import rdpcheck.chat.policy.ChatPolicy;
import rdpcheck.chat.policy.GroupResolver;
import rdpcheck.chat.policy.SettingsOptions;
import rdpcheck.config.Settings;

/**
 * What {@code serve}, {@code console} and {@code demo} share: one check service (one cache, one
 * concurrency limit) for every platform, a router per platform (each with its own policy and
 * rate limits), metrics, and an orderly shutdown.
 */
final class BotRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BotRuntime.class);

    final Settings settings;
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final CheckService service;
    /** Every check remembered, compared with the earlier ones ({@code store.url}). */
    final History history;
    /** The watches, kept beside the history ({@code rdpcheck watch}, {@code /rdpcheck watch}). */
    final Watches watches;
    final WatchSettings watchSettings;
    /** Answers shared with the other replicas of a PostgreSQL store.url (chat only: the console's are not under the chat policy). */
    private final SharedAnswers sharedAnswers;
    private final AuditLog audit;
    private final CodeExplainer explainer = Explainers.errorCodes();
    private final List<CommandRouter> routers = new CopyOnWriteArrayList<>();
    private final List<Platform> platforms = new CopyOnWriteArrayList<>();
    private volatile OpsServer ops;
    private volatile WatchRunner watchRunner;
    /** Whether this replica runs the watches: always, until {@link #lead()} takes part in the store's election. */
    private volatile Leadership leadership = Leadership.ALONE;
    /** Listens to GC notifications until closed. */
    private final io.micrometer.core.instrument.binder.jvm.JvmGcMetrics gc = new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics();
    private volatile boolean closed;

    /** How long closing waits for running checks before their requesters are told rdpcheck is stopping. */
    static final Duration DRAIN = Duration.ofSeconds(15);

    /**
     * @param strictest the platform whose address gate the shared probes run under: a chat platform
     *                  when any is served (so a cached report never bypasses the chat policy), else the console
     */
    BotRuntime(Settings settings, rdpcheck.chat.policy.Platform strictest) {
        this.settings = settings;
        // JVM and process health next to the bot's own meters: heap, GC, threads, CPU, open files, uptime.
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(meters);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(meters);
        new io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics().bindTo(meters);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(meters);
        new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(meters);
        new io.micrometer.core.instrument.binder.system.FileDescriptorMetrics().bindTo(meters);
        gc.bindTo(meters);
        // The console's audit lines would land between the chat lines on the same terminal; a configured file still gets them.
        this.audit = strictest.isLocal() && settings.audit().toStderr() ? AuditLog.discard() : AuditLog.of(settings);
        BotPolicy gatePolicy = ChatPolicy.create(settings, strictest, AccessRule.ANYONE, audit, GroupResolver.NONE);
        CheckSettings checks = new CheckSettings(settings.cache().ttl(), settings.limits().maxRunningChecks(),
                200, DRAIN, settings.cache().maxEntries());
        this.history = Stores.history(StoreSettings.of(settings), System.getenv());
        history.off().filter(why -> history != History.NONE)
                .ifPresent(why -> LOG.warn("history is off: {}; checks work without it", why));
        this.watches = Stores.watches(history);
        this.watchSettings = WatchSettings.of(settings);
        Gauge.builder("rdpcheck.leader", this, runtime -> runtime.leadership.leads() ? 1 : 0)
                .description("1 while this replica runs the watches (one of the replicas sharing store.url), else 0")
                .register(meters);
        this.sharedAnswers = strictest.isLocal() ? SharedAnswers.NONE
                : Stores.sharedAnswers(StoreSettings.of(settings), System.getenv(), settings.probe().deadline());
        this.service = new CheckService(Checker.standard(SettingsOptions.of(settings, gatePolicy.addressGate()),
                history), checks, meters, sharedAnswers);
    }

    /** A router for local requests (console, demo): no access rule; the policies as policy.apply_to_cli says. */
    CommandRouter router(rdpcheck.chat.policy.Platform platform) {
        return router(platform, AccessRule.ANYONE, GroupResolver.NONE);
    }

    /**
     * A router for requests from {@code platform}, with its own policy: the platform's access rule,
     * fed the groups its adapter supplies (Slack user groups, Discord roles), and its own rate limits.
     */
    CommandRouter router(rdpcheck.chat.policy.Platform platform, AccessRule access, GroupResolver groups) {
        CommandRouter router = new CommandRouter(service, ChatPolicy.create(settings, platform, access, audit, groups),
                explainer, settings.limits().maxHostsPerCommand(), history, watches, watchSettings);
        routers.add(router);
        return router;
    }

    void add(Platform platform) {
        platforms.add(platform);
    }

    List<Platform> platforms() {
        return List.copyOf(platforms);
    }

    /**
     * {@code serve}: takes part in electing the one replica of those sharing {@code store.url} that runs
     * the watches ({@code watch.failover}); alone (no store) it always leads.
     */
    Leadership lead() {
        Leadership elected = Stores.leadership(StoreSettings.of(settings), LeaderSettings.of(settings), System.getenv());
        leadership = elected;
        return elected;
    }

    Leadership leadership() {
        return leadership;
    }

    /**
     * {@code serve}: runs the watches that are due, alerts going to {@code sink}. The leadership hook
     * is the runner's {@code leads} parameter: here {@link #leadership()} (the store's lease when
     * {@link #lead()} took part in the election, else always), asked before each round and before
     * each alert. Returns empty, saying why in the log, when the store is off.
     */
    java.util.Optional<WatchRunner> startWatches(AlertSink sink, Duration tick) {
        if (watches.off().isPresent()) {
            LOG.info("watches are off: {}", watches.off().get());
            return java.util.Optional.empty();
        }
        WatchRunner runner = new WatchRunner(watches, service, WatchPolicy.of(settings).forRunner(), sink,
                () -> leadership.leads(), watchSettings, java.time.Clock.systemUTC(), tick);
        watchRunner = runner;
        return java.util.Optional.of(runner.start());
    }

    /** Starts {@code /metrics} and {@code /health} when {@code metrics.port} is set. */
    void startOps() throws IOException {
        int port = settings.metrics().port();
        if (port > 0) {
            ops = OpsServer.start(new java.net.InetSocketAddress(settings.metrics().bind(), port), meters, this::platforms);
            LOG.info("metrics on :{}/metrics, health on :{}/health", ops.port(), ops.port());
        }
    }

    /**
     * The checks already running finish (or their requesters are told), answers in flight are
     * delivered, and only then do the platforms disconnect: closed first, they could deliver
     * nothing. A request arriving meanwhile is refused by the closed service with a message.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // First: the lease goes back at once, so another replica runs the watches while this one drains.
        leadership.close();
        WatchRunner runner = watchRunner;
        if (runner != null) {
            runner.close();
        }
        List<Platform> reversed = new ArrayList<>(platforms);
        java.util.Collections.reverse(reversed);
        service.close();
        routers.forEach(CommandRouter::close);
        reversed.forEach(Platform::close);
        OpsServer server = ops;
        if (server != null) {
            server.close();
        }
        audit.close();
        sharedAnswers.close();
        history.close();
        gc.close();
    }
}
