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
}
