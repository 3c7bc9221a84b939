package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.wire.Bytes;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Option;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;

/** A router forwarding for others (RFC 8200 §3; RFC 4443 §3.1-3.3): what leaves, and the errors. */
class ForwardingTest {

    static final Ipv6Address ME = Parts.P.withInterfaceId(1);
    static final Ipv6Address HOST = Parts.P.withInterfaceId(2);
    static final Ipv6Address FAR = Ipv6Address.parse("2001:db8:77::1");

    final Parts p = ExtensionHeadersTest.parts();
    final Outbound outbound = new Outbound(p.ifaces, p.routes, new Tunnels("r"), p.sources, p.neighbors, p.counters, NodeEvents.NONE);
    final IcmpErrors errors = new IcmpErrors(outbound, p.sources, p.counters);
    final Forwarding forwarding = new Forwarding(p.addresses, p.proxy, outbound, errors, p.counters);

    static Ipv6Packet echo(Ipv6Address src, Ipv6Address dst, int hopLimit, int data) {
        return Ipv6Packet.of(src, dst, hopLimit, new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.of(new byte[data]))));
    }

    List<Ipv6Packet> forward(Ipv6Packet pk) throws Exception {
        List<Transmit> out = new ArrayList<>();
        forwarding.forward(0, p.iface, pk, out);
        return Parts.decode(out);
    }

    @Test
    void theHopLimitGoesDownByOneAndTheRestStays() throws Exception {
        p.routes.addStaticRoute(new Route(Ipv6Prefix.parse("2001:db8:77::/64"), 0, HOST));
        List<Ipv6Packet> out = forward(echo(Ipv6Address.parse("2001:db8:5::5"), FAR, 9, 8));
        assertEquals(echo(Ipv6Address.parse("2001:db8:5::5"), FAR, 8, 8), out.get(0));
        assertEquals(1, p.counters.forwarded);
    }

    @Test
    void hopLimitOneGetsTimeExceededFromTheArrivalInterface() throws Exception {
        List<Ipv6Packet> out = forward(echo(HOST, FAR, 1, 8));
        assertInstanceOf(Icmpv6Message.TimeExceeded.class, Parts.icmp(out.get(0)));
        assertEquals(ME, out.get(0).source());
        assertEquals(HOST, out.get(0).destination());
    }

    @Test
    void noRouteAndTooBigAreAnswered() throws Exception {
        Icmpv6Message.DestinationUnreachable du = assertInstanceOf(Icmpv6Message.DestinationUnreachable.class,
                Parts.icmp(forward(echo(HOST, FAR, 9, 8)).get(0)));
        assertEquals(0, du.code(), "no route to destination (RFC 4443 §3.1)");
        p.iface.mtu = 1280;
        p.routes.addStaticRoute(new Route(Ipv6Prefix.parse("2001:db8:77::/64"), 0, HOST));
        Icmpv6Message.PacketTooBig ptb = assertInstanceOf(Icmpv6Message.PacketTooBig.class,
                Parts.icmp(forward(echo(HOST, FAR, 9, 1300)).get(0)));
        assertEquals(1280, ptb.mtu());
    }

    @Test
    void linkLocalScopeIsNeverForwarded() throws Exception {
        assertEquals(List.of(), forward(echo(Ipv6Address.parse("fe80::9"), FAR, 9, 8)));
        assertEquals(1L, p.counters.drops().get(Drop.NOT_FOR_US), "RFC 4291 §2.5.6");
    }

    @Test
    void aMobileNodesProxiedLinkLocalAddressIsAnsweredAddressUnreachable() throws Exception {
        // RFC 6275 §10.4.1: a home agent proxying it (L set) neither tunnels nor forwards it
        Ipv6Address mnLinkLocal = Ipv6Address.parse("fe80::200:ff:fe00:38");
        p.proxy.add(0, p.iface, mnLinkLocal, new ArrayList<>());
        Ipv6Address neighbour = Ipv6Address.parse("fe80::9");
        p.neighbors.learn(0, p.iface, neighbour, Parts.PEER_MAC, false, false, new ArrayList<>()); // from its NS
        List<Ipv6Packet> out = forward(echo(neighbour, mnLinkLocal, 64, 8));
        Icmpv6Message.DestinationUnreachable du = assertInstanceOf(Icmpv6Message.DestinationUnreachable.class,
                Parts.icmp(out.get(0)));
        assertEquals(3, du.code(), "address unreachable");
        assertEquals(neighbour, out.get(0).destination());
        assertEquals(1L, p.counters.drops().get(Drop.MOBILE_NODE_LINK_LOCAL));
        assertEquals(List.of(), forward(echo(neighbour, Ipv6Address.parse("fe80::77"), 64, 8)), "another link-local: silence");
    }

    /** A frame from the host to FAR through this router, with a Hop-by-Hop Options header holding {@code option}. */
    static byte[] hopByHop(int option, int hopLimit) {
        Ipv6Packet pk = new Ipv6Packet(0, 0, hopLimit, HOST, FAR, List.of(new ExtensionHeader.HopByHopOptions(
                List.of(new Ipv6Option.UnknownOption(option, Bytes.fromHex("0000"))))),
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.of(new byte[8]))));
        return PacketCodec.encodeEthernet(EthernetFrame.ipv6(Parts.MAC, Parts.PEER_MAC, pk));
    }

    /**
     * RFC 8200 §4: a packet with a Hop-by-Hop Options header is forwarded as any other, on its IPv6 header
     * and that header: its bytes leave as they came but for the Hop Limit, and what follows is the
     * destination's to check (here an echo request whose checksum is wrong). Router Alert (type 5, RFC 2711)
     * asks nothing of a router with nothing to do for it.
     */
    @Test
    void aHopByHopPacketIsForwardedAsItCameWithoutItsUpperLayerChecked() throws Exception {
        p.routes.addStaticRoute(new Route(Ipv6Prefix.parse("2001:db8:77::/64"), 0, HOST));
        byte[] in = hopByHop(5, 9);
        in[in.length - 1] ^= 1; // the echo's data: its checksum no longer verifies
        List<Transmit> out = new ArrayList<>();
        assertTrue(forwarding.transit(0, p.iface, in.clone(), out));
        assertEquals(1, out.size());
        byte[] sent = out.get(0).frame();
        assertEquals(8, sent[14 + 7], "the Hop Limit");
        sent[14 + 7] = 9;
        assertArrayEquals(Arrays.copyOfRange(in, 14, in.length), Arrays.copyOfRange(sent, 14, sent.length));
        assertEquals(1, p.counters.forwarded);
    }

    /**
     * RFC 8200 §4.2: an option the router does not know acts by its two high-order bits: 01 discards the
     * packet, 10 and 11 (the destination is unicast) discard it and answer Parameter Problem code 2 at the
     * option's type.
     */
    @Test
    void anUnknownHopByHopOptionActsByItsHighOrderBits() throws Exception {
        p.routes.addStaticRoute(new Route(Ipv6Prefix.parse("2001:db8:77::/64"), 0, HOST));
        List<Transmit> out = new ArrayList<>();
        assertTrue(forwarding.transit(0, p.iface, hopByHop(0x1e, 9), out), "00: skipped");
        assertEquals(1, out.size());
        out.clear();
        assertTrue(forwarding.transit(0, p.iface, hopByHop(0x5e, 9), out), "01: discarded");
        assertEquals(List.of(), out);
        for (int type : new int[] {0x9e, 0xde}) {
            assertTrue(forwarding.transit(0, p.iface, hopByHop(type, 9), out));
            Icmpv6Message.ParameterProblem pp = assertInstanceOf(Icmpv6Message.ParameterProblem.class,
                    Parts.icmp(Parts.decode(out).get(0)));
            assertEquals(2, pp.code());
            assertEquals(42, pp.pointer(), "the option's type: IPv6 header 40 + Next Header + Hdr Ext Len");
            assertEquals(HOST, Parts.decode(out).get(0).destination());
            out.clear();
        }
        assertEquals(1, p.counters.forwarded);
        assertEquals(3L, p.counters.drops().get(Drop.UNHANDLED));
        byte[] cut = hopByHop(0x1e, 9);
        cut[14 + 40 + 3] = 40; // the option's length runs past its header: the full decode's to count
        assertFalse(forwarding.transit(0, p.iface, cut, out));
    }
}
