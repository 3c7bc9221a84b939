package org.mip6.time;

/**
 * The time source of a node or network. Components read time here, never from {@code System}:
 * under a virtual-time scheduler it stands still between events.
 */
@FunctionalInterface
public interface Clock {

    /**
     * Monotonic time in nanoseconds since the clock's epoch (0 when a virtual-time scheduler starts;
     * the scheduler's creation for real time). Never decreases.
     */
    long nanos();

    default long millis() {
        return nanos() / 1_000_000L;
    }
}
