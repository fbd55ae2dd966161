package rdpcheck.store;

import java.util.function.BooleanSupplier;

/**
 * Whether this replica is the one that runs the watches now: {@link #leads()} (also as a
 * {@link BooleanSupplier}, what the watch runner takes). With one replica and no shared store it
 * always leads; with a store several replicas share, exactly one holds the store's lease at a time
 * ({@link Stores#leadership}).
 */
public interface Leadership extends BooleanSupplier, AutoCloseable {

    /** This replica alone: it always leads. */
    Leadership ALONE = new Leadership() {
        @Override
        public boolean leads() {
            return true;
        }

        @Override
        public String describe() {
            return "alone (no shared store)";
        }

        @Override
        public void close() {
        }
    };

    /** Whether this replica leads at this moment; false as soon as its lease may have run out. */
    boolean leads();

    @Override
    default boolean getAsBoolean() {
        return leads();
    }

    /** One line for people: this replica's name and whether it leads. */
    String describe();

    /** Stops taking part; a replica that led gives its lease back, so another takes over at once. */
    @Override
    void close();
}
