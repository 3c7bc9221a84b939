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
