package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * IPv6-in-IPv6 tunnel endpoints (RFC 2473) and the routes into them: what a home agent uses to reach
 * a mobile node at its care-of address (RFC 6275 §10.4) and a mobile node to reverse-tunnel (§11.3.1).
 * A home agent holds one tunnel bound to one inner source per binding, so those are found by hash
 * (host routes by destination, bound tunnels by inner source) and cost three map entries each; the
 * few unbound tunnels are found by their endpoints.
 */
final class Tunnels {

    private final String node;
    private final Map<Integer, Tunnel> byId = new HashMap<>();
    /** Tunnels bound to an inner source, by it; more than one only while a role replaces one. */
    private final Map<Ipv6Address, Object> bound = new HashMap<>();
    /** Unbound tunnels, in the order they were made. */
    private final List<Tunnel> unbound = new ArrayList<>();
    private final Map<Ipv6Address, Tunnel> hostRoutes = new HashMap<>();
    private final Map<Ipv6Prefix, Tunnel> prefixRoutes = new LinkedHashMap<>();
    private int nextId = 1;

    /** What {@link #accept} found. */
    enum Acceptance { ACCEPTED, NO_TUNNEL, WRONG_INNER_SOURCE }

    Tunnels(String node) {
        this.node = node;
    }

    /**
     * A tunnel between {@code local} and {@code remote} (bound to {@code innerSource} unless null). A
     * tunnel is its endpoints (RFC 2473): asking again for one that exists returns its id, so a role
     * that replaces another finds the data path it left.
     */
    int add(Ipv6Address local, Ipv6Address remote, Ipv6Address innerSource) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Tunnel same = innerSource == null ? unbound.stream().filter(u -> u.endpoints(local, remote)).findFirst().orElse(null)
                : boundWith(innerSource, local, remote);
        if (same != null) {
            return same.id();
        }
        Tunnel t = new Tunnel(nextId++, local, remote, innerSource);
        byId.put(t.id(), t);
        if (innerSource == null) {
            unbound.add(t);
        } else {
            bound.merge(innerSource, t, (a, b) -> {
                List<Tunnel> l = a instanceof Tunnel one ? new ArrayList<>(List.of(one)) : cast(a);
                l.add((Tunnel) b);
                return l;
            });
        }
        return t.id();
    }

    private Tunnel boundWith(Ipv6Address innerSource, Ipv6Address local, Ipv6Address remote) {
        Object v = bound.get(innerSource);
        if (v instanceof Tunnel one) {
            return one.endpoints(local, remote) ? one : null;
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (((Tunnel) o).endpoints(local, remote)) {
                    return (Tunnel) o;
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Tunnel> cast(Object o) {
        return (List<Tunnel>) o;
    }

    /** Removes a tunnel and the routes through it. */
    void remove(int id) {
        Tunnel t = byId.remove(id);
        if (t == null) {
            return;
        }
        if (t.innerSource() == null) {
            unbound.remove(t);
        } else {
            Object v = bound.get(t.innerSource());
            if (v == t) {
                bound.remove(t.innerSource());
            } else if (v instanceof List<?> l) {
                l.remove(t);
                if (l.size() == 1) {
                    bound.put(t.innerSource(), l.get(0));
                }
            }
            if (hostRoutes.get(t.innerSource()) == t) {
                hostRoutes.remove(t.innerSource()); // the usual route of a bound tunnel: no scan
                t.routes--;
            }
        }
        if (t.routes > 0) {
            hostRoutes.values().removeIf(x -> x == t);
            prefixRoutes.values().removeIf(x -> x == t);
        }
    }

    void addRoute(Ipv6Prefix prefix, int id) {
        Tunnel t = byId.get(id);
        if (t == null) {
            throw new IllegalArgumentException(node + " has no tunnel " + id);
        }
        Tunnel old = prefix.length() == 128 ? hostRoutes.put(prefix.address(), t) : prefixRoutes.put(prefix, t);
        if (old != null) {
            old.routes--;
        }
        t.routes++;
    }

    void removeRoute(Ipv6Prefix prefix) {
        Tunnel old = prefix.length() == 128 ? hostRoutes.remove(prefix.address()) : prefixRoutes.remove(prefix);
        if (old != null) {
            old.routes--;
        }
    }

    Tunnel get(int id) {
        return byId.get(id);
    }

    List<Tunnel> all() {
        List<Tunnel> l = new ArrayList<>(byId.values());
        l.sort(java.util.Comparator.comparingInt(Tunnel::id));
        return l;
    }

    int size() {
        return byId.size();
    }

    /** When tunnel {@code id} last carried a packet (node clock), or Long.MIN_VALUE if never or no such tunnel. */
    long lastUsed(int id) {
        Tunnel t = byId.get(id);
        return t == null ? Long.MIN_VALUE : t.lastUsed;
    }

    void used(Tunnel t, long now) {
        t.lastUsed = now;
    }

    /** The tunnel of the longest tunnel route covering {@code dst}, or null. */
    Tunnel forDestination(Ipv6Address dst) {
        if (!hostRoutes.isEmpty()) {
            Tunnel t = hostRoutes.get(dst);
            if (t != null) {
                return t;
            }
        }
        if (prefixRoutes.isEmpty()) {
            return null;
        }
        Ipv6Prefix best = null;
        for (Ipv6Prefix pfx : prefixRoutes.keySet()) {
            if (pfx.contains(dst) && (best == null || pfx.length() > best.length())) {
                best = pfx;
            }
        }
        return best == null ? null : prefixRoutes.get(best);
    }

    /**
     * RFC 2473 §3.2: an encapsulated packet is accepted from a configured peer to its local end; a
     * tunnel bound to one inner source (RFC 6275 §10.4.5) takes only that source. Marks it used.
     * WRONG_INNER_SOURCE: a tunnel between these endpoints exists, but none takes this inner source.
     */
    Acceptance accept(long now, Ipv6Address outerSource, Ipv6Address outerDestination, Ipv6Address innerSource) {
        Object v = bound.isEmpty() ? null : bound.get(innerSource);
        if (v instanceof Tunnel t && t.endpoints(outerDestination, outerSource)) {
            t.lastUsed = now;
            return Acceptance.ACCEPTED;
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                Tunnel t = (Tunnel) o;
                if (t.endpoints(outerDestination, outerSource)) {
                    t.lastUsed = now;
                    return Acceptance.ACCEPTED;
                }
            }
        }
        for (Tunnel t : unbound) {
            if (t.endpoints(outerDestination, outerSource)) {
                t.lastUsed = now;
                return Acceptance.ACCEPTED;
            }
        }
        return bound.isEmpty() ? Acceptance.NO_TUNNEL : Acceptance.WRONG_INNER_SOURCE;
    }

    /**
     * RFC 2473 §8: the tunnel an ICMPv6 error is about, when the packet it quotes is one this node
     * encapsulated (outer source our local end, destination the remote end, the inner destination
     * routed into it), or null.
     */
    Tunnel encapsulatedBy(Ipv6Address outerSource, Ipv6Address outerDestination, Ipv6Address innerDestination) {
        Tunnel t = forDestination(innerDestination);
        if (t != null && t.endpoints(outerSource, outerDestination)) {
            return t;
        }
        for (Tunnel u : unbound) {
            if (u.endpoints(outerSource, outerDestination)) {
                return u;
            }
        }
        return null;
    }
}
