package rdpcheck.chat.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import rdpcheck.chat.ChatCommand;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Requester;
import rdpcheck.chat.render.TerminalRenderer;

/**
 * The console chat: type {@code /rdpcheck host} and read the answer as a chat thread. Each
 * line is answered before the next prompt; at the end of input (a pipe, a closed stdin) it
 * answers what it was given and returns.
 */
public final class ConsoleChat {

    /** How long one answer may take to arrive before the console moves on (the check has its own deadline). */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(60);

    private final CommandRouter router;
    private final PrintWriter out;
    private final boolean interactive;
    private final boolean color;

    public ConsoleChat(CommandRouter router, PrintWriter out, boolean interactive, boolean color) {
        this.router = Objects.requireNonNull(router, "router");
        this.out = Objects.requireNonNull(out, "out");
        this.interactive = interactive;
        this.color = color;
    }

    /** Reads commands until end of input or {@code exit}; returns how many commands were handled. */
    public int run(BufferedReader in) throws IOException {
        int handled = 0;
        Requester me = Requester.console();
        while (true) {
            if (interactive) {
                out.print("you> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                if (interactive) {
                    out.println();
                }
                return handled;
            }
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("exit") || lower.equals("quit") || lower.equals("/exit") || lower.equals("/quit")) {
                return handled;
            }
            if (!interactive) {
                out.println("you> " + text); // echo piped input so the transcript reads like a chat
            }
            Optional<String> notForUs = notACheck(text);
            if (notForUs.isPresent()) {
                out.println("rdpcheck: " + notForUs.get());
                out.flush();
                handled++;
                continue;
            }
            say(me, lower.equals("help") ? ChatCommand.COMMAND + " help" : text);
            handled++;
        }
    }

    /**
     * Words people type at a terminal out of habit. The console also takes a bare host name
     * without {@code /rdpcheck} (and single-label names such as {@code rdp01} are real hosts, so
     * they stay checked), but one of these is a typed command, not a host to probe.
     */
    private static final Set<String> TERMINAL_WORDS = Set.of("clear", "cls", "reset", "ls", "dir", "pwd", "cd", "history",
            "whoami", "man", "q", "bye", "logout", "?", "commands", "menu", "version");

    /**
     * Why a console line is not a check, when it clearly is not: a habitual terminal word, or a
     * slash command other than {@code /rdpcheck}. {@code help} alone is answered as {@code /rdpcheck help}.
     */
    static Optional<String> notACheck(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (lower.contains(" ")) {
            return Optional.empty();
        }
        if (TERMINAL_WORDS.contains(lower)) {
            String word = TerminalRenderer.clean(text.strip());
            return Optional.of("`" + word + "` is not a host; try /rdpcheck help (to check a host named " + word
                    + ", type /rdpcheck " + word + ")");
        }
        if (lower.startsWith("/") && !lower.equals(ChatCommand.COMMAND)) {
            return Optional.of("`" + TerminalRenderer.clean(text.strip()) + "` is not a command here; try /rdpcheck help");
        }
        return Optional.empty();
    }

    /** Handles one line and waits for its answer. */
    public void say(Requester requester, String text) {
        CommandRouter.Handled handled = router.handle(requester, text, new ConsoleConversation(out, color));
        try {
            handled.delivered().get(ANSWER_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            out.println("rdpcheck: no answer within " + ANSWER_WAIT.toSeconds() + " s; it will print when it comes.");
        }
        out.flush();
    }
}
