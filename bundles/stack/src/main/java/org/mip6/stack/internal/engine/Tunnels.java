package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mip6.net.AddressSlots;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * IPv6-in-IPv6 tunnel endpoints (RFC 2473) and the routes into them: what a home agent uses to reach
 * a mobile node at its care-of address (RFC 6275 §10.4) and a mobile node to reverse-tunnel (§11.3.1).
 * A home agent holds one tunnel bound to one inner source per binding, routed by a host route to that
 * same address; so a tunnel is six longs in an {@link AddressSlots} table keyed by its inner source
 * (inner source, remote end, last use, local end's index, generation, whether the host route to its
 * inner source is its), about 56 bytes with its index, and its id is its entry number and generation.
 * Unbound tunnels (a mobile node's few) are keyed by the unspecified address; other routes into
 * tunnels are in maps of their own.
 */
final class Tunnels {

    private static final int STRIDE = 6;
    private static final int REMOTE_HI = 2;
    private static final int REMOTE_LO = 3;
    private static final int LAST_USED = 4;
    /** Local end's index (bits 0-15), routed to its inner source (bit 16), other routes into it (32-63). */
    private static final int META = 5;
    private static final long SELF_ROUTED = 1L << 16;
    private static final int ENTRY_BITS = 24;
    private static final int MAX_ENTRIES = 1 << ENTRY_BITS;

    private final String node;
    private final AddressSlots slots = new AddressSlots(STRIDE);
    /** Per entry number: how often it was reused (the id's upper bits), so that an old id finds nothing. */
    private byte[] generation = new byte[16];
    private final List<Ipv6Address> locals = new ArrayList<>();
    private final Map<Ipv6Address, Integer> localIndex = new HashMap<>();
    private int bound;
    /** Self-routed tunnels per hash of their inner source's upper 64 bits (a home prefix, mostly): a
     * destination outside every such prefix is not looked up (a home agent's BAs to care-of addresses). */
    private final IntCounts selfRoutedPrefixes = new IntCounts();
    /** Host routes into a tunnel not bound to that address, by destination: tunnel id. */
    private final Map<Ipv6Address, Integer> hostRoutes = new HashMap<>();
    private final Map<Ipv6Prefix, Integer> prefixRoutes = new LinkedHashMap<>();
    /** Routes by source address (a mobile node's reverse tunnelling, RFC 6275 §11.3.1): source: tunnel id. */
    private final Map<Ipv6Address, Integer> sourceRoutes = new LinkedHashMap<>();

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
        Ipv6Address key = innerSource == null ? Ipv6Address.UNSPECIFIED : innerSource;
        int li = localIndex(local);
        for (int e = slots.find(key.high(), key.low()); e >= 0; e = slots.following(e)) {
            if (endpoints(e, li, remote)) {
                return id(e);
            }
        }
        if (slots.size() >= MAX_ENTRIES) {
            throw new IllegalStateException(node + " holds " + MAX_ENTRIES + " tunnels, the most it can");
        }
        int e = slots.add(key.high(), key.low());
        if (e >= generation.length) {
            generation = Arrays.copyOf(generation, Math.max(e + 1, generation.length + (generation.length >>> 2)));
        }
        long[] d = slots.data();
        int at = e * STRIDE;
        d[at + REMOTE_HI] = remote.high();
        d[at + REMOTE_LO] = remote.low();
        d[at + LAST_USED] = Long.MIN_VALUE;
        d[at + META] = li;
        if (innerSource != null) {
            bound++;
        }
        return id(e);
    }

    /** Reads where a tunnel bound to {@code innerSource} is or would be kept ({@link AddressSlots#prefetch}). */
    void prefetch(Ipv6Address innerSource) {
        slots.prefetch(innerSource.high(), innerSource.low());
    }

    private int localIndex(Ipv6Address local) {
        Integer i = localIndex.get(local);
        if (i == null) {
            if (locals.size() == 0xffff) {
                throw new IllegalStateException(node + ": too many local tunnel ends");
            }
            i = locals.size();
            locals.add(local);
            localIndex.put(local, i);
        }
        return i;
    }

    private boolean endpoints(int e, int localIndex, Ipv6Address remote) {
        long[] d = slots.data();
        int at = e * STRIDE;
        return (int) (d[at + META] & 0xffff) == localIndex && d[at + REMOTE_LO] == remote.low()
                && d[at + REMOTE_HI] == remote.high();
    }

    private boolean endpoints(int e, Ipv6Address local, Ipv6Address remote) {
        Integer li = localIndex.get(local);
        return li != null && endpoints(e, li, remote);
    }

    private int id(int e) {
        return (generation[e] & 0x7f) << ENTRY_BITS | e + 1;
    }

    /** The entry of tunnel {@code id}, or -1. */
    private int entry(int id) {
        int e = (id & MAX_ENTRIES - 1) - 1;
        return id > 0 && slots.isLive(e) && (generation[e] & 0x7f) == id >>> ENTRY_BITS ? e : -1;
    }

    private boolean isBound(int e) {
        return slots.high(e) != 0 || slots.low(e) != 0;
    }

    /** Removes a tunnel and the routes through it. */
    void remove(int id) {
        int e = entry(id);
        if (e < 0) {
            return;
        }
        long meta = slots.data()[e * STRIDE + META];
        if (meta >>> 32 != 0) {
            hostRoutes.values().removeIf(x -> x == id);
            prefixRoutes.values().removeIf(x -> x == id);
            sourceRoutes.values().removeIf(x -> x == id);
        }
        if (isBound(e)) {
            bound--;
        }
        if ((meta & SELF_ROUTED) != 0) {
            selfRoutedPrefixes.decrement(prefixKey(slots.high(e)));
        }
        slots.remove(e);
        generation[e]++;
    }

    void addRoute(Ipv6Prefix prefix, int id) {
        int e = entry(id);
        if (e < 0) {
            throw new IllegalArgumentException(node + " has no tunnel " + id);
        }
        removeRoute(prefix);
        if (prefix.length() == 128 && isBound(e) && slots.high(e) == prefix.address().high()
                && slots.low(e) == prefix.address().low()) {
            slots.data()[e * STRIDE + META] |= SELF_ROUTED; // the usual route of a bound tunnel: no map entry
            selfRoutedPrefixes.increment(prefixKey(slots.high(e)));
            return;
        }
        if (prefix.length() == 128) {
            hostRoutes.put(prefix.address(), id);
        } else {
            prefixRoutes.put(prefix, id);
        }
        slots.data()[e * STRIDE + META] += 1L << 32;
    }

    /** A route into tunnel {@code id} (null: none) went: one fewer on its entry's count. */
    private void uncount(Integer id) {
        int e = id == null ? -1 : entry(id);
        if (e >= 0) {
            slots.data()[e * STRIDE + META] -= 1L << 32;
        }
    }

    void removeRoute(Ipv6Prefix prefix) {
        Integer old;
        if (prefix.length() == 128) {
            Ipv6Address a = prefix.address();
            for (int e = slots.find(a.high(), a.low()); e >= 0; e = slots.following(e)) {
                if ((slots.data()[e * STRIDE + META] & SELF_ROUTED) != 0) {
                    slots.data()[e * STRIDE + META] &= ~SELF_ROUTED;
                    selfRoutedPrefixes.decrement(prefixKey(a.high()));
                }
            }
            old = hostRoutes.remove(a);
        } else {
            old = prefixRoutes.remove(prefix);
        }
        uncount(old);
    }

    /** What the node originates from {@code source} goes into tunnel {@code id} (unless a role decides). */
    void addSourceRoute(Ipv6Address source, int id) {
        int e = entry(id);
        if (e < 0) {
            throw new IllegalArgumentException(node + " has no tunnel " + id);
        }
        removeSourceRoute(source);
        sourceRoutes.put(Objects.requireNonNull(source, "source"), id);
        slots.data()[e * STRIDE + META] += 1L << 32;
    }

    void removeSourceRoute(Ipv6Address source) {
        uncount(sourceRoutes.remove(source));
    }

    /** The id of the tunnel what the node originates from {@code source} goes into, or 0 (a live one: {@link #remove}
     * takes a tunnel's routes with it). */
    int forSource(Ipv6Address source) {
        if (sourceRoutes.isEmpty()) {
            return 0;
        }
        Integer id = sourceRoutes.get(source);
        return id == null ? 0 : id;
    }

    /** The routes by source address: source, tunnel. */
    Map<Ipv6Address, Tunnel> sourceRoutes() {
        Map<Ipv6Address, Tunnel> out = new LinkedHashMap<>();
        sourceRoutes.forEach((s, id) -> out.put(s, get(id)));
        return out;
    }

    private static int prefixKey(long high) {
        return Long.hashCode(high);
    }

    /** Tunnel {@code id} as it is now, or null. */
    Tunnel get(int id) {
        int e = entry(id);
        return e < 0 ? null : tunnel(e);
    }

    private Tunnel tunnel(int e) {
        long[] d = slots.data();
        int at = e * STRIDE;
        return new Tunnel(id(e), locals.get((int) (d[at + META] & 0xffff)), Ipv6Address.of(d[at + REMOTE_HI], d[at + REMOTE_LO]),
                isBound(e) ? slots.address(e) : null, d[at + LAST_USED]);
    }

    List<Tunnel> all() {
        List<Tunnel> l = new ArrayList<>(slots.size());
        for (int e = slots.next(0); e >= 0; e = slots.next(e + 1)) {
            l.add(tunnel(e));
        }
        l.sort(java.util.Comparator.comparingInt(Tunnel::id));
        return l;
    }

    int size() {
        return slots.size();
    }

    /**
     * Every route into a tunnel, by prefix: bound tunnels' host routes to their inner source, then the others
     * (each names a live tunnel: {@link #remove} takes a tunnel's routes with it).
     */
    Map<Ipv6Prefix, Tunnel> routes() {
        Map<Ipv6Prefix, Tunnel> out = new LinkedHashMap<>();
        for (int e = slots.next(0); e >= 0; e = slots.next(e + 1)) {
            if ((slots.data()[e * STRIDE + META] & SELF_ROUTED) != 0) {
                out.put(Ipv6Prefix.of(slots.address(e), 128), tunnel(e));
            }
        }
        hostRoutes.forEach((a, id) -> out.put(Ipv6Prefix.of(a, 128), get(id)));
        prefixRoutes.forEach((p, id) -> out.put(p, get(id)));
        return out;
    }

    /** When tunnel {@code id} last carried a packet (node clock), or Long.MIN_VALUE if never or no such tunnel. */
    long lastUsed(int id) {
        int e = entry(id);
        return e < 0 ? Long.MIN_VALUE : slots.data()[e * STRIDE + LAST_USED];
    }

    void used(Tunnel t, long now) {
        int e = entry(t.id());
        if (e >= 0) {
            slots.data()[e * STRIDE + LAST_USED] = now;
        }
    }

    /** The tunnel of the longest tunnel route covering {@code dst}, or null. */
    Tunnel forDestination(Ipv6Address dst) {
        if (bound > 0 && selfRoutedPrefixes.contains(prefixKey(dst.high()))) {
            long[] d = slots.data();
            for (int e = slots.find(dst.high(), dst.low()); e >= 0; e = slots.following(e)) {
                if ((d[e * STRIDE + META] & SELF_ROUTED) != 0) {
                    return tunnel(e);
                }
            }
        }
        if (!hostRoutes.isEmpty()) {
            Integer id = hostRoutes.get(dst);
            if (id != null) {
                return get(id);
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
        return best == null ? null : get(prefixRoutes.get(best));
    }

    /**
     * RFC 2473 §3.2: an encapsulated packet is accepted from a configured peer to its local end; a
     * tunnel bound to one inner source (RFC 6275 §10.4.5) takes only that source, and sources of the other
     * routes into it (a mobile router's Mobile Network Prefixes, RFC 3963 §6.3). Marks it used.
     * WRONG_INNER_SOURCE: a tunnel between these endpoints exists, but none takes this inner source.
     */
    Acceptance accept(long now, Ipv6Address outerSource, Ipv6Address outerDestination, Ipv6Address innerSource) {
        Integer li = localIndex.get(outerDestination);
        if (li == null) {
            return bound == 0 ? Acceptance.NO_TUNNEL : Acceptance.WRONG_INNER_SOURCE;
        }
        if (bound > 0 && !innerSource.isUnspecified()) {
            for (int e = slots.find(innerSource.high(), innerSource.low()); e >= 0; e = slots.following(e)) {
                if (endpoints(e, li, outerSource)) {
                    slots.data()[e * STRIDE + LAST_USED] = now;
                    return Acceptance.ACCEPTED;
                }
            }
            int e = routedSource(innerSource, li, outerSource);
            if (e >= 0) {
                slots.data()[e * STRIDE + LAST_USED] = now;
                return Acceptance.ACCEPTED;
            }
        }
        for (int e = slots.find(0, 0); e >= 0; e = slots.following(e)) {
            if (endpoints(e, li, outerSource)) {
                slots.data()[e * STRIDE + LAST_USED] = now;
                return Acceptance.ACCEPTED;
            }
        }
        return bound == 0 ? Acceptance.NO_TUNNEL : Acceptance.WRONG_INNER_SOURCE;
    }

    /**
     * The entry of the bound tunnel with these endpoints that a packet to {@code source} would be routed into
     * ({@link #forDestination}: the way back to the source is this tunnel), or -1.
     */
    private int routedSource(Ipv6Address source, int li, Ipv6Address outerSource) {
        Tunnel t = forDestination(source);
        int e = t == null ? -1 : entry(t.id());
        return e >= 0 && isBound(e) && endpoints(e, li, outerSource) ? e : -1;
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
        for (int e = slots.find(0, 0); e >= 0; e = slots.following(e)) {
            if (endpoints(e, outerSource, outerDestination)) {
                return tunnel(e);
            }
        }
        return null;
    }
}
