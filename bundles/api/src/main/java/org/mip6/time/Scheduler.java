package org.mip6.time;

import java.time.Duration;

/**
 * Runs tasks at deadlines on one logical thread; the time contract of every mip6 component.
 *
 * <p>All tasks of one scheduler run one at a time, in deadline order; tasks with equal deadlines run
 * in the order they were scheduled (FIFO), so a task that schedules another at the current instant
 * sees it run after itself and after everything already due at that instant. A deadline in the past
 * is treated as "now". Engines therefore need no locks.
 *
 * <p>Two implementations exist, chosen by {@link TimeMode}: virtual time ({@link VirtualScheduler})
 * and real time.
 */
public interface Scheduler extends Clock, AutoCloseable {

    /** A name for logs and the shell (e.g. the network or node it drives). */
    String name();

    TimeMode mode();

    /**
     * Runs {@code task} when the clock reaches {@code deadlineNanos} (absolute, this clock's time).
     *
     * @throws IllegalStateException after {@link #close()}, except on the scheduler's own thread: a task
     *         still running when another thread closed it gets a timer that never runs (what it adds is
     *         dropped like every pending task)
     */
    Timer schedule(long deadlineNanos, Runnable task);

    /** Runs {@code task} after {@code delayNanos} (negative means now). */
    default Timer scheduleAfter(long delayNanos, Runnable task) {
        long now = nanos();
        long deadline = delayNanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + Math.max(0, delayNanos);
        return schedule(deadline, task);
    }

    default Timer scheduleAfter(Duration delay, Runnable task) {
        return scheduleAfter(saturatedNanos(delay), task);
    }

    /**
     * Runs {@code task} at the current instant, after what is already due. Unlike {@link #schedule},
     * this may be called from any thread: it is how a shell command or a live link hands work to the
     * scheduler's thread.
     */
    void execute(Runnable task);

    /**
     * Whether {@code timer} (one this scheduler returned) is pending and no task was scheduled after it,
     * here or by {@link #execute}: work added to its task then runs exactly where a task scheduled now
     * for the same deadline would run. A link uses it to deliver frames that arrive at one instant as
     * one burst without changing the order of anything. The default says no.
     */
    default boolean scheduledLast(Timer timer) {
        return false;
    }

    /** Number of tasks scheduled and neither run nor cancelled. */
    int pending();

    /** Stops the scheduler; pending tasks never run. Idempotent. */
    @Override
    void close();

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
