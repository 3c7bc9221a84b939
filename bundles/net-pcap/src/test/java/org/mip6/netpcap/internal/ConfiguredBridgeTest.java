package org.mip6.netpcap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mip6.world.LiveLinks;

/** A bridge from configuration: what it asks of the world's live links, and its refusals (PID and field named). */
class ConfiguredBridgeTest {

    /** Live links that log what they are asked and answer like PcapLiveLinks for a world with link "home". */
    static final class Links implements LiveLinks {
        final List<String> calls = new ArrayList<>();
        final List<Bridge> bridges = new ArrayList<>();
        Exception failure;

        @Override
        public Bridge bridge(String link, String iface) throws IOException {
            calls.add("bridge " + link + " " + iface);
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (!link.equals("home")) {
                throw new IllegalArgumentException("no link named " + link + " (links: [home])");
            }
            Bridge b = new Bridge(link, iface, 0, 0, 0, null);
            bridges.add(b);
            return b;
        }

        @Override
        public boolean unbridge(String link) {
            calls.add("unbridge " + link);
            return bridges.removeIf(b -> b.link().equals(link));
        }

        @Override
        public List<Bridge> bridges() {
            return List.copyOf(bridges);
        }
    }

    static ConfiguredBridge.Config config(String link, String iface) {
        return new ConfiguredBridge.Config() {
            @Override
            public String link() {
                return link;
            }

            @Override
            public String interface$() {
                return iface;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ConfiguredBridge.Config.class;
            }
        };
    }

    private static final Map<String, Object> PID = Map.of("service.pid", "org.mip6.live~home");

    @Test
    void aConfigurationBridgesItsLinkAndEndsItsOwnBridgeWhenItGoes() {
        Links links = new Links();
        ConfiguredBridge b = new ConfiguredBridge(links, config(" home ", "veth0"), PID);
        assertEquals(List.of("bridge home veth0"), links.calls);
        b.close();
        assertEquals(List.of("bridge home veth0", "unbridge home"), links.calls);
        assertEquals(List.of(), links.bridges());

        // stopped by command and bridged again elsewhere meanwhile: that bridge is not this one's
        ConfiguredBridge again = new ConfiguredBridge(links, config("home", "veth0"), PID);
        links.unbridge("home");
        links.bridges.add(new LiveLinks.Bridge("home", "veth9", 0, 0, 0, null));
        links.calls.clear();
        again.close();
        assertEquals(List.of(), links.calls);
    }

    @Test
    void whatCannotBeBridgedIsRefusedWithThePidAndFieldNamed() {
        Links links = new Links();
        assertEquals("configuration org.mip6.live~home, field link: must name a link of the world",
                assertThrows(IllegalArgumentException.class, () -> new ConfiguredBridge(links, config(" ", "veth0"), PID)).getMessage());
        assertEquals("configuration org.mip6.live~home, field interface: must name a host interface",
                assertThrows(IllegalArgumentException.class, () -> new ConfiguredBridge(links, config("home", ""), PID)).getMessage());
        for (String bad : new String[] {"a/b", "eth0:1", "a b", "sixteen-chars-xx"}) {
            String m = assertThrows(IllegalArgumentException.class, () -> new ConfiguredBridge(links, config("home", bad), PID)).getMessage();
            assertEquals("configuration org.mip6.live~home, field interface: \"" + bad
                    + "\" is not an interface name (1-15 characters, no '/', ':' or space)", m);
        }
        assertEquals(List.of(), links.calls, "nothing asked of pcap for a configuration that makes no sense");

        assertEquals("configuration org.mip6.live~home, field link: no link named lan (links: [home])",
                assertThrows(IllegalArgumentException.class, () -> new ConfiguredBridge(links, config("lan", "veth0"), PID)).getMessage());
        links.failure = new IllegalStateException("live links need a real-time world");
        assertEquals("configuration org.mip6.live~home, field link: link home not bridged to veth0: live links need a real-time world",
                assertThrows(IllegalArgumentException.class, () -> new ConfiguredBridge(links, config("home", "veth0"), PID)).getMessage());
        links.failure = new IOException("pcap cannot open veth0: permission denied");
        assertEquals("configuration org.mip6.live~home, field interface: link home not bridged to veth0: pcap cannot open veth0: permission denied",
                assertThrows(IllegalArgumentException.class, () -> new ConfiguredBridge(links, config("home", "veth0"), PID)).getMessage());
        links.failure = new IllegalArgumentException("no interface named veth0 on this host (interfaces: [lo])");
        assertEquals("configuration org.mip6.live~home, field interface: no interface named veth0 on this host (interfaces: [lo])",
                assertThrows(IllegalArgumentException.class, () -> new ConfiguredBridge(links, config("home", "veth0"), PID)).getMessage());
        assertEquals(List.of(), links.bridges());
    }
}
