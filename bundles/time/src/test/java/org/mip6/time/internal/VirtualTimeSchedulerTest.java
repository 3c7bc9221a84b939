package org.mip6.time.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mip6.time.Timer;

/** Timelines on virtual time. */
class VirtualTimeSchedulerTest {

    private final VirtualTimeScheduler s = new VirtualTimeScheduler("test");
    private final List<String> log = new ArrayList<>();

    private Runnable mark(String what) {
        return () -> log.add(what + "@" + s.nanos());
    }

    @Test
    void clockJumpsFromDeadlineToDeadline() {
        s.schedule(300, mark("c"));
        s.schedule(100, mark("a"));
        s.schedule(200, mark("b"));
        assertEquals(0, s.nanos());
        assertEquals(100, s.nextDeadline());
        assertEquals(2, s.runUntil(250));
        assertEquals(List.of("a@100", "b@200"), log);
        assertEquals(250, s.nanos(), "runUntil leaves the clock at its bound");
        assertEquals(1, s.runUntilIdle(10));
        assertEquals(List.of("a@100", "b@200", "c@300"), log);
        assertEquals(Long.MAX_VALUE, s.nextDeadline());
    }

    @Test
    void equalDeadlinesRunInSchedulingOrder() {
        // documented in Scheduler: FIFO by scheduling order
        for (int i = 0; i < 50; i++) {
            s.schedule(1000, mark("t" + i));
        }
        s.schedule(999, mark("early"));
        s.runUntilIdle(100);
        assertEquals("early@999", log.get(0));
        for (int i = 0; i < 50; i++) {
            assertEquals("t" + i + "@1000", log.get(i + 1));
        }
    }

    @Test
    void cancelledTimersNeverRun() {
        Timer a = s.schedule(10, mark("a"));
        Timer b = s.schedule(20, mark("b"));
        Timer c = s.schedule(20, mark("c"));
        assertTrue(b.cancel());
        assertFalse(b.cancel(), "second cancel is a no-op");
        assertFalse(b.isPending());
        assertTrue(a.isPending());
        assertEquals(2, s.pending());
        s.runUntilIdle(10);
        assertEquals(List.of("a@10", "c@20"), log);
        assertFalse(a.cancel(), "cancel after running reports false");
        assertFalse(c.isPending());
    }

    @Test
    void taskMayCancelALaterTaskOfTheSameInstant() {
        Timer[] later = new Timer[1];
        s.schedule(5, () -> {
            log.add("first");
            assertTrue(later[0].cancel());
        });
        later[0] = s.schedule(5, mark("second"));
        s.runUntilIdle(10);
        assertEquals(List.of("first"), log);
    }

    @Test
    void reentrantSchedulingAtTheSameInstantRunsAfterWhatIsAlreadyDue() {
        s.schedule(100, () -> {
            log.add("outer@" + s.nanos());
            s.schedule(s.nanos(), mark("inner"));
            s.scheduleAfter(0, mark("inner2"));
            s.schedule(50, mark("past")); // a past deadline means now
        });
        s.schedule(100, mark("sibling"));
        s.schedule(101, mark("next"));
        s.runUntilIdle(100);
        assertEquals(List.of("outer@100", "sibling@100", "inner@100", "inner2@100", "past@100", "next@101"), log);
    }

    @Test
    void runUntilIncludesTasksScheduledInsideTheWindow() {
        s.schedule(10, () -> s.scheduleAfter(5, mark("chained")));
        s.runUntil(15);
        assertEquals(List.of("chained@15"), log);
        s.schedule(20, () -> s.scheduleAfter(5, mark("beyond")));
        s.runUntil(24);
        assertEquals(1, log.size());
        assertEquals(24, s.nanos());
        s.runFor(Duration.ofNanos(1));
        assertEquals("beyond@25", log.get(1));
    }

    @Test
    void executeFromAnotherThreadJoinsAtTheCurrentInstant() throws InterruptedException {
        s.runUntil(500);
        Thread t = new Thread(() -> s.execute(mark("foreign")));
        t.start();
        t.join();
        s.schedule(600, mark("timer"));
        s.runUntilIdle(10);
        assertEquals(List.of("foreign@500", "timer@600"), log);
    }

    @Test
    void scheduledLastHoldsUntilAnythingElseIsScheduled() throws InterruptedException {
        Timer a = s.schedule(0, mark("a"));
        assertTrue(s.scheduledLast(a));
        Timer b = s.schedule(100, mark("b")); // later, in the heap: still after a in scheduling order
        assertFalse(s.scheduledLast(a));
        assertTrue(s.scheduledLast(b));
        assertTrue(b.cancel());
        assertFalse(s.scheduledLast(b), "a cancelled task takes nothing more");

        Timer c = s.schedule(100, mark("c"));
        Thread t = new Thread(() -> s.execute(mark("foreign")));
        t.start();
        t.join();
        assertTrue(s.scheduledLast(c), "a task handed over takes its place when the loop drains it");
        s.runUntil(0);
        assertEquals(List.of("a@0", "foreign@0"), log);
        assertFalse(s.scheduledLast(c), "the task handed over was scheduled after c");
        Timer d = s.schedule(100, mark("d"));
        s.runUntil(100);
        assertEquals(List.of("a@0", "foreign@0", "c@100", "d@100"), log);
        assertFalse(s.scheduledLast(d), "a task that ran takes nothing more");
        assertFalse(s.scheduledLast(new VirtualTimeScheduler("other").schedule(0, mark("x"))), "another scheduler's");
    }

    @Test
    void aThrowingTaskIsCountedAndTheLoopGoesOn() {
        s.schedule(1, () -> {
            throw new IllegalStateException("boom");
        });
        s.schedule(2, mark("after"));
        s.runUntilIdle(10);
        assertEquals(List.of("after@2"), log);
        assertEquals(1, s.taskFailures());
        assertEquals(2, s.tasksRun());
    }

    @Test
    void aTaskMayNotDriveItsOwnScheduler() {
        s.schedule(1, () -> s.runUntil(5));
        s.runUntilIdle(10);
        assertEquals(1, s.taskFailures());
    }

    @Test
    void runUntilIdleStopsAtTheGuard() {
        Runnable[] self = new Runnable[1];
        self[0] = () -> s.scheduleAfter(1, self[0]);
        s.schedule(0, self[0]);
        assertEquals(1000, s.runUntilIdle(1000));
        assertEquals(1, s.pending());
    }

    @Test
    void closeDropsPendingAndRejectsNewTasks() {
        s.schedule(10, mark("never"));
        s.close();
        assertEquals(0, s.pending());
        assertEquals(0, s.runUntilIdle(10));
        assertThrows(IllegalStateException.class, () -> s.schedule(20, mark("x")));
        assertThrows(IllegalStateException.class, () -> s.execute(mark("x")));
        assertTrue(log.isEmpty());
    }

    @Test
    void sameSchedulePlaysTheSameTimelineAgainstAReferenceModel() {
        // random schedule/cancel mix checked against a sorted-list model of (deadline, seq)
        Random rnd = new Random(42);
        List<long[]> model = new ArrayList<>();
        List<Timer> timers = new ArrayList<>();
        List<Long> ran = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long deadline = rnd.nextInt(5_000);
            long id = i;
            timers.add(s.schedule(deadline, () -> ran.add(id)));
            model.add(new long[] {deadline, id});
            if (rnd.nextInt(3) == 0) {
                int victim = rnd.nextInt(timers.size());
                if (timers.get(victim).cancel()) {
                    model.removeIf(m -> m[1] == victim);
                }
            }
        }
        model.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        s.runUntilIdle(Long.MAX_VALUE);
        assertEquals(model.size(), ran.size());
        for (int i = 0; i < model.size(); i++) {
            assertEquals(model.get(i)[1], ran.get(i), "position " + i);
        }
    }

    @Test
    void aBurstOfTasksDueAtOnceRunsInOrderAndTheNextBurstToo() {
        // 5,000 frames at one instant (the lane grows past its first size, then starts afresh)
        for (int round = 0; round < 2; round++) {
            List<Integer> ran = new ArrayList<>();
            s.schedule(s.nanos() + 7, mark("later"));
            for (int i = 0; i < 5_000; i++) {
                int id = i;
                Timer t = s.schedule(s.nanos(), () -> ran.add(id));
                if (i % 1000 == 999) {
                    assertTrue(t.cancel());
                }
            }
            assertEquals(4_996, s.pending());
            s.runUntil(s.nanos());
            assertEquals(4_995, ran.size());
            for (int k = 1; k < ran.size(); k++) {
                assertTrue(ran.get(k - 1) < ran.get(k), "in scheduling order");
            }
            assertEquals(1, s.pending(), "the later task waits");
            s.runUntilIdle(10);
        }
        assertEquals(List.of("later@7", "later@14"), log);
    }

    @Test
    void tasksDueAtOnceAndLaterOnesRunAsOneTimelineAgainstAReferenceModel() {
        // tasks that schedule more (due at once, in the past, or later) and cancel others, as frames on
        // an ideal link and protocol timers do; the same decisions against a model of (deadline, seq)
        List<String> real = new ArrayList<>();
        // the real run and the model share one decision function
        List<String> model = new ArrayList<>();
        runDecisions(new SchedulerUnderTest() {
            @Override public long now() { return s.nanos(); }
            @Override public int pending() { return s.pending(); }
            @Override public Object schedule(long at, Runnable t) { return s.schedule(at, t); }
            @Override public boolean cancel(Object timer) { return ((Timer) timer).cancel(); }
            @Override public void run() { s.runUntilIdle(Long.MAX_VALUE); }
        }, real);
        runDecisions(new ReferenceModel(), model);
        assertTrue(real.size() > 10_000, "the timeline ran " + real.size() + " tasks");
        for (int i = 0; i < Math.min(model.size(), real.size()); i++) {
            assertEquals(model.get(i), real.get(i), "step " + i);
        }
        assertEquals(model.size(), real.size());
    }

    private interface SchedulerUnderTest {
        long now();

        int pending();

        Object schedule(long at, Runnable task);

        boolean cancel(Object timer);

        void run();
    }

    /** Each task's choices follow from its number alone, so both runs make the same ones in the same order. */
    private static void runDecisions(SchedulerUnderTest t, List<String> log) {
        List<Object> timers = new ArrayList<>();
        int[] made = {0};
        java.util.function.IntFunction<Runnable>[] task = new java.util.function.IntFunction[1];
        task[0] = id -> () -> {
            log.add(id + "@" + t.now() + " pending " + t.pending());
            Random r = new Random(id);
            for (int k = r.nextInt(4); k > 0 && made[0] < 30_000; k--) {
                long at = switch (r.nextInt(3)) {
                    case 0 -> t.now();
                    case 1 -> t.now() - r.nextInt(10); // past: due at once
                    default -> t.now() + r.nextInt(20);
                };
                timers.add(t.schedule(at, task[0].apply(made[0]++)));
            }
            if (r.nextInt(4) == 0 && !timers.isEmpty()) {
                Object victim = timers.get(r.nextInt(timers.size()));
                log.add("cancel " + t.cancel(victim));
            }
        };
        for (int i = 0; i < 20; i++) {
            timers.add(t.schedule(i % 3, task[0].apply(made[0]++)));
        }
        t.run();
    }

    /** What the scheduler promises: earliest deadline first, a past one meaning now, ties in scheduling order. */
    private static final class ReferenceModel implements SchedulerUnderTest {
        private final java.util.TreeMap<long[], Runnable> queue = new java.util.TreeMap<>(
                (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        private long now;
        private long seq;

        @Override
        public long now() {
            return now;
        }

        @Override
        public int pending() {
            return queue.size();
        }

        @Override
        public Object schedule(long at, Runnable task) {
            long[] key = {Math.max(at, now), seq++};
            queue.put(key, task);
            return key;
        }

        @Override
        public boolean cancel(Object timer) {
            return queue.remove(timer) != null;
        }

        @Override
        public void run() {
            while (!queue.isEmpty()) {
                var first = queue.pollFirstEntry();
                now = first.getKey()[0];
                first.getValue().run();
            }
        }
    }
}
