package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.RouterSolicitation;
import org.mip6.wire.icmp.NdOption;

/** Router advertisements (RFC 4861 §6.2) with the Mobile IPv6 options (RFC 6275 §7) as a timeline. */
class RouterAdvertiserTest {

    static final long MS = 1_000_000L;

    static RouterConfig config(boolean homeAgent) {
        return new RouterConfig(30 * MS, 70 * MS, 1800, homeAgent,
                List.of(NdOption.PrefixInformation.of(Parts.P, true, true, 86400, 14400)), homeAgent,
                homeAgent ? new NdOption.HomeAgentInformation(false, 5, 1800) : null);
    }

    static Parts router(boolean homeAgent) {
        Parts p = new Parts(Parts.ND, config(homeAgent));
        p.addresses.addStatic(0, p.iface, Parts.P.withInterfaceId(1), 64, new ArrayList<>());
        return p.settled();
    }

    @Test
    void unsolicitedAdvertisementsComeEveryMinToMaxInterval() throws Exception {
        Parts p = router(false);
        RouterAdvertiser a = new RouterAdvertiser(p.random, p.timers, p.emitter, p.addresses, p.neighbors);
        a.linkUp(0, p.iface);
        long at = p.timers.next();
        assertTrue(at < 70 * MS, "the first within MaxRtrAdvInterval");
        long previous = at;
        for (int k = 0; k < 200; k++) {
            long now = p.timers.next();
            List<Ipv6Packet> ra = p.fire(now, (key, out) -> a.advertiseTimer(now, p.iface, out));
            assertEquals(1, ra.size());
            assertEquals(Ipv6Address.ALL_NODES, ra.get(0).destination());
            assertEquals(p.iface.linkLocal(), ra.get(0).source(), "from the link-local address (RFC 4861 §6.1.2)");
            assertEquals(255, ra.get(0).hopLimit());
            if (k > 0) {
                long gap = now - previous;
                assertTrue(gap >= 30 * MS && gap < 70 * MS, "interval " + gap);
            }
            previous = now;
        }
        assertEquals(1, p.timers.size(), "one RA timer, however many were sent");
    }

    @Test
    void aHomeAgentSetsHAndRAndAddsItsOptions() throws Exception {
        Parts p = router(true);
        RouterAdvertiser a = new RouterAdvertiser(p.random, p.timers, p.emitter, p.addresses, p.neighbors);
        Ipv6Packet rs = Ipv6Packet.of(Ipv6Address.parse("fe80::2"), Ipv6Address.ALL_ROUTERS, 255,
                new Payload.Icmpv6(new RouterSolicitation(List.of(new NdOption.SourceLinkLayerAddress(Parts.PEER_MAC)))));
        List<Transmit> out = new ArrayList<>();
        a.onRs(0, p.iface, rs, (RouterSolicitation) Parts.icmp(rs), out);
        assertEquals(List.of(), out, "RFC 4861 §6.2.6: not at once");
        long at = p.timers.deadline(TimerKind.RA_UNSOLICITED, 0, null);
        assertTrue(at >= 0 && at <= RouterAdvertiser.MAX_RA_DELAY_TIME, "within MAX_RA_DELAY_TIME: " + at);
        a.advertiseTimer(at, p.iface, out);
        RouterAdvertisement ra = (RouterAdvertisement) Parts.icmp(Parts.decode(out).get(0));
        assertEquals(RouterAdvertisement.H, ra.flags() & RouterAdvertisement.H, "RFC 6275 §7.1");
        NdOption.PrefixInformation pi = ra.options().stream().filter(o -> o instanceof NdOption.PrefixInformation)
                .map(o -> (NdOption.PrefixInformation) o).findFirst().orElseThrow();
        assertTrue(pi.routerAddress(), "R flag (RFC 6275 §7.2)");
        assertEquals(Parts.P.withInterfaceId(1), pi.address(), "the prefix field holds the router's address");
        assertTrue(ra.options().stream().anyMatch(o -> o instanceof NdOption.AdvertisementInterval ai && ai.intervalMillis() == 70));
        assertTrue(ra.options().stream().anyMatch(o -> o instanceof NdOption.HomeAgentInformation h && h.preference() == 5));
        assertEquals(NudState.STALE, p.neighbors.get(0, Ipv6Address.parse("fe80::2")).state(), "the solicitor is learned");
    }

    /**
     * RFC 4861 §6.2.6: each answer waits a random time up to MAX_RA_DELAY_TIME; solicitations meanwhile
     * share it; the next comes no sooner than MinDelayBetweenRAs (RFC 6275 §7.5: MinRtrAdvInterval, 30 ms
     * here) after the last multicast RA; an RA already due sooner answers as it is.
     */
    @Test
    void solicitationsAreAnsweredWithinMaxRaDelayTimeAndRateLimited() throws Exception {
        Parts p = router(false);
        RouterAdvertiser a = new RouterAdvertiser(p.random, p.timers, p.emitter, p.addresses, p.neighbors);
        Ipv6Packet rs = Ipv6Packet.of(Ipv6Address.parse("fe80::2"), Ipv6Address.ALL_ROUTERS, 255,
                new Payload.Icmpv6(new RouterSolicitation(List.of())));
        RouterSolicitation m = (RouterSolicitation) Parts.icmp(rs);
        long now = 10_000 * MS;
        p.timers.set(now + 9_000 * MS, TimerKind.RA_UNSOLICITED, 0, null); // the next unsolicited RA: far
        List<Transmit> out = new ArrayList<>();
        long[] seen = new long[2];
        boolean spread = false;
        for (int k = 0; k < 200; k++) {
            a.onRs(now, p.iface, rs, m, out);
            long at = p.timers.deadline(TimerKind.RA_UNSOLICITED, 0, null);
            assertTrue(at >= now && at <= now + RouterAdvertiser.MAX_RA_DELAY_TIME, "answer at +" + (at - now) / MS + " ms");
            a.onRs(at - 1 < now ? now : (now + at) / 2, p.iface, rs, m, out); // a second solicitation before it
            assertEquals(at, p.timers.deadline(TimerKind.RA_UNSOLICITED, 0, null), "one RA answers both");
            assertEquals(List.of(), out);
            a.advertiseTimer(at, p.iface, out);
            assertEquals(1, out.size());
            out.clear();
            spread |= at - now > 250 * MS;
            seen[at - now < 250 * MS ? 0 : 1]++;
            // right after it: not before MinDelayBetweenRAs (30 ms)
            a.onRs(at, p.iface, rs, m, out);
            long next = p.timers.deadline(TimerKind.RA_UNSOLICITED, 0, null);
            assertTrue(next >= at + 30 * MS, "rate-limited: +" + (next - at) / MS + " ms");
            a.advertiseTimer(next, p.iface, out);
            out.clear();
            now = next + 1_000 * MS;
            p.timers.set(now + 9_000 * MS, TimerKind.RA_UNSOLICITED, 0, null);
        }
        assertTrue(spread && seen[0] > 0, "random delays over the whole range: " + java.util.Arrays.toString(seen));
        // an RA due within the delay answers as it is: not moved later
        p.timers.set(now + 1, TimerKind.RA_UNSOLICITED, 0, null);
        a.onRs(now, p.iface, rs, m, out);
        assertEquals(now + 1, p.timers.deadline(TimerKind.RA_UNSOLICITED, 0, null));
    }

    /**
     * A router with RFC 4861's intervals (MinDelayBetweenRAs 3 s): a solicitation soon after a multicast
     * RA is answered to the solicitor alone within MAX_RA_DELAY_TIME (§6.2.6 allows unicast); one from
     * the unspecified address waits for the next multicast RA the rate limit allows.
     */
    @Test
    void whileMulticastIsRateLimitedTheSolicitorIsAnsweredAlone() throws Exception {
        Parts p = new Parts(Parts.ND, new RouterConfig(200 * S, 600 * S, 1800, false,
                List.of(NdOption.PrefixInformation.of(Parts.P, true, true, 86400, 14400)), false, null));
        p.addresses.addStatic(0, p.iface, Parts.P.withInterfaceId(1), 64, new ArrayList<>());
        p.settled();
        RouterAdvertiser a = new RouterAdvertiser(p.random, p.timers, p.emitter, p.addresses, p.neighbors);
        List<Transmit> out = new ArrayList<>();
        long t0 = 100 * S;
        a.advertiseTimer(t0, p.iface, out); // a multicast RA now; the next in 200-600 s
        out.clear();
        Ipv6Address solicitor = Ipv6Address.parse("fe80::2");
        Ipv6Packet rs = Ipv6Packet.of(solicitor, Ipv6Address.ALL_ROUTERS, 255,
                new Payload.Icmpv6(new RouterSolicitation(List.of(new NdOption.SourceLinkLayerAddress(Parts.PEER_MAC)))));
        a.onRs(t0 + 100 * MS, p.iface, rs, (RouterSolicitation) Parts.icmp(rs), out);
        long at = p.timers.deadline(TimerKind.RA_SOLICITED, 0, solicitor);
        assertTrue(at >= t0 + 100 * MS && at <= t0 + 600 * MS, "within MAX_RA_DELAY_TIME: +" + (at - t0) / MS + " ms");
        assertTrue(p.timers.deadline(TimerKind.RA_UNSOLICITED, 0, null) >= t0 + 200 * S, "the multicast RA is not moved");
        a.solicitedTimer(at, p.iface, solicitor, out);
        Ipv6Packet ra = Parts.decode(out).get(0);
        assertEquals(solicitor, ra.destination(), "to the solicitor alone");
        assertEquals(Parts.PEER_MAC, MacAddress.read(out.get(0).frame(), 0), "at the link-layer address it gave");
        out.clear();

        Ipv6Packet fromNowhere = Ipv6Packet.of(Ipv6Address.UNSPECIFIED, Ipv6Address.ALL_ROUTERS, 255,
                new Payload.Icmpv6(new RouterSolicitation(List.of())));
        a.onRs(t0 + 1 * S, p.iface, fromNowhere, (RouterSolicitation) Parts.icmp(fromNowhere), out);
        assertEquals(t0 + 3 * S, p.timers.deadline(TimerKind.RA_UNSOLICITED, 0, null),
                "the next multicast RA, 3 s after the last (MIN_DELAY_BETWEEN_RAS)");
    }

    static final long S = 1_000 * MS;

    @Test
    void noAdvertisementBeforeTheLinkLocalAddressIsValidThenOneSoon() throws Exception {
        Parts p = new Parts(Parts.ND, config(false));
        RouterAdvertiser a = new RouterAdvertiser(p.random, p.timers, p.emitter, p.addresses, p.neighbors);
        a.linkUp(0, p.iface);
        long first = p.timers.next();
        assertEquals(List.of(), p.fire(first, (k, out) -> a.advertiseTimer(first, p.iface, out)), "tentative link-local");
        AddressEntry ll = p.addresses.own(p.iface, p.iface.linkLocal());
        ll.state = AddressState.PREFERRED;
        a.dadCompleted(first + 1, p.iface, ll);
        assertTrue(p.timers.next() <= first + 1 + 500 * MS, "advertises within 500 ms of DAD (RFC 4861 §6.2.2)");
    }

    @Test
    void aRoleChangesWhatIsAdvertisedAndItGoesOutAtOnce() throws Exception {
        Parts p = router(false);
        RouterAdvertiser a = new RouterAdvertiser(p.random, p.timers, p.emitter, p.addresses, p.neighbors);
        List<Transmit> out = new ArrayList<>();
        a.reconfigure(0, p.iface, config(true), out);
        RouterAdvertisement ra = (RouterAdvertisement) Parts.icmp(Parts.decode(out).get(0));
        assertEquals(RouterAdvertisement.H, ra.flags() & RouterAdvertisement.H);
    }
}
