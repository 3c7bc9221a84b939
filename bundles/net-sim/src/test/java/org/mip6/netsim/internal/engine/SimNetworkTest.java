package org.mip6.netsim.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.link.PortListener;
import org.mip6.net.MacAddress;
import org.mip6.time.internal.VirtualTimeScheduler;

/** Who gets which array: every receiver's frame is its own to keep (PortListener.onFrame). */
class SimNetworkTest {

    private final VirtualTimeScheduler clock = new VirtualTimeScheduler("net");
    private final SimNetwork net = new SimNetwork(clock, 1);

    private SimNetwork.SimPort port(String name, long mac, List<byte[]> got) {
        SimNetwork.SimPort p = net.addPort(name, MacAddress.of(mac));
        p.setListener(new PortListener() {
            @Override
            public void onFrame(long now, byte[] frame) {
                got.add(frame);
                frame[13] ^= 0x55; // a receiver may change what it was given
            }
        });
        net.attach(p, "lan");
        return p;
    }

    private static byte[] frame(MacAddress dst, MacAddress src) {
        byte[] f = new byte[60];
        dst.write(f, 0);
        src.write(f, 6);
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        return f;
    }

    @Test
    void aGroupFrameGivesEachReceiverItsOwnArrayAndAUnicastOneIsHandedOver() {
        net.addLink(LinkParameters.ideal("lan"));
        List<byte[]> a = new ArrayList<>();
        List<byte[]> b = new ArrayList<>();
        List<byte[]> c = new ArrayList<>();
        SimNetwork.SimPort pa = port("a", 0x02000000000aL, a);
        SimNetwork.SimPort pb = port("b", 0x02000000000bL, b);
        port("c", 0x02000000000cL, c);

        byte[] group = frame(MacAddress.of(0x333300000001L), pa.mac());
        byte[] sent = group.clone();
        pa.send(group);
        clock.runUntilIdle(100);
        assertEquals(0, a.size(), "not back to the sender");
        assertEquals(1, b.size());
        assertEquals(1, c.size());
        assertNotSame(b.get(0), c.get(0));
        byte[] seen = sent.clone();
        seen[13] ^= 0x55;
        assertArrayEquals(seen, b.get(0), "b's change is b's alone");
        assertArrayEquals(seen, c.get(0), "c's change is c's alone");

        byte[] unicast = frame(pb.mac(), pa.mac());
        pa.send(unicast);
        clock.runUntilIdle(100);
        assertEquals(2, b.size());
        assertEquals(1, c.size(), "a unicast frame reaches its port only");
        assertSame(unicast, b.get(1), "the sender handed the array over (Port.send): no copy");

        byte[] injected = frame(pb.mac(), MacAddress.of(0x020000000099L));
        byte[] before = injected.clone();
        net.link("lan").inject(injected);
        clock.runUntilIdle(100);
        assertEquals(3, b.size());
        assertNotSame(injected, b.get(2), "an injected frame is copied: its bytes stay the caller's");
        assertArrayEquals(before, injected);
    }

    /** A port that logs what it is told: prefetch hints (with the first bytes that tell frames apart) and frames. */
    private SimNetwork.SimPort logging(String name, long mac, List<String> log) {
        SimNetwork.SimPort p = net.addPort(name, MacAddress.of(mac));
        p.setListener(new PortListener() {
            @Override
            public void onFrame(long now, byte[] frame) {
                log.add("frame " + frame[20] + "@" + now);
            }

            @Override
            public void prefetch(byte[][] frames, int count) {
                StringBuilder b = new StringBuilder("prefetch");
                for (int k = 0; k < count; k++) {
                    b.append(' ').append(frames[k][20]);
                }
                log.add(b.toString());
            }
        });
        net.attach(p, "lan");
        return p;
    }

    /** Frame number {@code n} (in byte 20) from a host outside to port {@code p}. */
    private static byte[] toPort(SimNetwork.SimPort p, int n) {
        byte[] f = frame(p.mac(), MacAddress.of(0x020000000099L));
        f[20] = (byte) n;
        return f;
    }

    @Test
    void framesReachingOnePortAtOneInstantAreOneBurstInTheirOrder() {
        SimNetwork.SimLink lan = net.addLink(LinkParameters.ideal("lan"));
        List<String> log = new ArrayList<>();
        SimNetwork.SimPort a = logging("a", 0x02000000000aL, log);
        for (int n = 1; n <= 3; n++) {
            lan.inject(toPort(a, n));
        }
        clock.runUntilIdle(100);
        assertEquals(List.of("prefetch 1 2 3", "frame 1@0", "frame 2@0", "frame 3@0"), log);
        assertEquals(1, lan.deliveryTasks());
        assertEquals(3, lan.framesDelivered());

        // 40 frames: bursts of at most 32
        log.clear();
        for (int n = 1; n <= 40; n++) {
            lan.inject(toPort(a, n));
        }
        clock.runUntilIdle(100);
        assertEquals(42, log.size());
        assertTrue(log.get(0).startsWith("prefetch 1 2 ") && log.get(0).endsWith(" 32"), log.get(0));
        assertEquals("prefetch 33 34 35 36 37 38 39 40", log.get(33));
        assertEquals(3, lan.deliveryTasks());
    }

    @Test
    void aTaskScheduledBetweenTwoFramesKeepsItsPlaceBetweenThem() {
        SimNetwork.SimLink lan = net.addLink(LinkParameters.ideal("lan"));
        List<String> log = new ArrayList<>();
        SimNetwork.SimPort a = logging("a", 0x02000000000aL, log);
        lan.inject(toPort(a, 1));
        clock.schedule(0, () -> log.add("task"));
        lan.inject(toPort(a, 2));
        lan.inject(toPort(a, 3));
        clock.runUntilIdle(100);
        assertEquals(List.of("frame 1@0", "task", "prefetch 2 3", "frame 2@0", "frame 3@0"), log);
        assertEquals(2, lan.deliveryTasks());
    }

    @Test
    void aPortThatLeavesDuringABurstGetsNoMoreOfIt() {
        SimNetwork.SimLink lan = net.addLink(LinkParameters.ideal("lan"));
        net.addLink(LinkParameters.ideal("other"));
        List<String> log = new ArrayList<>();
        SimNetwork.SimPort a = net.addPort("a", MacAddress.of(0x02000000000aL));
        a.setListener(new PortListener() {
            @Override
            public void onFrame(long now, byte[] frame) {
                log.add("frame " + frame[20]);
                net.attach(a, "other"); // the first frame moves it (a handover)
            }

            @Override
            public void onAttached(long now, String link) {
                log.add("attached " + link);
            }
        });
        net.attach(a, "lan");
        log.clear();
        lan.inject(toPort(a, 1));
        lan.inject(toPort(a, 2));
        clock.runUntilIdle(100);
        assertEquals(List.of("frame 1", "attached other"), log, "frame 2 was lost in the air, as alone it would be");
        assertEquals(1, lan.framesDelivered());
    }

    /** Port b on "lan", logging what reaches it: "frame at T" and "mtu M". */
    private SimNetwork.SimPort recorder(List<String> log) {
        SimNetwork.SimPort p = net.addPort("b", MacAddress.of(0x02000000000bL));
        p.setListener(new PortListener() {
            @Override
            public void onFrame(long now, byte[] frame) {
                log.add("frame at " + now);
            }

            @Override
            public void onMtuChanged(long now, int mtu) {
                log.add("mtu " + mtu);
            }
        });
        net.attach(p, "lan");
        return p;
    }

    @Test
    void aLinksBehaviourChangesInPlaceForTheFramesSentAfter() {
        net.addLink(LinkParameters.ideal("lan").withDelay(1_000_000));
        List<String> log = new ArrayList<>();
        SimNetwork.SimPort pa = port("a", 0x02000000000aL, new ArrayList<>());
        SimNetwork.SimPort pb = recorder(log);
        pa.send(frame(pb.mac(), pa.mac())); // leaves at 0 with the old delay
        net.link("lan").setBehaviour(5_000_000, 0, 0, 0, 1500);
        pa.send(frame(pb.mac(), pa.mac()));
        clock.runUntilIdle(100);
        assertEquals(List.of("frame at 1000000", "frame at 5000000"), log,
                "a frame on its way arrives as it left; the next one takes the new delay");
        assertEquals(5_000_000, net.link("lan").parameters().delayNanos());

        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> net.link("lan").setBehaviour(0, 0, 1.0, 0, 1500));
        assertTrue(e.getMessage().contains("link lan") && e.getMessage().contains("loss"), e.getMessage());
        assertEquals(5_000_000, net.link("lan").parameters().delayNanos(), "nothing changed");

        net.link("lan").setBehaviour(0, 0, 0.999, 0, 1500); // a receiver misses nearly every frame now
        for (int k = 0; k < 100; k++) {
            pa.send(frame(pb.mac(), pa.mac()));
        }
        clock.runUntilIdle(1000);
        assertTrue(net.link("lan").framesLost() >= 95, "lost " + net.link("lan").framesLost());
        assertEquals(2 + 100 - net.link("lan").framesLost(), log.size());
    }

    @Test
    void aNewMtuIsToldToEveryAttachedPortAndFramesAboveItAreDropped() {
        net.addLink(LinkParameters.ideal("lan"));
        List<String> log = new ArrayList<>();
        SimNetwork.SimPort pa = port("a", 0x02000000000aL, new ArrayList<>());
        SimNetwork.SimPort pb = recorder(log);
        net.link("lan").setBehaviour(0, 0, 0, 0, 1500);
        assertEquals(List.of(), log, "no change, nothing told");
        net.link("lan").setBehaviour(0, 0, 0, 0, 1280);
        assertEquals(List.of("mtu 1280"), log);
        assertEquals(1280, pb.mtu());
        pa.send(new byte[14 + 1281]); // one octet over: dropped by the link
        pa.send(java.util.Arrays.copyOf(frame(pb.mac(), pa.mac()), 14 + 1280));
        clock.runUntilIdle(100);
        assertEquals(List.of("mtu 1280", "frame at 0"), log);
        assertEquals(1, net.link("lan").framesTooBig());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> net.link("lan").setBehaviour(0, 0, 0, 0, 1279));
        assertEquals(1280, net.link("lan").parameters().mtu(), "a refused change changes nothing");
    }
}
