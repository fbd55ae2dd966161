package rdpcheck.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import rdpcheck.chat.console.ConsoleChat;
import rdpcheck.config.LoadedConfig;

/** {@code rdpcheck console}: the chat in a terminal, no Slack or Discord needed. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Interactive console chat: type /rdpcheck HOST and read the answer as a thread.")
final class ConsoleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        Main.bridgeJavaUtilLogging();
        PrintWriter out = spec.commandLine().getOut();
        LoadedConfig loaded = config.load(spec.commandLine().getErr()).orElse(null);
        if (loaded == null) {
            return Main.EXIT_USAGE;
        }
        try (BotRuntime runtime = new BotRuntime(loaded.settings(), rdpcheck.chat.policy.Platform.CONSOLE)) {
            runConsole(runtime, out, null);
        }
        return 0;
    }

    /** Runs the console chat on stdin; {@code intro} is printed first when given. */
    static int runConsole(BotRuntime runtime, PrintWriter out, String intro) throws Exception {
        boolean interactive = System.console() != null;
        if (intro != null) {
            out.print(intro);
        }
        if (interactive) {
            out.println("Type /rdpcheck HOST[:PORT] [fresh], /rdpcheck explain CODE [EXT], /rdpcheck help; exit or Ctrl-D ends.");
        }
        out.flush();
        ConsoleChat chat = new ConsoleChat(runtime.router(rdpcheck.chat.policy.Platform.CONSOLE), out, interactive,
                interactive && System.getenv("NO_COLOR") == null);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return chat.run(in);
    }
}
