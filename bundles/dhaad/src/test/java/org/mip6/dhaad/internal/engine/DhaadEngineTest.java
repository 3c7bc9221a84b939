package org.mip6.dhaad.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.state.HomeAgentEntry;
import org.mip6.state.internal.MemoryHomeAgentsList;
import org.mip6.state.internal.MemoryPendingPrefixAdvertisements;
import org.mip6.wire.icmp.Icmpv6Message.DhaadReply;
import org.mip6.wire.icmp.Icmpv6Message.MobilePrefixAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement;
import org.mip6.wire.icmp.NdOption;

/** The home agents list and DHAAD replies as timelines (RFC 6275 §10.5, §10.6). */
class DhaadEngineTest {

    static final long S = 1_000_000_000L;
    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address ME = HOME.withInterfaceId(2);
    static final Ipv6Address MY_LL = Ipv6Address.parse("fe80::2");

    final MemoryHomeAgentsList list = new MemoryHomeAgentsList();

    DhaadEngine engine(long seed) {
        return new DhaadEngine("ha", list, new MemoryPendingPrefixAdvertisements(), seed, List.of(new HomeLink(0, HOME, ME, MY_LL, 86_400, 14_400)), 5, true, false);
    }

    static RouterAdvertisement ra(boolean h, int routerLifetime, NdOption... options) {
        return new RouterAdvertisement(64, h ? RouterAdvertisement.H : 0, routerLifetime, 0, 0, List.of(options));
    }

    static NdOption.PrefixInformation r(Ipv6Address global) {
        return new NdOption.PrefixInformation(64, true, true, true, 86_400, 14_400, global);
    }

    @Test
    void otherHomeAgentsComeFromTheirRasAndLeaveWithLifetimeZeroOrWithoutH() {
        DhaadEngine e = engine(1);
        Ipv6Address ll = Ipv6Address.parse("fe80::7");
        Ipv6Address global = HOME.withInterfaceId(7);
        e.onRouterAdvertisement(0, 0, ll, ra(true, 1800, r(global), new NdOption.HomeAgentInformation(false, 10, 600)));
        HomeAgentEntry h = list.get("ha", new org.mip6.state.HomeAgentsList.Key(0, ll)).orElseThrow();
        assertEquals(global, h.globalAddress());
        assertEquals(10, h.preference());
        assertEquals(600 * S, h.expiresAt(), "the HAI lifetime, not the Router Lifetime (§10.5.1)");
        e.onRouterAdvertisement(S, 0, ll, ra(true, 1800)); // no HAI: preference 0, Router Lifetime; global kept
        h = list.get("ha", new org.mip6.state.HomeAgentsList.Key(0, ll)).orElseThrow();
        assertEquals(0, h.preference());
        assertEquals(S + 1800 * S, h.expiresAt());
        assertEquals(global, h.globalAddress());
        e.onRouterAdvertisement(2 * S, 0, ll, ra(false, 1800));
        assertEquals(1, list.entries("ha").size(), "H cleared: gone, only the home agent itself is left");
        e.onRouterAdvertisement(3 * S, 0, ll, ra(true, 1800, r(global), new NdOption.HomeAgentInformation(false, 1, 0)));
        assertEquals(1, list.entries("ha").size(), "lifetime 0 does not add it");
        e.onRouterAdvertisement(3 * S, 0, ll, ra(true, 1800, r(global), new NdOption.HomeAgentInformation(false, 1, 20)));
        assertEquals(23 * S, e.nextDeadline());
        e.onTimer(23 * S);
        assertEquals(1, list.entries("ha").size(), "expired");
        assertEquals(1L, e.counters().get("list.expired"));
        e.onRouterAdvertisement(3 * S, 1, ll, ra(true, 1800, r(global)));
        assertEquals(1, list.entries("ha").size(), "not a home link");
    }

    /**
     * A forged RA's R-flag Prefix Information holding a multicast address (the fuzz test's seed 93: ha's
     * replies then sent mn to ff01:db8:1::2): the home agent is listed without a global address, so no reply
     * names it, and a later RA with a unicast one gives it one.
     */
    /**
     * RFC 3963 §7: a home agent's R in its Home Agent Information option says it serves mobile routers; a DHAAD
     * Request with R is answered with those home agents only, R set in the reply, by a home agent that serves mobile
     * routers (one that serves none ignores the bit); one without R with every home agent.
     */
    @Test
    void aMobileRoutersRequestIsAnsweredWithTheHomeAgentsThatServeMobileRouters() {
        DhaadEngine e = engine(1);
        Ipv6Address routers = HOME.withInterfaceId(7);
        Ipv6Address nodesOnly = HOME.withInterfaceId(8);
        e.onRouterAdvertisement(0, 0, Ipv6Address.parse("fe80::7"), ra(true, 1800, r(routers),
                new NdOption.HomeAgentInformation(true, 10, 600)));
        e.onRouterAdvertisement(0, 0, Ipv6Address.parse("fe80::8"), ra(true, 1800, r(nodesOnly),
                new NdOption.HomeAgentInformation(false, 20, 600)));
        assertEquals(new DhaadReply(3, false, List.of(nodesOnly, routers, ME)), e.reply(S, 0, 3, true),
                "serving no mobile router, it ignores R (RFC 6275 §6.5: Reserved)");
        assertEquals(new DhaadReply(4, false, List.of(nodesOnly, routers, ME)), e.reply(S, 0, 4, false));
        e.mobileRouterSupport(true);
        assertTrue(list.get("ha", new org.mip6.state.HomeAgentsList.Key(0, MY_LL)).orElseThrow().mobileRouters());
        assertEquals(new DhaadReply(5, true, List.of(routers, ME)), e.reply(S, 0, 5, true), "most preferred first");
        e.onRouterAdvertisement(2 * S, 0, Ipv6Address.parse("fe80::7"), ra(true, 1800, r(routers),
                new NdOption.HomeAgentInformation(false, 10, 600)));
        assertEquals(new DhaadReply(6, true, List.of(ME)), e.reply(2 * S, 0, 6, true), "R cleared in its next RA");
        assertEquals(4L, e.counters().get("dhaad.requests"));
        assertEquals(3L, e.counters().get("dhaad.requests-mobile-router"));
    }

    @Test
    void anAddressNoHomeAgentHasIsNeverInAReply() {
        DhaadEngine e = engine(1);
        Ipv6Address ll = Ipv6Address.parse("fe80::7");
        for (String bad : List.of("ff01:db8:1::2", "fe80::7", "::", "::1")) {
            e.onRouterAdvertisement(0, 0, ll, ra(true, 1800, r(Ipv6Address.parse(bad)), new NdOption.HomeAgentInformation(false, 10, 600)));
        }
        assertEquals(4L, e.counters().get("ra.bad-home-agent-address"));
        assertNull(list.get("ha", new org.mip6.state.HomeAgentsList.Key(0, ll)).orElseThrow().globalAddress());
        assertEquals(List.of(ME), e.reply(S, 0, 1).homeAgents());
        Ipv6Address global = HOME.withInterfaceId(7);
        e.onRouterAdvertisement(S, 0, ll, ra(true, 1800, r(Ipv6Address.parse("ff01:db8:1::2")), r(global)));
        assertEquals(List.of(ME, global), e.reply(S, 0, 2).homeAgents(), "the next R-flag option's address (preference 0, after ha's 5)");
    }

    @Test
    void repliesListTheMostPreferredFirstShuffleEqualsBySeedAndFitTheMinimumMtu() {
        DhaadEngine e = engine(42);
        List<Ipv6Address> tens = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            Ipv6Address g = HOME.withInterfaceId(0x100 + k);
            int pref = k < 3 ? 10 : k == 3 ? 20 : 1;
            if (pref == 10) {
                tens.add(g);
            }
            e.onRouterAdvertisement(0, 0, Ipv6Address.parse("fe80::" + Integer.toHexString(0x100 + k)),
                    ra(true, 1800, r(g), new NdOption.HomeAgentInformation(false, pref, 1800)));
        }
        DhaadReply reply = e.reply(S, 0, 0x4242);
        assertEquals(0x4242, reply.identifier());
        assertEquals(DhaadEngine.MAX_REPLY_ADDRESSES, reply.homeAgents().size(), "1280-byte minimum MTU (§10.5)");
        assertEquals(77, DhaadEngine.MAX_REPLY_ADDRESSES);
        assertEquals(HOME.withInterfaceId(0x103), reply.homeAgents().get(0), "preference 20 first");
        assertEquals(new HashSet<>(tens), new HashSet<>(reply.homeAgents().subList(1, 4)));
        assertEquals(ME, reply.homeAgents().get(4), "then the home agent itself (preference 5)");
        Set<List<Ipv6Address>> orders = new HashSet<>();
        for (int k = 0; k < 20; k++) {
            orders.add(e.reply(S, 0, k).homeAgents().subList(1, 4));
        }
        assertTrue(orders.size() > 1, "equal preferences in a different order per reply");
        assertEquals(engine(42).reply(S, 0, 1).homeAgents(), engine(42).reply(S, 0, 1).homeAgents(), "same seed, same order");
        assertNull(e.reply(S, 3, 1), "no home link on interface 3");
    }

    @Test
    void theMobilePrefixAdvertisementCarriesTheHomePrefixesAndTheFlags() {
        DhaadEngine e = engine(1);
        MobilePrefixAdvertisement mpa = e.advertisement(0, 9, true);
        assertEquals(9, mpa.identifier());
        assertTrue(mpa.managed());
        assertEquals(List.of(new NdOption.PrefixInformation(64, true, true, true, 86_400, 14_400, ME)), mpa.options());
    }
}
