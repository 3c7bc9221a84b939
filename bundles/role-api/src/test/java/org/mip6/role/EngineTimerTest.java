package org.mip6.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import org.junit.jupiter.api.Test;
import org.mip6.time.Timer;

/** {@link EngineTimer} as timelines on a fake node clock (only {@code nanos} and {@code schedule} are used). */
class EngineTimerTest {

    /** The node's clock and scheduler: tasks in deadline order, what they threw kept. */
    final class Clock {
        long now;
        long seq;
        final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.deadline != b.deadline
                ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));
        final List<RuntimeException> failures = new ArrayList<>();
        long ran;

        final class Task implements Timer {
            final long deadline;
            final long seq;
            final Runnable run;
            boolean done;

            Task(long deadline, long seq, Runnable run) {
                this.deadline = deadline;
                this.seq = seq;
                this.run = run;
            }

            @Override
            public long deadline() {
                return deadline;
            }

            @Override
            public boolean cancel() {
                boolean was = !done;
                done = true;
                return was;
            }

            @Override
            public boolean isPending() {
                return !done;
            }
        }

        final RoleNode node = (RoleNode) Proxy.newProxyInstance(RoleNode.class.getClassLoader(),
                new Class<?>[] {RoleNode.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "nanos" -> now;
                    case "schedule" -> {
                        Task t = new Task((Long) args[0], seq++, (Runnable) args[1]);
                        tasks.add(t);
                        yield t;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        /** Runs tasks due until {@code until} (a bounded number: a timer that never lets the clock move on fails the test). */
        void runUntil(long until) {
            for (long k = 0; k < 10_000_000; k++) {
                Task t = tasks.peek();
                if (t == null || t.deadline > until) {
                    now = Math.max(now, until);
                    return;
                }
                tasks.poll();
                if (t.done) {
                    continue;
                }
                t.done = true;
                now = Math.max(now, t.deadline);
                ran++;
                try {
                    t.run.run();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            throw new AssertionError("the clock never got to " + until + " ns: stuck at " + now + " ns");
        }
    }

    final Clock clock = new Clock();

    @Test
    void anEngineIsWokenAtItsDeadlineAndALaterDeadlineKeepsTheTimerArmedEarlier() {
        long[] deadline = {5_000};
        List<Long> woken = new ArrayList<>();
        EngineTimer timer = new EngineTimer(clock.node, () -> deadline[0], now -> {
            woken.add(now);
            if (now >= deadline[0]) {
                deadline[0] = now + 10_000;
            }
        });
        timer.rearm();
        deadline[0] = 8_000; // a later deadline: the timer stays at 5 µs, wakes early, finds nothing due
        timer.rearm();
        clock.runUntil(20_000);
        assertEquals(List.of(5_000L, 8_000L, 18_000L), woken);
        assertEquals(List.of(), clock.failures);
    }

    @Test
    void manyThingsDueAtOneInstantAreWokenForOneAfterAnotherWithoutComplaint() {
        int[] due = {50_000};
        EngineTimer timer = new EngineTimer(clock.node, () -> due[0] > 0 ? 7_000 : Long.MAX_VALUE, now -> due[0]--);
        timer.rearm();
        clock.runUntil(1_000_000);
        assertEquals(0, due[0]);
        assertEquals(List.of(), clock.failures);
    }

    /**
     * An engine whose deadline stays in the past (it does not act on it) would wake the node at one instant for
     * ever: after STUCK_AFTER wake-ups the timer waits a millisecond and the wake-up throws, which the node's
     * scheduler counts and logs; the clock moves on, and the other tasks run.
     */
    @Test
    void aDeadlineTheEngineNeverActsOnIsReportedAndNoLongerHoldsTheClock() {
        long[] wakeUps = {0};
        EngineTimer timer = new EngineTimer(clock.node, () -> 1_000, now -> wakeUps[0]++);
        timer.rearm();
        boolean[] other = {false};
        clock.node.schedule(2_500_000, () -> other[0] = true);
        clock.runUntil(3_000_000);
        assertTrue(other[0], "the node's other tasks ran");
        assertEquals(3, clock.failures.size(), "at 1 µs, then 1 ms and 2 ms later: " + clock.failures);
        assertTrue(clock.failures.get(0).getMessage().contains("stayed at 1000 ns after 100000 wake-ups in a row at 1000 ns"),
                clock.failures.get(0).getMessage());
        assertEquals(3L * EngineTimer.STUCK_AFTER, wakeUps[0]);
        timer.close();
        clock.runUntil(10_000_000);
        assertEquals(3L * EngineTimer.STUCK_AFTER, wakeUps[0], "closed: no more wake-ups");
    }
}
