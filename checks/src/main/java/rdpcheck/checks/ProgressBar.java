package rdpcheck.checks;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import rdpcheck.checks.FleetRunner;
import rdpcheck.checks.HostResult;

import rdpcheck.probes.Target;

/**
 * A one-line progress bar for a fleet check, redrawn in place with {@code \r} on a terminal's
 * standard error (never on standard output: that is for the report, and may be a pipe). It
 * redraws on a timer as well as when a host finishes, so the clock moves while every check in
 * flight waits on a silent host, and it names the hosts waited on longest (a few, the rest
 * counted). Redraws at most every
 * {@link #MIN_REDRAW_NANOS} so a fast fleet does not flood the terminal.
 */
public final class ProgressBar implements FleetRunner.Listener, AutoCloseable {

    static final long MIN_REDRAW_NANOS = 100_000_000L;
    static final long TICK_MILLIS = 500;
    static final int WIDTH = 30;
    /** A host name longer than this is shortened in the bar. */
    static final int NAME = 24;
    /** The hosts waited on longest that the bar names; the rest are counted. */
    static final int PENDING_SHOWN = 3;

    static final int DEFAULT_COLUMNS = 80;

    private final PrintWriter err;
    /** The longest frame: the {@code \r} and the columns it may fill. */
    private final int width;
    private final LongSupplier nanoTime;
    private final int duplicates;
    private final UnaryOperator<String> clean;
    private final ScheduledExecutorService timer;
    /** Hosts in flight, oldest first, with when each started. */
    private final Map<Integer, Long> inFlight = new LinkedHashMap<>();
    private final Map<Integer, String> names = new LinkedHashMap<>();
    private long started;
    private long lastDrawn;
    private int problems;
    private int done;
    private int total;
    private int lastLength;
    private boolean finished;

    /**
     * @param duplicates entries of the target list that named a host already in it (said once, at the start)
     * @param clean      makes a host as typed safe to print on a terminal (control characters out)
     */
    public ProgressBar(PrintWriter err, int duplicates, UnaryOperator<String> clean) {
        this(err, duplicates, clean, DEFAULT_COLUMNS);
    }

    /** @param columns the terminal's width: the bar stays on one line, so that {@code \r} redraws it in place */
    public ProgressBar(PrintWriter err, int duplicates, UnaryOperator<String> clean, int columns) {
        this(err, System::nanoTime, duplicates, clean, true, columns);
    }

    ProgressBar(PrintWriter err, LongSupplier nanoTime, int duplicates, UnaryOperator<String> clean, boolean tick) {
        this(err, nanoTime, duplicates, clean, tick, 1000);
    }

    ProgressBar(PrintWriter err, LongSupplier nanoTime, int duplicates, UnaryOperator<String> clean, boolean tick,
                int columns) {
        // the \r that starts each frame is not a column; the last column stays free (some terminals wrap on it)
        this.width = Math.max(40, columns - 1) + 1;
        this.err = err;
        this.nanoTime = nanoTime;
        this.duplicates = duplicates;
        this.clean = clean;
        this.timer = tick ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rdpcheck-progress");
            thread.setDaemon(true);
            return thread;
        }) : null;
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
    public synchronized void started(int total) {
        this.total = total;
        started = nanoTime.getAsLong();
        lastDrawn = started - MIN_REDRAW_NANOS;
        if (duplicates > 0) {
            err.println(duplicates + (duplicates == 1 ? " duplicate line" : " duplicate lines")
                    + " merged: each host is checked once.");
        }
        draw();
        if (timer != null) {
            timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void checking(int index, Target target) {
        inFlight.put(index, nanoTime.getAsLong());
        names.put(index, clean.apply(target.input()));
    }

    @Override
    public synchronized void finished(int index, HostResult result, int done, int total) {
        inFlight.remove(index);
        names.remove(index);
        this.done = done;
        if (result.hasProblems()) {
            problems++;
        }
        if (done == total) {
            close();
            return;
        }
        if (nanoTime.getAsLong() - lastDrawn >= MIN_REDRAW_NANOS) {
            draw();
        }
    }

    /** The timer's redraw: the clock and the longest wait move even when no host finishes. */
    synchronized void tick() {
        if (!finished) {
            draw();
        }
    }

    private void draw() {
        long now = nanoTime.getAsLong();
        lastDrawn = now;
        // a narrow terminal gets a shorter bar, and room for the names of the hosts waited on
        int bar = Math.max(10, Math.min(WIDTH, width - 90));
        int filled = total == 0 ? bar : (int) ((long) bar * done / total);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "\r[%s%s] %d/%d hosts, %d with problems, %.1f s",
                "#".repeat(filled), ".".repeat(bar - filled), done, total, problems, (now - started) / 1e9));
        if (!inFlight.isEmpty()) {
            line.append(pending(now, width - line.length()));
        }
        if (line.length() > width) {
            line.setLength(width); // one terminal line, or \r cannot redraw it in place
        }
        int visible = line.length() - 1;
        err.print(line + " ".repeat(Math.max(0, lastLength - visible)));
        lastLength = Math.max(lastLength, visible);
        err.flush();
    }

    /**
     * {@code ; 12 running, waiting on a (9 s), b (8 s), c (8 s) +9 more}: the slowest first (in
     * flight the longest), at most {@link #PENDING_SHOWN} by name and as many as fit in {@code room}
     * characters, the rest counted. Which hosts hold the fleet up, not only how many.
     */
    private String pending(long now, int room) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "; %d running", inFlight.size()));
        int shown = 0;
        for (Map.Entry<Integer, Long> host : inFlight.entrySet()) {
            String name = names.getOrDefault(host.getKey(), "?");
            if (name.length() > NAME) {
                name = name.substring(0, NAME - 1) + "…";
            }
            String next = (shown == 0 ? ", waiting on " : ", ") + String.format(Locale.ROOT, "%s (%.0f s)", name,
                    (now - host.getValue()) / 1e9);
            String rest = " +" + (inFlight.size() - shown - 1) + " more";
            if (shown == PENDING_SHOWN || text.length() + next.length() + rest.length() > room) {
                break;
            }
            text.append(next);
            shown++;
        }
        if (shown < inFlight.size() && shown > 0) {
            text.append(" +").append(inFlight.size() - shown).append(" more");
        }
        return text.toString();
    }

    /** Stops the timer and clears the bar: what follows starts on a clean line. */
    @Override
    public synchronized void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        err.print("\r" + " ".repeat(lastLength) + "\r");
        err.flush();
    }
}
