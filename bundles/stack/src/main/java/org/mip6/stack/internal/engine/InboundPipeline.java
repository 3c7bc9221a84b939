package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.role.ReceivedPacket;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.PacketView;
import org.mip6.wire.Payload;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.MulticastListenerMessage;
import org.mip6.wire.icmp.Icmpv6Message.EchoReply;
import org.mip6.wire.icmp.Icmpv6Message.EchoRequest;
import org.mip6.wire.icmp.Icmpv6Message.NeighborAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation;
import org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.RouterSolicitation;

/**
 * A frame's way in: transit packets straight to forwarding, then one decode, the destination check
 * (our addresses, the groups we listen to, proxied addresses), extension headers, and the packet
 * handed to the part that owns its upper layer; tunnelled packets come out of their tunnel and go
 * round again (RFC 2473 §3.2).
 */
final class InboundPipeline {

    private final boolean forwarding;
    private final NdParameters nd;
    private final Interfaces ifaces;
    private final NodeCounters counters;
    private final NodeEvents events;
    private final AddressTable addresses;
    private final ProxyNd proxy;
    private final NeighborCache neighbors;
    private final RouterDiscovery discovery;
    private final RouterAdvertiser advertiser;
    private final Forwarding forwarder;
    private final IcmpErrors errors;
    private final ExtensionHeaders extensionHeaders;
    private final Tunnels tunnels;
    private final EchoServices echo;
    private final RoleDispatch roles;
    private final Ipsec ipsec;
    private final MobilityViewPath mobilityView;
    private final Reassembly reassembly;
    private final Outbound outbound;
    private final MulticastListening mld;
    /** Reused for every frame (one thread drives the node). */
    private final PacketView view = new PacketView();
    /** The frames of the receive under way ({@link #onFrame}), null between receives. */
    private List<Transmit> receiving;

    InboundPipeline(boolean forwarding, NdParameters nd, Interfaces ifaces, NodeCounters counters, NodeEvents events,
                    AddressTable addresses, ProxyNd proxy, NeighborCache neighbors, RouterDiscovery discovery,
                    RouterAdvertiser advertiser, Forwarding forwarder, IcmpErrors errors,
                    ExtensionHeaders extensionHeaders, Tunnels tunnels, EchoServices echo, RoleDispatch roles,
                    Ipsec ipsec, Reassembly reassembly, Outbound outbound, MulticastListening mld) {
        this.forwarding = forwarding;
        this.nd = nd;
        this.ifaces = ifaces;
        this.counters = counters;
        this.events = events;
        this.addresses = addresses;
        this.proxy = proxy;
        this.neighbors = neighbors;
        this.discovery = discovery;
        this.advertiser = advertiser;
        this.forwarder = forwarder;
        this.errors = errors;
        this.extensionHeaders = extensionHeaders;
        this.tunnels = tunnels;
        this.echo = echo;
        this.roles = roles;
        this.ipsec = ipsec;
        this.reassembly = reassembly;
        this.outbound = outbound;
        this.mld = mld;
        this.mobilityView = new MobilityViewPath(roles, addresses, nd, ipsec, counters, events);
    }

    /** A burst about to arrive: the Mobility Header handlers may read ahead ({@link MobilityViewPath#prefetch}). */
    void prefetch(long now, int iface, byte[][] frames, int count) {
        Iface i = ifaces.get(iface);
        if (i.up) {
            mobilityView.prefetch(now, frames, count);
        }
    }

    /**
     * The frames the receive under way has made so far (a role's handler, called from within it, sends
     * with them: {@link NodeEngine#sendAsRole}); null when no receive is under way.
     */
    List<Transmit> receiving() {
        return receiving;
    }

    List<Transmit> onFrame(long now, int iface, byte[] frame) {
        List<Transmit> out = new ArrayList<>();
        List<Transmit> outer = receiving; // a loopback delivery runs later, not nested, but keep it exact
        receiving = out;
        try {
            receive(now, iface, frame, out);
        } finally {
            receiving = outer;
        }
        return out;
    }

    private void receive(long now, int iface, byte[] frame, List<Transmit> out) {
        Iface i = ifaces.get(iface);
        mobilityView.admittedHomeAddress = false;
        if (!i.up) {
            return;
        }
        if (!linkLayerAccepts(i, frame, true)) {
            return;
        }
        boolean proxiedSolicitation = proxiedSolicitation(i, frame);
        if (forwarding && !proxiedSolicitation && forwarder.transit(now, i, frame, out)) {
            return;
        }
        EthernetFrame f;
        try {
            view.wrapEthernet(frame, 0, frame.length); // every check, once
            if (view.isIpv6() && (echo.fastPath(now, i, frame, view, out) || mobilityView.offer(now, i, frame, view, out))) {
                return;
            }
            f = view.toFrame(); // records only where a part keeps or builds messages
        } catch (DecodeException e) {
            counters.decodeError(e.reason());
            int dstAt = PacketCodec.ETHERNET_HEADER_LENGTH + 24;
            boolean forUs = frame.length >= dstAt + 16 && addresses.isLocalUnicast(Ipv6Address.read(frame, dstAt));
            errors.decodeFailed(now, i, frame, e, forUs, roles.handlers().handlesMobility(), out);
            events.decodeError(now, iface, e);
            return;
        }
        if (f.packet() == null) {
            counters.drop(Drop.NOT_IPV6, 1);
            return;
        }
        counters.received++;
        Ipv6Packet p = f.packet();
        Ipv6Address dst = p.destination();
        if (i.tunnelledGroups != null && dst.isMulticast() && tunnelMulticast(now, i, p, out) && !isLocal(i, dst)) {
            return; // taken for the tunnels only: the node itself does not listen to the group
        }
        if (isLocal(i, dst) || proxiedSolicitation) {
            deliver(now, ReceiveContext.of(i, p, frame, view), out);
        } else if (dst.isMulticast()) {
            counters.drop(Drop.NOT_FOR_US, 1);
        } else if (forwarding && (frame[0] & 1) != 0) {
            counters.drop(Drop.GROUP_FRAME_NOT_FORWARDED, 1);
        } else if (forwarding) {
            forwarder.forward(now, i, p, out);
        } else {
            counters.drop(Drop.NOT_FORWARDING, 1);
        }
    }

    /**
     * RFC 4861 §7.2.8: a Neighbor Solicitation sent to an address this node proxies on {@code i} (a
     * neighbour's unicast NUD probe, §7.3.1, for a home address its home agent defends, RFC 6275 §10.4.1)
     * is the proxy's to answer, not a packet to forward (into the mobile node's tunnel, where nobody on the
     * home link would ever hear the answer). Read on the frame's bytes: no extension headers.
     */
    private boolean proxiedSolicitation(Iface i, byte[] frame) {
        int ip = PacketCodec.ETHERNET_HEADER_LENGTH;
        int icmp = ip + PacketCodec.IPV6_HEADER_LENGTH;
        return frame.length > icmp && (frame[0] & 1) == 0 && Wire.u8(frame, ip + 6) == Wire.ICMPV6
                && Wire.u8(frame, icmp) == 135 && Wire.u16(frame, 12) == Wire.ETHERTYPE_IPV6
                && proxy.proxies(i, Ipv6Address.read(frame, ip + 24));
    }

    /**
     * The link-layer filter (RFC 2464 §7): our unicast MAC, broadcast, and the IPv6 multicast MACs of the
     * groups we joined (all-nodes; all-routers on an advertising interface; the solicited-node groups of
     * our and proxied addresses). Frames for other multicast groups are not even parsed, as a NIC drops them.
     */
    boolean linkLayerAccepts(Iface i, byte[] frame, boolean count) {
        if (frame.length < 6) {
            return true; // too short for any check: the general path counts it
        }
        if ((frame[0] & 1) == 0) {
            if (((long) Wire.u16(frame, 0) << 32 | Wire.u32(frame, 2)) == i.mac.value()) {
                return true;
            }
            if (count) {
                counters.drop(Drop.NOT_FOR_US, 1); // another station's unicast (a shared or live link)
            }
            return false;
        }
        if ((frame[0] & 0xff) != 0x33 || (frame[1] & 0xff) != 0x33) {
            return true; // broadcast and non-IPv6 groups: the general path decides
        }
        long group = Wire.u32(frame, 2);
        if (group == 1 || group == 2 && i.router != null) {
            return true;
        }
        int low24 = (int) (group & 0xffffff);
        if ((group & 0xff00_0000L) == 0xff00_0000L
                && (addresses.joinedSolicitedNode(i, low24) || proxy.joinedSolicitedNode(i, low24))) {
            return true;
        }
        if (i.tunnelledGroups != null && groupMac(i.tunnelledGroups.keySet(), group)
                || i.joinedGroups != null && groupMac(i.joinedGroups, group)) {
            return true;
        }
        if (count) {
            counters.drop(Drop.NOT_FOR_US, 1);
        }
        return false;
    }

    /** Whether one of {@code groups} maps to the multicast MAC 33:33 + {@code low32} (RFC 2464 §7). */
    private static boolean groupMac(java.util.Set<Ipv6Address> groups, long low32) {
        for (Ipv6Address g : groups) {
            if ((g.low() & 0xffff_ffffL) == low32) {
                return true;
            }
        }
        return false;
    }

    /** Ours: an address of any interface, or on {@code i} a group we listen to (solicited-node groups of our and proxied addresses). */
    private boolean isLocal(Iface i, Ipv6Address dst) {
        if (dst.isMulticast()) {
            return dst.equals(Ipv6Address.ALL_NODES) || dst.equals(Ipv6Address.ALL_ROUTERS) && i.router != null
                    || addresses.listensTo(i, dst) || proxy.listensTo(i, dst) || i.joined(dst);
        }
        return addresses.isLocalUnicast(dst);
    }

    private void deliver(long now, ReceiveContext rx, List<Transmit> out) {
        Ipv6Packet p = rx.packet();
        AddressEntry own = p.destination().isMulticast() ? null : addresses.own(rx.iface(), p.destination());
        if (own != null && own.state == AddressState.TENTATIVE && !nd.optimisticDad()) {
            return; // RFC 4862 §5.4: a tentative address receives nothing but DAD traffic
        }
        if (!extensionHeaders.accepted(now, rx, out)) {
            return;
        }
        if (rx.view().isFragment()) { // RFC 8200 §4.5: the unfragmentable part was processed; the rest once whole
            ReceiveContext whole = reassembly.add(now, rx, out);
            if (whole != null) {
                deliver(now, whole, out);
            }
            return;
        }
        // the view found both when it checked the chain (RFC 6275 §6.3, §6.4): no second walk
        PacketView v = rx.view();
        Ipv6Address home = v.homeAddressOffset() < 0 ? null : Ipv6Address.read(v.buffer(), v.homeAddressOffset());
        Ipv6Address rh2 = v.finalDestinationOffset() == v.destinationOffset() ? null
                : Ipv6Address.read(v.buffer(), v.finalDestinationOffset());
        if (home == null && rh2 == null && !(p.payload() instanceof Payload.Mobility)
                && !(p.payload() instanceof Payload.Icmpv6 ic && roles.watchesIcmpv6(ic.message().type()))
                && !(ipsec.active() && (Ipsec.isEsp(p) || p.payload() instanceof Payload.Tunnel))) {
            upperLayer(now, rx, null, out); // no role will look at it: no ReceivedPacket to build
            return;
        }
        ReceivedPacket rp = new ReceivedPacket(now, rx.iface().index, p, home != null ? home : p.source(),
                rh2 != null ? rh2 : p.destination(), home != null ? p.source() : null, rh2 != null, rx.outer(),
                p.payload() instanceof Payload.Mobility ? Bytes.copyOf(v.buffer(), v.payloadOffset(), v.payloadLength()) : null,
                rx.protection());
        if (rh2 != null && !roles.handlesRoutingHeader2() && homeAddress(rx.iface(), rh2)) {
            // no mobile node role now (it is being replaced): the home address it left in the data path
            // is still the node's, and RFC 6275 §11.3.3 accepts a Type 2 Routing Header holding it
            afterRoutingHeader(now, rx, rp, out);
        } else if (rh2 != null) {
            roles.routingHeader2(now, rx, rp, (t, r, o) -> afterRoutingHeader(t, r, rp, o), out);
        } else {
            afterRoutingHeader(now, rx, rp, out);
        }
    }

    private boolean homeAddress(Iface i, Ipv6Address a) {
        AddressEntry e = addresses.own(i, a);
        return e != null && e.home;
    }

    private void afterRoutingHeader(long now, ReceiveContext rx, ReceivedPacket rp, List<Transmit> out) {
        if (Ipsec.isEsp(rx.packet()) && ipsec.active()) {
            // RFC 3776 §4.1: ESP after the Home Address option's swap; the option is then admitted (or not,
            // RFC 6275 §9.3.1) for what the SA carried, a Binding Update or not
            ipsec.esp(now, rx, rp, this::afterRoutingHeader, out);
            return;
        }
        if (rp.homeAddressOption() && !(mobilityView.admittedHomeAddress && rx.outer() == null)) {
            roles.homeAddress(now, rx, rp, (t, r, o) -> upperLayer(t, r, rp, o), out);
        } else {
            upperLayer(now, rx, rp, out);
        }
    }

    /**
     * The upper layer sees the home address as the source and the final destination (RFC 6275 §9.3.1,
     * §11.3.3). {@code rp} is null when no role will see the packet.
     */
    private void upperLayer(long now, ReceiveContext rx, ReceivedPacket rp, List<Transmit> out) {
        if (rp != null && ipsec.active()) {
            ipsec.clear(now, rx, rp, this::admitted, out); // RFC 4301 §5.2: unprotected where a policy protects?
        } else {
            admitted(now, rx, rp, out);
        }
    }

    private void admitted(long now, ReceiveContext rx, ReceivedPacket rp, List<Transmit> out) {
        Ipv6Packet p = rx.packet();
        ReceiveContext upper = rx;
        if (rp != null && (rp.homeAddressOption() || rp.routingHeader2())) {
            upper = rx.withPacket(new Ipv6Packet(p.trafficClass(), p.flowLabel(), p.hopLimit(), rp.source(),
                    rp.destination(), p.extensionHeaders(), p.payload()));
        }
        if (p.payload() instanceof Payload.Icmpv6 ic) {
            icmp(now, upper, ic.message(), out);
            int type = ic.message().type();
            if (rp != null && (type < 133 || type > 137 || p.hopLimit() == 255)) { // roles see only valid ND (RFC 4861 §6.1, §7.1)
                roles.icmpv6(now, rp, ic.message());
            }
        } else if (p.payload() instanceof Payload.Mobility m) {
            roles.mobility(now, rx, rp, m.message(), out);
        } else if (p.payload() instanceof Payload.Tunnel tun) {
            decapsulate(now, rx, tun.inner(), out);
        } else if (p.payload() instanceof Payload.Udp u) {
            echo.onUdp(now, upper, u, out);
        } else if (p.payload() instanceof Payload.Opaque o && !(lastHeader(p) instanceof ExtensionHeader.Fragment)
                && o.protocol() != Wire.TCP && o.protocol() != Wire.AH) {
            extensionHeaders.unrecognizedNextHeader(now, rx, out);
        } else {
            counters.drop(Drop.UNHANDLED, 1);
        }
    }

    /**
     * RFC 6275 §10.4.2: a multicast packet from {@code i}'s link to a group tunnels take is forwarded, a copy through
     * each of them, its Hop Limit decremented ({@link Drop#MULTICAST_NOT_TUNNELLED} when it may not be). True when
     * the group is one the tunnels take.
     */
    private boolean tunnelMulticast(long now, Iface i, Ipv6Packet p, List<Transmit> out) {
        int[] tunnels = i.tunnelledGroups.get(p.destination());
        if (tunnels == null) {
            return false;
        }
        if (p.hopLimit() <= 1 || p.source().isLinkLocal() || p.source().isUnspecified()) {
            counters.drop(Drop.MULTICAST_NOT_TUNNELLED, 1);
            return true;
        }
        forwardThrough(now, tunnels, 0, p.withHopLimit(p.hopLimit() - 1), out);
        return true;
    }

    /** A copy of {@code p} through each of {@code tunnels} but {@code except} (0: none), counted `multicast-tunnelled`. */
    private void forwardThrough(long now, int[] tunnels, int except, Ipv6Packet p, List<Transmit> out) {
        for (int t : tunnels) {
            if (t != except) {
                counters.multicastTunnelled++;
                outbound.forwardThrough(now, t, p, out);
            }
        }
    }

    private static ExtensionHeader lastHeader(Ipv6Packet p) {
        var hs = p.extensionHeaders();
        return hs.isEmpty() ? null : hs.get(hs.size() - 1);
    }

    /**
     * Groups whose packets are received when they come out of a tunnel (RoleNode.receiveTunnelledMulticast: a mobile
     * node's, listened to through its home agent's tunnel, RFC 6275 §11.3.4).
     */
    final java.util.Set<Ipv6Address> tunnelReceivedGroups = new java.util.LinkedHashSet<>();

    /** RFC 2473 §3.2: only from a configured peer; the inner packet is then received as if on this interface. */
    private void decapsulate(long now, ReceiveContext rx, Ipv6Packet inner, List<Transmit> out) {
        Ipv6Packet outer = rx.packet();
        switch (tunnels.accept(now, outer.source(), outer.destination(), inner.source())) {
            case NO_TUNNEL -> {
                counters.drop(Drop.NO_TUNNEL, 1);
                return;
            }
            case WRONG_INNER_SOURCE -> {
                if (!tunnelledMld(now, rx, inner)) {
                    counters.drop(Drop.TUNNEL_INNER_SOURCE, 1);
                }
                return;
            }
            case ACCEPTED -> {
                if (inner.destination().isMulticast() && tunnelledMld(now, rx, inner)) {
                    return;
                }
                if (!tunnelReceivedGroups.isEmpty() && tunnelReceivedGroups.contains(inner.destination())) {
                    counters.decapsulated++;
                    deliver(now, rx.inner(inner), out); // §11.3.4: a group listened to through the tunnel
                    return;
                }
                if (inner.destination().isMulticast() && reverseTunnelledMulticast(now, rx, inner, out)) {
                    return;
                }
            }
        }
        counters.decapsulated++;
        if (isLocal(rx.iface(), inner.destination()) && !inner.destination().isMulticast()) {
            deliver(now, rx.inner(inner), out);
        } else if (forwarding) {
            forwarder.forward(now, rx.iface(), asReceived(rx.view().tunnelled(), inner), out);
        } else {
            counters.drop(Drop.NOT_FORWARDING, 1);
        }
    }

    /**
     * RFC 6275 §11.3.4: a multicast packet a mobile node sends from its home address through its reverse tunnel (so
     * that multicast routing sees its home address) goes onto its home link — the interface that proxies that address
     * — as a router forwards it, its Hop Limit less one (counted `multicast-from-tunnels`), and a copy through each
     * other tunnel that takes its group (§10.4.2, `multicast-tunnelled`); not back through its own. A group of
     * link-local scope or less goes nowhere, nor one whose Hop Limit would reach 0 ({@link
     * Drop#MULTICAST_NOT_FORWARDED}) but to this node's own upper layers when they joined it on the home link ({@link
     * NodeEngine#joinGroup}), as a packet on that link would reach them. False when this node proxies no such home
     * address (not a home agent's binding).
     */
    private boolean reverseTunnelledMulticast(long now, ReceiveContext rx, Ipv6Packet inner, List<Transmit> out) {
        Iface home = null;
        for (Iface i : ifaces.all()) {
            if (i.up && proxy.proxies(i, inner.source())) {
                home = i;
                break;
            }
        }
        if (home == null) {
            return false;
        }
        counters.decapsulated++;
        if (inner.destination().multicastScope() <= 2) { // RFC 4291 §2.7: never off the sender's link
            counters.drop(Drop.MULTICAST_NOT_FORWARDED, 1);
            return true;
        }
        if (home.joined(inner.destination())) {
            deliver(now, rx.inner(inner), out);
        }
        if (inner.hopLimit() <= 1) { // RFC 4443 §2.4(e): no Time Exceeded about multicast
            counters.drop(Drop.MULTICAST_NOT_FORWARDED, 1);
            return true;
        }
        counters.multicastFromTunnels++;
        Ipv6Packet onLink = inner.withHopLimit(inner.hopLimit() - 1);
        outbound.send(now, onLink, home.index, false, out); // a failure (too big for the link) is counted there
        int[] tunnelled = home.tunnelledGroups == null ? null : home.tunnelledGroups.get(inner.destination());
        if (tunnelled != null) {
            Tunnel own = tunnels.forDestination(inner.source());
            forwardThrough(now, tunnelled, own == null ? 0 : own.id(), onLink, out);
        }
        return true;
    }

    /**
     * RFC 6275 §10.4.3: an MLD message (RFC 3810, RFC 2710) a mobile node and its home agent send each other through
     * their tunnel — the mobile node's Reports and Dones, the home agent's Queries — from a link-local address with
     * Hop Limit 1 and a Router Alert (§5 of either), goes to the roles that take its ICMPv6 type (the tunnel's outer
     * packet with it), not to the node's own MLD nor on to a link; false when it is not one, or no role takes it (it
     * is then dropped or received as before).
     */
    private boolean tunnelledMld(long now, ReceiveContext rx, Ipv6Packet inner) {
        if (!(inner.payload() instanceof Payload.Icmpv6 ic) || !inner.source().isLinkLocal() || inner.hopLimit() != 1
                || !MulticastListening.routerAlert(inner)) {
            return false;
        }
        int type = ic.message().type();
        if (!MulticastListenerMessage.isMulticastListenerType(type) || !roles.watchesIcmpv6(type)) {
            return false;
        }
        counters.decapsulated++;
        counters.tunnelledMld++;
        roles.icmpv6(now, new ReceivedPacket(now, rx.iface().index, inner, inner.source(), inner.destination(), null, false,
                rx.packet()), ic.message());
        return true;
    }

    /**
     * A decapsulated packet to forward as it came out of its tunnel, its header chain and payload the bytes
     * the tunnel carried (RFC 2473 §3.2: the exit point forwards the original packet), not re-encoded from
     * records (which would rewrite the options' padding, say).
     */
    private static Ipv6Packet asReceived(PacketView inner, Ipv6Packet decoded) {
        if (inner == null) {
            return decoded;
        }
        try {
            Ipv6Packet p = PacketCodec.decodeIpv6Header(inner.buffer(), inner.ipv6Offset(), inner.ipv6End() - inner.ipv6Offset());
            return p.source().equals(decoded.source()) && p.destination().equals(decoded.destination()) ? p : decoded;
        } catch (DecodeException e) {
            return decoded; // it was checked whole on the way in
        }
    }

    /**
     * Whether {@code source} is an address this node uses on {@code i}: preferred, not a home address away
     * from home. Not a tentative one (another node's NA defending it is how DAD learns it is a duplicate,
     * RFC 4862 §5.4.4) nor a duplicate one (another node uses it, and may be a neighbour).
     */
    private boolean ownSource(Iface i, Ipv6Address source) {
        AddressEntry own = source.isUnspecified() ? null : addresses.own(i, source);
        return own != null && !own.away && own.state == AddressState.PREFERRED;
    }

    /** RFC 8201 §4: a Packet Too Big about a packet one of our addresses sent lowers the Path MTU to its destination. */
    private void learnPathMtu(long now, Icmpv6Message.PacketTooBig ptb) {
        Bytes quoted = ptb.invokingPacket();
        if (quoted.length() < PacketCodec.IPV6_HEADER_LENGTH) {
            return;
        }
        byte[] q = quoted.toArray();
        if (addresses.isLocalUnicast(Ipv6Address.read(q, 8))) {
            outbound.learnPathMtu(now, Ipv6Address.read(q, 24), ptb.mtu());
        }
    }

    private void icmp(long now, ReceiveContext rx, Icmpv6Message m, List<Transmit> out) {
        Iface i = rx.iface();
        Ipv6Packet p = rx.packet();
        if (m.type() >= 133 && m.type() <= 136 && ownSource(i, p.source())) {
            counters.drop(Drop.ND_OWN_SOURCE, 1);
            return;
        }
        if (m instanceof NeighborSolicitation ns) {
            neighbors.onNs(now, i, p, ns, out);
        } else if (m instanceof NeighborAdvertisement na) {
            neighbors.onNa(now, i, p, na, out);
        } else if (m instanceof RouterSolicitation rs) {
            advertiser.onRs(now, i, p, rs, out);
        } else if (m instanceof RouterAdvertisement ra) {
            discovery.onRa(now, i, p, ra, out);
        } else if (m instanceof EchoRequest er) {
            echo.onRequest(now, rx, er, out);
        } else if (m instanceof EchoReply er) {
            echo.onReply(now, rx, er);
        } else if (m.type() < 128) {
            if (m instanceof Icmpv6Message.PacketTooBig ptb) {
                learnPathMtu(now, ptb);
            }
            if (!errors.relayTunnelError(now, m, tunnels, addresses::isLocalUnicast, out)) {
                events.icmpError(now, p, m);
            }
        } else if (m.type() == MulticastListenerMessage.QUERY && m instanceof Icmpv6Message.UnknownIcmpv6 q) {
            mld.query(now, i, p, q);
        } else if (m.type() == MulticastListenerMessage.V1_REPORT && m instanceof Icmpv6Message.UnknownIcmpv6 r) {
            mld.heardReport(now, i, p, r);
        } else {
            counters.drop(Drop.UNHANDLED, 1);
        }
    }
}
