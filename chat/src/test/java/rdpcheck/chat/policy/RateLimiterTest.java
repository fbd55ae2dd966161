package rdpcheck.chat.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import rdpcheck.config.LimitSettings;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void tryAcquire_userBurstThenRefusedWithRetry_thenRefills() {
        RateLimiter limiter = new RateLimiter(new LimitSettings(4, 3, 6, 100, 1000), now::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limiter.tryAcquire("u1", "c1"), "burst " + i);
        }
        RateLimiter.Limited limited = limiter.tryAcquire("u1", "c1").orElseThrow();
        assertEquals(RateLimiter.Scope.USER, limited.scope());
        assertEquals(Duration.ofSeconds(10), limited.retryAfter(), "6 a minute: one token every 10 s");
        assertEquals(Optional.empty(), limiter.tryAcquire("u2", "c1"), "another user is not affected");
        advance(Duration.ofSeconds(4));
        assertEquals(Duration.ofSeconds(6), limiter.tryAcquire("u1", "c1").orElseThrow().retryAfter());
        advance(Duration.ofSeconds(6));
        assertEquals(Optional.empty(), limiter.tryAcquire("u1", "c1"));
    }

    @Test
    void tryAcquire_channelBucket_limitsManyUsers_andRefusalTakesNothing() {
        RateLimiter limiter = new RateLimiter(new LimitSettings(4, 5, 60, 2, 30), now::get);
        assertEquals(Optional.empty(), limiter.tryAcquire("a", "chan"));
        assertEquals(Optional.empty(), limiter.tryAcquire("b", "chan"));
        RateLimiter.Limited limited = limiter.tryAcquire("c", "chan").orElseThrow();
        assertEquals(RateLimiter.Scope.CHANNEL, limited.scope());
        assertEquals(Duration.ofSeconds(2), limited.retryAfter());
        // user c lost no token to the refusal: five in another channel still pass
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), limiter.tryAcquire("c", "other" + i));
        }
    }

    @Test
    void tryAcquire_flood_ofTenThousandRequests_admitsOnlyTheBurst() {
        RateLimiter limiter = new RateLimiter(new LimitSettings(4, 3, 6, 10, 30), now::get);
        int admitted = 0;
        for (int i = 0; i < 10_000; i++) {
            if (limiter.tryAcquire("flooder", "c").isEmpty()) {
                admitted++;
            }
        }
        assertEquals(3, admitted);
    }

    @Test
    void charge_workAlreadyDone_putsBothBucketsInDebt_boundedByOneRefill() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(new LimitSettings(4, 4, 6, 4, 6), now::get);
        assertTrue(limiter.tryAcquire("u1", "c1").isEmpty());
        limiter.charge("u1", "c1", 5); // 3 left, minus 5: two tokens of debt
        RateLimiter.Limited limited = limiter.tryAcquire("u1", "c1").orElseThrow();
        assertEquals(RateLimiter.Scope.USER, limited.scope());
        assertEquals(Duration.ofSeconds(30), limited.retryAfter(), "three tokens at six a minute");
        assertEquals(RateLimiter.Scope.CHANNEL, limiter.tryAcquire("u2", "c1").orElseThrow().scope(),
                "the channel paid too");
        limiter.charge("u1", "c1", 1000);
        assertEquals(Duration.ofSeconds(50), limiter.tryAcquire("u1", "c1").orElseThrow().retryAfter(),
                "debt is at most one refill of the burst: four below zero");
    }
}
