package org.mip6.stack.internal.engine;

import java.util.List;

import org.mip6.net.MacAddress;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;

/** The last step out: a packet framed for a link-layer destination on an interface, counted. */
final class Emitter {

    private final NodeCounters counters;

    Emitter(NodeCounters counters) {
        this.counters = counters;
    }

    void emit(Iface i, MacAddress dst, Ipv6Packet p, List<Transmit> out) {
        emitFrame(i, PacketCodec.encodeEthernet(EthernetFrame.ipv6(dst, i.mac, p)), out);
    }

    /** A frame already encoded. */
    void emitFrame(Iface i, byte[] frame, List<Transmit> out) {
        counters.sent++;
        out.add(new Transmit(i.index, frame));
    }

    /**
     * A packet for one of the node's own addresses on {@code i}: framed to the interface's own MAC and handed
     * back to the node, never put on the link (a host's loopback, RFC 4291 §2.5.3's for any own address).
     */
    void loopback(Iface i, Ipv6Packet p, List<Transmit> out) {
        counters.loopedBack++;
        out.add(new Transmit(i.index, PacketCodec.encodeEthernet(EthernetFrame.ipv6(i.mac, i.mac, p)), true));
    }

    /** To a multicast group (RFC 2464 §7 mapping). */
    void multicast(Iface i, Ipv6Packet p, List<Transmit> out) {
        emit(i, MacAddress.ofMulticast(p.destination()), p, out);
    }
}
