package org.mip6.node;

import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * A route of a node as its next-hop determination uses it (RFC 4861 §5.1-5.2): {@code origin} says which
 * conceptual list it comes from —
 * {@code on-link} (the Prefix List: an interface's configured prefix, or an RA's Prefix Information with the
 * L flag, until its valid lifetime ends), {@code static} (configured), {@code default-router} (the Default
 * Router List, prefix {@code ::/0}, from RAs, until the Router Lifetime ends) or {@code tunnel} (packets to the
 * prefix are encapsulated, RFC 2473: a home agent's host route to a home address; with a {@code source}, what
 * the node originates from that address, whatever its destination, unless a role's outbound handler decides:
 * a mobile node's reverse tunnelling from its home address, RFC 6275 §11.3.1).
 *
 * @param iface          the interface the route leaves by; -1 for a tunnel route
 * @param nextHop        the next hop; null on-link; a tunnel route's remote end
 * @param tunnel         a tunnel route's tunnel id, else -1
 * @param remainingNanos the lifetime left; -1 for as long as it is configured
 * @param routerState    a default router's Neighbor Cache state (RFC 4861 §7.3.2: INCOMPLETE, REACHABLE, STALE,
 *                       DELAY, PROBE; NONE without an entry), which §6.3.6 chooses by; null for other routes
 * @param source         the source address the route is for (a route by source); null for a route by destination
 */
public record RouteStatus(Ipv6Prefix prefix, String origin, int iface, Ipv6Address nextHop, int tunnel,
                          long remainingNanos, String routerState, Ipv6Address source) {

    /** A route by destination. */
    public RouteStatus(Ipv6Prefix prefix, String origin, int iface, Ipv6Address nextHop, int tunnel, long remainingNanos,
                       String routerState) {
        this(prefix, origin, iface, nextHop, tunnel, remainingNanos, routerState, null);
    }

    public static final String ON_LINK = "on-link";
    public static final String STATIC = "static";
    public static final String DEFAULT_ROUTER = "default-router";
    public static final String TUNNEL = "tunnel";

    public RouteStatus {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(origin, "origin");
    }
}
