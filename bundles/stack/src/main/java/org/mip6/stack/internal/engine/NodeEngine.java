package org.mip6.stack.internal.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

import org.mip6.net.InterfaceIdentifiers;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.net.MacAddress;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.Reaction;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.Icmpv6Message.EchoReply;
import org.mip6.wire.icmp.Icmpv6Message.EchoRequest;
import org.mip6.wire.icmp.Icmpv6Message.NeighborAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation;
import org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.RouterSolicitation;
import org.mip6.wire.icmp.NdOption;

/**
 * A user-space IPv6 node as a sans-IO engine: Neighbor Discovery (RFC 4861: NS/NA, neighbour cache
 * with NUD), duplicate address detection and SLAAC (RFC 4862), router advertisements with the MIPv6
 * options (RFC 6275 §7), forwarding with hop-limit handling and ICMPv6 errors (RFC 4443), and an
 * echo responder. Every entry point takes {@code now} and returns the frames to transmit; the host
 * arms one timer at {@link #nextDeadline()} and calls {@link #onTimer}. Not thread-safe: one
 * scheduler thread drives it.
 */
public final class NodeEngine {

    /** A frame to send on interface {@code iface}. */
    public record Transmit(int iface, byte[] frame) {
    }

    /** The engine's timers: a closed set. */
    public enum TimerKind {
        /** A DAD probe is due, or DAD of an address completes. */
        DAD,
        /** Retransmit a multicast NS for an INCOMPLETE neighbour, or a unicast NS in PROBE. */
        NS_RETRANSMIT,
        /** REACHABLE ran out: the entry becomes STALE. */
        REACHABLE_EXPIRY,
        /** DELAY ran out: start probing. */
        DELAY_PROBE,
        /** Next unsolicited router advertisement. */
        RA_UNSOLICITED,
        /** Next router solicitation. */
        RS_RETRANSMIT,
        /** A default router's or prefix's lifetime ran out. */
        LIFETIME
    }

    /** Address states of RFC 4862 (DEPRECATED is not modelled: preferred lifetime ends with validity). */
    public enum AddressState { TENTATIVE, PREFERRED, DUPLICATE }

    /** Neighbour Unreachability Detection states (RFC 4861 §7.3.2). */
    public enum NudState { INCOMPLETE, REACHABLE, STALE, DELAY, PROBE }

    /** Things the node reports to whoever drives it (movement detection, ping, traffic). All default to no-ops. */
    public interface Events {
        default void addressReady(long now, int iface, Ipv6Address address) {
        }

        default void duplicateAddress(long now, int iface, Ipv6Address address) {
        }

        /** An RA announced a prefix not seen on this interface before (RFC 6275 §11.5.1 movement hint). */
        default void newPrefix(long now, int iface, Ipv6Prefix prefix, Ipv6Address router) {
        }

        default void routerUnreachable(long now, int iface, Ipv6Address router) {
        }

        /** A frame did not decode (counted in {@link NodeEngine#decodeErrors()}; the RFC reaction is already sent). */
        default void decodeError(long now, int iface, DecodeException error) {
        }

        /** The interface was attached to a link (a link-layer movement hint, RFC 6275 §11.5.1). */
        default void linkUp(long now, int iface) {
        }

        /** The interface lost its link. */
        default void linkDown(long now, int iface) {
        }

        default void echoReply(long now, Ipv6Address from, int identifier, int sequence, Bytes data) {
        }

        default void udp(long now, Ipv6Packet packet, Payload.Udp datagram) {
        }

        /** An ICMPv6 error arrived for something this node sent. */
        default void icmpError(long now, Ipv6Packet packet, Icmpv6Message error) {
        }
    }

    /** Why a packet was not delivered or forwarded: counted, never silent. */
    public enum Drop {
        NOT_FOR_US, HOP_LIMIT_NOT_255, NO_ROUTE, ADDRESS_UNREACHABLE, QUEUE_FULL, TOO_BIG, NOT_FORWARDING,
        UNHANDLED, DETACHED_SOURCE, NO_TUNNEL, ICMP_ERROR_RATE_LIMITED
    }

    /** A unicast address on an interface. */
    public static final class AddressEntry {
        final Ipv6Address address;
        final int prefixLength;
        AddressState state;
        int probesLeft;
        long deadline = Long.MAX_VALUE;
        final boolean autoconfigured;
        long validUntil;

        AddressEntry(Ipv6Address address, int prefixLength, boolean autoconfigured, long validUntil) {
            this.address = address;
            this.prefixLength = prefixLength;
            this.autoconfigured = autoconfigured;
            this.validUntil = validUntil;
        }

        public Ipv6Address address() {
            return address;
        }

        public int prefixLength() {
            return prefixLength;
        }

        public AddressState state() {
            return state;
        }

        public boolean autoconfigured() {
            return autoconfigured;
        }
    }

    /** A neighbour cache entry. */
    public static final class Neighbor {
        final Ipv6Address address;
        MacAddress mac;
        NudState state;
        boolean router;
        int probes;
        long deadline = Long.MAX_VALUE;
        final ArrayDeque<Ipv6Packet> queue = new ArrayDeque<>();

        Neighbor(Ipv6Address address) {
            this.address = address;
        }

        public Ipv6Address address() {
            return address;
        }

        public MacAddress mac() {
            return mac;
        }

        public NudState state() {
            return state;
        }

        public boolean router() {
            return router;
        }
    }

    /** A default router learned from RAs. */
    public record DefaultRouter(Ipv6Address address, int iface, long expires) {
    }

    /** An IPv6-in-IPv6 tunnel (RFC 2473) between two addresses; roles set them up (RFC 6275 §10.4, §11.3.1). */
    public record Tunnel(int id, Ipv6Address local, Ipv6Address remote) {
    }

    /** A route: packets to {@code prefix} leave on {@code iface} to {@code nextHop} (null: on-link). */
    public record Route(Ipv6Prefix prefix, int iface, Ipv6Address nextHop) {
    }

    final class Iface {
        final int index;
        final MacAddress mac;
        final long interfaceId;
        final RouterConfig router;
        final List<AddressEntry> addresses = new ArrayList<>();
        final Map<Ipv6Address, Neighbor> neighbors = new LinkedHashMap<>();
        final Map<Ipv6Prefix, Long> onLinkPrefixes = new LinkedHashMap<>();
        final Set<Ipv6Address> proxied = new HashSet<>();
        boolean up;
        int mtu = 1500;
        long nextRa = Long.MAX_VALUE;
        long nextRs = Long.MAX_VALUE;
        int rsLeft;
        boolean raSeen;

        Iface(int index, MacAddress mac, RouterConfig router) {
            this.index = index;
            this.mac = mac;
            this.interfaceId = InterfaceIdentifiers.eui64(mac);
            this.router = router;
        }

        Ipv6Address linkLocal() {
            return Ipv6Address.linkLocal(interfaceId);
        }
    }

    private record TimerEntry(long deadline, long seq, TimerKind kind, int iface, Object key)
            implements Comparable<TimerEntry> {
        @Override
        public int compareTo(TimerEntry o) {
            return deadline != o.deadline ? Long.compare(deadline, o.deadline) : Long.compare(seq, o.seq);
        }
    }

    /** The UDP echo service port (RFC 862). */
    public static final int UDP_ECHO_PORT = 7;

    private final String name;
    private final boolean forwarding;
    private final NdParameters nd;
    private final SplittableRandom random;
    private final List<Iface> ifaces = new ArrayList<>();
    private final List<Route> staticRoutes = new ArrayList<>();
    private final Map<Integer, Tunnel> tunnels = new LinkedHashMap<>();
    private final Map<Ipv6Prefix, Integer> tunnelRoutes = new LinkedHashMap<>();
    private int nextTunnelId = 1;
    private long encapsulated;
    private long decapsulated;
    /** RFC 4443 §2.4(f) token bucket for the ICMPv6 errors this node originates. */
    static final int ICMP_ERROR_BURST = 10;
    static final long ICMP_ERROR_INTERVAL_NANOS = 100_000_000L; // one token every 100 ms: 10 per second
    private double icmpTokens = ICMP_ERROR_BURST;
    private long icmpTokensAt = Long.MIN_VALUE;
    private final List<DefaultRouter> defaultRouters = new ArrayList<>();
    private final PriorityQueue<TimerEntry> timers = new PriorityQueue<>();
    private final Map<DecodeReason, Long> decodeErrors = new EnumMap<>(DecodeReason.class);
    private final Map<Drop, Long> drops = new EnumMap<>(Drop.class);
    private long timerSeq;
    private long sent;
    private long received;
    private long forwarded;
    private int hopLimit = 64;
    private Events events = new Events() {
    };

    public NodeEngine(String name, boolean forwarding, NdParameters nd, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        this.forwarding = forwarding;
        this.nd = Objects.requireNonNull(nd, "nd");
        this.random = new SplittableRandom(seed ^ name.hashCode());
    }

    public String name() {
        return name;
    }

    public void setEvents(Events events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    // =============================================================================================
    // Configuration

    /** Adds an interface (router interfaces advertise with {@code router}; hosts pass null). Returns its index. */
    public int addInterface(MacAddress mac, RouterConfig router) {
        Iface i = new Iface(ifaces.size(), mac, router);
        ifaces.add(i);
        i.addresses.add(new AddressEntry(i.linkLocal(), 64, false, Long.MAX_VALUE));
        return i.index;
    }

    /** A static address; it goes through DAD when the interface comes up (or at once if it is up). */
    public List<Transmit> addAddress(long now, int iface, Ipv6Prefix prefix, Ipv6Address address) {
        Iface i = iface(iface);
        if (!prefix.contains(address)) {
            throw new IllegalArgumentException(address + " is outside its prefix " + prefix);
        }
        AddressEntry e = new AddressEntry(address, prefix.length(), false, Long.MAX_VALUE);
        i.addresses.add(e);
        i.onLinkPrefixes.put(prefix, Long.MAX_VALUE);
        List<Transmit> out = new ArrayList<>();
        if (i.up) {
            startDad(now, i, e, out);
        }
        return out;
    }

    public void addRoute(Ipv6Prefix prefix, int iface, Ipv6Address nextHop) {
        iface(iface);
        staticRoutes.add(new Route(prefix, iface, nextHop));
    }

    /** Answer NS for {@code address} on {@code iface} with our MAC (RFC 6275 §10.4.1 proxy ND for home addresses). */
    public List<Transmit> addProxy(long now, int iface, Ipv6Address address) {
        Iface i = iface(iface);
        i.proxied.add(address);
        // unsolicited NA with the Override flag, to all-nodes (RFC 6275 §10.4.1)
        List<Transmit> out = new ArrayList<>();
        Ipv6Address src = sourceFor(i, Ipv6Address.ALL_NODES);
        if (i.up && src != null) {
            sendIcmp(now, i, src, Ipv6Address.ALL_NODES, 255, new NeighborAdvertisement(i.router != null, false, true,
                    address, List.of(new NdOption.TargetLinkLayerAddress(i.mac))), out);
        }
        return out;
    }

    /** Creates a tunnel endpoint; returns its id. */
    public int addTunnel(Ipv6Address local, Ipv6Address remote) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Tunnel t = new Tunnel(nextTunnelId++, local, remote);
        tunnels.put(t.id(), t);
        return t.id();
    }

    /** Removes a tunnel and the routes through it. */
    public void removeTunnel(int id) {
        tunnels.remove(id);
        tunnelRoutes.values().removeIf(v -> v == id);
    }

    /** Packets to {@code prefix} (a /128 for one address) are encapsulated into tunnel {@code id}. */
    public void addTunnelRoute(Ipv6Prefix prefix, int id) {
        if (!tunnels.containsKey(id)) {
            throw new IllegalArgumentException(name + " has no tunnel " + id);
        }
        tunnelRoutes.put(prefix, id);
    }

    public void removeTunnelRoute(Ipv6Prefix prefix) {
        tunnelRoutes.remove(prefix);
    }

    public List<Tunnel> tunnels() {
        return List.copyOf(tunnels.values());
    }

    public long packetsEncapsulated() {
        return encapsulated;
    }

    public long packetsDecapsulated() {
        return decapsulated;
    }

    public void removeProxy(int iface, Ipv6Address address) {
        iface(iface).proxied.remove(address);
    }

    /** The link came up (attached): DAD for every address; hosts solicit routers, routers start advertising. */
    public List<Transmit> linkUp(long now, int iface, int mtu) {
        Iface i = iface(iface);
        List<Transmit> out = new ArrayList<>();
        i.up = true;
        i.mtu = mtu;
        events.linkUp(now, iface);
        for (AddressEntry e : i.addresses) {
            startDad(now, i, e, out);
        }
        if (i.router != null) {
            // first RA after a short random delay (RFC 4861 §6.2.4 bounds initial intervals)
            i.nextRa = now + random.nextLong(Math.min(i.router.maxIntervalNanos(), 16 * NdParameters.SECOND));
            arm(i.nextRa, TimerKind.RA_UNSOLICITED, i.index, null);
        } else if (nd.maxRtrSolicitations() > 0) {
            i.rsLeft = nd.maxRtrSolicitations();
            i.raSeen = false;
            i.nextRs = now + (nd.maxRtrSolicitationDelayNanos() > 0 ? random.nextLong(nd.maxRtrSolicitationDelayNanos()) : 0);
            arm(i.nextRs, TimerKind.RS_RETRANSMIT, i.index, null);
        }
        return out;
    }

    /** The link went down (detached): neighbours and learned state of the interface are forgotten. */
    public void linkDown(long now, int iface) {
        Iface i = iface(iface);
        i.up = false;
        events.linkDown(now, iface);
        for (Neighbor n : i.neighbors.values()) {
            drop(Drop.ADDRESS_UNREACHABLE, n.queue.size());
        }
        i.neighbors.clear();
        i.nextRa = Long.MAX_VALUE;
        i.nextRs = Long.MAX_VALUE;
        defaultRouters.removeIf(r -> r.iface() == iface);
        i.addresses.removeIf(a -> a.autoconfigured);
        i.onLinkPrefixes.entrySet().removeIf(e -> e.getValue() != Long.MAX_VALUE);
        for (AddressEntry e : i.addresses) {
            e.state = AddressState.TENTATIVE;
            e.deadline = Long.MAX_VALUE;
        }
    }

    // =============================================================================================
    // Inspection

    public List<AddressEntry> addresses(int iface) {
        return List.copyOf(iface(iface).addresses);
    }

    /** Preferred addresses of an interface. */
    public List<Ipv6Address> preferredAddresses(int iface) {
        List<Ipv6Address> out = new ArrayList<>();
        for (AddressEntry e : iface(iface).addresses) {
            if (usable(e)) {
                out.add(e.address);
            }
        }
        return out;
    }

    public List<Neighbor> neighbors(int iface) {
        return List.copyOf(iface(iface).neighbors.values());
    }

    public Neighbor neighbor(int iface, Ipv6Address a) {
        return iface(iface).neighbors.get(a);
    }

    public List<DefaultRouter> defaultRouters() {
        return List.copyOf(defaultRouters);
    }

    public int interfaceCount() {
        return ifaces.size();
    }

    public MacAddress mac(int iface) {
        return iface(iface).mac;
    }

    public Map<DecodeReason, Long> decodeErrors() {
        return Map.copyOf(decodeErrors);
    }

    public Map<Drop, Long> drops() {
        return Map.copyOf(drops);
    }

    public long packetsSent() {
        return sent;
    }

    public long packetsReceived() {
        return received;
    }

    public long packetsForwarded() {
        return forwarded;
    }

    /** The earliest pending timer, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        return timers.isEmpty() ? Long.MAX_VALUE : timers.peek().deadline();
    }

    private Iface iface(int index) {
        if (index < 0 || index >= ifaces.size()) {
            throw new IllegalArgumentException(name + " has no interface " + index);
        }
        return ifaces.get(index);
    }

    private void drop(Drop why, long n) {
        if (n > 0) {
            drops.merge(why, n, Long::sum);
        }
    }

    private void arm(long deadline, TimerKind kind, int iface, Object key) {
        timers.add(new TimerEntry(deadline, timerSeq++, kind, iface, key));
    }

    // =============================================================================================
    // Sending

    /**
     * Sends a packet this node originates. An unspecified source is replaced by source address
     * selection (an address of the outgoing interface, link-local for link-local destinations).
     */
    public List<Transmit> send(long now, Ipv6Packet p) {
        List<Transmit> out = new ArrayList<>();
        route(now, p, -1, true, out);
        return out;
    }

    /** Sends a UDP datagram from this node (source address chosen by the node). */
    public List<Transmit> sendUdp(long now, Ipv6Address dst, int sourcePort, int destinationPort, Bytes data) {
        return send(now, Ipv6Packet.of(Ipv6Address.UNSPECIFIED, dst, hopLimit, new Payload.Udp(sourcePort, destinationPort, data)));
    }

    /** Sends an ICMPv6 echo request (ping) from this node. */
    public List<Transmit> ping(long now, Ipv6Address dst, int identifier, int sequence, Bytes data) {
        return send(now, Ipv6Packet.of(Ipv6Address.UNSPECIFIED, dst, hopLimit,
                new Payload.Icmpv6(new EchoRequest(identifier, sequence, data))));
    }

    /** An IPv6-in-IPv6 packet, decoded or forwarded unexamined. */
    private static boolean isTunnelled(Ipv6Packet p) {
        return p.payload() instanceof Payload.Tunnel
                || p.payload() instanceof Payload.Opaque o && o.protocol() == Wire.IPV6;
    }

    private void route(long now, Ipv6Packet p, int ifaceHint, boolean local, List<Transmit> out) {
        Ipv6Address dst = p.destination();
        Tunnel t = dst.isMulticast() || dst.isLinkLocal() ? null : tunnelFor(dst);
        if (t != null && !isTunnelled(p)) {
            if (p.source().isUnspecified()) {
                p = new Ipv6Packet(p.trafficClass(), p.flowLabel(), p.hopLimit(), t.local(), p.destination(),
                        p.extensionHeaders(), p.payload());
            }
            encapsulated++;
            route(now, Ipv6Packet.of(t.local(), t.remote(), hopLimit, new Payload.Tunnel(p)), -1, true, out);
            return;
        }
        Iface outIf;
        Ipv6Address nextHop;
        if (dst.isMulticast() || dst.isLinkLocal()) {
            outIf = ifaceHint >= 0 ? iface(ifaceHint) : firstUp();
            nextHop = dst;
        } else {
            Route r = lookup(dst);
            if (r == null) {
                drop(Drop.NO_ROUTE, 1);
                if (!local) {
                    icmpError(now, null, p, new Icmpv6Message.DestinationUnreachable(0, invoking(p)), out);
                }
                return;
            }
            outIf = iface(r.iface());
            nextHop = r.nextHop() == null ? dst : r.nextHop();
        }
        if (outIf == null || !outIf.up) {
            drop(Drop.DETACHED_SOURCE, 1);
            return;
        }
        if (p.source().isUnspecified() && local && !(p.payload() instanceof Payload.Icmpv6 i
                && i.message() instanceof NeighborSolicitation)) {
            Ipv6Address src = sourceFor(outIf, dst);
            if (src == null) {
                drop(Drop.DETACHED_SOURCE, 1);
                return;
            }
            p = new Ipv6Packet(p.trafficClass(), p.flowLabel(), p.hopLimit(), src, p.destination(),
                    p.extensionHeaders(), p.payload());
        }
        int len = PacketCodec.encodedLength(p);
        if (len > outIf.mtu) {
            drop(Drop.TOO_BIG, 1);
            if (!local) {
                icmpError(now, null, p, new Icmpv6Message.PacketTooBig(outIf.mtu, invoking(p)), out);
            }
            return;
        }
        resolveAndSend(now, outIf, nextHop, p, out);
    }

    private Iface firstUp() {
        for (Iface i : ifaces) {
            if (i.up) {
                return i;
            }
        }
        return null;
    }

    private Tunnel tunnelFor(Ipv6Address dst) {
        Ipv6Prefix best = null;
        for (Ipv6Prefix pfx : tunnelRoutes.keySet()) {
            if (pfx.contains(dst) && (best == null || pfx.length() > best.length())) {
                best = pfx;
            }
        }
        return best == null ? null : tunnels.get(tunnelRoutes.get(best));
    }

    /** Longest-prefix match over on-link prefixes, static routes, then the default router. */
    Route lookup(Ipv6Address dst) {
        Route best = null;
        for (Iface i : ifaces) {
            if (!i.up) {
                continue;
            }
            for (Ipv6Prefix pfx : i.onLinkPrefixes.keySet()) {
                if (pfx.contains(dst) && (best == null || pfx.length() > best.prefix().length())) {
                    best = new Route(pfx, i.index, null);
                }
            }
        }
        for (Route r : staticRoutes) {
            if (r.prefix().contains(dst) && ifaces.get(r.iface()).up
                    && (best == null || r.prefix().length() > best.prefix().length())) {
                best = r;
            }
        }
        if (best == null) {
            for (DefaultRouter d : defaultRouters) {
                Neighbor n = ifaces.get(d.iface()).neighbors.get(d.address());
                if (n == null || n.state != NudState.INCOMPLETE) { // prefer routers not known unreachable
                    return new Route(Ipv6Prefix.parse("::/0"), d.iface(), d.address());
                }
            }
            if (!defaultRouters.isEmpty()) {
                DefaultRouter d = defaultRouters.get(0);
                return new Route(Ipv6Prefix.parse("::/0"), d.iface(), d.address());
            }
        }
        return best;
    }

    /** RFC 6724 in short: an address of the outgoing interface, link-local for link-local/multicast scope 2. */
    Ipv6Address sourceFor(Iface i, Ipv6Address dst) {
        boolean wantLinkLocal = dst.isLinkLocal() || dst.isMulticast() && dst.multicastScope() <= 2;
        Ipv6Address fallback = null;
        for (AddressEntry e : i.addresses) {
            if (!usable(e)) {
                continue;
            }
            if (e.address.isLinkLocal() == wantLinkLocal) {
                if (!wantLinkLocal && e.address.sharesPrefix(dst, e.prefixLength)) {
                    return e.address;
                }
                if (fallback == null || fallback.isLinkLocal() != wantLinkLocal) {
                    fallback = e.address;
                }
            } else if (fallback == null) {
                fallback = e.address;
            }
        }
        return fallback;
    }

    private boolean usable(AddressEntry e) {
        return e.state == AddressState.PREFERRED || e.state == AddressState.TENTATIVE && nd.optimisticDad();
    }

    private void resolveAndSend(long now, Iface i, Ipv6Address nextHop, Ipv6Packet p, List<Transmit> out) {
        if (nextHop.isMulticast()) {
            emit(i, MacAddress.ofMulticast(nextHop), p, out);
            return;
        }
        Neighbor n = i.neighbors.get(nextHop);
        if (n == null) {
            n = new Neighbor(nextHop);
            n.state = NudState.INCOMPLETE;
            i.neighbors.put(nextHop, n);
            n.queue.add(p);
            n.probes = 1;
            sendNs(now, i, nextHop, true, out);
            n.deadline = now + nd.retransTimerNanos();
            arm(n.deadline, TimerKind.NS_RETRANSMIT, i.index, nextHop);
            return;
        }
        switch (n.state) {
            case INCOMPLETE -> {
                if (n.queue.size() >= nd.maxQueuedPerNeighbor()) {
                    n.queue.poll();
                    drop(Drop.QUEUE_FULL, 1);
                }
                n.queue.add(p);
            }
            case STALE -> {
                n.state = NudState.DELAY;
                n.deadline = now + nd.delayFirstProbeNanos();
                arm(n.deadline, TimerKind.DELAY_PROBE, i.index, nextHop);
                emit(i, n.mac, p, out);
            }
            default -> emit(i, n.mac, p, out);
        }
    }

    private void emit(Iface i, MacAddress dst, Ipv6Packet p, List<Transmit> out) {
        sent++;
        out.add(new Transmit(i.index, PacketCodec.encodeEthernet(EthernetFrame.ipv6(dst, i.mac, p))));
    }

    private void sendNs(long now, Iface i, Ipv6Address target, boolean multicast, List<Transmit> out) {
        Ipv6Address dst = multicast ? target.solicitedNodeMulticast() : target;
        Ipv6Address src = sourceFor(i, target);
        if (src == null) {
            return;
        }
        Ipv6Packet p = Ipv6Packet.of(src, dst, 255, new Payload.Icmpv6(new NeighborSolicitation(target,
                List.of(new NdOption.SourceLinkLayerAddress(i.mac)))));
        if (multicast) {
            emit(i, MacAddress.ofMulticast(dst), p, out);
        } else {
            Neighbor n = i.neighbors.get(target);
            emit(i, n != null && n.mac != null ? n.mac : MacAddress.ofMulticast(target.solicitedNodeMulticast()), p, out);
        }
    }

    private void sendIcmp(long now, Iface i, Ipv6Address src, Ipv6Address dst, int hop, Icmpv6Message m,
                          List<Transmit> out) {
        Ipv6Packet p = Ipv6Packet.of(src, dst, hop, new Payload.Icmpv6(m));
        if (dst.isMulticast()) {
            emit(i, MacAddress.ofMulticast(dst), p, out);
        } else {
            resolveAndSend(now, i, dst, p, out);
        }
    }

    /** Takes a token for an ICMPv6 error; false (and counted) when the bucket is empty (RFC 4443 §2.4(f)). */
    private boolean icmpErrorAllowed(long now) {
        if (icmpTokensAt == Long.MIN_VALUE) {
            icmpTokensAt = now;
        }
        icmpTokens = Math.min(ICMP_ERROR_BURST, icmpTokens + (double) (now - icmpTokensAt) / ICMP_ERROR_INTERVAL_NANOS);
        icmpTokensAt = now;
        if (icmpTokens < 1) {
            drop(Drop.ICMP_ERROR_RATE_LIMITED, 1);
            return false;
        }
        icmpTokens -= 1;
        return true;
    }

    private static Bytes invoking(Ipv6Packet p) {
        byte[] b = PacketCodec.encode(p);
        return Bytes.copyOf(b, 0, Math.min(b.length, 1280 - 48)); // RFC 4443 §2.4(c): fit the minimum MTU
    }

    /** Whether a packet carries an ICMPv6 error message, also when it was forwarded unexamined. */
    private static boolean isIcmpError(Ipv6Packet p) {
        if (p.payload() instanceof Payload.Icmpv6 i) {
            return i.message().type() < 128;
        }
        if (!(p.payload() instanceof Payload.Opaque o)) {
            return false;
        }
        Bytes b = o.data(); // walk the unexamined extension headers to the upper layer
        int nh = o.protocol();
        int q = 0;
        while (nh == Wire.HOP_BY_HOP || nh == Wire.DESTINATION_OPTIONS || nh == Wire.ROUTING || nh == Wire.FRAGMENT) {
            if (q + 8 > b.length() || nh == Wire.FRAGMENT && (b.get(q + 2) << 8 | b.get(q + 3)) >>> 3 != 0) {
                return false; // too short, or a non-first fragment: no upper-layer header here
            }
            int next = b.get(q);
            q += nh == Wire.FRAGMENT ? 8 : (b.get(q + 1) + 1) * 8;
            nh = next;
        }
        return nh == Wire.ICMPV6 && q < b.length() && b.get(q) < 128;
    }

    /**
     * Originates an ICMPv6 error about {@code offending}: never about an error, a multicast destination
     * or an unspecified/multicast source (RFC 4443 §2.4(e)), and rate-limited (§2.4(f)). The source is
     * taken from {@code in} (the interface the offending packet arrived on) when given, else by
     * source address selection on the way out.
     */
    private void icmpError(long now, Iface in, Ipv6Packet offending, Icmpv6Message error, List<Transmit> out) {
        Ipv6Address to = offending.source();
        if (to.isUnspecified() || to.isMulticast() || offending.destination().isMulticast() || isIcmpError(offending)) {
            return;
        }
        Ipv6Address src = in == null ? Ipv6Address.UNSPECIFIED : sourceFor(in, to);
        if (src == null || !icmpErrorAllowed(now)) {
            return;
        }
        route(now, Ipv6Packet.of(src, to, hopLimit, new Payload.Icmpv6(error)), in == null ? -1 : in.index, true, out);
    }

    // =============================================================================================
    // DAD (RFC 4862 §5.4)

    private void startDad(long now, Iface i, AddressEntry e, List<Transmit> out) {
        if (nd.dupAddrDetectTransmits() == 0) {
            e.state = AddressState.PREFERRED;
            events.addressReady(now, i.index, e.address);
            return;
        }
        e.state = AddressState.TENTATIVE;
        e.probesLeft = nd.dupAddrDetectTransmits();
        long delay = nd.maxRtrSolicitationDelayNanos() > 0 ? random.nextLong(nd.maxRtrSolicitationDelayNanos()) : 0;
        e.deadline = now + delay;
        arm(e.deadline, TimerKind.DAD, i.index, e);
    }

    private void dadTimer(long now, Iface i, AddressEntry e, List<Transmit> out) {
        if (e.state != AddressState.TENTATIVE || !i.addresses.contains(e)) {
            return;
        }
        if (e.probesLeft > 0) {
            e.probesLeft--;
            Ipv6Address group = e.address.solicitedNodeMulticast();
            emit(i, MacAddress.ofMulticast(group), Ipv6Packet.of(Ipv6Address.UNSPECIFIED, group, 255,
                    new Payload.Icmpv6(new NeighborSolicitation(e.address, List.of()))), out);
            e.deadline = now + nd.retransTimerNanos();
            arm(e.deadline, TimerKind.DAD, i.index, e);
            return;
        }
        e.state = AddressState.PREFERRED;
        e.deadline = Long.MAX_VALUE;
        events.addressReady(now, i.index, e.address);
        if (i.router != null && e.address.isLinkLocal()) {
            // the interface can advertise now (RFC 4861 §6.2.2): do not leave early solicitations waiting
            long soon = now + random.nextLong(500_000_000L);
            if (soon < i.nextRa) {
                i.nextRa = soon;
                arm(soon, TimerKind.RA_UNSOLICITED, i.index, null);
            }
        }
    }

    private void duplicate(long now, Iface i, AddressEntry e) {
        e.state = AddressState.DUPLICATE;
        e.deadline = Long.MAX_VALUE;
        events.duplicateAddress(now, i.index, e.address);
    }

    // =============================================================================================
    // Receiving

    /** A frame arrived on interface {@code iface}. */
    public List<Transmit> onFrame(long now, int iface, byte[] frame) {
        Iface i = iface(iface);
        List<Transmit> out = new ArrayList<>();
        if (!i.up) {
            return out;
        }
        if (forwarding && forwardTransit(now, i, frame, out)) {
            return out;
        }
        EthernetFrame f;
        try {
            f = PacketCodec.decodeEthernet(frame, 0, frame.length);
        } catch (DecodeException e) {
            decodeErrors.merge(e.reason(), 1L, Long::sum);
            react(now, i, frame, e, out);
            events.decodeError(now, iface, e);
            return out;
        }
        if (f.packet() == null) {
            return out;
        }
        if (!f.destination().equals(i.mac) && !f.destination().isMulticast()) {
            drop(Drop.NOT_FOR_US, 1);
            return out;
        }
        received++;
        Ipv6Packet p = f.packet();
        rawFrame = frame;
        Ipv6Address dst = p.destination();
        if (isLocal(i, dst)) {
            deliver(now, i, f, p, out);
        } else if (dst.isMulticast()) {
            drop(Drop.NOT_FOR_US, 1);
        } else if (forwarding) {
            forward(now, i, p, out);
        } else {
            drop(Drop.NOT_FORWARDING, 1);
        }
        return out;
    }

    /**
     * RFC 8200 §4: a unicast packet for another node is forwarded on its IPv6 header alone; its
     * extension headers and upper layer are the destination's to check (so a BU with a bad checksum
     * still reaches the home agent, which discards and counts it). A Hop-by-Hop header is examined
     * by every node, so such packets take the full decode.
     */
    private boolean forwardTransit(long now, Iface i, byte[] frame, List<Transmit> out) {
        int ip = PacketCodec.ETHERNET_HEADER_LENGTH;
        if (frame.length < ip + PacketCodec.IPV6_HEADER_LENGTH || Wire.u16(frame, 12) != Wire.ETHERTYPE_IPV6
                || Wire.u8(frame, ip + 6) == Wire.HOP_BY_HOP || !MacAddress.read(frame, 0).equals(i.mac)) {
            return false;
        }
        Ipv6Address dst = Ipv6Address.read(frame, ip + 24);
        if (dst.isMulticast() || isLocal(i, dst)) {
            return false;
        }
        Ipv6Packet p;
        try {
            p = PacketCodec.decodeIpv6Header(frame, ip, frame.length - ip);
        } catch (DecodeException e) {
            return false; // the full decode counts and answers it
        }
        received++;
        rawFrame = frame;
        forward(now, i, p, out);
        return true;
    }

    /** RFC 6275 §9.2 / RFC 8200 reaction to a frame that did not decode. */
    private void react(long now, Iface i, byte[] frame, DecodeException e, List<Transmit> out) {
        Reaction r = e.reaction();
        if (r.kind() != Reaction.Kind.PARAMETER_PROBLEM || frame.length < 14 + 40) {
            return;
        }
        Ipv6Address src = Ipv6Address.read(frame, 14 + 8);
        Ipv6Address dst = Ipv6Address.read(frame, 14 + 24);
        if (!isLocal(i, dst) || dst.isMulticast() || src.isMulticast() || src.isUnspecified()) {
            return;
        }
        Bytes inv = Bytes.copyOf(frame, 14, Math.min(frame.length - 14, 1280 - 48));
        Ipv6Address from = sourceFor(i, src);
        if (from != null && icmpErrorAllowed(now)) {
            sendIcmp(now, i, from, src, hopLimit, new Icmpv6Message.ParameterProblem(r.code(), r.pointer(), inv), out);
        }
    }

    private boolean isLocal(Iface i, Ipv6Address dst) {
        if (dst.isMulticast()) {
            if (dst.equals(Ipv6Address.ALL_NODES) || dst.equals(Ipv6Address.ALL_ROUTERS) && i.router != null) {
                return true;
            }
            for (AddressEntry e : i.addresses) {
                if (e.state != AddressState.DUPLICATE && e.address.solicitedNodeMulticast().equals(dst)) {
                    return true;
                }
            }
            for (Ipv6Address a : i.proxied) {
                if (a.solicitedNodeMulticast().equals(dst)) {
                    return true;
                }
            }
            return false;
        }
        for (Iface any : ifaces) {
            for (AddressEntry e : any.addresses) {
                if (e.address.equals(dst) && e.state != AddressState.DUPLICATE) {
                    return true;
                }
            }
        }
        return false;
    }

    private AddressEntry ownEntry(Iface i, Ipv6Address a) {
        for (AddressEntry e : i.addresses) {
            if (e.address.equals(a)) {
                return e;
            }
        }
        return null;
    }

    private void deliver(long now, Iface i, EthernetFrame f, Ipv6Packet p, List<Transmit> out) {
        AddressEntry own = p.destination().isMulticast() ? null : ownEntry(i, p.destination());
        if (own != null && own.state == AddressState.TENTATIVE && !nd.optimisticDad()) {
            return; // RFC 4862 §5.4: a tentative address receives nothing but DAD traffic
        }
        if (!extensionHeadersAccepted(now, i, p, out)) {
            return;
        }
        if (p.payload() instanceof Payload.Icmpv6 ic) {
            icmp(now, i, f, p, ic.message(), out);
        } else if (p.payload() instanceof Payload.Tunnel tun) {
            decapsulate(now, i, f, p, tun.inner(), out);
        } else if (p.payload() instanceof Payload.Udp u) {
            if (u.destinationPort() == UDP_ECHO_PORT && !p.destination().isMulticast()) {
                // RFC 862 echo service: what the traffic generator's UDP flows measure against
                route(now, Ipv6Packet.of(p.destination(), p.source(), hopLimit,
                        new Payload.Udp(UDP_ECHO_PORT, u.sourcePort(), u.data())), i.index, true, out);
            }
            events.udp(now, p, u);
        } else if (p.payload() instanceof Payload.Opaque o && !(lastHeader(p) instanceof org.mip6.wire.ExtensionHeader.Fragment)
                && o.protocol() != org.mip6.wire.Wire.TCP && o.protocol() != org.mip6.wire.Wire.AH) {
            // RFC 8200 §4: an unrecognized Next Header: Parameter Problem code 1 at that Next Header field
            drop(Drop.UNHANDLED, 1);
            parameterProblem(now, i, p, 1, nextHeaderPointer(p), out);
        } else {
            drop(Drop.UNHANDLED, 1);
        }
    }

    private static org.mip6.wire.ExtensionHeader lastHeader(Ipv6Packet p) {
        var hs = p.extensionHeaders();
        return hs.isEmpty() ? null : hs.get(hs.size() - 1);
    }

    /** Offset from the IPv6 header of the Next Header field that names the payload. */
    private int nextHeaderPointer(Ipv6Packet p) {
        int off = 6;
        int pos = PacketCodec.IPV6_HEADER_LENGTH;
        for (org.mip6.wire.ExtensionHeader h : p.extensionHeaders()) {
            off = pos;
            pos += headerBytes(p, h, pos);
        }
        return off;
    }

    /** Length of an extension header at {@code pos} (from the IPv6 header): from the received bytes when we have them. */
    private int headerBytes(Ipv6Packet p, org.mip6.wire.ExtensionHeader h, int pos) {
        if (h instanceof org.mip6.wire.ExtensionHeader.Fragment) {
            return 8;
        }
        if (rawFrame != null) {
            return ((rawFrame[PacketCodec.ETHERNET_HEADER_LENGTH + pos + 1] & 0xff) + 1) * 8;
        }
        return PacketCodec.encodedLength(h);
    }

    /**
     * RFC 8200 §4.2: an unrecognized option's two high-order bits say what to do: skip it, discard the
     * packet, or discard and send a Parameter Problem code 2 pointing at the option (the last only for
     * a unicast destination when the bits are 11). RFC 8200 §4.4: an unrecognized Routing Type with
     * Segments Left above 0 gets code 0 at the Routing Type.
     */
    private boolean extensionHeadersAccepted(long now, Iface i, Ipv6Packet p, List<Transmit> out) {
        int pos = PacketCodec.IPV6_HEADER_LENGTH;
        for (org.mip6.wire.ExtensionHeader h : p.extensionHeaders()) {
            int hlen = headerBytes(p, h, pos);
            List<org.mip6.wire.Ipv6Option> opts = h instanceof org.mip6.wire.ExtensionHeader.HopByHopOptions hbh ? hbh.options()
                    : h instanceof org.mip6.wire.ExtensionHeader.DestinationOptions d ? d.options() : List.of();
            int k = 0;
            int q = pos + 2;
            while (k < opts.size() && q < pos + hlen) {
                int olen;
                if (rawFrame != null) {
                    int at = PacketCodec.ETHERNET_HEADER_LENGTH + q;
                    int type = rawFrame[at] & 0xff;
                    if (type == org.mip6.wire.Ipv6Option.PAD1) {
                        q++;
                        continue;
                    }
                    olen = rawFrame[at + 1] & 0xff;
                    if (type == org.mip6.wire.Ipv6Option.PADN) {
                        q += 2 + olen;
                        continue;
                    }
                } else {
                    org.mip6.wire.Ipv6Option o = opts.get(k);
                    q += org.mip6.wire.Wire.padding(q - pos, o.alignMultiple(), o.alignOffset());
                    olen = o.dataLength();
                }
                org.mip6.wire.Ipv6Option o = opts.get(k++);
                if (o instanceof org.mip6.wire.Ipv6Option.UnknownOption u) {
                    int action = u.action();
                    if (action == 1) {
                        drop(Drop.UNHANDLED, 1);
                        return false;
                    }
                    if (action >= 2) {
                        drop(Drop.UNHANDLED, 1);
                        if (action == 2 || !p.destination().isMulticast()) {
                            parameterProblem(now, i, p, 2, q, out);
                        }
                        return false;
                    }
                }
                q += 2 + olen;
            }
            if (h instanceof org.mip6.wire.ExtensionHeader.UnknownRoutingHeader r && r.segmentsLeft() > 0) {
                drop(Drop.UNHANDLED, 1);
                parameterProblem(now, i, p, 0, pos + 2, out);
                return false;
            }
            pos += hlen;
        }
        return true;
    }

    private void parameterProblem(long now, Iface i, Ipv6Packet p, int code, int pointer, List<Transmit> out) {
        Ipv6Address to = p.source();
        if (to.isUnspecified() || to.isMulticast()) {
            return;
        }
        Ipv6Address from = p.destination().isMulticast() ? sourceFor(i, to) : p.destination();
        if (from == null || !icmpErrorAllowed(now)) {
            return;
        }
        Bytes inv = rawFrame != null
                ? Bytes.copyOf(rawFrame, PacketCodec.ETHERNET_HEADER_LENGTH,
                        Math.min(rawFrame.length - PacketCodec.ETHERNET_HEADER_LENGTH, 1280 - 48))
                : invoking(p);
        route(now, Ipv6Packet.of(from, to, hopLimit, new Payload.Icmpv6(
                new Icmpv6Message.ParameterProblem(code, pointer, inv))), i.index, true, out);
    }

    /** RFC 2473 §3.2: only from a configured peer; the inner packet is then received as if on this interface. */
    private void decapsulate(long now, Iface i, EthernetFrame f, Ipv6Packet outer, Ipv6Packet inner, List<Transmit> out) {
        boolean known = false;
        for (Tunnel t : tunnels.values()) {
            if (t.local().equals(outer.destination()) && t.remote().equals(outer.source())) {
                known = true;
                break;
            }
        }
        if (!known) {
            drop(Drop.NO_TUNNEL, 1);
            return;
        }
        decapsulated++;
        rawFrame = null; // pointers into the inner packet fall back to its canonical layout
        if (isLocal(i, inner.destination()) && !inner.destination().isMulticast()) {
            deliver(now, i, f, inner, out);
        } else if (forwarding) {
            forward(now, i, inner, out);
        } else {
            drop(Drop.NOT_FORWARDING, 1);
        }
    }

    private void icmp(long now, Iface i, EthernetFrame f, Ipv6Packet p, Icmpv6Message m, List<Transmit> out) {
        if (m instanceof NeighborSolicitation ns) {
            onNs(now, i, p, ns, out);
        } else if (m instanceof NeighborAdvertisement na) {
            onNa(now, i, p, na, out);
        } else if (m instanceof RouterSolicitation rs) {
            onRs(now, i, p, rs, out);
        } else if (m instanceof RouterAdvertisement ra) {
            onRa(now, i, p, ra, out);
        } else if (m instanceof EchoRequest er) {
            if (!p.destination().isMulticast() || p.destination().equals(Ipv6Address.ALL_NODES)) {
                Ipv6Address src = p.destination().isMulticast() ? sourceFor(i, p.source()) : p.destination();
                route(now, Ipv6Packet.of(src, p.source(), hopLimit, new Payload.Icmpv6(
                        new EchoReply(er.identifier(), er.sequence(), er.data()))), i.index, true, out);
            }
        } else if (m instanceof EchoReply er) {
            events.echoReply(now, p.source(), er.identifier(), er.sequence(), er.data());
        } else if (m.type() < 128) {
            events.icmpError(now, p, m);
        } else {
            drop(Drop.UNHANDLED, 1);
        }
    }

    private void onNs(long now, Iface i, Ipv6Packet p, NeighborSolicitation ns, List<Transmit> out) {
        if (p.hopLimit() != 255 || ns.target().isMulticast()) {
            drop(Drop.HOP_LIMIT_NOT_255, 1); // RFC 4861 §7.1.1
            return;
        }
        AddressEntry own = ownEntry(i, ns.target());
        boolean proxy = own == null && i.proxied.contains(ns.target());
        if (own == null && !proxy) {
            return;
        }
        boolean optimistic = false;
        if (own != null && own.state == AddressState.TENTATIVE) {
            if (p.source().isUnspecified()) {
                duplicate(now, i, own); // someone else is doing DAD for it (RFC 4862 §5.4.3)
                return;
            }
            if (!nd.optimisticDad()) {
                return;
            }
            optimistic = true; // RFC 4429 §3.3: answer, but without the Override flag
        }
        if (own != null && own.state == AddressState.DUPLICATE) {
            return;
        }
        MacAddress sllao = sourceLinkLayer(ns.options());
        if (p.source().isUnspecified()) {
            // DAD probe for an address we own: defend it (RFC 4862 §5.4.3) to all-nodes
            sendIcmp(now, i, ns.target(), Ipv6Address.ALL_NODES, 255, new NeighborAdvertisement(i.router != null,
                    false, true, ns.target(), List.of(new NdOption.TargetLinkLayerAddress(i.mac))), out);
            return;
        }
        if (sllao != null) {
            learn(now, i, p.source(), sllao, false, false);
        }
        Ipv6Address src = proxy ? sourceFor(i, p.source()) : ns.target();
        Ipv6Packet na = Ipv6Packet.of(src, p.source(), 255, new Payload.Icmpv6(new NeighborAdvertisement(
                i.router != null, true, !proxy && !optimistic, ns.target(),
                List.of(new NdOption.TargetLinkLayerAddress(i.mac)))));
        Neighbor n = i.neighbors.get(p.source());
        emit(i, n != null && n.mac != null ? n.mac : sllao != null ? sllao
                : MacAddress.ofMulticast(p.source().solicitedNodeMulticast()), na, out);
    }

    private void onNa(long now, Iface i, Ipv6Packet p, NeighborAdvertisement na, List<Transmit> out) {
        if (p.hopLimit() != 255) {
            drop(Drop.HOP_LIMIT_NOT_255, 1);
            return;
        }
        AddressEntry own = ownEntry(i, na.target());
        if (own != null) {
            if (own.state == AddressState.TENTATIVE) {
                duplicate(now, i, own);
            }
            return;
        }
        MacAddress tllao = null;
        for (NdOption o : na.options()) {
            if (o instanceof NdOption.TargetLinkLayerAddress t) {
                tllao = t.address();
            }
        }
        Neighbor n = i.neighbors.get(na.target());
        if (n == null) {
            return; // RFC 4861 §7.2.5: no entry, nothing to update
        }
        if (n.state == NudState.INCOMPLETE) {
            if (tllao == null) {
                return;
            }
            n.mac = tllao;
            n.router = na.router();
            setReachableOrStale(now, i, n, na.solicited());
            flush(i, n, out);
            return;
        }
        boolean changed = tllao != null && !tllao.equals(n.mac);
        if (!na.override() && changed) {
            if (n.state == NudState.REACHABLE) {
                n.state = NudState.STALE;
                n.deadline = Long.MAX_VALUE;
            }
            return;
        }
        if (tllao != null) {
            n.mac = tllao;
        }
        if (na.solicited()) {
            setReachableOrStale(now, i, n, true);
        } else if (changed) {
            n.state = NudState.STALE;
            n.deadline = Long.MAX_VALUE;
        }
        if (n.router && !na.router()) {
            defaultRouters.removeIf(d -> d.address().equals(n.address) && d.iface() == i.index);
        }
        n.router = na.router();
    }

    private void setReachableOrStale(long now, Iface i, Neighbor n, boolean reachable) {
        if (reachable) {
            n.state = NudState.REACHABLE;
            n.probes = 0;
            n.deadline = now + nd.reachableTimeNanos();
            arm(n.deadline, TimerKind.REACHABLE_EXPIRY, i.index, n.address);
        } else {
            n.state = NudState.STALE;
            n.deadline = Long.MAX_VALUE;
        }
    }

    private void flush(Iface i, Neighbor n, List<Transmit> out) {
        Ipv6Packet q;
        while ((q = n.queue.poll()) != null) {
            emit(i, n.mac, q, out);
        }
    }

    private void learn(long now, Iface i, Ipv6Address ip, MacAddress mac, boolean router, boolean isRouterKnown) {
        Neighbor n = i.neighbors.get(ip);
        if (n == null) {
            n = new Neighbor(ip);
            n.mac = mac;
            n.state = NudState.STALE;
            i.neighbors.put(ip, n);
        } else if (n.state == NudState.INCOMPLETE) {
            n.mac = mac;
            n.state = NudState.STALE;
            List<Transmit> ignored = new ArrayList<>();
            flush(i, n, ignored);
            pending.addAll(ignored);
        } else if (!mac.equals(n.mac)) {
            n.mac = mac;
            n.state = NudState.STALE;
            n.deadline = Long.MAX_VALUE;
        }
        if (isRouterKnown) {
            n.router = router;
        }
    }

    /** The bytes of the frame being processed, for pointers into what was really received; null for inner packets. */
    private byte[] rawFrame;

    /** Frames produced while learning from a packet whose handler does not return them directly. */
    private final List<Transmit> pending = new ArrayList<>();

    private static MacAddress sourceLinkLayer(List<NdOption> options) {
        for (NdOption o : options) {
            if (o instanceof NdOption.SourceLinkLayerAddress s) {
                return s.address();
            }
        }
        return null;
    }

    private void onRs(long now, Iface i, Ipv6Packet p, RouterSolicitation rs, List<Transmit> out) {
        if (i.router == null || p.hopLimit() != 255) {
            return;
        }
        MacAddress sllao = sourceLinkLayer(rs.options());
        if (sllao != null && !p.source().isUnspecified()) {
            learn(now, i, p.source(), sllao, false, false);
        }
        sendRa(now, i, out); // multicast response (RFC 4861 §6.2.6 allows it)
    }

    private void sendRa(long now, Iface i, List<Transmit> out) {
        RouterConfig rc = i.router;
        List<NdOption> opts = new ArrayList<>();
        opts.add(new NdOption.SourceLinkLayerAddress(i.mac));
        opts.add(new NdOption.Mtu(i.mtu));
        for (NdOption.PrefixInformation pi : rc.prefixes()) {
            if (rc.homeAgent()) {
                // RFC 6275 §7.2: R flag, the prefix field holds the router's global address
                Ipv6Address global = null;
                for (AddressEntry e : i.addresses) {
                    if (pi.prefix().contains(e.address) && !e.address.isLinkLocal()) {
                        global = e.address;
                    }
                }
                opts.add(new NdOption.PrefixInformation(pi.prefixLength(), pi.onLink(), pi.autonomous(), global != null,
                        pi.validLifetime(), pi.preferredLifetime(), global != null ? global : pi.address()));
            } else {
                opts.add(pi);
            }
        }
        if (rc.advertisementInterval()) {
            opts.add(new NdOption.AdvertisementInterval(rc.maxIntervalNanos() / 1_000_000L));
        }
        if (rc.homeAgent() && rc.homeAgentInformation() != null) {
            opts.add(rc.homeAgentInformation());
        }
        Ipv6Address src = i.linkLocal();
        AddressEntry ll = ownEntry(i, src);
        if (ll == null || ll.state != AddressState.PREFERRED) {
            return; // RFC 4861 §6.2.2: advertise from a valid link-local address only
        }
        emit(i, MacAddress.ofMulticast(Ipv6Address.ALL_NODES), Ipv6Packet.of(src, Ipv6Address.ALL_NODES, 255,
                new Payload.Icmpv6(new RouterAdvertisement(64, rc.homeAgent() ? RouterAdvertisement.H : 0,
                        rc.routerLifetime(), 0, 0, opts))), out);
    }

    private void onRa(long now, Iface i, Ipv6Packet p, RouterAdvertisement ra, List<Transmit> out) {
        if (p.hopLimit() != 255 || !p.source().isLinkLocal()) {
            drop(Drop.HOP_LIMIT_NOT_255, 1); // RFC 4861 §6.1.2
            return;
        }
        if (i.router != null) {
            return; // routers do not configure from RAs
        }
        i.raSeen = true;
        i.nextRs = Long.MAX_VALUE;
        MacAddress sllao = sourceLinkLayer(ra.options());
        if (sllao != null) {
            learn(now, i, p.source(), sllao, true, true);
            out.addAll(pending);
            pending.clear();
        }
        defaultRouters.removeIf(d -> d.address().equals(p.source()) && d.iface() == i.index);
        if (ra.routerLifetime() > 0) {
            long exp = now + ra.routerLifetime() * NdParameters.SECOND;
            defaultRouters.add(new DefaultRouter(p.source(), i.index, exp));
            arm(exp, TimerKind.LIFETIME, i.index, null);
        }
        for (NdOption o : ra.options()) {
            if (o instanceof NdOption.Mtu m && m.mtu() >= 1280 && m.mtu() <= i.mtu) {
                i.mtu = (int) m.mtu();
            }
            if (!(o instanceof NdOption.PrefixInformation pi) || pi.prefix().address().isLinkLocal()) {
                continue;
            }
            Ipv6Prefix pfx = pi.prefix();
            long validUntil = pi.validLifetime() == NdOption.PrefixInformation.INFINITE ? Long.MAX_VALUE
                    : now + pi.validLifetime() * NdParameters.SECOND;
            if (pi.onLink()) {
                boolean isNew = !i.onLinkPrefixes.containsKey(pfx);
                if (pi.validLifetime() == 0) {
                    i.onLinkPrefixes.remove(pfx);
                } else {
                    i.onLinkPrefixes.put(pfx, validUntil);
                    if (validUntil != Long.MAX_VALUE) {
                        arm(validUntil, TimerKind.LIFETIME, i.index, null);
                    }
                }
                if (isNew && pi.validLifetime() > 0) {
                    events.newPrefix(now, i.index, pfx, p.source());
                }
            }
            if (pi.autonomous() && pfx.length() == 64 && pi.validLifetime() > 0
                    && pi.preferredLifetime() <= pi.validLifetime()) {
                Ipv6Address a = pfx.withInterfaceId(i.interfaceId);
                AddressEntry e = ownEntry(i, a);
                if (e == null) {
                    e = new AddressEntry(a, 64, true, validUntil);
                    i.addresses.add(e);
                    startDad(now, i, e, out);
                } else if (e.autoconfigured) {
                    // RFC 4862 §5.5.3(e): never cut below two hours by an unauthenticated RA
                    long twoHours = now + 7200 * NdParameters.SECOND;
                    e.validUntil = Math.max(validUntil, Math.min(e.validUntil, twoHours));
                }
            }
        }
    }

    // =============================================================================================
    // Forwarding

    private void forward(long now, Iface in, Ipv6Packet p, List<Transmit> out) {
        if (p.source().isLinkLocal() || p.destination().isLinkLocal()) {
            drop(Drop.NOT_FOR_US, 1); // link-local scope is never forwarded (RFC 4291 §2.5.6)
            return;
        }
        if (p.hopLimit() <= 1) {
            icmpError(now, in, p, new Icmpv6Message.TimeExceeded(0, invoking(p)), out);
            return;
        }
        forwarded++;
        route(now, p.withHopLimit(p.hopLimit() - 1), -1, false, out);
    }

    // =============================================================================================
    // Timers

    /** Runs every timer due at {@code now}. */
    public List<Transmit> onTimer(long now) {
        List<Transmit> out = new ArrayList<>();
        while (!timers.isEmpty() && timers.peek().deadline() <= now) {
            TimerEntry t = timers.poll();
            Iface i = ifaces.get(t.iface());
            switch (t.kind()) {
                case DAD -> {
                    AddressEntry e = (AddressEntry) t.key();
                    if (e.deadline == t.deadline()) {
                        dadTimer(now, i, e, out);
                    }
                }
                case NS_RETRANSMIT -> nsRetransmit(now, i, (Ipv6Address) t.key(), t.deadline(), out);
                case REACHABLE_EXPIRY -> {
                    Neighbor n = i.neighbors.get((Ipv6Address) t.key());
                    if (n != null && n.state == NudState.REACHABLE && n.deadline == t.deadline()) {
                        n.state = NudState.STALE;
                        n.deadline = Long.MAX_VALUE;
                    }
                }
                case DELAY_PROBE -> {
                    Neighbor n = i.neighbors.get((Ipv6Address) t.key());
                    if (n != null && n.state == NudState.DELAY && n.deadline == t.deadline()) {
                        n.state = NudState.PROBE;
                        n.probes = 1;
                        sendNs(now, i, n.address, false, out);
                        n.deadline = now + nd.retransTimerNanos();
                        arm(n.deadline, TimerKind.NS_RETRANSMIT, i.index, n.address);
                    }
                }
                case RA_UNSOLICITED -> {
                    if (i.up && i.router != null && i.nextRa == t.deadline()) {
                        sendRa(now, i, out);
                        RouterConfig rc = i.router;
                        long span = rc.maxIntervalNanos() - rc.minIntervalNanos();
                        i.nextRa = now + rc.minIntervalNanos() + (span > 0 ? random.nextLong(span) : 0);
                        arm(i.nextRa, TimerKind.RA_UNSOLICITED, i.index, null);
                    }
                }
                case RS_RETRANSMIT -> {
                    if (i.up && !i.raSeen && i.nextRs == t.deadline() && i.rsLeft > 0) {
                        i.rsLeft--;
                        Ipv6Address src = sourceFor(i, Ipv6Address.ALL_ROUTERS);
                        List<NdOption> opts = src == null ? List.of() : List.of(new NdOption.SourceLinkLayerAddress(i.mac));
                        emit(i, MacAddress.ofMulticast(Ipv6Address.ALL_ROUTERS), Ipv6Packet.of(
                                src == null ? Ipv6Address.UNSPECIFIED : src, Ipv6Address.ALL_ROUTERS, 255,
                                new Payload.Icmpv6(new RouterSolicitation(opts))), out);
                        if (i.rsLeft > 0) {
                            i.nextRs = now + nd.rtrSolicitationIntervalNanos();
                            arm(i.nextRs, TimerKind.RS_RETRANSMIT, i.index, null);
                        }
                    }
                }
                case LIFETIME -> expireLifetimes(now);
            }
        }
        out.addAll(pending);
        pending.clear();
        return out;
    }

    private void nsRetransmit(long now, Iface i, Ipv6Address target, long deadline, List<Transmit> out) {
        Neighbor n = i.neighbors.get(target);
        if (n == null || n.deadline != deadline) {
            return;
        }
        if (n.state == NudState.INCOMPLETE) {
            if (n.probes < nd.maxMulticastSolicit()) {
                n.probes++;
                sendNs(now, i, target, true, out);
                n.deadline = now + nd.retransTimerNanos();
                arm(n.deadline, TimerKind.NS_RETRANSMIT, i.index, target);
                return;
            }
            // resolution failed (RFC 4861 §7.2.2): address unreachable for what was queued
            drop(Drop.ADDRESS_UNREACHABLE, n.queue.size());
            List<Ipv6Packet> failed = new ArrayList<>(n.queue);
            i.neighbors.remove(target);
            for (Ipv6Packet p : failed) {
                if (!isOwn(p.source())) {
                    icmpError(now, null, p, new Icmpv6Message.DestinationUnreachable(3, invoking(p)), out);
                }
            }
            return;
        }
        if (n.state == NudState.PROBE) {
            if (n.probes < nd.maxUnicastSolicit()) {
                n.probes++;
                sendNs(now, i, target, false, out);
                n.deadline = now + nd.retransTimerNanos();
                arm(n.deadline, TimerKind.NS_RETRANSMIT, i.index, target);
                return;
            }
            i.neighbors.remove(target);
            if (n.router) {
                defaultRouters.removeIf(d -> d.address().equals(target) && d.iface() == i.index);
                events.routerUnreachable(now, i.index, target);
            }
        }
    }

    private boolean isOwn(Ipv6Address a) {
        for (Iface i : ifaces) {
            if (ownEntry(i, a) != null) {
                return true;
            }
        }
        return false;
    }

    private void expireLifetimes(long now) {
        defaultRouters.removeIf(d -> d.expires() <= now);
        for (Iface i : ifaces) {
            i.onLinkPrefixes.entrySet().removeIf(e -> e.getValue() <= now);
            i.addresses.removeIf(a -> a.autoconfigured && a.validUntil <= now);
        }
    }

    @Override
    public String toString() {
        return "NodeEngine[" + name + ", " + ifaces.size() + " interfaces]";
    }

    /** For tests: the neighbour states of an interface by address. */
    Map<Ipv6Address, NudState> nudStates(int iface) {
        Map<Ipv6Address, NudState> m = new HashMap<>();
        iface(iface).neighbors.forEach((k, v) -> m.put(k, v.state));
        return m;
    }
}
