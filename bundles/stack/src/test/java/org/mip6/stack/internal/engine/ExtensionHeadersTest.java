package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Option;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;

/** RFC 8200 §4 at the destination: option actions, routing types, pointers into what was received. */
class ExtensionHeadersTest {

    static final Ipv6Address ME = Parts.P.withInterfaceId(1);
    static final Ipv6Address PEER = Parts.P.withInterfaceId(2);

    final Parts p = parts();
    final Tunnels tunnels = new Tunnels("test");
    final Outbound outbound = new Outbound(p.ifaces, p.routes, tunnels, p.sources, p.neighbors, p.counters, NodeEvents.NONE);
    final IcmpErrors errors = new IcmpErrors(outbound, p.sources, p.counters);
    final ExtensionHeaders eh = new ExtensionHeaders(errors, p.counters);

    static Parts parts() {
        Parts p = new Parts();
        p.addresses.addStatic(0, p.iface, ME, 64, new ArrayList<>());
        p.routes.putOnLink(0, Parts.P, Long.MAX_VALUE);
        p.neighbors.learn(0, p.iface, PEER, Parts.PEER_MAC, false, false, new ArrayList<>());
        return p.settled();
    }

    ReceiveContext received(List<ExtensionHeader> headers, Ipv6Address dst) throws Exception {
        Ipv6Packet pk = new Ipv6Packet(0, 0, 64, PEER, dst, headers,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY)));
        return ReceiveContext.of(p.iface, PacketCodec.encodeEthernet(EthernetFrame.ipv6(Parts.MAC, Parts.PEER_MAC, pk)));
    }

    static ExtensionHeader.DestinationOptions unknownOption(int type) {
        return new ExtensionHeader.DestinationOptions(List.of(new Ipv6Option.UnknownOption(type, Bytes.of(new byte[4]))));
    }

    @Test
    void theTwoHighOrderBitsOfAnUnknownOptionDecide() throws Exception {
        List<Transmit> out = new ArrayList<>();
        assertTrue(eh.accepted(0, received(List.of(unknownOption(0x1e)), ME), out), "00: skip it");
        assertFalse(eh.accepted(0, received(List.of(unknownOption(0x5e)), ME), out), "01: discard silently");
        assertEquals(List.of(), out);
        assertFalse(eh.accepted(0, received(List.of(unknownOption(0x9e)), ME), out), "10: discard, Parameter Problem");
        Icmpv6Message.ParameterProblem pp = (Icmpv6Message.ParameterProblem) Parts.icmp(Parts.decode(out).get(0));
        assertEquals(2, pp.code());
        assertEquals(42, pp.pointer(), "the option's type byte: IPv6 header 40 + Next Header + Hdr Ext Len");
        out.clear();
        assertFalse(eh.accepted(0, received(List.of(unknownOption(0xde)), Ipv6Address.ALL_NODES), out));
        assertEquals(List.of(), out, "11: no Parameter Problem for a multicast destination");
        assertFalse(eh.accepted(0, received(List.of(unknownOption(0x9e)), Ipv6Address.ALL_NODES), out));
        assertEquals(1, out.size(), "10: a Parameter Problem even for multicast");
        assertEquals(4L, p.counters.drops().get(Drop.UNHANDLED));
    }

    @Test
    void anUnknownRoutingTypeWithSegmentsLeftIsRefusedAtTheRoutingType() throws Exception {
        List<Transmit> out = new ArrayList<>();
        ExtensionHeader rh = new ExtensionHeader.UnknownRoutingHeader(253, 1, Bytes.of(new byte[4]));
        assertFalse(eh.accepted(0, received(List.of(rh), ME), out));
        Icmpv6Message.ParameterProblem pp = (Icmpv6Message.ParameterProblem) Parts.icmp(Parts.decode(out).get(0));
        assertEquals(0, pp.code());
        assertEquals(42, pp.pointer());
        assertTrue(eh.accepted(0, received(List.of(new ExtensionHeader.UnknownRoutingHeader(253, 0, Bytes.of(new byte[4]))), ME), out),
                "ignored with no segments left (RFC 8200 §4.4)");
        out.clear();
        assertFalse(eh.accepted(0, received(List.of(rh), Ipv6Address.ALL_NODES), out));
        assertEquals(List.of(), out, "RFC 4443 §2.4(e.3): no error about a packet sent to a group but Parameter Problem code 2");
    }

    /** RFC 8200 §4: an unknown Next Header gets Parameter Problem code 1 at that field, unless sent to a group (RFC 4443 §2.4(e.3)). */
    @Test
    void anUnknownUpperLayerIsRefusedAtItsNextHeaderFieldButNotForAGroup() throws Exception {
        for (Ipv6Address dst : List.of(ME, Ipv6Address.ALL_NODES)) {
            Ipv6Packet pk = Ipv6Packet.of(PEER, dst, 64, new Payload.Opaque(253, Bytes.of(new byte[8])));
            List<Transmit> out = new ArrayList<>();
            eh.unrecognizedNextHeader(0, ReceiveContext.of(p.iface,
                    PacketCodec.encodeEthernet(EthernetFrame.ipv6(Parts.MAC, Parts.PEER_MAC, pk))), out);
            if (dst.isMulticast()) {
                assertEquals(List.of(), out);
            } else {
                Icmpv6Message.ParameterProblem pp = (Icmpv6Message.ParameterProblem) Parts.icmp(Parts.decode(out).get(0));
                assertEquals(1, pp.code());
                assertEquals(6, pp.pointer(), "the IPv6 header's Next Header field");
            }
        }
    }

    @Test
    void pointersToTheHomeAddressOptionAndTheType2RoutingHeader() throws Exception {
        ReceiveContext hao = received(List.of(ExtensionHeader.DestinationOptions.homeAddress(Ipv6Address.parse("2001:db8:9::9"))), ME);
        assertEquals(46, eh.homeAddressOptionPointer(hao), "after PadN(4) the option sits at 8n+6 (RFC 6275 §6.3)");
        assertEquals(46, eh.homeAddressOptionPointer(hao.detached()), "the same from a view of its own");
        // inside a tunnel: relative to the inner IPv6 header
        Ipv6Packet inner = hao.packet();
        Ipv6Packet outer = Ipv6Packet.of(PEER, ME, 64, new Payload.Tunnel(inner));
        ReceiveContext tunnelled = ReceiveContext.of(p.iface, PacketCodec.encodeEthernet(EthernetFrame.ipv6(Parts.MAC, Parts.PEER_MAC, outer)));
        assertEquals(46, eh.homeAddressOptionPointer(tunnelled.inner(inner)));
        assertEquals(46, eh.homeAddressOptionPointer(tunnelled.inner(inner).detached()));
        ReceiveContext rh2 = received(List.of(new ExtensionHeader.Type2RoutingHeader(Ipv6Address.parse("2001:db8:9::9"))), ME);
        assertEquals(42, eh.type2RoutingTypePointer(rh2));
    }
}
