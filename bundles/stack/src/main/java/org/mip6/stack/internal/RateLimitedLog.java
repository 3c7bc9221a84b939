package org.mip6.stack.internal;

/** At most one warning a second per node; the lines left out are counted in the next one. */
final class RateLimitedLog {

    private final System.Logger log;
    private final String node;
    private long last = System.nanoTime() - 1_000_000_000L;
    private long suppressed;

    RateLimitedLog(System.Logger log, String node) {
        this.log = log;
        this.node = node;
    }

    synchronized void warn(String message) {
        suppressed++;
        long wall = System.nanoTime();
        if (wall - last >= 1_000_000_000L) {
            log.log(System.Logger.Level.WARNING, node + " " + message
                    + (suppressed > 1 ? " (" + (suppressed - 1) + " more since the last line)" : ""));
            last = wall;
            suppressed = 0;
        }
    }
}
