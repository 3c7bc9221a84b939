package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.role.OutboundHandler;
import org.mip6.wire.Bytes;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Option;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation;

/**
 * Sending a packet (RFC 8200 §5, RFC 4861 §5.2): into a tunnel when a tunnel route covers the
 * destination (RFC 2473), else out of the interface the routing table picks, with a source chosen
 * when none was given (RFC 6724), within the link MTU, through address resolution.
 */
final class Outbound {

    /** Why a forwarded packet could not leave (NO_ROUTE, or TOO_BIG for a link of {@code mtu}): the forwarder answers it. */
    record Failure(Drop reason, int mtu) {
    }

    private static final Failure NO_ROUTE = new Failure(Drop.NO_ROUTE, 0);
    private static final int IPV6_HEADER = PacketCodec.IPV6_HEADER_LENGTH;

    private final Interfaces ifaces;
    private final RoutingTable routes;
    private final Tunnels tunnels;
    private final SourceAddressSelection sources;
    private final NeighborCache neighbors;
    private final NodeCounters counters;
    private final NodeEvents events;
    private final Ipsec ipsec;
    private final Emitter emitter;
    /** The Hop Limit of what this node originates while no RA set one (RFC 4861 §6.3.2 CurHopLimit). */
    static final int DEFAULT_HOP_LIMIT = 64;
    private RoleHandlers roles = RoleHandlers.NONE;
    /** RFC 7739 §5.3.3: buckets of Identification counters, each shared by the destinations that hash to it. */
    private static final int IDENTIFICATION_BUCKETS = 64;
    /** The two keys of {@link #fragmentIdentification}'s hashes (drawn from the node's seed). */
    private long identificationOffsetKey;
    private long identificationBucketKey;
    private final int[] identificationCounters = new int[IDENTIFICATION_BUCKETS];
    /** Path MTUs learnt from Packet Too Big (RFC 8201): destination → {MTU, when it is forgotten}; the oldest goes first. */
    private final Map<Ipv6Address, long[]> pathMtus = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Ipv6Address, long[]> eldest) {
            return size() > MAX_PATH_MTUS;
        }
    };
    private static final int MAX_PATH_MTUS = 1024;
    /** RFC 8201 §5.3: a Path MTU learnt is forgotten after 10 minutes (the link's MTU is tried again). */
    static final long PATH_MTU_LIFETIME_NANOS = 600_000_000_000L;

    /** A node's sending without IPsec (tests of the parts). */
    Outbound(Interfaces ifaces, RoutingTable routes, Tunnels tunnels, SourceAddressSelection sources,
             NeighborCache neighbors, NodeCounters counters, NodeEvents events) {
        this(ifaces, routes, tunnels, sources, neighbors, counters, events, new Ipsec(counters, events), new Emitter(counters));
    }

    Outbound(Interfaces ifaces, RoutingTable routes, Tunnels tunnels, SourceAddressSelection sources,
             NeighborCache neighbors, NodeCounters counters, NodeEvents events, Ipsec ipsec, Emitter emitter) {
        this.ifaces = ifaces;
        this.routes = routes;
        this.tunnels = tunnels;
        this.sources = sources;
        this.neighbors = neighbors;
        this.counters = counters;
        this.events = events;
        this.ipsec = ipsec;
        this.emitter = emitter;
    }

    /** The keys of this node's fragment Identifications (values drawn from the world's seed: same seed, same pcap). */
    void setFragmentIdentificationKeys(long offsetKey, long bucketKey) {
        identificationOffsetKey = offsetKey;
        identificationBucketKey = bucketKey;
    }

    /**
     * The Identification of the next packet from {@code src} to {@code dst} sent in fragments (RFC 8200 §4.5),
     * as RFC 7739 §5.3.3 recommends (RFC 6056's double-hash algorithm): a per-pair offset from a keyed hash,
     * plus a counter of the bucket another keyed hash puts the pair in. Successive packets to one destination
     * get successive values, and nobody off the path learns from its own fragments what another destination
     * gets (a single counter for all, as before, let any correspondent predict them, RFC 7739 §3).
     */
    long fragmentIdentification(Ipv6Address src, Ipv6Address dst) {
        long offset = keyedHash(identificationOffsetKey, src, dst);
        int bucket = (int) (keyedHash(identificationBucketKey, src, dst) >>> 58); // the top 6 bits: 64 buckets
        return (offset + identificationCounters[bucket]++) & 0xffff_ffffL;
    }

    private static long keyedHash(long key, Ipv6Address src, Ipv6Address dst) {
        long h = mix(key ^ src.high());
        h = mix(h ^ src.low());
        h = mix(h ^ dst.high());
        return mix(h ^ dst.low());
    }

    /** SplitMix64's finaliser (Steele, Lea, Flood 2014): every input bit moves about half the output bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * RFC 8201 §4: a Packet Too Big about a packet this node sent to {@code destination}: its Path MTU
     * is {@code mtu}, never below 1,280 (RFC 8200 §5) and never raised by such a message.
     */
    void learnPathMtu(long now, Ipv6Address destination, long mtu) {
        long m = Math.max(MIN_MTU, mtu);
        long[] e = pathMtus.get(destination);
        if (e != null && e[1] > now && e[0] <= m) {
            return;
        }
        pathMtus.put(destination, new long[] {m, now + PATH_MTU_LIFETIME_NANOS});
    }

    /** The Path MTUs learnt and not yet forgotten at {@code now}: destination → {MTU, when it is forgotten}. */
    Map<Ipv6Address, long[]> pathMtus(long now) {
        Map<Ipv6Address, long[]> out = new LinkedHashMap<>();
        pathMtus.forEach((d, e) -> {
            if (e[1] > now) {
                out.put(d, e.clone());
            }
        });
        return out;
    }

    /** The Path MTU to {@code destination}: the link's, or less when a Packet Too Big said so within 10 minutes. */
    int pathMtu(long now, Ipv6Address destination, int linkMtu) {
        if (pathMtus.isEmpty()) {
            return linkMtu;
        }
        long[] e = pathMtus.get(destination);
        if (e == null) {
            return linkMtu;
        }
        if (e[1] <= now) {
            pathMtus.remove(destination);
            return linkMtu;
        }
        return (int) Math.min(e[0], linkMtu);
    }

    void setRoles(RoleHandlers roles) {
        this.roles = roles == null ? RoleHandlers.NONE : roles;
    }

    RoleHandlers roles() {
        return roles;
    }

    /**
     * A packet the node's upper layers originate (echo, UDP, ICMPv6 errors): the role's
     * {@link OutboundHandler} chooses how it leaves (RFC 6275 §11.3.1, §9.3.2), else it is sent as is.
     */
    void originate(long now, Ipv6Packet p, int ifaceHint, List<Transmit> out) {
        OutboundHandler h = roles.outbound();
        if (h == null) {
            int t = tunnels.forSource(p.source()); // a mobile node's reverse tunnelling while its role is away
            if (t != 0 && !isTunnelled(p)) {
                sendThrough(now, t, p, out);
            } else {
                send(now, p, ifaceHint, true, out);
            }
            return;
        }
        OutboundHandler.Decision d;
        try {
            d = h.outbound(p);
        } catch (RuntimeException e) {
            counters.roleErrors++;
            events.roleError(now, HandlerKey.OUTBOUND, e);
            d = OutboundHandler.DIRECT;
        }
        if (d instanceof OutboundHandler.Decision.Rewrite r) {
            send(now, sourcedFor(p.destination(), r.packet(), ifaceHint), ifaceHint, true, out);
        } else if (d instanceof OutboundHandler.Decision.Tunnel t) {
            sendThrough(now, t.tunnel(), t.inner() != null ? t.inner() : p, out);
        } else if (d instanceof OutboundHandler.Decision.Drop) {
            counters.drop(Drop.ROLE_DROPPED, 1);
        } else {
            send(now, p, ifaceHint, true, out);
        }
    }

    /**
     * A rewritten packet whose source the handler left unspecified, now sent to another address (a care-of
     * address, with the Type 2 Routing Header holding {@code destination}): its source is selected for
     * {@code destination}, the packet's real destination (RFC 6724), not for the address it goes by.
     */
    private Ipv6Packet sourcedFor(Ipv6Address destination, Ipv6Packet q, int ifaceHint) {
        if (!q.source().isUnspecified() || q.destination().equals(destination) || !route(destination, ifaceHint)
                || routedIface == null) {
            return q;
        }
        Ipv6Address src = sources.select(routedIface, destination);
        return src == null ? q : new Ipv6Packet(q.trafficClass(), q.flowLabel(), q.hopLimit(), src, q.destination(),
                q.extensionHeaders(), q.payload());
    }

    /** Encapsulates {@code inner} into tunnel {@code id} (RFC 2473 §3.1); an unspecified inner source becomes the tunnel's local end. */
    void sendThrough(long now, int id, Ipv6Packet inner, List<Transmit> out) {
        Tunnel t = tunnels.get(id);
        if (t == null) {
            counters.drop(Drop.NO_TUNNEL, 1);
            return;
        }
        encapsulate(now, t, inner, true, out);
    }

    /**
     * A packet this node forwards into tunnel {@code id} (a multicast packet for a mobile node that listens through
     * its tunnel, RFC 6275 §10.4.2), its Hop Limit already decremented: not this node's to protect; one that would not
     * fit is dropped and counted {@code TOO_BIG} (RFC 2473 §7.1(a); no Packet Too Big is sent for it here).
     */
    void forwardThrough(long now, int id, Ipv6Packet p, List<Transmit> out) {
        Tunnel t = tunnels.get(id);
        if (t == null) {
            counters.drop(Drop.NO_TUNNEL, 1);
            return;
        }
        if (tooBigForTunnel(now, t, p) != null) {
            return; // counted TOO_BIG
        }
        encapsulate(now, t, p, false, out);
    }

    /**
     * {@code local}: this node originates the inner packet, which goes through its IPsec first (RFC 4301
     * §5.1: its own SAs with the inner destination, e.g. a mobile node's with a correspondent); a packet
     * being forwarded into the tunnel is not this node's to protect.
     */
    private void encapsulate(long now, Tunnel t, Ipv6Packet p, boolean local, List<Transmit> out) {
        if (p.source().isUnspecified()) {
            p = new Ipv6Packet(p.trafficClass(), p.flowLabel(), p.hopLimit(), t.local(), p.destination(),
                    p.extensionHeaders(), p.payload());
        }
        if (local) {
            p = ipsec.outbound(now, p, (at, q, o) -> encapsulate(at, t, q, true, o), out);
            if (p == null) {
                return;
            }
            // RFC 8201 for the inner packet: a Path MTU learnt for its destination (a Packet Too Big about it,
            // relayed back through the tunnel, RFC 2473 §8) holds it too: it leaves in fragments that fit
            // beyond the tunnel's far end, each tunnelled (as a mobile node's traffic from its home address)
            int pmtu = pathMtu(now, p.destination(), Integer.MAX_VALUE);
            if (pmtu != Integer.MAX_VALUE && PacketCodec.encodedLength(p) > pmtu) {
                List<Ipv6Packet> pieces = fragments(p, pmtu);
                for (int k = 0; pieces != null && k < pieces.size(); k++) {
                    tunnel(now, t, pieces.get(k), out);
                }
                return;
            }
        }
        tunnel(now, t, p, out);
    }

    private void tunnel(long now, Tunnel t, Ipv6Packet inner, List<Transmit> out) {
        counters.encapsulated++;
        tunnels.used(t, now);
        send(now, Ipv6Packet.of(t.local(), t.remote(), hopLimit(), new Payload.Tunnel(inner)), -1, true, out);
    }

    /** RFC 8200 §5: the IPv6 minimum link MTU. */
    private static final int MIN_MTU = 1280;

    /**
     * RFC 2473 §7.1: a packet being forwarded into tunnel {@code t} that would not fit the Path MTU toward
     * the tunnel's exit once encapsulated, and is larger than the IPv6 minimum MTU, is discarded and
     * answered with Packet Too Big carrying max(tunnel MTU, 1,280), the tunnel MTU being that Path MTU
     * less the tunnel's 40-byte header (a). A smaller one is encapsulated, and the tunnel packet, which
     * this node originates, leaves in fragments (b).
     */
    private Failure tooBigForTunnel(long now, Tunnel t, Ipv6Packet p) {
        if (!route(t.remote(), -1) || routedIface == null) {
            return null; // the tunnel packet's own send counts it
        }
        int mtu = pathMtu(now, t.remote(), routedIface.mtu);
        int len = PacketCodec.encodedLength(p);
        if (len + PacketCodec.IPV6_HEADER_LENGTH <= mtu || len <= MIN_MTU) {
            return null;
        }
        counters.drop(Drop.TOO_BIG, 1);
        return new Failure(Drop.TOO_BIG, Math.max(mtu - PacketCodec.IPV6_HEADER_LENGTH, MIN_MTU));
    }

    /** Where the last {@link #route} call sends: the interface (null when none is up) and the next hop. */
    Iface routedIface;
    Ipv6Address routedNextHop;

    /**
     * The routing decision (RFC 4861 §5.2): link-scope and multicast destinations leave on {@code ifaceHint}
     * (or the first interface up), others by the routing table. Sets {@link #routedIface} and
     * {@link #routedNextHop}; false when there is no route.
     */
    boolean route(Ipv6Address dst, int ifaceHint) {
        if (dst.isMulticast() || dst.isLinkLocal()) {
            routedIface = ifaceHint >= 0 ? ifaces.get(ifaceHint) : ifaces.firstUp();
            routedNextHop = dst;
            return true;
        }
        Route r = routes.lookup(dst);
        if (r == null) {
            return false;
        }
        routedIface = ifaces.get(r.iface());
        routedNextHop = r.nextHop() == null ? dst : r.nextHop();
        return true;
    }

    /**
     * Whether a packet to {@code dst} has somewhere to go now: link scope or multicast, a tunnel route, or a route
     * (RFC 4861 §5.2; with no default router nothing off the link is assumed on-link, RFC 5942).
     */
    boolean hasRoute(Ipv6Address dst) {
        return dst.isMulticast() || dst.isLinkLocal() || tunnels.forDestination(dst) != null || routes.hasRoute(dst);
    }

    /** Whether what the node originates from {@code source} has a route by source into a tunnel. */
    boolean tunnelledFrom(Ipv6Address source) {
        return tunnels.forSource(source) != 0;
    }

    /**
     * Whether upper-layer packets leave as they are: no outbound handler to ask (or one that leaves packets to
     * {@code dst} alone), no IPsec to consult (RFC 4301 §5.1), no tunnel route to {@code dst}.
     */
    boolean direct(Ipv6Address dst) {
        if (ipsec.active() || !dst.isLinkLocal() && tunnels.forDestination(dst) != null) {
            return false;
        }
        OutboundHandler h = roles.outbound();
        try {
            return h == null || h.direct(dst);
        } catch (RuntimeException e) {
            return false; // the general path asks the handler again, and counts what it throws
        }
    }

    /**
     * The next hop's link-layer address when a packet of {@code len} bytes this node originates to {@code dst}
     * can be framed now (a route out of an interface that is up, within its MTU and the Path MTU, a neighbour
     * that needs no resolution; sending to a STALE one starts NUD, RFC 4861 §7.3.3), leaving through
     * {@link #routedIface}; null otherwise.
     */
    MacAddress nextHopNow(long now, Ipv6Address dst, int ifaceHint, int len) {
        if (!route(dst, ifaceHint)) {
            return null;
        }
        Iface outIf = routedIface;
        if (outIf == null || !outIf.up || len > outIf.mtu || !pathMtus.isEmpty() && len > pathMtu(now, dst, outIf.mtu)) {
            return null;
        }
        return neighbors.macForSending(now, outIf, routedNextHop);
    }

    /**
     * A packet already encoded ({@code len} bytes at {@code off}, a well-formed IPv6 packet with its source
     * set), originated by this node: framed as it is when {@link #send} would send these very bytes at once
     * (no IPsec, no tunnel to its destination, a route out of an interface that is up, within its MTU, a
     * neighbour that needs no resolution); false otherwise, and nothing was done. {@code dst}: the bytes'
     * Destination Address.
     */
    boolean sendEncoded(long now, byte[] b, int off, int len, Ipv6Address dst, List<Transmit> out) {
        if (ipsec.active() || len < IPV6_HEADER || (b[off] & 0xf0) != 0x60 || Wire.u16(b, off + 4) != len - IPV6_HEADER
                || Wire.u64(b, off + 8) == 0 && Wire.u64(b, off + 16) == 0) { // the unspecified source: the caller's error
            return false;
        }
        if (dst.isMulticast() || dst.isLinkLocal() || dst.isUnspecified() || tunnels.forDestination(dst) != null) {
            return false;
        }
        MacAddress mac = nextHopNow(now, dst, -1, len);
        if (mac == null) {
            return false;
        }
        Iface outIf = routedIface;
        emitter.emitFrame(outIf, PacketCodec.ethernetFrame(mac, outIf.mac, b, off, len), out);
        return true;
    }

    /**
     * The Hop Limit of packets this node originates (RFC 4861 §6.3.2 CurHopLimit): the one an RA set on the first
     * interface that is up and had one (§6.3.4; a host has one interface in practice), else the node's default.
     */
    int hopLimit() {
        List<Iface> all = ifaces.all();
        for (int k = 0; k < all.size(); k++) {
            Iface i = all.get(k);
            if (i.up && i.curHopLimit != 0) {
                return i.curHopLimit;
            }
        }
        return DEFAULT_HOP_LIMIT;
    }

    /** An IPv6-in-IPv6 packet, decoded or forwarded unexamined. */
    static boolean isTunnelled(Ipv6Packet p) {
        return p.payload() instanceof Payload.Tunnel
                || p.payload() instanceof Payload.Opaque o && o.protocol() == Wire.IPV6;
    }

    /**
     * Sends {@code p}. {@code local}: this node originates it (an unspecified source is then filled in,
     * and failures are only counted); otherwise it is being forwarded and a failure is returned so that
     * the forwarder can answer it. {@code ifaceHint}: the interface for link-scope destinations (-1: the first up).
     *
     * @return null when the packet left or was queued for resolution
     */
    Failure send(long now, Ipv6Packet p, int ifaceHint, boolean local, List<Transmit> out) {
        Ipv6Address dst = p.destination();
        Tunnel t = dst.isMulticast() || dst.isLinkLocal() ? null : tunnels.forDestination(dst);
        if (t != null && !isTunnelled(p)) {
            Failure tooBig = local ? null : tooBigForTunnel(now, t, p);
            if (tooBig != null) {
                return tooBig;
            }
            encapsulate(now, t, p, local, out);
            return null;
        }
        if (!route(dst, ifaceHint)) {
            counters.drop(Drop.NO_ROUTE, 1);
            return local ? null : NO_ROUTE;
        }
        Iface outIf = routedIface;
        Ipv6Address nextHop = routedNextHop;
        if (outIf == null || !outIf.up) {
            counters.drop(Drop.DETACHED_SOURCE, 1);
            return null;
        }
        if (p.source().isUnspecified() && local && !(p.payload() instanceof Payload.Icmpv6 i
                && i.message() instanceof NeighborSolicitation)) {
            Ipv6Address src = sources.select(outIf, dst);
            if (src == null) {
                counters.drop(Drop.DETACHED_SOURCE, 1);
                return null;
            }
            p = new Ipv6Packet(p.trafficClass(), p.flowLabel(), p.hopLimit(), src, p.destination(),
                    p.extensionHeaders(), p.payload());
        }
        if (local) { // RFC 4301 §5.1: what this node originates (and tunnels) goes through its IPsec
            p = ipsec.outbound(now, p, (at, q, o) -> send(at, q, ifaceHint, true, o), out);
            if (p == null) {
                return null;
            }
        }
        int len = PacketCodec.encodedLength(p);
        int pmtu = local ? pathMtu(now, dst, outIf.mtu) : outIf.mtu;
        if (local && len > pmtu) {
            fragment(now, outIf, nextHop, p, pmtu, out);
            return null;
        }
        if (len > outIf.mtu) {
            counters.drop(Drop.TOO_BIG, 1);
            return new Failure(Drop.TOO_BIG, outIf.mtu);
        }
        neighbors.resolveAndSend(now, outIf, nextHop, p, out);
        return null;
    }

    /**
     * RFC 8200 §4.5: a packet this node originates that is longer than the Path MTU leaves in fragments of
     * one Identification: each carries the unfragmentable part (the IPv6 header, the Hop-by-Hop Options and
     * a Routing header with what precedes it; and, RFC 6275 §6.3, Destination Options with a Home Address
     * option, which go before a Fragment header), then a piece of the rest, a multiple of 8 octets but the last.
     */
    private void fragment(long now, Iface outIf, Ipv6Address nextHop, Ipv6Packet p, int mtu, List<Transmit> out) {
        List<Ipv6Packet> pieces = fragments(p, mtu);
        for (int k = 0; pieces != null && k < pieces.size(); k++) {
            neighbors.resolveAndSend(now, outIf, nextHop, pieces.get(k), out);
        }
    }

    /** {@code p} in fragments of at most {@code mtu} octets (as {@link #fragment} describes), or null (counted) when it may not be. */
    private List<Ipv6Packet> fragments(Ipv6Packet p, int mtu) {
        if (p.payload() instanceof Payload.Icmpv6 i && i.message().type() >= 133 && i.message().type() <= 137) {
            counters.drop(Drop.TOO_BIG, 1); // RFC 6980 §5: Neighbor Discovery is never fragmented
            return null;
        }
        List<ExtensionHeader> hs = p.extensionHeaders();
        int unfragmentable = 0;
        for (int k = 0; k < hs.size(); k++) {
            ExtensionHeader h = hs.get(k);
            if (h instanceof ExtensionHeader.Fragment) {
                counters.drop(Drop.TOO_BIG, 1); // a fragment already (never fragmented twice)
                return null;
            }
            if (h instanceof ExtensionHeader.HopByHopOptions || h instanceof ExtensionHeader.Type2RoutingHeader
                    || h instanceof ExtensionHeader.UnknownRoutingHeader
                    || h instanceof ExtensionHeader.DestinationOptions d
                    && d.options().stream().anyMatch(o -> o instanceof Ipv6Option.HomeAddress)) {
                unfragmentable = k + 1;
            }
        }
        byte[] b = PacketCodec.encode(p);
        int nhAt = 6;
        int q = IPV6_HEADER;
        for (int k = 0; k < unfragmentable; k++) {
            nhAt = q;
            q += ((b[q + 1] & 0xff) + 1) * 8;
        }
        int room = (mtu - q - 8) / 8 * 8;
        if (room < 8) {
            counters.drop(Drop.TOO_BIG, 1);
            return null;
        }
        int nextHeader = b[nhAt] & 0xff;
        long id = fragmentIdentification(p.source(), p.destination());
        List<ExtensionHeader> perFragment = hs.subList(0, unfragmentable);
        List<Ipv6Packet> out = new ArrayList<>();
        counters.fragmented++;
        for (int at = q; at < b.length; at += room) {
            int n = Math.min(room, b.length - at);
            List<ExtensionHeader> headers = new ArrayList<>(perFragment);
            headers.add(new ExtensionHeader.Fragment((at - q) / 8, at + n < b.length, id));
            counters.fragmentsSent++;
            out.add(new Ipv6Packet(p.trafficClass(), p.flowLabel(), p.hopLimit(), p.source(), p.destination(), headers,
                    new Payload.Opaque(nextHeader, Bytes.copyOf(b, at, n))));
        }
        return out;
    }
}
