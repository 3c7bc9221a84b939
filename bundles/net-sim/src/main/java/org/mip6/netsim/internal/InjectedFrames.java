package org.mip6.netsim.internal;

import java.util.Collection;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.node.AddressStatus;
import org.mip6.node.InterfaceStatus;
import org.mip6.node.Node;

/** The Ethernet frames {@code mip6:inject} puts IPv6 packets of records without Ethernet in (RFC 2464). */
final class InjectedFrames {

    /** The source MAC of IPv6 packets {@code mip6:inject} puts in Ethernet frames (no node has it). */
    static final MacAddress INJECTOR_MAC = MacAddress.of(0x0200_00ff_fffeL);

    private InjectedFrames() {
    }

    /**
     * An IPv6 packet of a record without Ethernet (raw IPv6, as Scapy's {@code wrpcap} writes bare
     * {@code IPv6()} packets; loopback; Linux cooked; 802.11; PPP, Cisco HDLC, Frame Relay) in the Ethernet frame a host on {@code link} would
     * send it in: to the multicast MAC of a multicast destination (RFC 2464 §7), else to the interface
     * on the link that has the destination address, else to a router there (one with an address in the
     * destination's /64 first), from {@link #INJECTOR_MAC}; an address a node answers for on the link (a
     * home agent for a mobile node's home or link-local address) counts as that interface's. Null when the
     * record holds no IPv6 packet or no node on the link would receive it.
     */
    static byte[] framed(Collection<Node> nodes, String link, org.mip6.wire.pcap.PcapRecord r,
                         Map<Ipv6Address, MacAddress> nextHops) {
        int ip = r.ipv6Offset();
        byte[] d = r.data();
        if (ip < 0 || d.length < ip + 40) {
            return null;
        }
        Ipv6Address dst = Ipv6Address.read(d, ip + 24);
        MacAddress to = nextHops.computeIfAbsent(dst, a -> nextHop(nodes, link, a));
        if (to == null) {
            return null;
        }
        return org.mip6.wire.PacketCodec.ethernetFrame(to, INJECTOR_MAC, d, ip, d.length - ip);
    }

    private static MacAddress nextHop(Collection<Node> nodes, String link, Ipv6Address dst) {
        if (dst.isMulticast()) {
            return MacAddress.ofMulticast(dst);
        }
        MacAddress router = null;
        MacAddress onSubnet = null;
        for (Node n : nodes) {
            for (InterfaceStatus i : n.interfaces()) {
                if (!link.equals(i.link())) {
                    continue;
                }
                for (AddressStatus a : i.addresses()) {
                    if (a.address().equals(dst) && !a.state().equals("AWAY") && !a.state().equals("TENTATIVE")
                            && !a.state().equals("DUPLICATE")) {
                        return i.mac();
                    }
                }
                if (n.proxies(i.index(), dst)) {
                    return i.mac();
                }
                if (n.router()) {
                    router = router == null ? i.mac() : router;
                    if (onSubnet == null && i.addresses().stream().anyMatch(a -> a.address().sharesPrefix(dst, 64))) {
                        onSubnet = i.mac();
                    }
                }
            }
        }
        return onSubnet != null ? onSubnet : router;
    }
}
