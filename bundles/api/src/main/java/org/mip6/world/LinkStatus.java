package org.mip6.world;

import java.util.List;

/** A link of the running world with its parameters, attached ports and counters. */
public record LinkStatus(String name, long delayNanos, long jitterNanos, double loss, long bitsPerSecond, int mtu,
                         List<String> attached, long framesSent, long framesDelivered, long framesLost,
                         boolean capturing) {

    public LinkStatus {
        attached = List.copyOf(attached);
    }
}
