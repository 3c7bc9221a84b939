package org.mip6.netsim.internal.engine;

import java.util.Objects;

/**
 * Physical behaviour of a simulated Ethernet-like segment.
 *
 * @param name           link name (e.g. {@code home})
 * @param delayNanos     propagation delay added to every frame
 * @param jitterNanos    extra delay drawn uniformly from [0, jitter) per frame and receiver (may reorder)
 * @param loss           probability in [0, 1) that a receiver misses a frame
 * @param bitsPerSecond  serialisation rate of the shared medium; 0 means infinitely fast
 * @param mtu            largest IPv6 packet (bytes after the Ethernet header); larger frames are dropped
 */
public record LinkParameters(String name, long delayNanos, long jitterNanos, double loss, long bitsPerSecond, int mtu) {

    public LinkParameters {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("link name must not be blank");
        }
        if (delayNanos < 0 || jitterNanos < 0) {
            throw new IllegalArgumentException("link " + name + ": delay and jitter must be >= 0");
        }
        if (!(loss >= 0 && loss < 1)) {
            throw new IllegalArgumentException("link " + name + ": loss must be in [0, 1), got " + loss);
        }
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("link " + name + ": bandwidth must be >= 0");
        }
        if (mtu < 1280 || mtu > 65535) {
            throw new IllegalArgumentException("link " + name + ": MTU must be 1280..65535 (RFC 8200 §5), got " + mtu);
        }
    }

    /** An ideal link: no delay, loss or bandwidth limit, MTU 1500. */
    public static LinkParameters ideal(String name) {
        return new LinkParameters(name, 0, 0, 0, 0, 1500);
    }

    public LinkParameters withDelay(long nanos) {
        return new LinkParameters(name, nanos, jitterNanos, loss, bitsPerSecond, mtu);
    }

    public LinkParameters withJitter(long nanos) {
        return new LinkParameters(name, delayNanos, nanos, loss, bitsPerSecond, mtu);
    }

    public LinkParameters withLoss(double p) {
        return new LinkParameters(name, delayNanos, jitterNanos, p, bitsPerSecond, mtu);
    }

    public LinkParameters withBandwidth(long bps) {
        return new LinkParameters(name, delayNanos, jitterNanos, loss, bps, mtu);
    }

    public LinkParameters withMtu(int m) {
        return new LinkParameters(name, delayNanos, jitterNanos, loss, bitsPerSecond, m);
    }
}
