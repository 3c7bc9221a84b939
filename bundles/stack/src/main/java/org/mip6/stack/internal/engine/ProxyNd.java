package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message.NeighborAdvertisement;
import org.mip6.wire.icmp.NdOption;

/**
 * Proxy Neighbor Discovery for addresses of other nodes (RFC 6275 §10.4.1: a home agent answers for
 * the home addresses of mobile nodes away from home). The entries stay while the role that made them
 * is being replaced, so the data path keeps working.
 */
final class ProxyNd {

    private final SourceAddressSelection sources;
    private final Emitter emitter;
    private final List<Set<Ipv6Address>> byIface = new ArrayList<>();

    ProxyNd(SourceAddressSelection sources, Emitter emitter) {
        this.sources = sources;
        this.emitter = emitter;
    }

    void addInterface() {
        byIface.add(new HashSet<>());
    }

    /** Starts answering for {@code address} with an unsolicited NA, Override set, to all-nodes (RFC 6275 §10.4.1). */
    void add(long now, Iface i, Ipv6Address address, List<Transmit> out) {
        byIface.get(i.index).add(address);
        Ipv6Address src = sources.select(i, Ipv6Address.ALL_NODES);
        if (i.up && src != null) {
            emitter.emit(i, MacAddress.ofMulticast(Ipv6Address.ALL_NODES), Ipv6Packet.of(src, Ipv6Address.ALL_NODES, 255,
                    new Payload.Icmpv6(new NeighborAdvertisement(i.router != null, false, true, address,
                            List.of(new NdOption.TargetLinkLayerAddress(i.mac))))), out);
        }
    }

    void remove(Iface i, Ipv6Address address) {
        byIface.get(i.index).remove(address);
    }

    boolean proxies(Iface i, Ipv6Address address) {
        return byIface.get(i.index).contains(address);
    }

    /** Whether {@code group} is the solicited-node group of an address proxied on {@code i}. */
    boolean listensTo(Iface i, Ipv6Address group) {
        Set<Ipv6Address> s = byIface.get(i.index);
        if (s.isEmpty()) {
            return false;
        }
        for (Ipv6Address a : s) {
            if (a.solicitedNodeMulticast().equals(group)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the solicited-node group with these low 24 bits is one of a proxied address (the MAC filter). */
    boolean joinedSolicitedNode(Iface i, int low24) {
        Set<Ipv6Address> s = byIface.get(i.index);
        if (s.isEmpty()) {
            return false;
        }
        for (Ipv6Address a : s) {
            if (((int) a.low() & 0xffffff) == low24) {
                return true;
            }
        }
        return false;
    }

    List<Ipv6Address> entries(int iface) {
        return List.copyOf(byIface.get(iface));
    }
}
