package rdpcheck.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import rdpcheck.checks.History;
import rdpcheck.checks.PastCheck;

import rdpcheck.probes.Target;

/**
 * Opens the history the settings name: the embedded SQLite file by default
 * ({@code $XDG_STATE_HOME/rdpcheck/history.db}, else {@code ~/.local/state/rdpcheck/history.db}),
 * any {@code jdbc:sqlite:} file, a PostgreSQL database, or nothing ({@code store.url: none}).
 */
public final class Stores {

    /** The file name of the embedded store in its folder. */
    public static final String FILE_NAME = "history.db";

    private Stores() {
    }

    /**
     * The history for the pipeline. Never throws: a store that cannot be used (locked, damaged, from a
     * newer rdpcheck, unreachable) gives a history that is {@linkplain History#off() off} and says why in one line.
     */
    public static History history(StoreSettings settings, Map<String, String> env) {
        if (settings.off()) {
            return History.NONE;
        }
        try {
            return new StoreHistory(HistoryStore.open(url(settings, env), settings, Clock.systemUTC()));
        } catch (StoreException e) {
            return History.off(e.getMessage());
        }
    }

    /**
     * The last checks of {@code target}, newest first: for {@code rdpcheck history}, which must tell a
     * store that cannot be read from one that holds nothing.
     */
    public static List<PastCheck> recent(History history, Target target, int limit) throws StoreException {
        if (history instanceof StoreHistory store) {
            return store.recentOrThrow(target, limit);
        }
        throw new StoreException(history.off().orElse("history is off"));
    }

    /**
     * The watches kept beside {@code history} (the same database); off, saying why, when the history is.
     */
    public static rdpcheck.checks.watch.Watches watches(History history) {
        if (history instanceof StoreHistory store) {
            return new StoreWatches(store.store().database());
        }
        return rdpcheck.checks.watch.Watches.off(history.off().orElse("history is off"));
    }

    /**
     * Whether this replica runs the watches: {@link Leadership#ALONE} without a store, else a lease in
     * the store (taken at once when no other replica holds it), tried every sixth of
     * {@code watch.failover} on a connection of its own. Never throws: a store that cannot be opened
     * now is tried again at each turn, and meanwhile this replica does not lead.
     */
    public static Leadership leadership(StoreSettings settings, LeaderSettings leader, Map<String, String> env) {
        if (settings.off()) {
            return Leadership.ALONE;
        }
        String url = url(settings, env);
        long maxBytes = settings.maxSizeMb() * 1024L * 1024L;
        return new LeaseLeadership(() -> Database.open(url, settings.password(), maxBytes, Clock.systemUTC()),
                Database.describe(url, Dialect.of(url)), replicaName(), LeaseTiming.of(leader.failover())).start();
    }

    /** This process among the replicas: host name, process id and a random part (containers all run as pid 1). */
    static String replicaName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/"
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffL);
    }

    /** The JDBC URL the settings mean: {@code store.url}, or the embedded default file. */
    public static String url(StoreSettings settings, Map<String, String> env) {
        if (!settings.embeddedDefault()) {
            return settings.url().strip();
        }
        return "jdbc:sqlite:" + defaultFile(env);
    }

    /** {@code $XDG_STATE_HOME/rdpcheck/history.db}, else {@code ~/.local/state/rdpcheck/history.db}. */
    public static Path defaultFile(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        Path folder = state != null && !state.isBlank() && Path.of(state).isAbsolute() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return folder.resolve("rdpcheck").resolve(FILE_NAME);
    }
}
