package org.mip6.node;

import java.util.Objects;

import org.mip6.net.Ipv6Address;

/**
 * A Path MTU a node learnt from a Packet Too Big (RFC 8201 §4) for a destination it sends to: below the
 * link's MTU until it is forgotten, ten minutes after it was learnt (§5.3), when the link's MTU is tried again.
 */
public record PathMtuStatus(Ipv6Address destination, int mtu, long remainingNanos) {

    public PathMtuStatus {
        Objects.requireNonNull(destination, "destination");
    }
}
