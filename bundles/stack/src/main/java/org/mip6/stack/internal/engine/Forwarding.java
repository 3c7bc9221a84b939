package org.mip6.stack.internal.engine;

import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.DecodeException;
import org.mip6.wire.Ipv6Option;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Message;

/**
 * A router forwarding packets for other nodes (RFC 8200 §3, §4; RFC 4443 §3): link-local scope stays
 * on its link, the Hop Limit is decremented (Time Exceeded at 1), and a packet that cannot leave is
 * answered with Destination Unreachable or Packet Too Big.
 */
final class Forwarding {

    private final AddressTable addresses;
    private final ProxyNd proxy;
    private final Outbound outbound;
    private final IcmpErrors errors;
    private final NodeCounters counters;

    Forwarding(AddressTable addresses, ProxyNd proxy, Outbound outbound, IcmpErrors errors, NodeCounters counters) {
        this.addresses = addresses;
        this.proxy = proxy;
        this.outbound = outbound;
        this.errors = errors;
        this.counters = counters;
    }

    /**
     * RFC 8200 §4: a unicast packet for another node is forwarded on its IPv6 header alone; its
     * extension headers and upper layer are the destination's to check (so a BU with a bad checksum
     * still reaches the home agent, which discards and counts it), and its bytes leave as they came but
     * for the Hop Limit. A Hop-by-Hop Options header is the one the router reads first
     * ({@link #hopByHopRefuses}); one it cannot read takes the full decode, which counts it.
     *
     * @param frame a frame the link-layer filter accepted (a unicast one is addressed to our MAC)
     * @return whether the frame was taken (forwarded or answered); false: the full receive path handles it
     */
    boolean transit(long now, Iface i, byte[] frame, List<Transmit> out) {
        int ip = PacketCodec.ETHERNET_HEADER_LENGTH;
        if (frame.length < ip + PacketCodec.IPV6_HEADER_LENGTH || Wire.u16(frame, 12) != Wire.ETHERTYPE_IPV6
                || (frame[0] & 1) != 0) { // group frames: not transit
            return false;
        }
        Ipv6Address dst = Ipv6Address.read(frame, ip + 24);
        if (dst.isMulticast() || addresses.isLocalUnicast(dst)) {
            return false;
        }
        Ipv6Packet p;
        try {
            p = PacketCodec.decodeIpv6Header(frame, ip, frame.length - ip);
        } catch (DecodeException e) {
            return false; // the full decode counts and answers it
        }
        if (Wire.u8(frame, ip + 6) == Wire.HOP_BY_HOP) {
            int end = ip + PacketCodec.IPV6_HEADER_LENGTH + Wire.u16(frame, ip + 4);
            int refused = hopByHopRefuses(frame, ip, end);
            if (refused == MALFORMED) {
                return false;
            }
            if (refused >= 0) {
                counters.received++;
                counters.drop(Drop.UNHANDLED, 1);
                if (Ipv6Option.unrecognizedAction(Wire.u8(frame, refused)) >= 2) { // 10, 11: the destination is unicast
                    errors.send(now, i, p, new Icmpv6Message.ParameterProblem(2, refused - ip,
                            IcmpErrors.invoking(frame, ip, end)), out);
                }
                return true;
            }
        }
        counters.received++;
        forward(now, i, p, out);
        return true;
    }

    private static final int MALFORMED = -2;

    /**
     * RFC 8200 §4.2 at a router that reads the Hop-by-Hop Options header (RFC 2460 had every node read it;
     * RFC 8200 §4 lets a router skip it): the offset of the first option whose type asks a node that does
     * not know it to discard the packet (action 01, 10 or 11; the router knows Pad1, PadN and, with
     * nothing to do for it, Router Alert, whose action is 00), -1 when none does, or {@link #MALFORMED}
     * when the header or an option does not fit.
     */
    static int hopByHopRefuses(byte[] frame, int ip, int end) {
        int h = ip + PacketCodec.IPV6_HEADER_LENGTH;
        if (end > frame.length || h + 8 > end) {
            return MALFORMED;
        }
        int hend = h + (Wire.u8(frame, h + 1) + 1) * 8;
        if (hend > end) {
            return MALFORMED;
        }
        for (int o = h + 2; o < hend; ) {
            int type = Wire.u8(frame, o);
            if (type == Ipv6Option.PAD1) {
                o++;
                continue;
            }
            if (o + 2 > hend || o + 2 + Wire.u8(frame, o + 1) > hend) {
                return MALFORMED;
            }
            if (type != Ipv6Option.PADN && Ipv6Option.unrecognizedAction(type) != 0) {
                return o;
            }
            o += 2 + Wire.u8(frame, o + 1);
        }
        return -1;
    }

    void forward(long now, Iface in, Ipv6Packet p, List<Transmit> out) {
        if (p.destination().isLinkLocal() && in != null && proxy.proxies(in, p.destination())) {
            // RFC 6275 §10.4.1: a mobile node's link-local address (proxied for a registration with L set)
            // is not tunnelled; the packet is discarded and its source told the address is unreachable
            counters.drop(Drop.MOBILE_NODE_LINK_LOCAL, 1);
            errors.send(now, in, p, new Icmpv6Message.DestinationUnreachable(3, IcmpErrors.invoking(p)), out);
            return;
        }
        if (p.source().isLinkLocal() || p.destination().isLinkLocal()) {
            counters.drop(Drop.NOT_FOR_US, 1); // link-local scope is never forwarded (RFC 4291 §2.5.6)
            return;
        }
        if (p.hopLimit() <= 1) {
            errors.send(now, in, p, new Icmpv6Message.TimeExceeded(0, IcmpErrors.invoking(p)), out);
            return;
        }
        counters.forwarded++;
        Ipv6Packet next = p.withHopLimit(p.hopLimit() - 1);
        Outbound.Failure f = outbound.send(now, next, -1, false, out);
        if (f != null) {
            errors.forwardingFailed(now, next, f, out);
        }
    }
}
