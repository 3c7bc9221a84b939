package org.mip6.time.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mip6.time.Timer;

/** Ordering and cancellation on the wall clock (no timing assertions: only order and outcome). */
class RealTimeSchedulerTest {

    @Test
    void equalDeadlinesKeepSchedulingOrderAndCancelledTasksNeverRun() throws InterruptedException {
        try (RealTimeScheduler s = new RealTimeScheduler("rt-test")) {
            List<Integer> ran = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            long deadline = s.nanos() + TimeUnit.MILLISECONDS.toNanos(50);
            Timer cancelled = null;
            for (int i = 0; i < 100; i++) {
                int id = i;
                Timer t = s.schedule(deadline, () -> ran.add(id));
                if (i == 40) {
                    cancelled = t;
                }
            }
            s.schedule(deadline + 1, done::countDown);
            assertTrue(cancelled.cancel());
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(99, ran.size());
            assertFalse(ran.contains(40));
            for (int i = 1; i < ran.size(); i++) {
                assertTrue(ran.get(i - 1) < ran.get(i));
            }
            assertEquals(0, s.pending());
        }
    }

    @Test
    void throwingTaskDoesNotStopTheThread() throws InterruptedException {
        try (RealTimeScheduler s = new RealTimeScheduler("rt-fail")) {
            CountDownLatch done = new CountDownLatch(1);
            s.execute(() -> {
                throw new IllegalStateException("boom");
            });
            s.execute(done::countDown);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(1, s.taskFailures());
        }
    }

    /** A reset closes a world's scheduler from another thread while a node's task runs: what it schedules is dropped, not a failure. */
    @Test
    void theTaskRunningWhenAnotherThreadClosesMayScheduleWhatIsDropped() throws InterruptedException {
        RealTimeScheduler s = new RealTimeScheduler("rt-close");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<org.mip6.time.Timer> added = new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        s.execute(() -> {
            running.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            added.set(s.scheduleAfter(0, () -> { }));
            done.countDown();
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        Thread closer = new Thread(s::close); // joins the scheduler's thread: the task is released meanwhile
        closer.start();
        while (s.pending() != 0 || closer.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(1);
        }
        closed.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        closer.join(10_000);
        assertEquals(0, s.taskFailures());
        assertTrue(added.get() != null && !added.get().isPending() && !added.get().cancel());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> s.execute(() -> { }));
    }
}
