package org.mip6.time;

import java.time.Duration;

/**
 * A discrete-event scheduler: the clock stands still while a task runs and jumps to the next deadline
 * between tasks. Nothing runs until a caller drives it with one of the {@code run…} methods, on the
 * caller's thread; {@link #schedule} and {@link Timer#cancel} must be called from that thread (or
 * while no run is in progress). {@link #execute} is safe from any thread.
 *
 * <p>Deterministic: the same schedule calls produce the same order of execution, always.
 */
public interface VirtualScheduler extends Scheduler {

    /**
     * Runs every task with a deadline up to and including {@code deadlineNanos}, then sets the clock
     * to {@code deadlineNanos} (if later than now).
     *
     * @return the number of tasks run
     */
    long runUntil(long deadlineNanos);

    default long runFor(Duration d) {
        long now = nanos();
        long dn = Scheduler.saturatedNanos(d);
        return runUntil(dn > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + dn);
    }

    /**
     * Runs tasks until none is left, or until {@code maxTasks} have run (a guard against a task that
     * keeps rescheduling itself).
     *
     * @return the number of tasks run
     */
    long runUntilIdle(long maxTasks);

    /** Runs the next due task (the earliest deadline), advancing the clock to it. False when none is pending. */
    boolean step();

    /** The earliest pending deadline, or {@link Long#MAX_VALUE} when nothing is pending. */
    long nextDeadline();

    /** Total tasks run since creation. */
    long tasksRun();
}
