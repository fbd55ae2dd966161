package rdpcheck.chat.console;

import java.io.PrintWriter;

import rdpcheck.chat.Acknowledgement;
import rdpcheck.checks.Answer;
import rdpcheck.chat.Conversation;
import rdpcheck.chat.FleetAnswer;
import rdpcheck.chat.render.FleetText;
import rdpcheck.checks.HostResult;
import rdpcheck.chat.render.TerminalRenderer;

/** One request in the console chat: printed like a chat thread (the verdict, then the replies indented). */
final class ConsoleConversation implements Conversation {

    private final PrintWriter out;
    private final TerminalRenderer renderer;
    private final boolean color;

    ConsoleConversation(PrintWriter out, boolean color) {
        this.out = out;
        // the thread is drawn behind "  │ ": four columns less than the terminal report
        this.renderer = new TerminalRenderer(color, TerminalRenderer.DEFAULT_WIDTH - 4, false);
        this.color = color;
    }

    @Override
    public void acknowledge(Acknowledgement acknowledgement) {
        print("rdpcheck" + (acknowledgement.kind().isFinal() ? "" : " (only you)") + ": ",
                clean(acknowledgement.text()));
    }

    @Override
    public void answer(Answer answer) {
        StringBuilder text = new StringBuilder();
        text.append("rdpcheck: ").append(TerminalRenderer.clean(clean(answer.report().verdict())));
        if (!answer.ageNote().isEmpty()) {
            // one level of brackets: the note carries its own "(add fresh to re-run)"
            text.append(" · ").append(answer.ageNote().replace("`", ""));
        }
        text.append('\n');
        String[] lines = renderer.body(answer.report()).split("\n", -1);
        // the verdict is said just above; the thread starts after the body's opening blank line
        int first = lines.length > 0 && lines[0].isBlank() ? 1 : 0;
        for (int i = first; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            text.append("  │ ").append(lines[i]).append('\n');
        }
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    /** The summary table like {@code rdpcheck check HOST...} prints it, then each host with problems like a single answer. */
    @Override
    public void answerMany(FleetAnswer fleet) {
        StringBuilder text = new StringBuilder("rdpcheck:\n");
        for (String line : new FleetText(color).summary(fleet.result()).split("\n")) {
            text.append("  │ ").append(line).append('\n');
        }
        synchronized (out) {
            out.print(text);
            out.flush();
        }
        for (HostResult host : fleet.problemHosts()) {
            fleet.answer(host).ifPresent(this::answer);
        }
    }

    @Override
    public void fail(String message) {
        print("rdpcheck: ", clean(message));
    }

    private void print(String who, String text) {
        synchronized (out) {
            // rdpcheck's own line breaks are kept; anything else a user or host put in the text is cleaned
            StringBuilder lines = new StringBuilder(who);
            String[] parts = text.split("\n", -1);
            for (int i = 0; i < parts.length; i++) {
                lines.append(i == 0 ? "" : "\n" + " ".repeat(who.length())).append(TerminalRenderer.clean(parts[i]));
            }
            out.println(lines);
            out.flush();
        }
    }

    /** The acknowledgement texts use `code` and *bold* for chat; a terminal shows them plain. */
    static String clean(String text) {
        return text.replace("`", "").replace("*", "");
    }
}
