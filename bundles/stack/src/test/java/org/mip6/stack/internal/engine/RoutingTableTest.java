package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.wire.Bytes;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;

class RoutingTableTest {

    static final Ipv6Address R1 = Ipv6Address.parse("fe80::1");
    static final Ipv6Address R2 = Ipv6Address.parse("fe80::2");

    @Test
    void longestPrefixOverOnLinkPrefixesAndStaticRoutesThenADefaultRouter() {
        Parts p = new Parts();
        RoutingTable t = p.routes;
        assertNull(t.lookup(Ipv6Address.parse("2001:db8:9::1")));
        t.putOnLink(0, Parts.P, Long.MAX_VALUE);
        t.addStaticRoute(new Route(Ipv6Prefix.parse("2001:db8::/32"), 0, Ipv6Address.parse("2001:db8:1::fe")));
        t.addStaticRoute(new Route(Ipv6Prefix.parse("2001:db8:1:0:8000::/65"), 0, Ipv6Address.parse("2001:db8:1::fd")));
        assertEquals(new Route(Parts.P, 0, null), t.lookup(Parts.P.withInterfaceId(5)), "on-link");
        assertEquals(Ipv6Address.parse("2001:db8:1::fd"), t.lookup(Ipv6Address.parse("2001:db8:1:0:8000::5")).nextHop(),
                "a longer static route wins over the on-link /64");
        assertEquals(Ipv6Address.parse("2001:db8:1::fe"), t.lookup(Ipv6Address.parse("2001:db8:9::1")).nextHop());
        assertNull(t.lookup(Ipv6Address.parse("2001:db9::1")));
        t.putDefaultRouter(new DefaultRouter(R1, 0, 1_000));
        assertEquals(new Route(RoutingTable.DEFAULT, 0, R1), t.lookup(Ipv6Address.parse("2001:db9::1")));
    }

    @Test
    void aDefaultRouterBeingResolvedIsNotPreferredAndLifetimesExpire() {
        Parts p = new Parts().settled();
        RoutingTable t = p.routes;
        t.putDefaultRouter(new DefaultRouter(R1, 0, 1_000));
        t.putDefaultRouter(new DefaultRouter(R2, 0, 2_000));
        p.neighbors.resolveAndSend(0, p.iface, R1, Ipv6Packet.of(p.iface.linkLocal(), R1, 64,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY))), new ArrayList<>()); // INCOMPLETE
        assertEquals(R2, t.lookup(Ipv6Address.parse("2001:db9::1")).nextHop(), "RFC 4861 §6.3.6");
        t.expireDefaultRouter(999, 0, R1);
        assertEquals(2, t.defaultRouters().size());
        t.expireDefaultRouter(1_000, 0, R1);
        assertEquals(1, t.defaultRouters().size());
        t.putOnLink(0, Parts.P, 500);
        t.expireOnLink(499, 0, Parts.P);
        assertEquals(true, t.isOnLink(0, Parts.P));
        t.expireOnLink(500, 0, Parts.P);
        assertEquals(false, t.isOnLink(0, Parts.P));
    }

    @Test
    void aDownLinkKeepsStaticPrefixesOnly() {
        Parts p = new Parts();
        RoutingTable t = p.routes;
        Ipv6Prefix learned = Ipv6Prefix.parse("2001:db8:2::/64");
        t.putOnLink(0, Parts.P, Long.MAX_VALUE);
        t.putOnLink(0, learned, 5_000);
        t.putDefaultRouter(new DefaultRouter(R1, 0, 9_000));
        t.linkDown(0);
        assertEquals(0, t.defaultRouters().size());
        assertEquals(true, t.isOnLink(0, Parts.P));
        assertEquals(false, t.isOnLink(0, learned));
    }
}
