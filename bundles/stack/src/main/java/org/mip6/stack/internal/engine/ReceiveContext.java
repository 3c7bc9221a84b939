package org.mip6.stack.internal.engine;

import org.mip6.wire.Ipv6Packet;

/**
 * A packet being received: the interface it arrived on, the packet, and the received frame's bytes
 * (for pointers into what was really sent), or null for a packet taken out of a tunnel, whose
 * pointers fall back to its canonical layout.
 */
record ReceiveContext(Iface iface, Ipv6Packet packet, byte[] frame) {

    /** The received packet decapsulated: the same interface, no frame bytes of its own. */
    ReceiveContext inner(Ipv6Packet inner) {
        return new ReceiveContext(iface, inner, null);
    }
}
