package org.mip6.netsim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The built-in default world (used without Config Admin: tests, benchmarks) is the world the
 * distribution ships as configuration in etc/: the same links, nodes, addresses, routes and order, so
 * MAC and SLAAC addresses are the same in both.
 */
class ShippedWorldTest {

    static final Path ETC = Path.of("../../karaf-distribution/src/main/resources/assembly/etc");

    @Test
    void theBuiltInWorldIsTheShippedConfiguration() throws Exception {
        Map<String, Map<String, Object>> links = configurations("org.mip6.world.link");
        Map<String, Map<String, Object>> nodes = configurations("org.mip6.world.node");
        assertEquals(5, links.size());
        assertEquals(7, nodes.size());
        TopologySpec shipped = TopologyParser.parse(links, nodes);
        TopologySpec builtIn = DefaultWorld.spec();
        assertEquals(shipped.links(), builtIn.links());
        assertEquals(shipped.nodes().size(), builtIn.nodes().size());
        for (int k = 0; k < shipped.nodes().size(); k++) {
            TopologySpec.NodeSpec s = shipped.nodes().get(k);
            TopologySpec.NodeSpec b = builtIn.nodes().get(k);
            // everything but where the spec came from
            assertEquals(new TopologySpec.NodeSpec("", s.name(), s.router(), s.interfaces(), s.routes(), s.minRaNanos(),
                    s.maxRaNanos(), s.homeAgent(), s.routerLifetime()), new TopologySpec.NodeSpec("", b.name(), b.router(),
                    b.interfaces(), b.routes(), b.minRaNanos(), b.maxRaNanos(), b.homeAgent(), b.routerLifetime()), s.name());
        }
    }

    /** The factory configurations of etc/, keyed as Karaf names them (factoryPid~name). */
    static Map<String, Map<String, Object>> configurations(String factoryPid) throws Exception {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        assertTrue(Files.isDirectory(ETC), ETC.toAbsolutePath().toString());
        try (Stream<Path> files = Files.list(ETC)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith(factoryPid + "-") && n.endsWith(".cfg")) {
                    Properties p = new Properties();
                    try (Reader r = Files.newBufferedReader(f)) {
                        p.load(r);
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    p.forEach((k, v) -> m.put(k.toString(), v.toString()));
                    out.put(factoryPid + "~" + n.substring(factoryPid.length() + 1, n.length() - 4), m);
                }
            }
        }
        return out;
    }
}
