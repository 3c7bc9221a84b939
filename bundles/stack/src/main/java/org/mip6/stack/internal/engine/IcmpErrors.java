package org.mip6.stack.internal.engine;

import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.Reaction;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Message;

/**
 * The ICMPv6 errors this node originates (RFC 4443 §2.4): never about an error message, a multicast
 * destination or an unspecified or multicast source (§2.4(e)); as much of the offending packet as fits
 * the minimum MTU (§2.4(c)); rate-limited by a token bucket (§2.4(f)).
 */
final class IcmpErrors {

    /** Token bucket: a burst of 10, then one error every 100 ms (10 per second). */
    static final int BURST = 10;
    static final long INTERVAL_NANOS = 100_000_000L;
    /** RFC 4443 §2.4(c): the error packet must not exceed the minimum IPv6 MTU. */
    static final int MAX_INVOKING = 1280 - 48;

    private final Outbound outbound;
    private final SourceAddressSelection sources;
    private final NodeCounters counters;
    private final TokenBucket bucket = new TokenBucket(BURST, INTERVAL_NANOS);

    IcmpErrors(Outbound outbound, SourceAddressSelection sources, NodeCounters counters) {
        this.outbound = outbound;
        this.sources = sources;
        this.counters = counters;
    }

    /** Takes a token; false (and counted) when the bucket is empty. */
    boolean allowed(long now) {
        if (!bucket.take(now)) {
            counters.drop(Drop.ICMP_ERROR_RATE_LIMITED, 1);
            return false;
        }
        return true;
    }

    /** The packet as an error message's invoking packet, cut to fit the minimum MTU. */
    static Bytes invoking(Ipv6Packet p) {
        byte[] b = PacketCodec.encode(p);
        return invoking(b, 0, b.length);
    }

    /** The bytes {@code from} (an IPv6 header) to {@code end} as an invoking packet, cut to fit the minimum MTU. */
    static Bytes invoking(byte[] b, int from, int end) {
        return Bytes.copyOf(b, from, Math.min(end - from, MAX_INVOKING));
    }

    /** Whether a packet carries an ICMPv6 error message, also when it was forwarded unexamined. */
    static boolean isIcmpError(Ipv6Packet p) {
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
     * An error about {@code offending}. The source is taken from {@code in} (the interface the offending
     * packet arrived on) when given, else by source address selection on the way out.
     */
    void send(long now, Iface in, Ipv6Packet offending, Icmpv6Message error, List<Transmit> out) {
        Ipv6Address to = offending.source();
        if (to.isUnspecified() || to.isMulticast() || offending.destination().isMulticast() || isIcmpError(offending)) {
            return;
        }
        Ipv6Address src = in == null ? Ipv6Address.UNSPECIFIED : sources.select(in, to);
        if (src == null || !allowed(now)) {
            return;
        }
        outbound.originate(now, Ipv6Packet.of(src, to, outbound.hopLimit(), new Payload.Icmpv6(error)),
                in == null ? -1 : in.index, out);
    }

    /**
     * RFC 2473 §8: an error about a packet this node encapsulated is relayed to the inner packet's
     * source: Packet Too Big with the MTU less the tunnel header (not below 1280), anything else as
     * Destination Unreachable code 3, address unreachable. The relayed error quotes the inner packet.
     *
     * @return whether the error was about one of our tunnels (relayed or, rate-limited, counted)
     */
    boolean relayTunnelError(long now, Icmpv6Message error, Tunnels tunnels,
                             java.util.function.Predicate<Ipv6Address> ours, List<Transmit> out) {
        Bytes quoted = error instanceof Icmpv6Message.DestinationUnreachable d ? d.invokingPacket()
                : error instanceof Icmpv6Message.PacketTooBig d ? d.invokingPacket()
                : error instanceof Icmpv6Message.TimeExceeded d ? d.invokingPacket()
                : error instanceof Icmpv6Message.ParameterProblem d ? d.invokingPacket() : null;
        int h = PacketCodec.IPV6_HEADER_LENGTH;
        if (quoted == null || quoted.length() < 2 * h || quoted.get(6) != Wire.IPV6) {
            return false;
        }
        byte[] b = quoted.toArray();
        if (tunnels.encapsulatedBy(Ipv6Address.read(b, 8), Ipv6Address.read(b, 24), Ipv6Address.read(b, h + 24)) == null) {
            return false;
        }
        Ipv6Address to = Ipv6Address.read(b, h + 8);
        boolean innerIsError = b[h + 6] == Wire.ICMPV6 && b.length > 2 * h && (b[2 * h] & 0xff) < 128;
        if (ours.test(to)) {
            return false; // we sent the inner packet ourselves (a mobile node's reverse tunnel): our own event
        }
        if (to.isUnspecified() || to.isMulticast() || innerIsError || !allowed(now)) {
            return true;
        }
        Bytes inner = invoking(b, h, b.length);
        Icmpv6Message relayed = error instanceof Icmpv6Message.PacketTooBig ptb
                ? new Icmpv6Message.PacketTooBig(Math.max(1280, ptb.mtu() - h), inner)
                : new Icmpv6Message.DestinationUnreachable(3, inner);
        counters.tunnelErrorsRelayed++;
        outbound.originate(now, Ipv6Packet.of(Ipv6Address.UNSPECIFIED, to, outbound.hopLimit(),
                new Payload.Icmpv6(relayed)), -1, out);
        return true;
    }

    /** A forwarded packet could not leave: Destination Unreachable (no route) or Packet Too Big. */
    void forwardingFailed(long now, Ipv6Packet p, Outbound.Failure f, List<Transmit> out) {
        Icmpv6Message m = f.reason() == Drop.TOO_BIG ? new Icmpv6Message.PacketTooBig(f.mtu(), invoking(p))
                : new Icmpv6Message.DestinationUnreachable(0, invoking(p));
        send(now, null, p, m, out);
    }

    /**
     * Parameter Problem {@code code} at {@code pointer} about a packet addressed to us (RFC 4443 §3.4);
     * from the address it was sent to, or a selected one when that was multicast.
     */
    void parameterProblem(long now, Iface i, Ipv6Packet p, int code, int pointer, Bytes invoking, List<Transmit> out) {
        aboutPacketForUs(now, i, p, new Icmpv6Message.ParameterProblem(code, pointer, invoking), out);
    }

    /**
     * Destination Unreachable {@code code} about a packet addressed to us (RFC 4443 §3.1; code 4, port
     * unreachable: no listener for a UDP datagram's port), from the address it was sent to.
     */
    void destinationUnreachable(long now, Iface i, Ipv6Packet p, int code, Bytes invoking, List<Transmit> out) {
        aboutPacketForUs(now, i, p, new Icmpv6Message.DestinationUnreachable(code, invoking), out);
    }

    /**
     * RFC 4443 §2.4(e): never about a packet from an address that names no single node, and, when it was
     * sent to a multicast address (e.3), only a Parameter Problem code 2 (an option whose type asks for one
     * even then), sent from a selected address.
     */
    private void aboutPacketForUs(long now, Iface i, Ipv6Packet p, Icmpv6Message error, List<Transmit> out) {
        Ipv6Address to = p.source();
        if (to.isUnspecified() || to.isMulticast()) {
            return;
        }
        boolean multicast = p.destination().isMulticast();
        if (multicast && !(error instanceof Icmpv6Message.ParameterProblem pp && pp.code() == 2)) {
            return;
        }
        Ipv6Address from = multicast ? sources.select(i, to) : p.destination();
        if (from == null || !allowed(now)) {
            return;
        }
        outbound.originate(now, Ipv6Packet.of(from, to, outbound.hopLimit(), new Payload.Icmpv6(error)), i.index, out);
    }

    /**
     * RFC 6275 §9.2 / RFC 8200 reaction to a frame for us that did not decode: a Parameter Problem where
     * the reason asks for one. A node that does not speak Mobile IPv6 ({@code speaksMobility} false) does
     * not look inside a Mobility Header at all: whatever is wrong in one, Next Header 135 is what it does
     * not recognise (Parameter Problem code 1 at that field, RFC 8200 §4).
     */
    void decodeFailed(long now, Iface i, byte[] frame, DecodeException e, boolean forUs, boolean speaksMobility,
                      List<Transmit> out) {
        int ip = PacketCodec.ETHERNET_HEADER_LENGTH;
        if (frame.length < ip + 40 || Wire.u16(frame, 12) != Wire.ETHERTYPE_IPV6) {
            return;
        }
        Reaction r = e.reaction();
        int code = r.code();
        long pointer = r.pointer();
        if (!speaksMobility) {
            int nhAt = mobilityNextHeaderField(frame, ip);
            if (nhAt >= 0 && e.offset() >= nhAt) { // the error lies in the Mobility Header (or what it names)
                code = 1;
                pointer = nhAt - ip;
                r = null;
            }
        }
        if (r != null && r.kind() != Reaction.Kind.PARAMETER_PROBLEM) {
            return;
        }
        if ((frame[0] & 1) != 0 && code != 2) {
            return; // RFC 4443 §2.4(e.3): not about a packet sent as a link-layer multicast or broadcast
        }
        Ipv6Address src = Ipv6Address.read(frame, ip + 8);
        Ipv6Address dst = Ipv6Address.read(frame, ip + 24);
        if (!forUs || dst.isMulticast() || src.isMulticast() || src.isUnspecified()) {
            return;
        }
        Ipv6Address from = sources.select(i, src);
        if (from != null && allowed(now)) {
            outbound.originate(now, Ipv6Packet.of(from, src, outbound.hopLimit(), new Payload.Icmpv6(
                    new Icmpv6Message.ParameterProblem(code, pointer, invoking(frame, ip, frame.length)))), i.index, out);
        }
    }

    /**
     * The offset of the Next Header field that names a Mobility Header, walking the extension headers of
     * a frame that did not decode (bounds-checked at every step), or -1 when there is none.
     */
    static int mobilityNextHeaderField(byte[] frame, int ip) {
        int nhAt = ip + 6;
        int p = ip + PacketCodec.IPV6_HEADER_LENGTH;
        int end = Math.min(frame.length, p + Wire.u16(frame, ip + 4));
        for (int k = 0; k < 16; k++) {
            int nh = Wire.u8(frame, nhAt);
            if (nh == Wire.MOBILITY) {
                return nhAt;
            }
            if (nh != Wire.HOP_BY_HOP && nh != Wire.DESTINATION_OPTIONS && nh != Wire.ROUTING && nh != Wire.FRAGMENT
                    || p + 8 > end) {
                return -1;
            }
            nhAt = p;
            p += nh == Wire.FRAGMENT ? 8 : (Wire.u8(frame, p + 1) + 1) * 8;
        }
        return -1;
    }
}
