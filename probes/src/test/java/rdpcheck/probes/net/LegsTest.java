package rdpcheck.probes.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.Deadline;

class LegsTest {

    /** A leg that answers "fail" the first {@code failures} times it runs, then "ok". */
    private static Callable<String> failing(int failures, AtomicInteger runs) {
        return () -> runs.incrementAndGet() <= failures ? "fail" : "ok";
    }

    @Test
    void legFailingNextToAnsweredSiblings_isRetriedAloneAndItsNewResultCounts() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        List<String> results = Legs.runAll(List.of(failing(0, first), failing(1, second)),
                Deadline.after(Duration.ofSeconds(5)), e -> null, "fail"::equals);
        assertEquals(List.of("ok", "ok"), results);
        assertEquals(1, first.get(), "an answered leg runs once");
        assertEquals(2, second.get(), "the failed one once more");
    }

    @Test
    void everyLegFailing_isTheServersAnswer_nothingIsRetried() throws Exception {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        List<String> results = Legs.runAll(List.of(failing(1, a), failing(1, b)),
                Deadline.after(Duration.ofSeconds(5)), e -> null, "fail"::equals);
        assertEquals(List.of("fail", "fail"), results);
        assertEquals(1, a.get());
        assertEquals(1, b.get());
    }

    @Test
    void legThatThrowsNextToAnsweredSiblings_isRetriedToo() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Callable<String> throwsOnce = () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first time");
            }
            return "ok";
        };
        List<String> results = Legs.runAll(List.of(() -> "ok", throwsOnce), Deadline.after(Duration.ofSeconds(5)),
                e -> null, "fail"::equals);
        assertEquals(List.of("ok", "ok"), results);
        assertEquals(2, runs.get());
    }
}
