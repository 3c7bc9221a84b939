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
    void routersNotKnownReachableAreTriedInTurnAndLifetimesExpire() {
        Parts p = new Parts().settled();
        RoutingTable t = p.routes;
        t.putDefaultRouter(new DefaultRouter(R1, 0, 1_000));
        t.putDefaultRouter(new DefaultRouter(R2, 0, 2_000));
        p.neighbors.resolveAndSend(0, p.iface, R1, Ipv6Packet.of(p.iface.linkLocal(), R1, 64,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY))), new ArrayList<>()); // INCOMPLETE
        Ipv6Address far = Ipv6Address.parse("2001:db9::1");
        assertEquals(java.util.Set.of(R1, R2), java.util.Set.of(t.lookup(far).nextHop(), t.lookup(far).nextHop()),
                "RFC 4861 §6.3.6: neither known reachable (INCOMPLETE, no entry): each in turn");
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

    /**
     * An on-link prefix an RA gave with an infinite Valid Lifetime (0xffffffff, RFC 4861 §6.3.4) goes with the link:
     * on the next link it may be anything but on-link. It used to stay, as if configured: a mobile node that had
     * learned one at home (a forged RA's 2000::/4 in the home link's fuzz test, seed 75391) sent its DHAAD requests
     * on-link on every foreign link after. A static address's prefix stays, and no RA times it out or removes it.
     */
    @Test
    void aLearnedOnLinkPrefixGoesWithTheLinkEvenWithAnInfiniteLifetimeAConfiguredOneStays() {
        Parts p = new Parts();
        RoutingTable t = p.routes;
        Ipv6Prefix learned = Ipv6Prefix.parse("2000::/4");
        t.putConfiguredOnLink(0, Parts.P);
        t.putOnLink(0, learned, Long.MAX_VALUE);
        assertEquals(new Route(learned, 0, null), t.lookup(Ipv6Address.parse("2001:db8:9::1")));
        t.putOnLink(0, Parts.P, 500); // an RA's finite lifetime for the configured prefix
        t.expireOnLink(500, 0, Parts.P);
        assertEquals(true, t.isOnLink(0, Parts.P), "a configured prefix does not time out");
        t.removeOnLink(0, Parts.P); // an RA's Valid Lifetime 0
        assertEquals(true, t.isOnLink(0, Parts.P), "nor does an RA remove it");
        t.linkDown(0);
        assertEquals(true, t.isOnLink(0, Parts.P), "it stays over a link change");
        assertEquals(false, t.isOnLink(0, learned), "what an RA gave goes, infinite lifetime or not");
        assertNull(t.lookup(Ipv6Address.parse("2001:db8:9::1")));
        assertEquals(new Route(Parts.P, 0, null), t.lookup(Parts.P.withInterfaceId(5)));
    }

    /**
     * RFC 4861 §6.3.6: a router with a Neighbor Cache entry (here STALE, learned from its RA) before routers
     * without one, whatever their order; with none known reachable, each in turn. Before, a router with no
     * entry came first: the world's fuzz test had cn choose a forged RA's router again after every failed
     * resolution while the real one's RAs kept arriving.
     */
    @Test
    void aRouterWithoutANeighbourEntryIsNotPreferredAndUnknownOnesAreTriedInTurn() {
        Parts p = new Parts().settled();
        RoutingTable t = p.routes;
        Ipv6Address r3 = Ipv6Address.parse("fe80::3");
        t.putDefaultRouter(new DefaultRouter(R1, 0, 1_000));
        t.putDefaultRouter(new DefaultRouter(R2, 0, 1_000));
        t.putDefaultRouter(new DefaultRouter(r3, 0, 1_000));
        Ipv6Address far = Ipv6Address.parse("2001:db9::1");
        java.util.List<Ipv6Address> turns = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            turns.add(t.lookup(far).nextHop());
        }
        assertEquals(java.util.List.of(R1, R2, r3, R1, R2, r3), turns, "none known reachable: round robin");
        p.neighbors.learn(0, p.iface, r3, org.mip6.net.MacAddress.parse("02:00:00:00:00:03"), true, true, new ArrayList<>());
        for (int k = 0; k < 3; k++) {
            assertEquals(r3, t.lookup(far).nextHop(), "the one with an entry (STALE: probably reachable)");
        }
    }

    @Test
    void aDownLinkKeepsStaticPrefixesOnly() {
        Parts p = new Parts();
        RoutingTable t = p.routes;
        Ipv6Prefix learned = Ipv6Prefix.parse("2001:db8:2::/64");
        t.putConfiguredOnLink(0, Parts.P);
        t.putOnLink(0, learned, 5_000);
        t.putDefaultRouter(new DefaultRouter(R1, 0, 9_000));
        t.linkDown(0);
        assertEquals(0, t.defaultRouters().size());
        assertEquals(true, t.isOnLink(0, Parts.P));
        assertEquals(false, t.isOnLink(0, learned));
    }
}
