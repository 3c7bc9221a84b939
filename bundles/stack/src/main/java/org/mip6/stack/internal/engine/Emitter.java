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

    /** To a multicast group (RFC 2464 §7 mapping). */
    void multicast(Iface i, Ipv6Packet p, List<Transmit> out) {
        emit(i, MacAddress.ofMulticast(p.destination()), p, out);
    }
}
