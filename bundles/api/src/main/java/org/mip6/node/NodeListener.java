package org.mip6.node;

import org.mip6.net.Ipv6Address;

/**
 * What a node reports: to the world that built it and to any number of roles (through
 * {@link Node#addListener}, or registered as a service with the node's name in {@code mip6.node}).
 * Called on the node's scheduler thread.
 */
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

    /** An RA announced a prefix not seen on this interface before: a movement hint (RFC 6275 §11.5.1). */
    default void newPrefix(long nowNanos, int iface, org.mip6.net.Ipv6Prefix prefix, Ipv6Address router) {
    }

    /**
     * As {@link #newPrefix(long, int, org.mip6.net.Ipv6Prefix, Ipv6Address)}, with whether the RA's Router
     * Lifetime was not zero (RFC 4861 §4.2): a router that can be a default router, which a care-of
     * address's packets would leave through. The node calls this one; by default it calls the other.
     */
    default void newPrefix(long nowNanos, int iface, org.mip6.net.Ipv6Prefix prefix, Ipv6Address router,
                           boolean defaultRouter) {
        newPrefix(nowNanos, iface, prefix, router);
    }

    /** A default router stopped answering Neighbor Unreachability Detection: a movement hint (RFC 6275 §11.5.1). */
    default void routerUnreachable(long nowNanos, int iface, Ipv6Address router) {
    }

    /**
     * A host interface took in an RA from {@code router} (after the node's own processing of it), with
     * the interval of its Advertisement Interval option in milliseconds, or -1 without one: a mobile
     * node that misses the next one within that interval may have moved (RFC 6275 §7.3, §11.5.1).
     */
    default void routerAdvertised(long nowNanos, int iface, Ipv6Address router, long intervalMillis) {
    }

    /**
     * As {@link #routerAdvertised(long, int, Ipv6Address, long)}, with whether the RA's Router Lifetime was
     * not zero (RFC 4861 §4.2). The node calls this one; by default it calls the other.
     */
    default void routerAdvertised(long nowNanos, int iface, Ipv6Address router, long intervalMillis,
                                  boolean defaultRouter) {
        routerAdvertised(nowNanos, iface, router, intervalMillis);
    }

    /** Duplicate address detection found {@code address} in use by another node (RFC 4862 §5.4.5). */
    default void duplicateAddress(long nowNanos, int iface, Ipv6Address address) {
    }
}
