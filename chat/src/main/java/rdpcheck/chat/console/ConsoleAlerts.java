package rdpcheck.chat.console;

import java.io.PrintWriter;
import java.util.Objects;

import rdpcheck.checks.watch.Alert;
import rdpcheck.checks.watch.AlertSink;
import rdpcheck.checks.watch.WatchChannel;

/**
 * A watch's alerts in the console chat ({@code serve} without a platform, {@code console}): the events,
 * then the report as an answer is printed (verdict, facts, changes, fix steps).
 */
public final class ConsoleAlerts implements AlertSink {

    private final PrintWriter out;
    private final boolean color;

    public ConsoleAlerts(PrintWriter out, boolean color) {
        this.out = Objects.requireNonNull(out, "out");
        this.color = color;
    }

    @Override
    public boolean accepts(WatchChannel channel) {
        return channel.equals(WatchChannel.CONSOLE);
    }

    @Override
    public void alert(Alert alert) {
        StringBuilder text = new StringBuilder("rdpcheck: watch alert for " + alert.watch().target().key() + ":\n");
        for (String line : alert.lines()) {
            text.append("  • ").append(ConsoleConversation.clean(line)).append('\n');
        }
        synchronized (out) {
            out.print(text);
            new ConsoleConversation(out, color).answer(alert.answer());
            out.flush();
        }
    }

    @Override
    public void notice(WatchChannel channel, String text) {
        synchronized (out) {
            out.println("rdpcheck: " + ConsoleConversation.clean(text));
            out.flush();
        }
    }
}
