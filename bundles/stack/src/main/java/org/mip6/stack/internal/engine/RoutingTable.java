package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * Where a packet goes next (RFC 4861 §5.1-5.2 conceptual structures): the prefix list of each
 * interface, static routes, and the default router list; longest prefix match first, a default
 * router not known to be unreachable last.
 */
final class RoutingTable {

    static final Ipv6Prefix DEFAULT = Ipv6Prefix.parse("::/0");

    private final Interfaces ifaces;
    private final NeighborCache neighbors;
    private final List<Route> staticRoutes = new ArrayList<>();
    /** On-link prefixes per interface, with the instant their valid lifetime ends (MAX_VALUE: never). */
    private final List<Map<Ipv6Prefix, Long>> onLink = new ArrayList<>();
    /**
     * The on-link prefixes of static addresses, per interface: kept when the link goes down, and no RA times them out
     * or removes them (RFC 4861 §6.3.4 acts on prefixes that are the result of a previously received advertisement).
     */
    private final List<Set<Ipv6Prefix>> configuredOnLink = new ArrayList<>();
    private final List<DefaultRouter> defaultRouters = new ArrayList<>();
    /** The next default router to try when none is known reachable (§6.3.6 round robin). */
    private int roundRobin;
    /** The on-link prefixes of every interface as routes, rebuilt when the set changes (not per packet). */
    private Route[] onLinkRoutes = new Route[0];

    RoutingTable(Interfaces ifaces, NeighborCache neighbors) {
        this.ifaces = ifaces;
        this.neighbors = neighbors;
    }

    void addInterface() {
        onLink.add(new LinkedHashMap<>());
        configuredOnLink.add(new HashSet<>());
    }

    void addStaticRoute(Route r) {
        staticRoutes.add(r);
    }

    /** A static address's on-link prefix: it lasts as long as the interface, whatever RAs and link changes say. */
    void putConfiguredOnLink(int iface, Ipv6Prefix prefix) {
        configuredOnLink.get(iface).add(prefix);
        if (onLink.get(iface).put(prefix, Long.MAX_VALUE) == null) {
            rebuild();
        }
    }

    /**
     * Adds or refreshes an on-link prefix an RA gave (its valid lifetime's end, MAX_VALUE for infinity); returns
     * whether it was new on the interface. A configured prefix keeps its own lifetime.
     */
    boolean putOnLink(int iface, Ipv6Prefix prefix, long validUntil) {
        if (configuredOnLink.get(iface).contains(prefix)) {
            return false;
        }
        boolean added = onLink.get(iface).put(prefix, validUntil) == null;
        if (added) {
            rebuild();
        }
        return added;
    }

    private void rebuild() {
        List<Route> all = new ArrayList<>();
        for (int i = 0; i < onLink.size(); i++) {
            for (Ipv6Prefix p : onLink.get(i).keySet()) {
                all.add(new Route(p, i, null));
            }
        }
        onLinkRoutes = all.toArray(new Route[0]);
    }

    boolean isOnLink(int iface, Ipv6Prefix prefix) {
        return onLink.get(iface).containsKey(prefix);
    }

    /** An RA's Valid Lifetime 0: the prefix is no longer on-link, unless it is configured. */
    void removeOnLink(int iface, Ipv6Prefix prefix) {
        if (!configuredOnLink.get(iface).contains(prefix) && onLink.get(iface).remove(prefix) != null) {
            rebuild();
        }
    }

    /** PREFIX_LIFETIME: drops the prefix if its valid lifetime is over. */
    void expireOnLink(long now, int iface, Ipv6Prefix prefix) {
        Long until = onLink.get(iface).get(prefix);
        if (until != null && until <= now) {
            onLink.get(iface).remove(prefix);
            rebuild();
        }
    }

    /**
     * A router advertised itself: a new one joins the end of the list, a known one has its lifetime reset
     * where it is (RFC 4861 §6.3.4). It keeps its place: the first router learnt stays the one chosen while
     * it is reachable (as in Linux), so a router heard once (another host's RA replayed, a forged RA) does
     * not move ahead of one that keeps advertising.
     */
    void putDefaultRouter(DefaultRouter r) {
        for (int k = 0, n = defaultRouters.size(); k < n; k++) {
            DefaultRouter d = defaultRouters.get(k);
            if (d.iface() == r.iface() && d.address().equals(r.address())) {
                defaultRouters.set(k, r);
                return;
            }
        }
        defaultRouters.add(r);
    }

    void removeDefaultRouter(int iface, Ipv6Address router) {
        defaultRouters.removeIf(d -> d.address().equals(router) && d.iface() == iface);
    }

    /** ROUTER_LIFETIME: drops the router if its lifetime is over. */
    void expireDefaultRouter(long now, int iface, Ipv6Address router) {
        defaultRouters.removeIf(d -> d.address().equals(router) && d.iface() == iface && d.expires() <= now);
    }

    List<DefaultRouter> defaultRouters() {
        return List.copyOf(defaultRouters);
    }

    /** The Prefix List of {@code iface}: prefix and the instant its valid lifetime ends (MAX_VALUE: configured). */
    Map<Ipv6Prefix, Long> onLink(int iface) {
        return new LinkedHashMap<>(onLink.get(iface));
    }

    List<Route> staticRoutes() {
        return List.copyOf(staticRoutes);
    }

    /**
     * The link went down: what its routers told is forgotten, on-link prefixes of infinite lifetime too (on the next
     * link they may be anything but on-link); the configured ones stay.
     */
    void linkDown(int iface) {
        defaultRouters.removeIf(r -> r.iface() == iface);
        Set<Ipv6Prefix> configured = configuredOnLink.get(iface);
        if (onLink.get(iface).keySet().removeIf(p -> !configured.contains(p))) {
            rebuild();
        }
    }

    /**
     * RFC 4861 §6.3.6: a router that is reachable or probably reachable (a Neighbor Cache entry in any
     * state but INCOMPLETE) before one whose reachability is unknown or suspect (INCOMPLETE, or no entry);
     * when none is, each in turn (round robin), so that NUD probes them all. A router with no entry is not
     * preferred: a forged RA's router, never resolved, would otherwise be chosen again after every failed
     * resolution while a working router waited.
     */
    private Route defaultRoute() {
        for (int k = 0, n = defaultRouters.size(); k < n; k++) {
            DefaultRouter d = defaultRouters.get(k);
            Neighbor e = neighbors.get(d.iface(), d.address());
            if (e != null && e.state != NudState.INCOMPLETE) {
                return new Route(DEFAULT, d.iface(), d.address());
            }
        }
        DefaultRouter d = defaultRouters.get(Math.floorMod(roundRobin++, defaultRouters.size()));
        return new Route(DEFAULT, d.iface(), d.address());
    }

    /**
     * Whether {@link #lookup} finds a route for {@code dst} (an on-link prefix or a static route on an interface
     * that is up, or a default router), without choosing among the default routers.
     */
    boolean hasRoute(Ipv6Address dst) {
        return !defaultRouters.isEmpty() || longestMatch(dst) != null;
    }

    /** Longest-prefix match over on-link prefixes and static routes, then a default router. */
    Route lookup(Ipv6Address dst) {
        Route best = longestMatch(dst);
        if (best == null && !defaultRouters.isEmpty()) {
            return defaultRoute();
        }
        return best;
    }

    /** The longest on-link prefix or static route covering {@code dst} on an interface that is up, or null. */
    private Route longestMatch(Ipv6Address dst) {
        Route best = null;
        Route[] onLinkNow = onLinkRoutes;
        for (Route r : onLinkNow) { // per packet: no iterator, no allocation
            if (r.prefix().contains(dst) && ifaces.get(r.iface()).up
                    && (best == null || r.prefix().length() > best.prefix().length())) {
                best = r;
            }
        }
        for (int k = 0, n = staticRoutes.size(); k < n; k++) {
            Route r = staticRoutes.get(k);
            if (r.prefix().contains(dst) && ifaces.get(r.iface()).up
                    && (best == null || r.prefix().length() > best.prefix().length())) {
                best = r;
            }
        }
        return best;
    }
}
