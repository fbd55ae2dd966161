package rdpcheck.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A one-line note on a terminal's standard error while a single check waits on a quiet host
 * ("checking rdp01:3389: waiting for the host (up to 10 s)…"), so a silent host does not look like
 * a hung rdpcheck; erased before the report is printed. Said only after {@link #AFTER}: a host
 * that answers promptly gets no note.
 */
final class WaitNote implements AutoCloseable {

    static final Duration AFTER = Duration.ofMillis(800);

    private final PrintWriter err;
    private final ScheduledExecutorService timer;
    private int shown;

    private WaitNote(PrintWriter err, String text) {
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rdpcheck-wait-note");
            thread.setDaemon(true);
            return thread;
        });
        timer.schedule(() -> show(text), AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the note when {@code enabled} (standard error is a terminal); else a note that never shows. */
    static WaitNote start(boolean enabled, PrintWriter err, String target, Duration deadline) {
        if (!enabled) {
            return null;
        }
        return new WaitNote(err, "checking " + rdpcheck.chat.render.TerminalRenderer.clean(target) + ": waiting for the host (up to " + deadline.toSeconds() + " s)…");
    }

    private synchronized void show(String text) {
        err.print(text);
        err.flush();
        shown = text.length();
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }
}
