package rdpcheck.app;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import rdpcheck.checks.History;
import rdpcheck.store.StoreSettings;
import rdpcheck.store.Stores;

/**
 * The history of a terminal command, opened on a thread of its own while the probes run (the store
 * is needed only once they are done), so a command does not wait for the file or the server first.
 */
final class Recording implements AutoCloseable {

    /** Longer than opening ever takes: the store's own lock wait and connect timeouts are shorter. */
    private static final long OPEN_WAIT_SECONDS = 15;

    private final CompletableFuture<History> opening;
    private final PrintWriter err;
    private History history;

    private Recording(StoreSettings settings, Map<String, String> env, PrintWriter err) {
        this.err = err;
        this.opening = settings.off() ? CompletableFuture.completedFuture(History.NONE)
                : CompletableFuture.supplyAsync(() -> Stores.history(settings, env), runnable -> {
                    Thread thread = new Thread(runnable, "rdpcheck-store-open");
                    thread.setDaemon(true);
                    thread.start();
                });
    }

    static Recording start(StoreSettings settings, PrintWriter err) {
        return new Recording(settings, System.getenv(), err);
    }

    /**
     * A history that waits for the store the first time it is used; one that could not be opened
     * says why on standard error once and lets checks go on without it.
     */
    History history() {
        return new Deferred(this);
    }

    synchronized History opened() {
        if (history == null) {
            try {
                history = opening.get(OPEN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                history = History.NONE;
            } catch (ExecutionException | TimeoutException e) {
                history = History.NONE;
                err.println("rdpcheck: history is off: the store did not open in " + OPEN_WAIT_SECONDS + " s");
            }
            if (history != History.NONE) {
                history.off().ifPresent(why -> {
                    err.println("rdpcheck: history is off: " + why + " (the check itself is not affected)");
                    err.flush();
                });
            }
        }
        return history;
    }

    @Override
    public void close() {
        if (opening.isDone() || history != null) {
            opened().close();
        }
    }

    /** Opens on first use. */
    private static final class Deferred implements History {
        private final Recording recording;

        Deferred(Recording recording) {
            this.recording = recording;
        }

        @Override
        public rdpcheck.probes.report.Report compared(rdpcheck.probes.report.Report report) {
            return recording.opened().compared(report);
        }

        @Override
        public void checked(rdpcheck.probes.Target target, rdpcheck.probes.report.Report report, java.time.Duration took,
                            rdpcheck.checks.Asker asker) {
            recording.opened().checked(target, report, took, asker);
        }

        @Override
        public java.util.List<rdpcheck.checks.PastCheck> recent(rdpcheck.probes.Target target, int limit) {
            return recording.opened().recent(target, limit);
        }

        @Override
        public java.util.Optional<String> off() {
            return recording.opened().off();
        }
    }
}
