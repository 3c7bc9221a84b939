package org.mip6.stack.internal.engine;

import java.util.List;

import org.mip6.wire.PacketView;
import org.mip6.wire.Ipv6Packet;

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
     * Segments Left above 0 gets code 0 at the Routing Type. Both were found when the packet was
     * checked: the chain is not walked again.
     *
     * @return whether the packet may go on to its upper layer
     */
    boolean accepted(long now, ReceiveContext rx, List<Transmit> out) {
        PacketView v = rx.view();
        int option = v.unrecognizedOptionOffset();
        int routing = v.unrecognizedRoutingHeaderOffset();
        if (option < 0 && routing < 0) {
            return true;
        }
        counters.drop(Drop.UNHANDLED, 1);
        Ipv6Packet p = rx.packet();
        int ip = v.ipv6Offset();
        if (option >= 0 && (routing < 0 || option < routing)) { // the first in header order
            int action = (v.buffer()[option] & 0xff) >>> 6;
            if (action == 2 || action == 3 && !p.destination().isMulticast()) {
                errors.parameterProblem(now, rx.iface(), p, 2, option - ip, invoking(rx), out);
            }
            return false;
        }
        errors.parameterProblem(now, rx.iface(), p, 0, routing + 2 - ip, invoking(rx), out);
        return false;
    }

    /** RFC 8200 §4: an upper layer this node does not know. Parameter Problem code 1 at the Next Header field naming it. */
    void unrecognizedNextHeader(long now, ReceiveContext rx, List<Transmit> out) {
        counters.drop(Drop.UNHANDLED, 1);
        errors.parameterProblem(now, rx.iface(), rx.packet(), 1, nextHeaderPointer(rx), invoking(rx), out);
    }

    /** Offset from the IPv6 header of the Home Address option's type byte (RFC 6275 §6.3), for a Parameter Problem. */
    int homeAddressOptionPointer(ReceiveContext rx) {
        PacketView v = rx.view();
        return v.homeAddressOffset() < 0 ? 0 : v.homeAddressOffset() - 2 - v.ipv6Offset();
    }

    /** Offset from the IPv6 header of the Type 2 Routing Header's Routing Type field (RFC 6275 §6.4). */
    int type2RoutingTypePointer(ReceiveContext rx) {
        PacketView v = rx.view();
        return v.type2RoutingHeaderOffset() < 0 ? 0 : v.type2RoutingHeaderOffset() + 2 - v.ipv6Offset();
    }

    /** The packet's bytes as received (inside its tunnel for a decapsulated packet), cut to fit the minimum MTU. */
    static org.mip6.wire.Bytes invoking(ReceiveContext rx) {
        PacketView v = rx.view();
        return IcmpErrors.invoking(v.buffer(), v.ipv6Offset(), v.ipv6End());
    }

    /** Offset from the IPv6 header of the Next Header field that names the payload. */
    private static int nextHeaderPointer(ReceiveContext rx) {
        PacketView v = rx.view();
        return v.nextHeaderFieldOffset() - v.ipv6Offset();
    }
}
