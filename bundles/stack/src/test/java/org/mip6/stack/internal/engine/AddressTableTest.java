package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation;

/** Addresses and DAD (RFC 4862 §5.4) as a timeline: probes sent and their instants, states, events. */
class AddressTableTest {

    static final Ipv6Address ADDR = Parts.P.withInterfaceId(0x10);

    static List<Ipv6Packet> dad(Parts p, long now) throws Exception {
        return p.fire(now, (k, out) -> p.addresses.dadTimer(now, p.iface, (Ipv6Address) k.key(), out));
    }

    @Test
    void dadProbesOnceAfterARandomDelayThenThePreferredStateAfterRetransTimer() throws Exception {
        Parts p = new Parts().settled();
        List<Transmit> out = new ArrayList<>();
        p.addresses.addStatic(0, p.iface, ADDR, 64, out);
        assertEquals(List.of(), out, "the probe waits a random delay (RFC 4862 §5.4.2)");
        long probeAt = p.timers.next();
        assertTrue(probeAt >= 0 && probeAt < p.nd.maxRtrSolicitationDelayNanos());
        assertFalse(p.addresses.usableAddresses(0).contains(ADDR), "tentative");

        List<Ipv6Packet> probe = dad(p, probeAt);
        assertEquals(1, probe.size());
        assertTrue(probe.get(0).source().isUnspecified(), "from the unspecified address");
        assertEquals(ADDR.solicitedNodeMulticast(), probe.get(0).destination());
        assertEquals(255, probe.get(0).hopLimit());
        NeighborSolicitation ns = (NeighborSolicitation) Parts.icmp(probe.get(0));
        assertEquals(ADDR, ns.target());
        assertTrue(ns.options().isEmpty(), "no Source Link-Layer Address option from ::");

        assertEquals(probeAt + p.nd.retransTimerNanos(), p.timers.next());
        assertEquals(List.of(), dad(p, probeAt + p.nd.retransTimerNanos()));
        assertTrue(p.addresses.usableAddresses(0).contains(ADDR));
        assertEquals(List.of((probeAt + p.nd.retransTimerNanos()) + " ready " + ADDR), p.events);
    }

    @Test
    void aDuplicateStopsDadAndTheAddressIsNeverUsed() throws Exception {
        Parts p = new Parts().settled();
        p.addresses.addStatic(0, p.iface, ADDR, 64, new ArrayList<>());
        AddressEntry e = p.addresses.own(p.iface, ADDR);
        p.addresses.duplicate(5, p.iface, e);
        assertEquals(AddressState.DUPLICATE, e.state());
        assertEquals(0, p.timers.size(), "its DAD timer went with it");
        assertFalse(p.addresses.isLocalUnicast(ADDR));
        assertFalse(p.addresses.listensTo(p.iface, ADDR.solicitedNodeMulticast()));
        assertEquals(List.of("5 duplicate " + ADDR), p.events);
    }

    @Test
    void slaacAddressesExpireAndGoWithTheLinkWhileStaticOnesWaitForDad() throws Exception {
        Parts p = new Parts().settled();
        Ipv6Address slaac = Parts.P.withInterfaceId(p.iface.interfaceId);
        p.addresses.addAutoconfigured(0, p.iface, slaac, 3_000, new ArrayList<>());
        assertEquals(3_000, p.timers.deadline(TimerKind.ADDRESS_LIFETIME, 0, slaac));
        AddressEntry e = p.addresses.own(p.iface, slaac);
        p.addresses.refreshAutoconfigured(1_000, p.iface, e, 2_000);
        assertEquals(3_000, e.validUntil, "RFC 4862 §5.5.3(e): never cut below two hours by an RA");
        p.addresses.expire(2_999, p.iface, slaac);
        assertTrue(p.addresses.isOwn(slaac));
        p.addresses.expire(3_000, p.iface, slaac);
        assertFalse(p.addresses.isOwn(slaac));

        p.addresses.addAutoconfigured(0, p.iface, slaac, Long.MAX_VALUE, new ArrayList<>());
        p.addresses.addStatic(0, p.iface, ADDR, 64, new ArrayList<>());
        p.addresses.linkDown(p.iface);
        assertFalse(p.addresses.isOwn(slaac));
        assertEquals(AddressState.TENTATIVE, p.addresses.own(p.iface, ADDR).state());
    }

    @Test
    void aHomeAddressAtHomeTakesItsPrefixsLifetimeFromRasButNotAway() {
        Parts p = new Parts().settled();
        Ipv6Address home = Parts.P.withInterfaceId(0x20);
        org.mip6.net.Ipv6Prefix prefix = Parts.P;
        long h = 3600 * NdParameters.SECOND;
        p.addresses.setHome(p.iface, home, 64, true);
        AddressEntry e = p.addresses.own(p.iface, home);
        assertEquals(Long.MAX_VALUE, e.validUntil, "no RA yet: configured");
        p.addresses.refreshHome(0, p.iface, prefix, 30 * h);
        assertEquals(30 * h, e.validUntil, "RFC 4862 §5.5.3(e), as a SLAAC address");
        p.addresses.refreshHome(h, p.iface, prefix, 2 * h);
        assertEquals(3 * h, e.validUntil, "never cut below two hours by an RA");
        p.addresses.refreshHome(h, p.iface, org.mip6.net.Ipv6Prefix.parse("2001:db8:2::/64"), 40 * h);
        assertEquals(3 * h, e.validUntil, "another prefix's");
        assertEquals(0, p.timers.size(), "nothing removes it when that runs out: its role set it");
        p.addresses.setHome(p.iface, home, 64, false);
        AddressEntry away = p.addresses.own(p.iface, home);
        p.addresses.refreshHome(2 * h, p.iface, prefix, 40 * h);
        assertEquals(Long.MAX_VALUE, away.validUntil, "away, the home link's RAs are not heard (MPAs tell)");
    }

    @Test
    void optimisticDadMakesATentativeAddressUsable() {
        Parts p = new Parts(Parts.ND.withOptimisticDad(true), null).settled();
        p.addresses.addStatic(0, p.iface, ADDR, 64, new ArrayList<>());
        assertEquals(AddressState.TENTATIVE, p.addresses.own(p.iface, ADDR).state());
        assertTrue(p.addresses.usableAddresses(0).contains(ADDR), "RFC 4429");
    }
}
