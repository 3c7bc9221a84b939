package org.mip6.stack.internal.engine;

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
 * Host routes (one per home address a home agent serves) are found by hash, so a home agent with a
 * million bindings intercepts at the cost of one lookup.
 */
final class Tunnels {

    /** A tunnel and when it last carried a packet either way. */
    private static final class Entry {
        final Tunnel tunnel;
        long lastUsed = Long.MIN_VALUE;

        Entry(Tunnel tunnel) {
            this.tunnel = tunnel;
        }
    }

    private final String node;
    private final Map<Integer, Entry> byId = new LinkedHashMap<>();
    /** Tunnels by (local, remote): several when mobile nodes share a care-of address. */
    private final Map<Endpoints, Object> byEndpoints = new HashMap<>();
    private final Map<Ipv6Address, Integer> hostRoutes = new HashMap<>();
    private final Map<Ipv6Prefix, Integer> prefixRoutes = new LinkedHashMap<>();
    private int nextId = 1;

    private record Endpoints(Ipv6Address local, Ipv6Address remote) {
    }

    /** What {@link #accept} found. */
    enum Acceptance { ACCEPTED, NO_TUNNEL, WRONG_INNER_SOURCE }

    Tunnels(String node) {
        this.node = node;
    }

    int add(Ipv6Address local, Ipv6Address remote, Ipv6Address innerSource) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Tunnel t = new Tunnel(nextId++, local, remote, innerSource);
        byId.put(t.id(), new Entry(t));
        byEndpoints.merge(new Endpoints(local, remote), t.id(), (a, b) -> merged(a, (Integer) b));
        return t.id();
    }

    private static Object merged(Object existing, Integer id) {
        if (existing instanceof Integer one) {
            return new int[] {one, id};
        }
        int[] a = (int[]) existing;
        int[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = id;
        return b;
    }

    /** Removes a tunnel and the routes through it. */
    void remove(int id) {
        Entry e = byId.remove(id);
        if (e == null) {
            return;
        }
        Endpoints k = new Endpoints(e.tunnel.local(), e.tunnel.remote());
        Object v = byEndpoints.get(k);
        if (v instanceof Integer one) {
            byEndpoints.remove(k);
        } else if (v instanceof int[] many) {
            int[] rest = java.util.Arrays.stream(many).filter(x -> x != id).toArray();
            byEndpoints.put(k, rest.length == 1 ? (Object) rest[0] : rest);
        }
        hostRoutes.values().removeIf(x -> x == id);
        prefixRoutes.values().removeIf(x -> x == id);
    }

    void addRoute(Ipv6Prefix prefix, int id) {
        if (!byId.containsKey(id)) {
            throw new IllegalArgumentException(node + " has no tunnel " + id);
        }
        if (prefix.length() == 128) {
            hostRoutes.put(prefix.address(), id);
        } else {
            prefixRoutes.put(prefix, id);
        }
    }

    void removeRoute(Ipv6Prefix prefix) {
        if (prefix.length() == 128) {
            hostRoutes.remove(prefix.address());
        } else {
            prefixRoutes.remove(prefix);
        }
    }

    Tunnel get(int id) {
        Entry e = byId.get(id);
        return e == null ? null : e.tunnel;
    }

    List<Tunnel> all() {
        return byId.values().stream().map(e -> e.tunnel).toList();
    }

    int size() {
        return byId.size();
    }

    /** When tunnel {@code id} last carried a packet (node clock), or Long.MIN_VALUE if never or no such tunnel. */
    long lastUsed(int id) {
        Entry e = byId.get(id);
        return e == null ? Long.MIN_VALUE : e.lastUsed;
    }

    void used(int id, long now) {
        Entry e = byId.get(id);
        if (e != null) {
            e.lastUsed = now;
        }
    }

    /** The tunnel of the longest tunnel route covering {@code dst}, or null. */
    Tunnel forDestination(Ipv6Address dst) {
        if (!hostRoutes.isEmpty()) {
            Integer id = hostRoutes.get(dst);
            if (id != null) {
                return byId.get(id).tunnel;
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
        return best == null ? null : byId.get(prefixRoutes.get(best)).tunnel;
    }

    /**
     * RFC 2473 §3.2: an encapsulated packet is accepted from a configured peer to its local end; a
     * tunnel bound to one inner source (RFC 6275 §10.4.5) takes only that source. Marks it used.
     */
    Acceptance accept(long now, Ipv6Address outerSource, Ipv6Address outerDestination, Ipv6Address innerSource) {
        Object v = byEndpoints.get(new Endpoints(outerDestination, outerSource));
        if (v == null) {
            return Acceptance.NO_TUNNEL;
        }
        if (v instanceof Integer one) {
            return acceptBy(one, now, innerSource);
        }
        for (int id : (int[]) v) {
            if (acceptBy(id, now, innerSource) == Acceptance.ACCEPTED) {
                return Acceptance.ACCEPTED;
            }
        }
        return Acceptance.WRONG_INNER_SOURCE;
    }

    private Acceptance acceptBy(int id, long now, Ipv6Address innerSource) {
        Entry e = byId.get(id);
        if (e.tunnel.innerSource() != null && !e.tunnel.innerSource().equals(innerSource)) {
            return Acceptance.WRONG_INNER_SOURCE;
        }
        e.lastUsed = now;
        return Acceptance.ACCEPTED;
    }

    /**
     * RFC 2473 §8: the tunnel an ICMPv6 error is about, when the packet it quotes is one this node
     * encapsulated (outer source our local end, destination the remote end), or null.
     */
    Tunnel encapsulatedBy(Ipv6Address outerSource, Ipv6Address outerDestination) {
        Object v = byEndpoints.get(new Endpoints(outerSource, outerDestination));
        if (v == null) {
            return null;
        }
        return byId.get(v instanceof Integer one ? one : ((int[]) v)[0]).tunnel;
    }
}
