package org.mip6.benchmarks;

import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

import org.mip6.time.Timer;
import org.mip6.time.internal.VirtualTimeScheduler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * 1 M timers with random deadlines over 10 s of virtual time; every other one is cancelled right after
 * it is scheduled (a retransmission timer stopped by its acknowledgement); then the queue runs dry.
 * Events = 1 M schedules + 0.5 M cancels + 0.5 M firings = 2 M per invocation, so the score is
 * events per second.
 *
 * <p>Baselines, same workload, same run: {@link PriorityQueue} and {@link DelayQueue} with lazy
 * cancellation (a cancelled flag, skipped when polled) -- the usual way to cancel in them, since their
 * {@code remove(Object)} is O(n) and would take hours for 0.5 M cancels out of 1 M.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SchedulerBenchmark {

    static final int TIMERS = 1_000_000;
    static final int EVENTS = TIMERS + TIMERS / 2 + TIMERS / 2;

    long[] deadlines;

    @Setup
    public void setup() {
        Random r = new Random(6275);
        deadlines = new long[TIMERS];
        for (int i = 0; i < TIMERS; i++) {
            deadlines[i] = (long) (r.nextDouble() * 10_000_000_000L);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long mip6VirtualTimeScheduler(Blackhole bh) {
        VirtualTimeScheduler s = new VirtualTimeScheduler("bench");
        long[] fired = new long[1];
        Runnable task = () -> fired[0]++;
        for (int i = 0; i < TIMERS; i++) {
            Timer t = s.schedule(deadlines[i], task);
            if ((i & 1) == 1) {
                t.cancel();
            }
        }
        s.runUntilIdle(Long.MAX_VALUE);
        bh.consume(s.nanos());
        return fired[0];
    }

    static final class Entry implements Delayed {
        final long deadline;
        final long seq;
        final Runnable task;
        final long[] virtualNow;
        boolean cancelled;

        Entry(long deadline, long seq, Runnable task, long[] virtualNow) {
            this.deadline = deadline;
            this.seq = seq;
            this.task = task;
            this.virtualNow = virtualNow;
        }

        @Override
        public int compareTo(Delayed o) {
            Entry e = (Entry) o;
            int c = Long.compare(deadline, e.deadline);
            return c != 0 ? c : Long.compare(seq, e.seq);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadline - virtualNow[0], TimeUnit.NANOSECONDS);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long priorityQueueLazyCancel(Blackhole bh) {
        PriorityQueue<Entry> q = new PriorityQueue<>();
        long[] now = new long[1];
        long[] fired = new long[1];
        Runnable task = () -> fired[0]++;
        for (int i = 0; i < TIMERS; i++) {
            Entry e = new Entry(Math.max(deadlines[i], now[0]), i, task, now);
            q.add(e);
            if ((i & 1) == 1) {
                e.cancelled = true;
            }
        }
        Entry e;
        while ((e = q.poll()) != null) {
            if (!e.cancelled) {
                now[0] = e.deadline;
                e.task.run();
            }
        }
        bh.consume(now[0]);
        return fired[0];
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long delayQueueLazyCancel(Blackhole bh) {
        DelayQueue<Entry> q = new DelayQueue<>();
        long[] now = new long[1];
        long[] fired = new long[1];
        Runnable task = () -> fired[0]++;
        for (int i = 0; i < TIMERS; i++) {
            Entry e = new Entry(Math.max(deadlines[i], now[0]), i, task, now);
            q.add(e);
            if ((i & 1) == 1) {
                e.cancelled = true;
            }
        }
        Entry e;
        while ((e = q.peek()) != null) {
            now[0] = Math.max(now[0], e.deadline); // advance virtual time to the head, then take it
            q.poll();
            if (!e.cancelled) {
                e.task.run();
            }
        }
        bh.consume(now[0]);
        return fired[0];
    }
}
