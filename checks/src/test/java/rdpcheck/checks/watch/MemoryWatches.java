package rdpcheck.checks.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import rdpcheck.probes.Target;

/**
 * {@link Watches} in memory with the store's rules (one per channel and target, bounds, pause and
 * resume true once, claim true once per watch and key): for tests of the modules that cannot reach
 * the store. The store's own implementation is tested against SQLite and PostgreSQL.
 */
public final class MemoryWatches implements Watches {

    private final Map<Long, Watch> watches = new LinkedHashMap<>();
    private final Set<String> claimed = new HashSet<>();
    private final List<String> claimOrder = new ArrayList<>();
    private long next = 1;

    @Override
    public Optional<String> off() {
        return Optional.empty();
    }

    @Override
    public synchronized Added add(Target target, WatchChannel channel, Duration every, String addedBy, Instant now,
                                  Instant firstRun, int maxPerChannel, int maxTotal) {
        for (Watch w : watches.values()) {
            if (w.channel().equals(channel) && w.target().key().equals(target.key())) {
                Watch updated = new Watch(w.id(), w.target(), channel, every, w.addedBy(), w.addedAt(), w.nextDue(),
                        w.paused(), w.state());
                watches.put(w.id(), updated);
                return new Added.Updated(updated);
            }
        }
        if (list(channel).size() >= maxPerChannel) {
            return new Added.Full("this channel has " + list(channel).size() + " watches already (watch.max_per_channel)");
        }
        if (watches.size() >= maxTotal) {
            return new Added.Full("rdpcheck has " + watches.size() + " watches already (watch.max_total)");
        }
        Watch watch = new Watch(next++, target, channel, every, addedBy, now, firstRun, Optional.empty(), WatchState.NEVER);
        watches.put(watch.id(), watch);
        return new Added.New(watch);
    }

    @Override
    public synchronized boolean remove(WatchChannel channel, Target target) {
        return watches.values().removeIf(w -> w.channel().equals(channel) && w.target().key().equals(target.key()));
    }

    @Override
    public synchronized List<Watch> list(WatchChannel channel) {
        return watches.values().stream().filter(w -> w.channel().equals(channel))
                .sorted(Comparator.comparing(w -> w.target().key())).toList();
    }

    @Override
    public synchronized List<Watch> all() {
        return List.copyOf(watches.values());
    }

    @Override
    public synchronized List<Watch> due(Instant now, int limit) {
        return watches.values().stream().filter(w -> !w.nextDue().isAfter(now))
                .sorted(Comparator.comparing(Watch::nextDue)).limit(limit).toList();
    }

    private boolean replace(long id, java.util.function.UnaryOperator<Watch> change) {
        Watch w = watches.get(id);
        if (w == null) {
            return false;
        }
        watches.put(id, change.apply(w));
        return true;
    }

    @Override
    public synchronized boolean reschedule(long id, Instant nextDue) {
        return replace(id, w -> new Watch(w.id(), w.target(), w.channel(), w.every(), w.addedBy(), w.addedAt(), nextDue,
                w.paused(), w.state()));
    }

    @Override
    public synchronized void ran(long id, WatchState state) {
        replace(id, w -> new Watch(w.id(), w.target(), w.channel(), w.every(), w.addedBy(), w.addedAt(), w.nextDue(),
                w.paused(), state));
    }

    @Override
    public synchronized boolean pause(long id, String reason) {
        Watch w = watches.get(id);
        return w != null && w.paused().isEmpty() && replace(id, x -> new Watch(x.id(), x.target(), x.channel(), x.every(),
                x.addedBy(), x.addedAt(), x.nextDue(), Optional.of(reason), x.state()));
    }

    @Override
    public synchronized boolean resume(long id) {
        Watch w = watches.get(id);
        return w != null && w.paused().isPresent() && replace(id, x -> new Watch(x.id(), x.target(), x.channel(), x.every(),
                x.addedBy(), x.addedAt(), x.nextDue(), Optional.empty(), x.state()));
    }

    @Override
    public synchronized boolean claim(long id, AlertEvent event, Instant at) {
        if (claimed.add(id + "\n" + event.key())) {
            claimOrder.add(event.key());
            return true;
        }
        return false;
    }

    /** Every key claimed, in order. */
    public synchronized List<String> claimed() {
        return List.copyOf(claimOrder);
    }
}
