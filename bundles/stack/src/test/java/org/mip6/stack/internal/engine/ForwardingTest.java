package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.wire.Bytes;
import org.mip6.wire.Ipv6Packet;
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
}
