package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

class TunnelsTest {

    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::5");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:3::5");

    @Test
    void theLongestTunnelRouteWinsAndRemovingATunnelRemovesItsRoutes() {
        Tunnels t = new Tunnels("ha");
        int a = t.add(HA, COA, null);
        int b = t.add(HA, COA2, null);
        t.addRoute(Ipv6Prefix.parse("2001:db8:1::/64"), a);
        t.addRoute(Ipv6Prefix.parse("2001:db8:1::99/128"), b);
        assertEquals(b, t.forDestination(Ipv6Address.parse("2001:db8:1::99")).id());
        assertEquals(a, t.forDestination(Ipv6Address.parse("2001:db8:1::98")).id());
        assertNull(t.forDestination(Ipv6Address.parse("2001:db8:5::1")));
        t.remove(b);
        assertEquals(a, t.forDestination(Ipv6Address.parse("2001:db8:1::99")).id());
        assertThrows(IllegalArgumentException.class, () -> t.addRoute(Ipv6Prefix.parse("::/0"), 42));
    }

    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::99");
    static final Ipv6Address HOA2 = Ipv6Address.parse("2001:db8:1::98");

    @Test
    void decapsulationOnlyFromTheConfiguredPeerToTheLocalEnd() {
        Tunnels t = new Tunnels("ha");
        int id = t.add(HA, COA, null);
        assertEquals(Tunnels.Acceptance.ACCEPTED, t.accept(5, COA, HA, HOA));
        assertEquals(5, t.lastUsed(id));
        assertEquals(Tunnels.Acceptance.NO_TUNNEL, t.accept(6, COA2, HA, HOA), "RFC 2473 §3.2: not a configured peer");
        assertEquals(Tunnels.Acceptance.NO_TUNNEL, t.accept(7, HA, COA, HOA));
        assertEquals(5, t.lastUsed(id));
    }

    @Test
    void aTunnelBoundToAnInnerSourceTakesOnlyThatSourceAndSharedCareOfAddressesWork() {
        Tunnels t = new Tunnels("ha");
        int one = t.add(HA, COA, HOA);
        assertEquals(Tunnels.Acceptance.WRONG_INNER_SOURCE, t.accept(1, COA, HA, HOA2), "RFC 6275 §10.4.5");
        int two = t.add(HA, COA, HOA2); // two mobile nodes behind one care-of address
        assertEquals(Tunnels.Acceptance.ACCEPTED, t.accept(2, COA, HA, HOA2));
        assertEquals(Tunnels.Acceptance.ACCEPTED, t.accept(3, COA, HA, HOA));
        assertEquals(3, t.lastUsed(one));
        assertEquals(2, t.lastUsed(two));
        t.remove(one);
        assertEquals(Tunnels.Acceptance.WRONG_INNER_SOURCE, t.accept(4, COA, HA, HOA));
        t.addRoute(Ipv6Prefix.of(HOA2, 128), two);
        assertEquals(two, t.encapsulatedBy(HA, COA, HOA2).id(), "RFC 2473 §8: the tunnel an error is about");
        assertNull(t.encapsulatedBy(HA, COA2, HOA2), "other endpoints");
        t.remove(two);
        assertNull(t.forDestination(HOA2), "its route went with it");
        assertEquals(Tunnels.Acceptance.NO_TUNNEL, t.accept(5, COA, HA, HOA2));
        assertNull(t.encapsulatedBy(HA, COA, HOA2));
    }

    /** RFC 3963 §6.3: a mobile router's tunnel takes packets from the prefixes routed into it, not from others. */
    @Test
    void aBoundTunnelAlsoTakesTheSourcesOfThePrefixesRoutedIntoIt() {
        Tunnels t = new Tunnels("ha");
        int router = t.add(HA, COA, HOA);
        int other = t.add(HA, COA2, HOA2);
        Ipv6Prefix network = Ipv6Prefix.parse("2001:db8:100::/48");
        Ipv6Address inside = Ipv6Address.parse("2001:db8:100:1::7");
        assertEquals(Tunnels.Acceptance.WRONG_INNER_SOURCE, t.accept(1, COA, HA, inside), "not routed into it yet");
        t.addRoute(network, router);
        t.addRoute(Ipv6Prefix.parse("2001:db8:200::9/128"), router);
        assertEquals(Tunnels.Acceptance.ACCEPTED, t.accept(2, COA, HA, inside));
        assertEquals(Tunnels.Acceptance.ACCEPTED, t.accept(3, COA, HA, Ipv6Address.parse("2001:db8:200::9")));
        assertEquals(3, t.lastUsed(router));
        assertEquals(Tunnels.Acceptance.WRONG_INNER_SOURCE, t.accept(4, COA2, HA, inside), "another tunnel's prefix");
        assertEquals(Tunnels.Acceptance.WRONG_INNER_SOURCE, t.accept(5, COA, HA, Ipv6Address.parse("2001:db8:101::1")));
        assertEquals(Long.MIN_VALUE, t.lastUsed(other));
        t.removeRoute(network);
        assertEquals(Tunnels.Acceptance.WRONG_INNER_SOURCE, t.accept(6, COA, HA, inside), "routed no longer");
    }

    @Test
    void aTunnelIsItsEndpointsAskingAgainGivesTheSameOne() {
        Tunnels t = new Tunnels("mn");
        int a = t.add(COA, HA, null);
        assertEquals(a, t.add(COA, HA, null), "RFC 2473: the same endpoints, the same tunnel");
        int b = t.add(HA, COA, HOA);
        assertEquals(b, t.add(HA, COA, HOA));
        assertTrue(b != t.add(HA, COA, HOA2), "bound to another inner source: another tunnel");
        assertTrue(a != t.add(COA2, HA, null));
        assertEquals(4, t.size());
    }
}
