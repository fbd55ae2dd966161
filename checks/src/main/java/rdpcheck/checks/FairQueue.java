package rdpcheck.checks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting items taken in turn across channels, and within a channel across owners: each owner's
 * items in the order they came, the owners of a channel round-robin, the channels round-robin. With
 * one first-in-first-out queue, 200 requests from one user made the next user wait for all 200;
 * with turns per user only, one busy channel with many users still filled every turn. Here an item
 * waits for at most one item per other channel with something waiting, and within its channel for
 * one item per other owner there.
 */
final class FairQueue<T> {

    /**
     * How many owners' last turns a channel remembers (and how many channels' the queue does). A
     * turn must outlive the moment a queue runs empty: a worker that takes a flooder's only waiting
     * item just before the flooder's next 29 arrive would otherwise reset the flooder to "never
     * served", level with a newcomer.
     */
    static final int REMEMBERED_OWNERS = 1024;
    static final int REMEMBERED_CHANNELS = 256;

    /** One channel's owners and how many items they have waiting. */
    private static final class Channel<T> {
        final Turns<Deque<T>> owners = new Turns<>(REMEMBERED_OWNERS, items -> !items.isEmpty());
        int waiting;
    }

    private final Turns<Channel<T>> channels = new Turns<>(REMEMBERED_CHANNELS, channel -> channel.waiting > 0);

    /** As {@link #add(String, String, Object)} in the one channel {@code ""}. */
    synchronized void add(String owner, T item) {
        add("", owner, item);
    }

    synchronized void add(String channel, String owner, T item) {
        Channel<T> c = channels.entry(channel, Channel::new);
        c.owners.entry(owner, ArrayDeque::new).addLast(item);
        c.waiting++;
    }

    synchronized boolean remove(String owner, T item) {
        return remove("", owner, item);
    }

    synchronized boolean remove(String channel, String owner, T item) {
        Channel<T> c = channels.get(channel);
        Deque<T> items = c == null ? null : c.owners.get(owner);
        if (items == null || !items.remove(item)) {
            return false;
        }
        c.waiting--;
        return true;
    }

    /**
     * The oldest item of the owner served longest ago in the channel served longest ago (one never
     * served first, in the order they came), or null.
     */
    synchronized T poll() {
        String channel = channels.next();
        if (channel == null) {
            return null;
        }
        Channel<T> c = channels.get(channel);
        String owner = c.owners.next();
        T item = c.owners.get(owner).pollFirst();
        c.waiting--;
        c.owners.served(owner);
        channels.served(channel);
        return item;
    }

    synchronized int size() {
        int size = 0;
        for (String channel : channels.keys()) {
            size += channels.get(channel).waiting;
        }
        return size;
    }

    /** Keys with their values and the turn each was last served in; idle keys forgotten beyond a bound. */
    private static final class Turns<V> {
        private final Map<String, V> entries = new LinkedHashMap<>();
        private final Map<String, Long> lastServed = new HashMap<>();
        private final int remembered;
        private final Predicate<V> waiting;
        private long turns;

        Turns(int remembered, Predicate<V> waiting) {
            this.remembered = remembered;
            this.waiting = waiting;
        }

        V entry(String key, Supplier<V> create) {
            return entries.computeIfAbsent(key, k -> create.get());
        }

        V get(String key) {
            return entries.get(key);
        }

        Iterable<String> keys() {
            return entries.keySet();
        }

        /** The waiting key served longest ago; never served counts as longest, in the order they came. */
        String next() {
            String next = null;
            long oldest = Long.MAX_VALUE;
            for (Map.Entry<String, V> entry : entries.entrySet()) {
                if (!waiting.test(entry.getValue())) {
                    continue;
                }
                long served = lastServed.getOrDefault(entry.getKey(), 0L);
                if (served < oldest) {
                    oldest = served;
                    next = entry.getKey();
                }
            }
            return next;
        }

        void served(String key) {
            lastServed.put(key, ++turns);
            if (entries.size() > remembered) {
                // bounded: forget the keys with nothing waiting
                entries.values().removeIf(value -> !waiting.test(value));
                lastServed.keySet().retainAll(entries.keySet());
            }
        }
    }
}
