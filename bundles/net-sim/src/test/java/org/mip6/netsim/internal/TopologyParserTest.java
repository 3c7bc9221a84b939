package org.mip6.netsim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;

class TopologyParserTest {

    static Map<String, Object> props(String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, Map<String, Object>> links() {
        Map<String, Map<String, Object>> l = new HashMap<>();
        l.put("org.mip6.world.link~home", props("name", "home", "delay", "1ms", "loss", "0.01", "mtu", "1500"));
        l.put("org.mip6.world.link~away", props("name", "away", "delay", "250us", "bandwidth", "10000000"));
        return l;
    }

    @Test
    void parsesLinksNodesAddressesAndRoutes() {
        Map<String, Map<String, Object>> n = new HashMap<>();
        n.put("org.mip6.world.node~r", props("name", "r", "role", "router", "interface.0", "home",
                "address.0", "2001:db8:1::1/64", "advertise.0", "2001:db8:1::/64", "interface.1", "away",
                "address.1", "2001:db8:2::1/64, 2001:db8:2::2/64", "route", "2001:db8:9::/64 via 2001:db8:2::9 dev 1"));
        n.put("org.mip6.world.node~h", props("name", "h", "interface.0", "home"));
        TopologySpec t = TopologyParser.parse(links(), n);
        assertEquals(2, t.links().size());
        var away = t.links().stream().filter(l -> l.name().equals("away")).findFirst().orElseThrow();
        assertEquals(250_000L, away.delayNanos());
        assertEquals(10_000_000L, away.bitsPerSecond());
        var r = t.nodes().stream().filter(x -> x.name().equals("r")).findFirst().orElseThrow();
        assertTrue(r.router());
        assertEquals(2, r.interfaces().get(1).addresses().size());
        assertEquals(Ipv6Address.parse("2001:db8:2::9"), r.routes().get(0).nextHop());
        assertEquals(1, r.routes().get(0).iface());
        assertEquals(3_000_000_000L, r.minRaNanos());

        n.put("org.mip6.world.node~r", props("name", "r", "role", "router", "interface.0", "home", "address.0",
                "2001:db8:1::1/64", "advertise.0", "2001:db8:1::/64", "ra-interval", "30ms-70ms", "home-agent", "true"));
        var ha = TopologyParser.parse(links(), n).nodes().stream().filter(x -> x.name().equals("r")).findFirst().orElseThrow();
        assertEquals(30_000_000L, ha.minRaNanos());
        assertEquals(70_000_000L, ha.maxRaNanos());
        assertTrue(ha.homeAgent());
    }

    static String error(Map<String, Object> node) {
        Map<String, Map<String, Object>> n = new HashMap<>();
        n.put("org.mip6.world.node~bad", node);
        return assertThrows(TopologyException.class, () -> TopologyParser.parse(links(), n)).getMessage();
    }

    @Test
    void rejectsWithTheConfigurationAndTheFieldNamed() {
        assertEquals("configuration org.mip6.world.node~bad, field interface.0: no link named \"moon\" (links: away, home)",
                error(props("name", "x", "interface.0", "moon")));
        String outside = error(props("name", "x", "role", "router", "interface.0", "home", "address.0", "2001:db8:1::1/64",
                "advertise.0", "2001:db8:7::/64"));
        assertTrue(outside.startsWith("configuration org.mip6.world.node~bad, field advertise.0: the router has no address in 2001:db8:7::/64"), outside);
        assertTrue(error(props("name", "x", "interface.0", "home", "address.0", "2001:db8:1::1")).contains("field address.0"));
        assertTrue(error(props("name", "x", "interface.0", "home", "address.0", "2001:zz::1/64")).contains("field address.0"));
        assertTrue(error(props("name", "x", "interface.0", "home", "address.2", "2001:db8:1::1/64")).contains("field address.2"));
        assertTrue(error(props("name", "x", "role", "switch", "interface.0", "home")).contains("field role"));
        assertTrue(error(props("name", "x", "role", "router", "interface.0", "home", "ra-interval", "10ms-20ms"))
                .contains("field ra-interval"));
        assertTrue(error(props("name", "x", "interface.0", "home", "home-agent", "true")).contains("field home-agent"));
        assertTrue(error(props("interface.0", "home")).contains("field name: missing"));
        assertTrue(error(props("name", "x", "interface.0", "home", "route", "::/0 via fe80::1")).contains("field route"));
        assertTrue(error(props("name", "x", "interface.0", "home", "route", "::/0 via fe80::1 dev 3")).contains("no interface 3"));
        for (String[] bad : new String[][] {{"loss", "1.5"}, {"loss", "-0.1"}, {"mtu", "1000"}, {"mtu", "1500.5"},
                {"mtu", "70000"}, {"delay", "-5ms"}, {"jitter", "-1ms"}, {"bandwidth", "-1"}, {"bandwidth", "1e3.5"}}) {
            Map<String, Map<String, Object>> l = links();
            l.put("org.mip6.world.link~x", props("name", "x", bad[0], bad[1]));
            String m = assertThrows(TopologyException.class, () -> TopologyParser.parse(l, Map.of())).getMessage();
            assertTrue(m.startsWith("configuration org.mip6.world.link~x, field " + bad[0] + ": "), m);
        }
    }

    /** The distribution's etc/org.mip6.world.*.cfg describe exactly the built-in default world. */
    @Test
    void shippedConfigurationIsTheDefaultWorld() throws IOException {
        Path etc = Path.of("../../karaf-distribution/src/main/resources/assembly/etc");
        Map<String, Map<String, Object>> links = new HashMap<>();
        Map<String, Map<String, Object>> nodes = new HashMap<>();
        try (var files = Files.list(etc)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (!n.startsWith("org.mip6.world.link-") && !n.startsWith("org.mip6.world.node-")) {
                    continue;
                }
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(f)) {
                    p.load(r);
                }
                Map<String, Object> m = new HashMap<>();
                p.forEach((k, v) -> m.put((String) k, v));
                (n.startsWith("org.mip6.world.link-") ? links : nodes).put(n, m);
            }
        }
        TopologySpec shipped = TopologyParser.parse(links, nodes);
        TopologySpec builtIn = DefaultWorld.spec();
        assertEquals(new java.util.HashSet<>(builtIn.links()), new java.util.HashSet<>(shipped.links()));
        Map<String, TopologySpec.NodeSpec> byName = new HashMap<>();
        shipped.nodes().forEach(x -> byName.put(x.name(), x));
        for (TopologySpec.NodeSpec b : builtIn.nodes()) {
            TopologySpec.NodeSpec s = byName.get(b.name());
            assertEquals(b.router(), s.router(), b.name());
            assertEquals(b.interfaces(), s.interfaces(), b.name());
            assertEquals(new java.util.HashSet<>(b.routes()), new java.util.HashSet<>(s.routes()), b.name());
        }
        assertEquals(builtIn.nodes().size(), shipped.nodes().size());
    }
}
