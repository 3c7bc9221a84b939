package org.mip6.stack.internal.engine;

import org.mip6.wire.Ipv6Packet;

/**
 * A packet being received: the interface it arrived on, the packet, the received frame's bytes (for
 * pointers into what was really sent; null for a packet taken out of a tunnel, whose pointers fall
 * back to its canonical layout), and the outer packet when it came through a tunnel.
 */
record ReceiveContext(Iface iface, Ipv6Packet packet, byte[] frame, Ipv6Packet outer) {

    ReceiveContext(Iface iface, Ipv6Packet packet, byte[] frame) {
        this(iface, packet, frame, null);
    }

    /** The received packet decapsulated: the same interface, no frame bytes of its own. */
    ReceiveContext inner(Ipv6Packet inner) {
        return new ReceiveContext(iface, inner, null, packet);
    }

    /** The same packet as the upper layer sees it (home address as source, final destination). */
    ReceiveContext withPacket(Ipv6Packet p) {
        return new ReceiveContext(iface, p, frame, outer);
    }
}
