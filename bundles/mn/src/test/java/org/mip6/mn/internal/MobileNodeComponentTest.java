package org.mip6.mn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mip6.state.internal.MemoryBindingUpdateList;

/** A configuration that makes no sense is refused, naming its PID and the field that is wrong. */
class MobileNodeComponentTest {

    /** The configuration's defaults, but {@code field} set to {@code value}. */
    static MobileNodeComponent.Config config(String field, Object value) {
        return (MobileNodeComponent.Config) Proxy.newProxyInstance(MobileNodeComponent.Config.class.getClassLoader(),
                new Class<?>[] {MobileNodeComponent.Config.class}, (p, m, a) -> switch (m.getName()) {
                    case "annotationType" -> MobileNodeComponent.Config.class;
                    case "hashCode" -> 0;
                    case "equals" -> p == a[0];
                    case "toString" -> "config";
                    default -> m.getName().equals(field) ? value : m.getDefaultValue();
                });
    }

    static String refused(String field, Object value) {
        return assertThrows(IllegalArgumentException.class, () -> new MobileNodeComponent(null,
                new MemoryBindingUpdateList(), null, config(field, value), Map.of("service.pid", "org.mip6.mn~lab"))).getMessage();
    }

    @Test
    void eachRefusalNamesTheFieldThatIsWrong() {
        for (Object[] c : new Object[][] {{"lifetime", 0}, {"lifetime", 300_000}, {"refreshPercent", 0},
                {"refreshPercent", 100}, {"homePrefix", "2001:db8:1::/64x"}, {"homeAddress", "2001:db8:2::1"},
                {"homeAgent", "ff02::1"}, {"movementHints", new String[] {"l2", "foo"}}, {"routeOptimization", "sometimes"},
                {"routeOptimizationRetry", -3}, {"node", " "}, {"multicastGroups", new String[] {"ff05::1:3"}},
                {"multicastGroups", new String[] {"ff0e::1, ff0e::1"}}, {"multicastGroups", new String[] {"2001:db8::1"}}}) {
            String m = refused((String) c[0], c[1]);
            assertEquals(true, m.startsWith("configuration org.mip6.mn~lab, field " + c[0] + ": "), m);
        }
        assertEquals("configuration org.mip6.mn~lab, field lifetime: lifetime must be 4..262140 s, got 0", refused("lifetime", 0));
        assertEquals("configuration org.mip6.mn~lab, field multicastGroups: ff05::1:3 is not a multicast group of global scope",
                refused("multicastGroups", new String[] {"ff05::1:3"}));
        assertEquals(java.util.List.of(org.mip6.net.Ipv6Address.parse("ff0e::101"), org.mip6.net.Ipv6Address.parse("ff1e::2")),
                MobileNodeComponent.multicastGroups(new String[] {"ff0e::101, ff1e::2", " "}));
    }
}
