package rdpcheck.chat.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Requester;

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
            say(me, text);
            handled++;
        }
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
