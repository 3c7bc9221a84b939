package org.mip6.stack.internal.engine;

/** A token bucket on the node's clock: a burst, then one token per interval (RFC 4443 §2.4(f), RFC 6275 §9.3.3). */
final class TokenBucket {

    private final int burst;
    private final long intervalNanos;
    private double tokens;
    private long at = Long.MIN_VALUE;

    TokenBucket(int burst, long intervalNanos) {
        this.burst = burst;
        this.intervalNanos = intervalNanos;
        this.tokens = burst;
    }

    /** Takes a token if there is one. */
    boolean take(long now) {
        if (at == Long.MIN_VALUE) {
            at = now;
        }
        tokens = Math.min(burst, tokens + (double) (now - at) / intervalNanos);
        at = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
