package org.mip6.time;

/** Creates schedulers; the {@code time} bundle registers one as an OSGi service. */
public interface SchedulerFactory {

    /** A new scheduler in the given mode. The caller owns it and must {@link Scheduler#close()} it. */
    Scheduler create(TimeMode mode, String name);

    /** A new virtual-time scheduler whose clock starts at 0. */
    default VirtualScheduler createVirtual(String name) {
        return (VirtualScheduler) create(TimeMode.VIRTUAL, name);
    }

    /** The mode used when configuration does not say (the factory's configuration). */
    TimeMode defaultMode();
}
