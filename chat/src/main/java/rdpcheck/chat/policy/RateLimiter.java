package rdpcheck.chat.policy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import rdpcheck.config.LimitSettings;

/**
 * Flood limits: a token bucket per user and one per channel (a request takes a token from both,
 * or from neither). Refusals say when to retry.
 */
final class RateLimiter {

    /** Buckets kept; the least recently used go first (a fresh bucket is full, so forgetting one is lenient, never strict). */
    static final int MAX_BUCKETS = 100_000;

    private final LimitSettings settings;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_BUCKETS;
        }
    };

    public RateLimiter(LimitSettings settings) {
        this(settings, System::nanoTime);
    }

    /** @param nanoTime monotonic clock, replaceable in tests */
    public RateLimiter(LimitSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /** Which bucket ran dry, and when it holds a token again. */
    public record Limited(Scope scope, Duration retryAfter) {
    }

    public enum Scope { USER, CHANNEL }

    /**
     * Takes one token from the user's and the channel's bucket. Empty when both had one; else which
     * was empty and when to retry (whole seconds, at least 1). Nothing is taken on refusal.
     */
    public synchronized Optional<Limited> tryAcquire(String userKey, String channelKey) {
        long now = nanoTime.getAsLong();
        Bucket user = buckets.computeIfAbsent("u:" + userKey, k -> new Bucket(settings.userBurst(), settings.userPerMinute(), now));
        Bucket channel = channelKey.isEmpty() ? null
                : buckets.computeIfAbsent("c:" + channelKey, k -> new Bucket(settings.channelBurst(), settings.channelPerMinute(), now));
        user.refill(now);
        if (channel != null) {
            channel.refill(now);
        }
        if (user.tokens < 1) {
            return Optional.of(new Limited(Scope.USER, user.untilToken()));
        }
        if (channel != null && channel.tokens < 1) {
            return Optional.of(new Limited(Scope.CHANNEL, channel.untilToken()));
        }
        user.tokens -= 1;
        if (channel != null) {
            channel.tokens -= 1;
        }
        return Optional.empty();
    }

    /**
     * Takes {@code tokens} more from both buckets whether they hold them or not: the cost of work
     * already done (a name's extra addresses). A bucket may go into debt, at most one full refill
     * of its capacity below zero; the next request waits until it is paid off.
     */
    public synchronized void charge(String userKey, String channelKey, int tokens) {
        if (tokens <= 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        Bucket user = buckets.computeIfAbsent("u:" + userKey, k -> new Bucket(settings.userBurst(), settings.userPerMinute(), now));
        user.refill(now);
        user.take(tokens);
        if (!channelKey.isEmpty()) {
            Bucket channel = buckets.computeIfAbsent("c:" + channelKey,
                    k -> new Bucket(settings.channelBurst(), settings.channelPerMinute(), now));
            channel.refill(now);
            channel.take(tokens);
        }
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int capacity, int perMinute, long now) {
            this.capacity = capacity;
            this.perNano = perMinute / 60e9;
            this.tokens = capacity;
            this.last = now;
        }

        void take(int count) {
            tokens = Math.max(-capacity, tokens - count);
        }

        void refill(long now) {
            long elapsed = Math.max(0, now - last);
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            last = now;
        }

        Duration untilToken() {
            double nanos = (1 - tokens) / perNano;
            long seconds = (long) Math.ceil(nanos / 1e9);
            return Duration.ofSeconds(Math.max(1, seconds));
        }
    }
}
