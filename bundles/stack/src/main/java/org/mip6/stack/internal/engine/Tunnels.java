package org.mip6.stack.internal.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * IPv6-in-IPv6 tunnel endpoints (RFC 2473) and the routes into them: what a home agent uses to reach
 * a mobile node at its care-of address (RFC 6275 §10.4) and a mobile node to reverse-tunnel (§11.3.1).
 */
final class Tunnels {

    private final String node;
    private final Map<Integer, Tunnel> byId = new LinkedHashMap<>();
    private final Map<Ipv6Prefix, Integer> routes = new LinkedHashMap<>();
    private int nextId = 1;

    Tunnels(String node) {
        this.node = node;
    }

    int add(Ipv6Address local, Ipv6Address remote) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Tunnel t = new Tunnel(nextId++, local, remote);
        byId.put(t.id(), t);
        return t.id();
    }

    /** Removes a tunnel and the routes through it. */
    void remove(int id) {
        byId.remove(id);
        routes.values().removeIf(v -> v == id);
    }

    void addRoute(Ipv6Prefix prefix, int id) {
        if (!byId.containsKey(id)) {
            throw new IllegalArgumentException(node + " has no tunnel " + id);
        }
        routes.put(prefix, id);
    }

    void removeRoute(Ipv6Prefix prefix) {
        routes.remove(prefix);
    }

    Tunnel get(int id) {
        return byId.get(id);
    }

    List<Tunnel> all() {
        return List.copyOf(byId.values());
    }

    /** The tunnel of the longest tunnel route covering {@code dst}, or null. */
    Tunnel forDestination(Ipv6Address dst) {
        if (routes.isEmpty()) {
            return null;
        }
        Ipv6Prefix best = null;
        for (Ipv6Prefix pfx : routes.keySet()) {
            if (pfx.contains(dst) && (best == null || pfx.length() > best.length())) {
                best = pfx;
            }
        }
        return best == null ? null : byId.get(routes.get(best));
    }

    /** RFC 2473 §3.2: whether an encapsulated packet came from a configured peer to its local end. */
    boolean accepts(Ipv6Address outerSource, Ipv6Address outerDestination) {
        for (Tunnel t : byId.values()) {
            if (t.local().equals(outerDestination) && t.remote().equals(outerSource)) {
                return true;
            }
        }
        return false;
    }
}
