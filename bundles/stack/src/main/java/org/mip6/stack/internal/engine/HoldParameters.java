package org.mip6.stack.internal.engine;

/**
 * How a node holds packets for a role that is being replaced (DESIGN §3): at most {@code capacity}
 * packets, each for at most {@code holdNanos} before it is answered as by a node without the role.
 */
public record HoldParameters(int capacity, long holdNanos) {

    /** 256 packets, 2 s: a bundle update takes tens of milliseconds. */
    public static final HoldParameters DEFAULT = new HoldParameters(256, 2_000_000_000L);

    public HoldParameters {
        if (capacity < 0 || capacity > 1_000_000) {
            throw new IllegalArgumentException("hold queue size must be 0..1000000, got " + capacity);
        }
        if (holdNanos < 0) {
            throw new IllegalArgumentException("hold time must not be negative");
        }
    }
}
