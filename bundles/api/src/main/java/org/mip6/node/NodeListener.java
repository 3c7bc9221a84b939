package org.mip6.node;

import org.mip6.net.Ipv6Address;

/** What a node reports to its owner. Called on the node's scheduler thread. */
public interface NodeListener {

    default void echoReply(long nowNanos, Ipv6Address from, int identifier, int sequence) {
    }

    /** An interface was attached to a link: a link-layer movement hint (RFC 6275 §11.5.1). */
    default void linkAttached(long nowNanos, int iface) {
    }

    /** An interface lost its link (detached). */
    default void linkDetached(long nowNanos, int iface) {
    }

    /** A UDP datagram arrived for this node. */
    default void udp(long nowNanos, Ipv6Address from, int sourcePort, int destinationPort, byte[] data) {
    }

    default void addressReady(long nowNanos, int iface, Ipv6Address address) {
    }

    default void newPrefix(long nowNanos, int iface, org.mip6.net.Ipv6Prefix prefix, Ipv6Address router) {
    }
}
