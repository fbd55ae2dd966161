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

    @Test
    void poll_channelsTakeTurns_thenTheUsersWithinEach() {
        FairQueue<String> queue = new FairQueue<>();
        for (int user = 0; user < 3; user++) {
            for (int i = 0; i < 3; i++) {
                queue.add("busy", "u" + user, "busy-u" + user + "-" + i);
            }
        }
        queue.add("quiet", "q", "quiet-1");
        queue.add("quiet", "q", "quiet-2");
        java.util.List<String> order = new java.util.ArrayList<>();
        for (String item; (item = queue.poll()) != null; ) {
            order.add(item);
        }
        assertEquals(java.util.List.of("busy-u0-0", "quiet-1", "busy-u1-0", "quiet-2", "busy-u2-0", "busy-u0-1",
                "busy-u1-1", "busy-u2-1", "busy-u0-2", "busy-u1-2", "busy-u2-2"), order);
        assertEquals(0, queue.size());
    }

    @Test
    void remove_takesTheItemOutOfItsChannel() {
        FairQueue<String> queue = new FairQueue<>();
        queue.add("c1", "u", "a");
        queue.add("c2", "v", "b");
        assertEquals(true, queue.remove("c1", "u", "a"));
        assertEquals(false, queue.remove("c1", "u", "a"));
        assertEquals(1, queue.size());
        assertEquals("b", queue.poll());
        assertNull(queue.poll());
    }
}
