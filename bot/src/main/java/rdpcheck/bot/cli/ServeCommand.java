package rdpcheck.bot.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import rdpcheck.bot.core.Platform;
import rdpcheck.bot.discord.DiscordBot;
import rdpcheck.bot.discord.DiscordSettings;
import rdpcheck.bot.policy.RecentGroups;
import rdpcheck.bot.slack.SlackBot;
import rdpcheck.bot.slack.SlackSettings;
import rdpcheck.config.LoadedConfig;
import rdpcheck.config.Settings;

/** {@code rdpcheck serve}: every configured chat platform; the console when none is. */
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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadedConfig loaded = config.load(err).orElse(null);
        if (loaded == null) {
            return Main.EXIT_USAGE;
        }
        Settings settings = loaded.settings();
        boolean slack = settings.slack().botToken().isPresent();
        Optional<DiscordSettings> discord = DiscordSettings.from(settings.discord());
        boolean anyChat = slack || discord.isPresent();
        if (!anyChat) {
            err.println("rdpcheck: no chat platform is configured (set RDPCHECK_SLACK_BOT_TOKEN and"
                    + " RDPCHECK_SLACK_APP_TOKEN for Slack, RDPCHECK_DISCORD_TOKEN for Discord; see README); running the console chat instead.");
            err.flush();
            try (BotRuntime runtime = new BotRuntime(settings, rdpcheck.bot.policy.Platform.CONSOLE)) {
                ConsoleCommand.runConsole(runtime, out, null);
            }
            return 0;
        }
        BotRuntime runtime = new BotRuntime(settings,
                slack ? rdpcheck.bot.policy.Platform.SLACK : rdpcheck.bot.policy.Platform.DISCORD);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C (SIGINT) or SIGTERM: the JVM runs this hook, then exits 130 or 143 (128 + the signal).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long started = System.nanoTime();
            err.println("rdpcheck: shutting down: running checks finish first (" + BotRuntime.DRAIN.toSeconds()
                    + " s at most), then the chat connections close.");
            err.flush();
            // Bounded: a chat library that never finishes closing must not keep Ctrl-C from ending the process.
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
            err.printf(java.util.Locale.ROOT, "rdpcheck: stopped in %.1f s.%n", (System.nanoTime() - started) / 1e9);
            err.flush();
            stopped.countDown();
        }, "rdpcheck-shutdown"));
        try {
            if (slack) {
                // access.slack.user_groups: a slash command does not carry the user's groups; fetched in the background
                rdpcheck.bot.policy.SlackUserGroups groups = new rdpcheck.bot.policy.SlackUserGroups(settings.slack().apiUrl(),
                        settings.slack().botToken().get(), settings.access().slack().userGroups()).start();
                Platform bot = new SlackBot(slackSettings(settings.slack()),
                        runtime.router(rdpcheck.bot.policy.Platform.SLACK, groups), runtime.meters);
                runtime.add(bot);
                bot.start();
            }
            if (discord.isPresent()) {
                RecentGroups roles = new RecentGroups();
                Platform bot = new DiscordBot(discord.get(), runtime.router(rdpcheck.bot.policy.Platform.DISCORD, roles), roles);
                runtime.add(bot);
                bot.start();
            }
            runtime.startOps();
        } catch (Exception e) {
            // Library messages can quote a token (JDA: "Token may not contain blanks. Provided: ...").
            err.println("rdpcheck: could not start: " + rdpcheck.bot.logging.LogRedaction.current().scrub(String.valueOf(e.getMessage())));
            err.flush();
            runtime.close();
            return Main.EXIT_USAGE;
        }
        out.println("rdpcheck: serving " + String.join(", ", runtime.platforms().stream().map(Platform::name).toList())
                + "; Ctrl-C stops (running checks finish first).");
        out.flush();
        stopped.await();
        return 0;
    }

    /** How long closing the chat connections may take after the running checks have drained. */
    static final java.time.Duration CLOSE_GRACE = java.time.Duration.ofSeconds(5);

    static SlackSettings slackSettings(rdpcheck.config.SlackSettings config) {
        return new SlackSettings(
                config.botToken().map(rdpcheck.config.Secret::reveal).orElse(""),
                config.appToken().map(rdpcheck.config.Secret::reveal).orElse(""),
                config.signingSecret().map(rdpcheck.config.Secret::reveal).orElse(""),
                config.mode() == rdpcheck.config.SlackSettings.Mode.HTTP ? SlackSettings.Mode.HTTP : SlackSettings.Mode.SOCKET,
                config.httpPort(), config.apiUrl().toString(), config.httpBind());
    }
}
