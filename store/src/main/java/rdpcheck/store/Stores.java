package rdpcheck.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import rdpcheck.checks.History;
import rdpcheck.checks.PastCheck;
import rdpcheck.checks.SharedAnswers;

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
                Database.describe(url, Dialect.of(url)), Replica.NAME, LeaseTiming.of(leader.failover())).start();
    }

    /**
     * The answers this replica shares with the others of a PostgreSQL {@code store.url}
     * ({@link SharedAnswers#NONE} for any other store: one machine's file has one replica). A claimed
     * run is another's to take after {@code checkDeadline} and a margin, and a replica waits at most
     * that long for another's report before it probes itself.
     */
    public static SharedAnswers sharedAnswers(StoreSettings settings, Map<String, String> env, Duration checkDeadline) {
        if (settings.off() || settings.embeddedDefault()) {
            return SharedAnswers.NONE;
        }
        String url = url(settings, env);
        Dialect dialect = Dialect.of(url);
        if (dialect != Dialect.POSTGRESQL) {
            return SharedAnswers.NONE;
        }
        Duration bound = checkDeadline.plus(CLAIM_MARGIN);
        long maxBytes = settings.maxSizeMb() * 1024L * 1024L;
        return new StoreAnswers(() -> Database.open(url, settings.password(), maxBytes, Clock.systemUTC()), dialect,
                Database.describe(url, dialect), Replica.NAME, bound, bound);
    }

    /** What a claim outlives the check's deadline by: the report's comparison and recording, publication. */
    static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);

    /** This process among the replicas: host name, process id and a random part (containers all run as pid 1). */
    private static final class Replica {
        static final String NAME = host() + "/" + ProcessHandle.current().pid() + "/"
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffL);

        /** The kernel's host name, without a DNS lookup that could hang a start. */
        private static String host() {
            try {
                String name = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
                return name.isEmpty() ? "host" : name;
            } catch (java.io.IOException | RuntimeException e) {
                return "host";
            }
        }
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
