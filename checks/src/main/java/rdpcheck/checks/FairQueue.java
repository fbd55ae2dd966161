package rdpcheck.checks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Waiting items taken in turn across owners: each owner's items in the order they came, the owners
 * round-robin. With one first-in-first-out queue, 200 requests from one user made the next user wait
 * for all 200; here they wait for at most one item per other owner with something waiting.
 */
final class FairQueue<T> {

    /**
     * How many owners' last turns are remembered. An owner's turn must outlive the moment its
     * queue runs empty: a worker that takes a flooder's only waiting item just before the flooder's
     * next 29 arrive would otherwise reset the flooder to "never served", level with a newcomer.
     */
    static final int REMEMBERED_OWNERS = 1024;

    private final Map<String, Deque<T>> byOwner = new LinkedHashMap<>();
    private final Map<String, Long> lastServed = new HashMap<>();
    private long turns;

    synchronized void add(String owner, T item) {
        byOwner.computeIfAbsent(owner, o -> new ArrayDeque<>()).addLast(item);
    }

    synchronized boolean remove(String owner, T item) {
        Deque<T> items = byOwner.get(owner);
        if (items == null || !items.remove(item)) {
            return false;
        }
        if (items.isEmpty()) {
            byOwner.remove(owner);
        }
        return true;
    }

    /**
     * The oldest item of the owner served longest ago (an owner never served first, in the order
     * they came), or null. A user arriving while another has many waiting goes next.
     */
    synchronized T poll() {
        String next = null;
        long oldest = Long.MAX_VALUE;
        for (String owner : byOwner.keySet()) {
            long served = lastServed.getOrDefault(owner, 0L);
            if (served < oldest) {
                oldest = served;
                next = owner;
            }
        }
        if (next == null) {
            return null;
        }
        Deque<T> items = byOwner.get(next);
        T item = items.pollFirst();
        if (items.isEmpty()) {
            byOwner.remove(next);
        }
        lastServed.put(next, ++turns);
        if (lastServed.size() > REMEMBERED_OWNERS) {
            lastServed.keySet().retainAll(byOwner.keySet()); // bounded: forget owners with nothing waiting
        }
        return item;
    }

    synchronized int size() {
        return byOwner.values().stream().mapToInt(Deque::size).sum();
    }
}
