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
        int a = t.add(HA, COA);
        int b = t.add(HA, COA2);
        t.addRoute(Ipv6Prefix.parse("2001:db8:1::/64"), a);
        t.addRoute(Ipv6Prefix.parse("2001:db8:1::99/128"), b);
        assertEquals(b, t.forDestination(Ipv6Address.parse("2001:db8:1::99")).id());
        assertEquals(a, t.forDestination(Ipv6Address.parse("2001:db8:1::98")).id());
        assertNull(t.forDestination(Ipv6Address.parse("2001:db8:5::1")));
        t.remove(b);
        assertEquals(a, t.forDestination(Ipv6Address.parse("2001:db8:1::99")).id());
        assertThrows(IllegalArgumentException.class, () -> t.addRoute(Ipv6Prefix.parse("::/0"), 42));
    }

    @Test
    void decapsulationOnlyFromTheConfiguredPeerToTheLocalEnd() {
        Tunnels t = new Tunnels("ha");
        t.add(HA, COA);
        assertTrue(t.accepts(COA, HA));
        assertFalse(t.accepts(COA2, HA), "RFC 2473 §3.2: not a configured peer");
        assertFalse(t.accepts(HA, COA));
    }
}
