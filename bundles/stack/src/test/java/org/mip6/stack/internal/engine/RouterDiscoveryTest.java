package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.RouterSolicitation;
import org.mip6.wire.icmp.NdOption;

/** The host side of router discovery (RFC 4861 §6.3) and SLAAC (RFC 4862 §5.5) as a timeline. */
class RouterDiscoveryTest {

    static final Ipv6Address ROUTER = Ipv6Address.parse("fe80::1");
    static final long S = NdParameters.SECOND;

    static RouterDiscovery discovery(Parts p) {
        RouterDiscovery d = new RouterDiscovery(p.nd, p.random, p.timers, p.emitter, p.counters, p.log, p.addresses,
                p.sources, p.neighbors, p.routes);
        d.addInterface();
        return d;
    }

    /** {@link #discovery} with the interface's link up. */
    static RouterDiscovery upOnTheLink(Parts p) {
        RouterDiscovery d = discovery(p);
        d.linkUp(0, p.iface);
        return d;
    }

    static Ipv6Packet ra(int hopLimit, int lifetime, int valid) {
        return Ipv6Packet.of(ROUTER, Ipv6Address.ALL_NODES, hopLimit, new Payload.Icmpv6(new RouterAdvertisement(64, 0,
                lifetime, 0, 0, List.of(new NdOption.SourceLinkLayerAddress(Parts.PEER_MAC),
                        NdOption.PrefixInformation.of(Parts.P, true, true, valid, Math.min(valid, 14400))))));
    }

    @Test
    void solicitationsAreMaxRtrSolicitationsRtrSolicitationIntervalApart() throws Exception {
        Parts p = new Parts().settled();
        RouterDiscovery d = upOnTheLink(p);
        List<Long> at = new ArrayList<>();
        while (p.timers.next() != Long.MAX_VALUE) {
            long now = p.timers.next();
            List<Ipv6Packet> rs = p.fire(now, (k, out) -> d.solicitTimer(now, p.iface, out));
            assertEquals(Ipv6Address.ALL_ROUTERS, rs.get(0).destination());
            assertTrue(Parts.icmp(rs.get(0)) instanceof RouterSolicitation);
            at.add(now);
        }
        assertEquals(3, at.size(), "MAX_RTR_SOLICITATIONS");
        assertTrue(at.get(0) < S, "after a random delay below MAX_RTR_SOLICITATION_DELAY");
        assertEquals(4 * S, at.get(1) - at.get(0));
        assertEquals(4 * S, at.get(2) - at.get(1));
    }

    @Test
    void anAdvertisementStopsSolicitingAndConfiguresRouterPrefixAndAddress() throws Exception {
        Parts p = new Parts().settled();
        RouterDiscovery d = upOnTheLink(p);
        List<Transmit> out = new ArrayList<>();
        Ipv6Packet ra = ra(255, 1800, 86400);
        d.onRa(100, p.iface, ra, (RouterAdvertisement) Parts.icmp(ra), out);
        assertEquals(Long.MAX_VALUE, p.timers.deadline(TimerKind.RS_RETRANSMIT, 0, null), "no more solicitations");
        assertEquals(List.of(new DefaultRouter(ROUTER, 0, 100 + 1800 * S)), p.routes.defaultRouters());
        assertTrue(p.routes.isOnLink(0, Parts.P));
        assertEquals(List.of("100 prefix " + Parts.P), p.events, "a new prefix: a movement hint (RFC 6275 §11.5.1)");
        Ipv6Address slaac = Parts.P.withInterfaceId(p.iface.interfaceId);
        assertEquals(AddressState.TENTATIVE, p.addresses.own(p.iface, slaac).state(), "SLAAC, then DAD");
        assertEquals(NudState.STALE, p.neighbors.get(0, ROUTER).state());
        assertTrue(p.neighbors.get(0, ROUTER).router());
        // the same RA again: no new prefix event; lifetimes re-armed, not added
        int timers = p.timers.size();
        d.onRa(200, p.iface, ra, (RouterAdvertisement) Parts.icmp(ra), out);
        assertEquals(1, p.events.size());
        assertEquals(timers, p.timers.size());
    }

    @Test
    void aRouterThatKeepsAdvertisingKeepsItsPlaceAheadOfOneHeardOnce() throws Exception {
        // a replayed or forged RA (tcpdump's icmpv6-ra-pref64.pcap injected on a link) must not take the
        // default route from the router that keeps advertising: its RAs reset its lifetime in place (§6.3.4)
        Parts p = new Parts().settled();
        RouterDiscovery d = upOnTheLink(p);
        heard(d, p, 100, ra(255, 1800, 86400));
        Ipv6Address other = Ipv6Address.parse("fe80::e015:81ff:feb4:b945");
        Ipv6Packet once = Ipv6Packet.of(other, Ipv6Address.ALL_NODES, 255, new Payload.Icmpv6(new RouterAdvertisement(80, 0,
                500, 0, 0, List.of(new NdOption.SourceLinkLayerAddress(org.mip6.net.MacAddress.parse("e2:15:81:b4:b9:45"))))));
        heard(d, p, 200, once);
        heard(d, p, 300, ra(255, 1800, 86400)); // the first router advertises again
        assertEquals(List.of(new DefaultRouter(ROUTER, 0, 300 + 1800 * S), new DefaultRouter(other, 0, 200 + 500 * S)),
                p.routes.defaultRouters());
        assertEquals(ROUTER, p.routes.lookup(Ipv6Address.parse("2001:db8:99::1")).nextHop(), "both probably reachable: the first");
        heard(d, p, 400, ra(255, 0, 86400)); // lifetime 0: removed
        assertEquals(List.of(new DefaultRouter(other, 0, 200 + 500 * S)), p.routes.defaultRouters());
    }

    /**
     * RFC 4861 §6.3.4: ReachableTime is drawn again "at least every few hours" even when no RA repeats its base — when
     * NUD takes it two hours after the draw in use, the link's as the node's default.
     */
    @Test
    void nudTakesAReachableTimeDrawnAgainEveryTwoHoursWithoutAnRa() throws Exception {
        long ms = 1_000_000L;
        long two = RouterDiscovery.REDRAW_REACHABLE_TIME;
        Parts p = new Parts().settled();
        Iface i = p.iface;
        i.reachableTimeDraws = new java.util.SplittableRandom(4861);
        i.defaultReachableTimeNanos = 31_000 * ms;
        assertEquals(31_000 * ms, i.reachableTime(50, p.nd), "the node's default, timed from when NUD first takes it");
        assertEquals(31_000 * ms, i.reachableTime(50 + two - 1, p.nd));
        long drawn = i.reachableTime(50 + two, p.nd);
        assertTrue(drawn != 31_000 * ms && drawn >= 15_000 * ms && drawn < 45_000 * ms,
                "two hours on, drawn again from REACHABLE_TIME (30 s): " + drawn);
        assertEquals(drawn, i.reachableTime(50 + 2 * two - 1, p.nd));

        RouterDiscovery d = upOnTheLink(p);
        heard(d, p, 100, parameters(0, 10_000, 0));
        long link = i.reachableTime(p.nd);
        assertTrue(link >= 5_000 * ms && link < 15_000 * ms, "the link's: " + link);
        assertEquals(link, i.reachableTime(100 + two - 1, p.nd), "within two hours of the RA's draw: the same");
        long again = i.reachableTime(100 + two, p.nd);
        assertTrue(again != link && again >= 5_000 * ms && again < 15_000 * ms, "drawn again from the link's base: " + again);
        assertEquals(10_000 * ms, i.baseReachableTime(p.nd), "the base stays the link's");
        heard(d, p, 100 + two + 1, parameters(0, 10_000, 0));
        assertEquals(again, i.reachableTime(p.nd), "an RA repeating the base right after: nothing new");

        i.reachableTimeDraws = null;
        assertEquals(again, i.reachableTime(100 + 10 * two, p.nd), "without a stream (a part alone): never drawn again");
    }

    /** RFC 4861 §6.3.4 and §6.3.2: the link's variables, zeros leaving them, a new ReachableTime per BaseReachableTime. */
    @Test
    void curHopLimitReachableTimeAndRetransTimerAreTheLinksUntilItGoesDown() throws Exception {
        Parts p = new Parts().settled();
        RouterDiscovery d = upOnTheLink(p);
        heard(d, p, 100, parameters(17, 10_000, 250));
        long ms = 1_000_000L;
        assertEquals(17, p.iface.curHopLimit);
        assertEquals(250 * ms, p.iface.retransTimer(p.nd));
        long reachable = p.iface.reachableTime(p.nd);
        assertTrue(reachable >= 5_000 * ms && reachable < 15_000 * ms, "between 0.5 and 1.5 BaseReachableTime: " + reachable);
        heard(d, p, 200, parameters(0, 10_000, 0));
        assertEquals(List.of(17L, 250 * ms, reachable), List.of((long) p.iface.curHopLimit, p.iface.retransTimer(p.nd),
                p.iface.reachableTime(p.nd)), "zeros leave them; the same BaseReachableTime draws nothing new");
        heard(d, p, 300, parameters(0, 40_000, 0));
        long again = p.iface.reachableTime(p.nd);
        assertTrue(again >= 20_000 * ms && again < 60_000 * ms, "a new BaseReachableTime, a new draw: " + again);
        heard(d, p, 300 + RouterDiscovery.REDRAW_REACHABLE_TIME - 1, parameters(0, 40_000, 0));
        assertEquals(again, p.iface.reachableTime(p.nd), "the same BaseReachableTime within two hours: the same draw");
        heard(d, p, 300 + RouterDiscovery.REDRAW_REACHABLE_TIME, parameters(0, 40_000, 0));
        long later = p.iface.reachableTime(p.nd);
        assertTrue(later != again && later >= 20_000 * ms && later < 60_000 * ms, "drawn again after two hours: " + later);
        heard(d, p, 400 + RouterDiscovery.REDRAW_REACHABLE_TIME, parameters(0, 3_600_001, 0));
        assertEquals(later, p.iface.reachableTime(p.nd), "above MAX_REACHABLE_TIME (RFC 4861 §10): ignored");
        assertEquals(1L, p.counters.reachableTimesIgnored);
        heard(d, p, 500 + RouterDiscovery.REDRAW_REACHABLE_TIME, parameters(0, 3_600_000, 0));
        long hour = p.iface.reachableTime(p.nd);
        assertTrue(hour >= 1_800_000 * ms && hour < 5_400_000 * ms, "MAX_REACHABLE_TIME itself is taken: " + hour);
        heard(d, p, 600 + RouterDiscovery.REDRAW_REACHABLE_TIME, parameters(0, 0, 60_001));
        assertEquals(250 * ms, p.iface.retransTimer(p.nd), "above MAX_RETRANS_TIMER (RFC 7048 §3): ignored");
        assertEquals(1L, p.counters.retransTimersIgnored);
        assertEquals(List.of((400 + RouterDiscovery.REDRAW_REACHABLE_TIME) + " ignored Reachable Time 3600001",
                (600 + RouterDiscovery.REDRAW_REACHABLE_TIME) + " ignored Retrans Timer 60001"),
                p.events.stream().filter(e -> e.contains("ignored")).toList(), "each told, for the node's log");
        heard(d, p, 700 + RouterDiscovery.REDRAW_REACHABLE_TIME, parameters(0, 0, 60_000));
        assertEquals(60_000 * ms, p.iface.retransTimer(p.nd), "MAX_RETRANS_TIMER itself is taken");
        d.linkDown(p.iface);
        assertEquals(List.of(0L, p.nd.retransTimerNanos(), p.nd.reachableTimeNanos()), List.of((long) p.iface.curHopLimit,
                p.iface.retransTimer(p.nd), p.iface.reachableTime(p.nd)), "the node's own once the link is gone");
    }

    /** An RA with these Cur Hop Limit, Reachable Time and Retrans Timer (ms) and nothing else. */
    private static Ipv6Packet parameters(int curHopLimit, long reachableMillis, long retransMillis) {
        return Ipv6Packet.of(ROUTER, Ipv6Address.ALL_NODES, 255, new Payload.Icmpv6(new RouterAdvertisement(curHopLimit, 0,
                1800, reachableMillis, retransMillis, List.of())));
    }

    private static void heard(RouterDiscovery d, Parts p, long now, Ipv6Packet ra) throws Exception {
        d.onRa(now, p.iface, ra, (RouterAdvertisement) Parts.icmp(ra), new ArrayList<>());
    }

    @Test
    void advertisementsNotFromTheLinkAreIgnored() throws Exception {
        Parts p = new Parts().settled();
        RouterDiscovery d = discovery(p);
        Ipv6Packet ra = ra(64, 1800, 86400);
        d.onRa(0, p.iface, ra, (RouterAdvertisement) Parts.icmp(ra), new ArrayList<>());
        assertEquals(List.of(), p.routes.defaultRouters());
        assertEquals(1L, p.counters.drops().get(Drop.HOP_LIMIT_NOT_255), "RFC 4861 §6.1.2");
    }
    /** RFC 4861 §6.3.4, RFC 4862 §5.5.3: a link-local prefix is ignored; so is a multicast one (no link, no address). */
    @Test
    void linkLocalAndMulticastPrefixesAreIgnored() throws Exception {
        Parts p = new Parts().settled();
        RouterDiscovery d = discovery(p);
        org.mip6.net.Ipv6Prefix multicast = org.mip6.net.Ipv6Prefix.parse("ff01:db8:4::/64");
        org.mip6.net.Ipv6Prefix linkLocal = org.mip6.net.Ipv6Prefix.parse("fe80::/64");
        Ipv6Packet ra = Ipv6Packet.of(ROUTER, Ipv6Address.ALL_NODES, 255, new Payload.Icmpv6(new RouterAdvertisement(64, 0,
                1800, 0, 0, List.of(NdOption.PrefixInformation.of(multicast, true, true, 86400, 14400),
                        NdOption.PrefixInformation.of(linkLocal, true, true, 86400, 14400)))));
        d.onRa(0, p.iface, ra, (RouterAdvertisement) Parts.icmp(ra), new ArrayList<>());
        assertEquals(1, p.routes.defaultRouters().size(), "the router itself is learnt");
        assertTrue(!p.routes.isOnLink(0, multicast) && !p.routes.isOnLink(0, linkLocal));
        assertEquals(null, p.addresses.own(p.iface, multicast.withInterfaceId(p.iface.interfaceId)), "no address from it");
        assertEquals(List.of(), p.events);
    }
}
