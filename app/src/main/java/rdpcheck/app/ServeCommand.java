package rdpcheck.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import rdpcheck.chat.Backoff;
import rdpcheck.chat.ChatPlatform;
import rdpcheck.chat.ConnectFailure;
import rdpcheck.chat.Platform;
import rdpcheck.config.LoadedConfig;
import rdpcheck.config.Settings;

/** {@code rdpcheck serve}: every configured chat platform (each module found on the class path); the console when none is. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Starts every configured chat platform (Slack, Discord) with metrics and health;"
                + " with none configured, says so and runs the console chat.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        Main.bridgeJavaUtilLogging();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadedConfig loaded = config.load(err).orElse(null);
        if (loaded == null) {
            return Main.EXIT_USAGE;
        }
        Settings settings = loaded.settings();
        List<ChatPlatform> installed = ChatPlatform.installed();
        List<ChatPlatform> configured = installed.stream().filter(p -> p.configured(settings)).toList();
        if (configured.isEmpty()) {
            return consoleInstead(settings, installed, out, err);
        }
        // The shared probes run under a chat platform's address gate: a cached report never bypasses the chat policy.
        BotRuntime runtime = new BotRuntime(settings, rdpcheck.chat.policy.Platform.chat(configured.get(0).name()));
        runtime.lead();
        CountDownLatch stopped = new CountDownLatch(1);
        // Every configured platform refused its token: nothing will ever connect, so serve ends (exit 2) and says so.
        AtomicInteger refusals = new AtomicInteger();
        AtomicBoolean allRefused = new AtomicBoolean();
        Consumer<ConnectFailure> onRefused = failure -> {
            if (refusals.incrementAndGet() == configured.size()) {
                allRefused.set(true);
                stopped.countDown();
            }
        };
        // Ctrl-C (SIGINT) or SIGTERM: the JVM runs this hook, then exits 130 or 143 (128 + the signal).
        Thread hook = new Thread(() -> {
            long started = System.nanoTime();
            err.println("rdpcheck: shutting down: running checks finish first (" + BotRuntime.DRAIN.toSeconds()
                    + " s at most), then the chat connections close.");
            err.flush();
            closeWithin(runtime, err);
            err.printf(java.util.Locale.ROOT, "rdpcheck: stopped in %.1f s.%n", (System.nanoTime() - started) / 1e9);
            err.flush();
            stopped.countDown();
        }, "rdpcheck-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            // Made first, connected last: /health answers (503, "connecting") from the first second.
            for (ChatPlatform platform : configured) {
                runtime.add(platform.create(settings, services(runtime, platform, settings, onRefused)));
            }
            runtime.startOps();
            for (Platform platform : runtime.platforms()) {
                platform.start();
            }
            java.util.Map<String, rdpcheck.checks.watch.AlertSink> sinks = new java.util.HashMap<>();
            for (Platform platform : runtime.platforms()) {
                platform.alerts().ifPresent(sink -> sinks.put(platform.name(), sink));
            }
            runtime.startWatches(rdpcheck.checks.watch.AlertSink.byPlatform(sinks), rdpcheck.checks.watch.WatchRunner.TICK);
        } catch (Exception e) {
            // Library messages can quote a token (JDA: "Token may not contain blanks. Provided: ...").
            err.println("rdpcheck: could not start: " + rdpcheck.app.logging.LogRedaction.current().scrub(String.valueOf(e.getMessage())));
            err.flush();
            Runtime.getRuntime().removeShutdownHook(hook);
            runtime.close();
            return Main.EXIT_USAGE;
        }
        out.println("rdpcheck: serving " + String.join(", ", runtime.platforms().stream().map(Platform::name).toList())
                + " (connecting in the background; the log says each attempt); Ctrl-C stops (running checks finish first).");
        out.flush();
        stopped.await();
        if (allRefused.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
            err.println("rdpcheck: every configured chat platform refused its token (see the lines above); stopping.");
            err.flush();
            closeWithin(runtime, err);
            return Main.EXIT_USAGE;
        }
        return 0;
    }

    /**
     * No platform configured: at a terminal, the console chat; without one (a container, a
     * service manager) a forgotten token must not look like a clean stop, so exit 2.
     */
    private static int consoleInstead(Settings settings, List<ChatPlatform> installed, PrintWriter out, PrintWriter err)
            throws Exception {
        String hint = "no chat platform is configured (set " + String.join(", ", installed.stream()
                .map(ChatPlatform::howToConfigure).toList()) + "; see README)";
        if (!Terminal.stdinIsTerminal()) {
            err.println("rdpcheck: " + hint + "; standard input is not a terminal, so there is no console chat to run"
                    + " instead. Exiting with status 2.");
            err.flush();
            return Main.EXIT_USAGE;
        }
        err.println("rdpcheck: " + hint + "; running the console chat instead.");
        err.flush();
        try (BotRuntime runtime = new BotRuntime(settings, rdpcheck.chat.policy.Platform.CONSOLE)) {
            runtime.lead();
            runtime.startOps();
            // the console's own watches alert here, between the chat lines
            runtime.startWatches(new rdpcheck.chat.console.ConsoleAlerts(out, false), rdpcheck.checks.watch.WatchRunner.TICK);
            ConsoleCommand.runConsole(runtime, out, null);
        }
        return 0;
    }

    /** Bounded: a chat library that never finishes closing must not keep the process from ending. */
    private static void closeWithin(BotRuntime runtime, PrintWriter err) {
        Thread closer = new Thread(runtime::close, "rdpcheck-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(BotRuntime.DRAIN.plus(CLOSE_GRACE).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            err.printf(java.util.Locale.ROOT, "rdpcheck: gave up waiting for the connections to close after %d s.%n",
                    BotRuntime.DRAIN.plus(CLOSE_GRACE).toSeconds());
        }
    }

    /** How long closing the chat connections may take after the running checks have drained. */
    static final java.time.Duration CLOSE_GRACE = java.time.Duration.ofSeconds(5);

    private static ChatPlatform.Services services(BotRuntime runtime, ChatPlatform platform, Settings settings,
                                                  Consumer<ConnectFailure> onRefused) {
        rdpcheck.chat.policy.Platform from = rdpcheck.chat.policy.Platform.chat(platform.name());
        rdpcheck.chat.policy.AccessRule access = platform.access(settings);
        return new ChatPlatform.Services() {
            @Override
            public rdpcheck.chat.CommandRouter router(rdpcheck.chat.policy.GroupResolver groups) {
                return runtime.router(from, access, groups);
            }

            @Override
            public io.micrometer.core.instrument.MeterRegistry meters() {
                return runtime.meters;
            }

            @Override
            public Backoff backoff() {
                return Backoff.standard();
            }

            @Override
            public Consumer<ConnectFailure> onRefused() {
                return onRefused;
            }
        };
    }
}
