package org.mip6.stack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.netsim.internal.EmbeddedWorld;
import org.mip6.time.SchedulerFactory;
import org.mip6.time.TimeMode;
import org.mip6.time.internal.SchedulerFactoryComponent;
import org.mip6.world.EchoStats;
import org.mip6.world.NodeStatus;
import org.mip6.world.World;

/** The world service as the shell uses it, outside OSGi (components constructed by hand). */
class EmbeddedWorldTest {

    static SchedulerFactory schedulers() {
        SchedulerFactoryComponent c = new SchedulerFactoryComponent();
        return c;
    }

    static EmbeddedWorld.Config config(String mode, long seed) {
        return new EmbeddedWorld.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EmbeddedWorld.Config.class;
            }

            @Override
            public String mode() {
                return mode;
            }

            @Override
            public long seed() {
                return seed;
            }
        };
    }

    @Test
    void virtualWorldHasTheDefaultNamesAndPingsAcrossIt(@TempDir Path dir) throws Exception {
        World w = new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("virtual", 1));
        assertEquals(TimeMode.VIRTUAL, w.mode());
        assertEquals(List.of("backbone", "cn-link", "foreign1", "foreign2", "home"),
                w.links().stream().map(l -> l.name()).toList());
        assertEquals(List.of("ar-cn", "ar-f1", "ar-f2", "ar-home", "cn", "ha", "mn"),
                w.nodes().stream().map(NodeStatus::name).toList());
        w.startCapture("home", dir.resolve("home.pcap"));
        EchoStats s = w.ping("mn", "cn", 5, Duration.ofMillis(100));
        assertEquals(5, s.received(), s.toString());
        assertEquals(24_000_000L, s.rttMinNanos()); // 1 + 10 + 1 ms each way
        w.attach("mn", "foreign2");
        w.run(Duration.ofSeconds(8));
        EchoStats away = w.ping("mn", "cn", 3, Duration.ofMillis(100));
        assertEquals(3, away.received(), away.toString());
        assertEquals(32_000_000L, away.rttMinNanos());
        w.stopCapture("home");
        assertTrue(Files.size(dir.resolve("home.pcap")) > 500);
        org.mip6.stack.internal.engine.Tshark.check(dir.resolve("home.pcap"));
        w.detach("mn");
        assertEquals(null, w.nodes().stream().filter(n -> n.name().equals("mn")).findFirst().orElseThrow()
                .interfaces().get(0).link());
        EchoStats gone = w.ping("cn", "2001:db8:3::1", 1, Duration.ofMillis(100)); // the world still runs
        assertEquals(1, gone.received());
        w.attach("mn", "foreign2");
        w.run(Duration.ofSeconds(8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.attach("nobody", "home"));
        assertTrue(e.getMessage().contains("nobody") && e.getMessage().contains("mn"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.attach("mn", "moon"));
    }

    @Test
    void trafficFlowsCountSentReceivedAndLost() {
        World w = new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("virtual", 3));
        int id = w.startTraffic("mn", "cn", Duration.ofMillis(100));
        w.run(Duration.ofSeconds(10));
        var s = w.traffic().get(0);
        assertEquals(id, s.id());
        assertEquals(101, s.sent()); // t = 0, 0.1, ..., 10.0 s
        assertEquals(s.sent(), s.received() + s.lost() + s.outstanding());
        assertEquals(0, s.lost());
        // the MN moves away: requests sent from the old address get no answer for a while
        w.attach("mn", "foreign1");
        w.run(Duration.ofSeconds(10));
        w.stopTraffic(id);
        long sent = w.traffic().get(0).sent();
        w.run(Duration.ofSeconds(5));
        var after = w.traffic().get(0);
        assertEquals(sent, after.sent(), "stopped");
        assertTrue(after.lost() > 0, after.toString());
        assertEquals(after.sent(), after.received() + after.lost() + after.outstanding());
    }

    @Test
    void udpTrafficIsAnsweredByTheEchoService() {
        World w = new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("virtual", 4));
        int id = w.startUdpTraffic("cn", "mn", Duration.ofMillis(50));
        w.run(Duration.ofSeconds(3));
        w.stopTraffic(id);
        w.run(Duration.ofSeconds(2));
        var s = w.traffic().get(0);
        assertEquals("udp", s.protocol());
        assertEquals(61, s.sent());
        assertEquals(61, s.received(), s.toString());
        assertEquals(24_000_000L, s.rttMinNanos());
    }

    @Test
    void realTimeWorldPingsToo() throws Exception {
        EmbeddedWorld w = new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("realtime", 2));
        try {
            assertThrows(IllegalStateException.class, () -> w.run(Duration.ofSeconds(1)));
            // addresses need DAD (1 s) and RS/RA: wait up to 15 s of wall clock for cn's global address
            long end = System.nanoTime() + 15_000_000_000L;
            EchoStats s = null;
            while (System.nanoTime() < end) {
                try {
                    s = w.ping("mn", "cn", 2, Duration.ofMillis(50));
                    if (s.received() == 2) {
                        break;
                    }
                } catch (IllegalArgumentException notYet) {
                    Thread.sleep(200);
                }
            }
            assertEquals(2, s == null ? -1 : s.received(), String.valueOf(s));
        } finally {
            w.reset(TimeMode.VIRTUAL, 0); // stops the real-time thread
        }
    }

    @Test
    void badModeKeepsTheComponentInactive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("warp", 1)));
        assertTrue(e.getMessage().contains("warp"));
    }
}
