package org.mip6.mn.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.ro.RouteOptimizationPolicy.Flow;

/** The mobile node's routeOptimization setting: always, never, after N packets, after N seconds. */
class RouteOptimizationSettingTest {

    static final long S = 1_000_000_000L;
    static final Ipv6Address A = Ipv6Address.parse("2001:db8:1::b");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:4::9");

    static Flow flow(long packets, long nanos) {
        return new Flow("mn", A, CN, packets, nanos);
    }

    @Test
    void eachFormDecidesAsItSays() {
        assertTrue(MobileNodeComponent.routeOptimizationAfter("always").test(flow(1, 0)));
        assertFalse(MobileNodeComponent.routeOptimizationAfter("never").test(flow(1000, 1000 * S)));
        Predicate<Flow> packets = MobileNodeComponent.routeOptimizationAfter("after 5");
        assertFalse(packets.test(flow(4, 100 * S)));
        assertTrue(packets.test(flow(5, 0)));
        Predicate<Flow> seconds = MobileNodeComponent.routeOptimizationAfter(" after 3s ");
        assertFalse(seconds.test(flow(1000, 3 * S - 1)));
        assertTrue(seconds.test(flow(1, 3 * S)));
    }

    @Test
    void anythingElseIsRefusedWithTheFormsNamed() {
        for (String bad : new String[] {"", "sometimes", "after 0", "after -2", "after x", "after 3 s s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MobileNodeComponent.routeOptimizationAfter(bad));
            assertTrue(e.getMessage().contains("always, never"), e.getMessage());
        }
    }
}
