package rdpcheck.checks;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import rdpcheck.checks.FleetRunner;
import rdpcheck.checks.HostResult;

/**
 * A one-line progress bar for a fleet check, redrawn in place with {@code \r} on a terminal's
 * standard error (never on standard output: that is for the report, and may be a pipe).
 * Redraws at most every {@link #MIN_REDRAW_NANOS} so a fast fleet does not flood the terminal.
 */
public final class ProgressBar implements FleetRunner.Listener {

    static final long MIN_REDRAW_NANOS = 100_000_000L;
    static final int WIDTH = 30;

    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private long started;
    private long lastDrawn;
    private int problems;
    private int lastLength;

    public ProgressBar(PrintWriter err) {
        this(err, System::nanoTime);
    }

    ProgressBar(PrintWriter err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    /**
     * True when standard error is a terminal. Java 17 cannot ask isatty(2) directly, so on Linux
     * this reads where file descriptor 2 points; elsewhere it falls back to {@link System#console()}
     * (which is about stdin and stdout, a fair guess when stderr was not redirected on its own).
     */
    public static boolean stderrIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
            // fall through to the portable guess
        }
        return System.console() != null;
    }

    @Override
    public void started(int total) {
        started = nanoTime.getAsLong();
        lastDrawn = started - MIN_REDRAW_NANOS;
        draw(0, total);
    }

    @Override
    public void finished(int index, HostResult result, int done, int total) {
        if (result.hasProblems()) {
            problems++;
        }
        long now = nanoTime.getAsLong();
        if (done == total) {
            // Clear the bar: the summary that follows starts on a clean line.
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            return;
        }
        if (now - lastDrawn >= MIN_REDRAW_NANOS) {
            lastDrawn = now;
            draw(done, total);
        }
    }

    private void draw(int done, int total) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String line = String.format(Locale.ROOT, "\r[%s%s] %d/%d hosts, %d with problems, %.1f s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, problems,
                (nanoTime.getAsLong() - started) / 1e9);
        int visible = line.length() - 1;
        err.print(line + " ".repeat(Math.max(0, lastLength - visible)));
        lastLength = Math.max(lastLength, visible);
        err.flush();
    }
}
