package org.mip6.role;

/**
 * A node's warnings about what it refused or dropped, at most one line a second per node; the lines left out
 * are counted in the next one (bad input is counted and logged, never flooding the log). Thread-safe.
 */
public final class RateLimitedLog {

    private final System.Logger log;
    private final String node;
    private long last = System.nanoTime() - 1_000_000_000L;
    private long suppressed;

    public RateLimitedLog(System.Logger log, String node) {
        this.log = log;
        this.node = node;
    }

    /** Logs "{@code node} {@code message}" at WARNING, unless a line went out less than a second ago. */
    public synchronized void warn(String message) {
        long wall = System.nanoTime();
        if (wall - last >= 1_000_000_000L) {
            log.log(System.Logger.Level.WARNING, node + " " + message
                    + (suppressed > 0 ? " (" + suppressed + " more since the last line)" : ""));
            last = wall;
            suppressed = 0;
        } else {
            suppressed++;
        }
    }
}
