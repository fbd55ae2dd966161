package rdpcheck.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FairQueueTest {

    @Test
    void poll_flooderServedWhileItsQueueWasEmpty_newcomerStillGoesFirst() {
        FairQueue<String> queue = new FairQueue<>();
        queue.add("flooder", "flood0");
        assertEquals("flood0", queue.poll()); // a worker took it before the rest of the flood arrived
        for (int i = 1; i < 30; i++) {
            queue.add("flooder", "flood" + i);
        }
        queue.add("newcomer", "mine");
        assertEquals("mine", queue.poll());
        assertEquals("flood1", queue.poll());
    }

    @Test
    void poll_manyOwnersPassingThrough_remembersABoundedNumber() {
        FairQueue<String> queue = new FairQueue<>();
        for (int i = 0; i < FairQueue.REMEMBERED_OWNERS * 3; i++) {
            queue.add("owner" + i, "item" + i);
            assertEquals("item" + i, queue.poll());
        }
        assertNull(queue.poll());
        queue.add("owner0", "again");
        queue.add("late", "new");
        // remembered, owner0 would wait behind the never-served newcomer; forgotten, the order they came decides
        assertEquals("again", queue.poll());
    }
}
