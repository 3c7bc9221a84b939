package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

class SourceAddressSelectionTest {

    static final Ipv6Prefix Q = Ipv6Prefix.parse("2001:db8:2::/64");

    @Test
    void theScopeOfTheDestinationThenItsPrefix() {
        Parts p = new Parts();
        Ipv6Address ll = p.iface.linkLocal();
        assertNull(p.sources.select(p.iface, Ipv6Address.ALL_ROUTERS), "nothing usable while tentative");
        p.addresses.addStatic(0, p.iface, Parts.P.withInterfaceId(1), 64, new ArrayList<>());
        p.addresses.addStatic(0, p.iface, Q.withInterfaceId(1), 64, new ArrayList<>());
        p.settled();
        assertEquals(ll, p.sources.select(p.iface, Ipv6Address.ALL_ROUTERS), "link-scope multicast: link-local");
        assertEquals(ll, p.sources.select(p.iface, Ipv6Address.parse("fe80::9")));
        assertEquals(Q.withInterfaceId(1), p.sources.select(p.iface, Q.withInterfaceId(9)), "the destination's prefix");
        assertEquals(Parts.P.withInterfaceId(1), p.sources.select(p.iface, Ipv6Address.parse("2001:db8:77::1")),
                "a global one for another prefix");
    }

    @Test
    void aLinkLocalAddressWhenThereIsNoGlobalOne() {
        Parts p = new Parts().settled();
        assertEquals(p.iface.linkLocal(), p.sources.select(p.iface, Ipv6Address.parse("2001:db8:77::1")));
    }
}
