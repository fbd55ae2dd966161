package rdpcheck.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FairQueueTest {

    @Test
    void poll_ownersTakeTurns_eachInTheOrderTheirItemsCame() {
        FairQueue<String> queue = new FairQueue<>();
        queue.add("flood", "f1");
        queue.add("flood", "f2");
        queue.add("flood", "f3");
        queue.add("other", "o1");

        assertEquals("f1", queue.poll());
        assertEquals("o1", queue.poll());
        assertEquals("f2", queue.poll());
        assertEquals("f3", queue.poll());
        assertNull(queue.poll());
    }

    @Test
    void poll_ownerWhoseFirstItemWasTakenAtOnce_stillWaitsForNewcomer() {
        FairQueue<String> queue = new FairQueue<>();
        queue.add("flood", "f0");
        assertEquals("f0", queue.poll()); // a free worker took it before more came
        for (int i = 1; i < 30; i++) {
            queue.add("flood", "f" + i);
        }
        queue.add("other", "o1");

        assertEquals("o1", queue.poll(), "the flooding owner was served last; the newcomer goes next");
        assertEquals("f1", queue.poll());
    }

    @Test
    void poll_manyOwnersOnceEach_forgetsOnlyOwnersWithNothingWaiting() {
        FairQueue<String> queue = new FairQueue<>();
        queue.add("flood", "f0");
        queue.add("flood", "f1");
        assertEquals("f0", queue.poll());
        for (int i = 0; i <= FairQueue.REMEMBERED_OWNERS; i++) {
            queue.add("once" + i, "x" + i);
            assertEquals("x" + i, queue.poll(), "a never-served owner goes before flood, served once");
        }
        queue.add("late", "l1");
        assertEquals("l1", queue.poll(), "flood, still waiting, kept its turn through the forgetting");
        assertEquals("f1", queue.poll());
    }
}
