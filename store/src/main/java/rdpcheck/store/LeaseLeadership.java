package rdpcheck.store;

import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership by a lease row in the shared store ({@link Lease}), on a connection of its own so that
 * renewals never wait behind the history. Every {@link LeaseTiming#every()} this replica takes or
 * renews the lease; it leads until the time its last successful renewal was <em>sent</em> plus the
 * lease's length less a margin, by its own monotonic clock: the database's end of that lease is later
 * still, so a leader that cannot renew (store gone, statement stuck) stops leading before anyone else
 * may start.
 */
final class LeaseLeadership implements Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseLeadership.class);
    static final String WATCH = "watch";

    /** Opens the leader's own connection to the store: at start, and again after the store could not be opened. */
    @FunctionalInterface
    interface Opener {
        Database open() throws StoreException;
    }

    private final Opener opener;
    private final String name;
    private volatile Database database;
    private Lease lease;
    private final String replica;
    private final LeaseTiming timing;
    private final ScheduledExecutorService ticks;
    /** System.nanoTime() until which this replica leads; 0: it does not. */
    private volatile long leadsUntil;
    private volatile long term;
    private boolean leading;
    private boolean failing;
    private volatile boolean closed;

    LeaseLeadership(Opener opener, String name, String replica, LeaseTiming timing) {
        this.opener = opener;
        this.name = name;
        this.replica = replica;
        this.timing = timing;
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rdpcheck-leader");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Takes part from now on: the first try at once. */
    LeaseLeadership start() {
        ticks.scheduleWithFixedDelay(this::tick, 0, timing.every().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public boolean leads() {
        long until = leadsUntil;
        // closed first: a renewal that was under way when it closed must not make it lead again
        return !closed && until != 0 && System.nanoTime() - until < 0;
    }

    @Override
    public String describe() {
        return "replica " + replica + (leads() ? " leads (term " + term + ")" : " follows");
    }

    String replica() {
        return replica;
    }

    /** One try: take or renew the lease; runs on the leader thread only. */
    void tick() {
        if (closed) {
            return;
        }
        if (lease == null) {
            try {
                database = opener.open();
                lease = new Lease(database, WATCH, replica);
            } catch (StoreException e) {
                if (!failing) {
                    failing = true;
                    LOG.warn("leadership: {}; this replica runs no watches until it can take the lease", e.getMessage());
                }
                return;
            }
        }
        long sent = System.nanoTime();
        try {
            OptionalLong held = lease.acquire(timing.length(), timing.timeoutSeconds());
            if (failing) {
                failing = false;
                LOG.info("leadership: the store {} answers again", name);
            }
            if (held.isPresent()) {
                term = held.getAsLong();
                leadsUntil = sent + timing.length().minus(timing.margin()).toNanos();
                if (!leading) {
                    leading = true;
                    LOG.info("leadership: replica {} now runs the watches (term {})", replica, term);
                }
            } else {
                leadsUntil = 0;
                if (leading) {
                    leading = false;
                    LOG.warn("leadership: replica {} stopped running the watches: another replica holds the lease", replica);
                }
            }
        } catch (SQLException e) {
            if (!failing) {
                failing = true;
                LOG.warn("leadership: cannot renew the lease: {}{}", database.explain("renewing the lease", e),
                        leading ? "; this replica stops running the watches when its lease runs out" : "");
            }
        }
        if (leading && !leads()) {
            leading = false;
            LOG.warn("leadership: replica {} stopped running the watches: its lease ran out before it could renew it", replica);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticks.shutdownNow();
        leadsUntil = 0;
        try {
            // After the last tick: what it saw is visible here. Giving back a lease another holds changes nothing.
            if (ticks.awaitTermination(timing.every().toMillis() + 1000, TimeUnit.MILLISECONDS) && lease != null) {
                lease.release(timing.timeoutSeconds());
                if (leading) {
                    LOG.info("leadership: replica {} gave the lease back", replica);
                }
            }
        } catch (SQLException e) {
            LOG.debug("leadership: could not give the lease back; it runs out by itself", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Database open = database;
            if (open != null) {
                open.close();
            }
        }
    }

    /** As a replica killed with -9: no more renewals, the lease not given back. For tests. */
    void abandon() {
        closed = true;
        ticks.shutdownNow();
        leadsUntil = 0;
    }
}
