package org.mip6.stack.internal.engine;

import java.util.ArrayDeque;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.Ipv6Packet;

/** A neighbour cache entry (RFC 4861 §5.1). */
public final class Neighbor {
    final Ipv6Address address;
    MacAddress mac;
    NudState state;
    boolean router;
    int probes;
    /** Packets waiting for address resolution (RFC 4861 §7.2.2). */
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
