package org.mip6.ha.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.state.internal.MemoryMobileNetworkPrefixes;

/** A configuration that makes no sense is refused, naming its PID and field, before anything starts. */
class HomeAgentComponentTest {

    static HomeAgentComponent.Config config(String field, Object value) {
        return new HomeAgentComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HomeAgentComponent.Config.class;
            }

            private <T> T or(String name, T dflt) {
                @SuppressWarnings("unchecked")
                T v = name.equals(field) ? (T) value : dflt;
                return v;
            }

            @Override
            public String node() {
                return or("node", "ha");
            }

            @Override
            public String[] prefixes() {
                return or("prefixes", new String[0]);
            }

            @Override
            public int maxLifetime() {
                return or("maxLifetime", 3600);
            }

            @Override
            public int refreshAdvicePercent() {
                return or("refreshAdvicePercent", 80);
            }

            @Override
            public int refreshRequestPercent() {
                return or("refreshRequestPercent", 90);
            }

            @Override
            public boolean dad() {
                return true;
            }

            @Override
            public int preference() {
                return or("preference", 0);
            }

            @Override
            public int homeAgentLifetime() {
                return or("homeAgentLifetime", 1800);
            }

            @Override
            public String[] acl() {
                return or("acl", new String[0]);
            }

            @Override
            public int bindingErrorsPerSecond() {
                return or("bindingErrorsPerSecond", 10);
            }

            @Override
            public int maxBindings() {
                return or("maxBindings", 1 << 22);
            }

            @Override
            public boolean tunnelMulticast() {
                return or("tunnelMulticast", false);
            }

            @Override
            public String[] mobileRouters() {
                return or("mobileRouters", new String[0]);
            }
        };
    }

    static HomeAgentComponent component(HomeAgentComponent.Config config, Map<String, Object> properties) {
        return new HomeAgentComponent(null, new MemoryBindingCache(), new MemoryMobileNetworkPrefixes(), null, config,
                properties);
    }

    static String refused(String field, Object value) {
        return assertThrows(IllegalArgumentException.class, () -> component(config(field, value),
                Map.of("service.pid", "org.mip6.ha~lab"))).getMessage();
    }

    @Test
    void everyNonsenseIsRefusedWithPidAndField() {
        for (Object[] c : new Object[][] {
                {"maxLifetime", 0}, {"maxLifetime", 300_000}, {"refreshAdvicePercent", 100}, {"refreshRequestPercent", -1},
                {"bindingErrorsPerSecond", 0}, {"maxBindings", 0}, {"preference", 40_000}, {"homeAgentLifetime", 0},
                {"homeAgentLifetime", 70_000}, {"acl", new String[] {"permit 2001:db8:1::/64"}},
                {"acl", new String[] {"deny 2001:db8:1::zz"}}, {"prefixes", new String[] {"2001:db8:1::1/64"}},
                {"node", " "}, {"mobileRouters", new String[] {"2001:db8:1::20 2001:db8:100::"}},
                {"mobileRouters", new String[] {"2001:db8:1::20 ff0e::/16"}}, {"mobileRouters", new String[] {"zz 2001:db8:100::/48"}}}) {
            String m = refused((String) c[0], c[1]);
            assertEquals(true, m.startsWith("configuration org.mip6.ha~lab, field " + c[0] + ": "), m);
        }
    }

    /** Declarative Services reads "maybe" as false: the home agent would run without DAD though nobody asked. */
    @Test
    void aBooleanThatIsNeitherTrueNorFalseIsRefused() {
        String m = assertThrows(IllegalArgumentException.class, () -> component(config("node", "ha"),
                Map.of("service.pid", "org.mip6.ha~lab", "dad", "maybe"))).getMessage();
        assertEquals("configuration org.mip6.ha~lab, field dad: \"maybe\" is neither true nor false", m);
        m = assertThrows(IllegalArgumentException.class, () -> component(config("node", "ha"),
                Map.of("service.pid", "org.mip6.ha~lab", "tunnelMulticast", "yes"))).getMessage();
        assertEquals("configuration org.mip6.ha~lab, field tunnelMulticast: \"yes\" is neither true nor false", m);
    }

    @Test
    void theAclAllowsAndDeniesByFirstMatch() {
        Acl acl = Acl.parse(new String[] {"deny 2001:db8:1::bad, allow 2001:db8:1::/64", "deny ::/0"});
        assertEquals(129, acl.decide(req("2001:db8:1::bad")));
        assertEquals(0, acl.decide(req("2001:db8:1::1")));
        assertEquals(129, acl.decide(req("2001:db8:5::1")));
        assertEquals(0, Acl.ALLOW_ALL.decide(req("2001:db8:5::1")));
    }

    static org.mip6.ha.HomeRegistrationPolicy.Request req(String hoa) {
        return new org.mip6.ha.HomeRegistrationPolicy.Request("ha", org.mip6.net.Ipv6Address.parse("2001:db8:1::2"),
                org.mip6.net.Ipv6Address.parse(hoa), org.mip6.net.Ipv6Address.parse("2001:db8:2::1"), 600, 0xc000, true);
    }
}
