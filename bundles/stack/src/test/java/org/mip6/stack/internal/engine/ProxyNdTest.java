package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message.NeighborAdvertisement;
import org.mip6.wire.icmp.NdOption;

class ProxyNdTest {

    /** RFC 6275 §10.4.1: what the home agent multicasts when it starts answering for {@code target}. */
    static byte[] expected(Ipv6Address src, Ipv6Address target) {
        return PacketCodec.encodeEthernet(EthernetFrame.ipv6(MacAddress.ofMulticast(Ipv6Address.ALL_NODES), Parts.MAC,
                Ipv6Packet.of(src, Ipv6Address.ALL_NODES, 255, new Payload.Icmpv6(new NeighborAdvertisement(false, false, true,
                        target, List.of(new NdOption.TargetLinkLayerAddress(Parts.MAC)))))));
    }

    @Test
    void everyUnsolicitedAdvertisementIsTheCodecsOwnBytesForItsTarget() throws Exception {
        Parts p = new Parts().settled();
        Ipv6Address src = p.iface.linkLocal();
        List<Transmit> out = new ArrayList<>();
        List<Ipv6Address> targets = List.of(Parts.P.withInterfaceId(0x10), Parts.P.withInterfaceId(0xffff_ffff_ffff_fffeL),
                Parts.P.withInterfaceId(0x0123_4567_89ab_cdefL));
        p.proxy.add(0, p.iface, targets.get(0), out);
        byte[] first = out.get(0).frame().clone();
        out.get(0).frame()[80] ^= 0x7f; // the receiver's to change: the next NA is not made from it
        for (Ipv6Address t : targets.subList(1, targets.size())) {
            p.proxy.add(0, p.iface, t, out);
        }
        assertEquals(targets.size(), out.size());
        // the first is encoded from records, the others are its bytes with target and checksum rewritten
        assertArrayEquals(expected(src, targets.get(0)), first);
        for (int k = 1; k < targets.size(); k++) {
            assertArrayEquals(expected(src, targets.get(k)), out.get(k).frame(), "NA for " + targets.get(k));
        }
        assertTrue(p.proxy.proxies(p.iface, targets.get(1)));
    }
}
