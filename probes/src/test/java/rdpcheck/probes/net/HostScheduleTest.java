package rdpcheck.probes.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.Deadline;

class HostScheduleTest {

    @Test
    void newSchedule_startsWithTwoPlaces_andGrowsByOnePerAnswer_upToTheBound() throws Exception {
        HostSchedule schedule = new HostSchedule(4);
        assertEquals(2, schedule.window());
        schedule.answered();
        assertEquals(3, schedule.window());
        schedule.answered();
        schedule.answered();
        assertEquals(4, schedule.window());
    }

    @Test
    void crowdedHost_fallsBackToOneAtATime() {
        HostSchedule schedule = new HostSchedule(4);
        schedule.answered();
        schedule.answered();
        schedule.crowded();
        assertEquals(1, schedule.window());
    }

    @Test
    void boundOfOne_neverStartsWider() {
        assertEquals(1, new HostSchedule(1).window());
        assertThrows(IllegalArgumentException.class, () -> new HostSchedule(0));
    }

    @Test
    void acquire_whenTheWindowIsFull_givesUpAtTheDeadline_andCountsTheMostInFlight() throws Exception {
        HostSchedule schedule = new HostSchedule(4);
        Deadline soon = Deadline.after(Duration.ofMillis(50));
        assertTrue(schedule.acquire(soon));
        assertTrue(schedule.acquire(soon));
        assertFalse(schedule.acquire(soon), "a third place while the window is two");
        schedule.release();
        assertTrue(schedule.acquire(Deadline.after(Duration.ofSeconds(5))));
        assertEquals(2, schedule.mostInFlight());
        assertEquals(3, schedule.opened());
    }

    @Test
    void answer_wakesAWaitingConnection() throws Exception {
        HostSchedule schedule = new HostSchedule(4);
        schedule.acquire(Deadline.after(Duration.ofSeconds(5)));
        schedule.acquire(Deadline.after(Duration.ofSeconds(5)));
        Thread waiter = new Thread(() -> {
            try {
                schedule.acquire(Deadline.after(Duration.ofSeconds(30)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        schedule.answered();
        waiter.join(10_000);
        assertFalse(waiter.isAlive());
        assertEquals(3, schedule.mostInFlight());
    }
}
