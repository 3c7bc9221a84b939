package org.mip6.time;

/** A scheduled task, as returned by {@link Scheduler#schedule}. */
public interface Timer {

    /** The absolute deadline, in the scheduler clock's nanoseconds. */
    long deadline();

    /**
     * Cancels the task if it has not run yet.
     *
     * @return true if this call stopped the task from running; false if it already ran or was cancelled
     */
    boolean cancel();

    /** True while the task is scheduled and neither ran nor was cancelled. */
    boolean isPending();
}
