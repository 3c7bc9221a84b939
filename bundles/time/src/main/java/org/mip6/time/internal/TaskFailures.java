package org.mip6.time.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts tasks that threw, and logs them at most once per second of wall-clock time (a task that
 * fails on every timer tick must not flood the log). A failing task never stops its scheduler.
 */
final class TaskFailures {

    private static final System.Logger LOG = System.getLogger("org.mip6.time");
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

    private final String scheduler;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private volatile long lastLog = System.nanoTime() - LOG_INTERVAL_NANOS;

    TaskFailures(String scheduler) {
        this.scheduler = scheduler;
    }

    void record(Throwable t) {
        count.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastLog >= LOG_INTERVAL_NANOS) {
            lastLog = now;
            long skipped = suppressed.getAndSet(0);
            LOG.log(Level.WARNING, "scheduler " + scheduler + ": a task threw (" + count.get() + " so far"
                    + (skipped > 0 ? ", " + skipped + " not logged" : "") + ")", t);
        } else {
            suppressed.incrementAndGet();
        }
    }

    long count() {
        return count.get();
    }
}
