package org.mip6.stack.internal.engine;

import java.util.List;

import org.mip6.wire.DecodeException;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.PacketView;
import org.mip6.wire.Ipv6Option;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Wire;

/**
 * Extension-header processing at the destination (RFC 8200 §4): unrecognised options act by their
 * two high-order bits (§4.2), an unrecognised Routing Type with Segments Left above zero is refused
 * (§4.4), and an unrecognised Next Header gets a Parameter Problem at the field that named it (§4).
 */
final class ExtensionHeaders {

    private final IcmpErrors errors;
    private final NodeCounters counters;

    ExtensionHeaders(IcmpErrors errors, NodeCounters counters) {
        this.errors = errors;
        this.counters = counters;
    }

    /**
     * RFC 8200 §4.2: an unrecognized option's two high-order bits say what to do: skip it, discard the
     * packet, or discard and send a Parameter Problem code 2 pointing at the option (the last only for
     * a unicast destination when the bits are 11). RFC 8200 §4.4: an unrecognized Routing Type with
     * Segments Left above 0 gets code 0 at the Routing Type.
     *
     * @return whether the packet may go on to its upper layer
     */
    boolean accepted(long now, ReceiveContext rx, List<Transmit> out) {
        Ipv6Packet p = rx.packet();
        byte[] raw = rx.frame();
        int pos = PacketCodec.IPV6_HEADER_LENGTH;
        for (ExtensionHeader h : p.extensionHeaders()) {
            int hlen = headerBytes(raw, h, pos);
            List<Ipv6Option> opts = h instanceof ExtensionHeader.HopByHopOptions hbh ? hbh.options()
                    : h instanceof ExtensionHeader.DestinationOptions d ? d.options() : List.of();
            int k = 0;
            int q = pos + 2;
            while (k < opts.size() && q < pos + hlen) {
                int olen;
                if (raw != null) {
                    int at = PacketCodec.ETHERNET_HEADER_LENGTH + q;
                    int type = raw[at] & 0xff;
                    if (type == Ipv6Option.PAD1) {
                        q++;
                        continue;
                    }
                    olen = raw[at + 1] & 0xff;
                    if (type == Ipv6Option.PADN) {
                        q += 2 + olen;
                        continue;
                    }
                } else {
                    Ipv6Option o = opts.get(k);
                    q += Wire.padding(q - pos, o.alignMultiple(), o.alignOffset());
                    olen = o.dataLength();
                }
                Ipv6Option o = opts.get(k++);
                if (o instanceof Ipv6Option.UnknownOption u) {
                    int action = u.action();
                    if (action == 1) {
                        counters.drop(Drop.UNHANDLED, 1);
                        return false;
                    }
                    if (action >= 2) {
                        counters.drop(Drop.UNHANDLED, 1);
                        if (action == 2 || !p.destination().isMulticast()) {
                            errors.parameterProblem(now, rx.iface(), p, 2, q, invoking(rx), out);
                        }
                        return false;
                    }
                }
                q += 2 + olen;
            }
            if (h instanceof ExtensionHeader.UnknownRoutingHeader r && r.segmentsLeft() > 0) {
                counters.drop(Drop.UNHANDLED, 1);
                errors.parameterProblem(now, rx.iface(), p, 0, pos + 2, invoking(rx), out);
                return false;
            }
            pos += hlen;
        }
        return true;
    }

    /** RFC 8200 §4: an upper layer this node does not know. Parameter Problem code 1 at the Next Header field naming it. */
    void unrecognizedNextHeader(long now, ReceiveContext rx, List<Transmit> out) {
        counters.drop(Drop.UNHANDLED, 1);
        errors.parameterProblem(now, rx.iface(), rx.packet(), 1, nextHeaderPointer(rx), invoking(rx), out);
    }

    /** Offset from the IPv6 header of the Home Address option's type byte (RFC 6275 §6.3), for a Parameter Problem. */
    int homeAddressOptionPointer(ReceiveContext rx) {
        PacketView v = view(rx);
        return v == null || v.homeAddressOffset() < 0 ? 0 : v.homeAddressOffset() - 2 - v.ipv6Offset();
    }

    /** Offset from the IPv6 header of the Type 2 Routing Header's Routing Type field (RFC 6275 §6.4). */
    int type2RoutingTypePointer(ReceiveContext rx) {
        PacketView v = view(rx);
        return v == null || v.type2RoutingHeaderOffset() < 0 ? 0 : v.type2RoutingHeaderOffset() + 2 - v.ipv6Offset();
    }

    /** The packet's bytes as received (or re-encoded when it came out of a tunnel), checked. */
    private static PacketView view(ReceiveContext rx) {
        try {
            if (rx.frame() != null) {
                return new PacketView().wrapEthernet(rx.frame(), 0, rx.frame().length);
            }
            byte[] b = PacketCodec.encode(rx.packet());
            return new PacketView().wrapIpv6(b, 0, b.length);
        } catch (DecodeException e) {
            return null; // it decoded on the way in; nothing to point at otherwise
        }
    }

    /** The received bytes as the invoking packet, or the packet re-encoded when it came out of a tunnel. */
    static org.mip6.wire.Bytes invoking(ReceiveContext rx) {
        return rx.frame() != null ? IcmpErrors.invoking(rx.frame(), PacketCodec.ETHERNET_HEADER_LENGTH)
                : IcmpErrors.invoking(rx.packet());
    }

    /** Offset from the IPv6 header of the Next Header field that names the payload. */
    private static int nextHeaderPointer(ReceiveContext rx) {
        int off = 6;
        int pos = PacketCodec.IPV6_HEADER_LENGTH;
        for (ExtensionHeader h : rx.packet().extensionHeaders()) {
            off = pos;
            pos += headerBytes(rx.frame(), h, pos);
        }
        return off;
    }

    /** Length of an extension header at {@code pos} (from the IPv6 header): from the received bytes when we have them. */
    private static int headerBytes(byte[] raw, ExtensionHeader h, int pos) {
        if (h instanceof ExtensionHeader.Fragment) {
            return 8;
        }
        if (raw != null) {
            return ((raw[PacketCodec.ETHERNET_HEADER_LENGTH + pos + 1] & 0xff) + 1) * 8;
        }
        return PacketCodec.encodedLength(h);
    }
}
