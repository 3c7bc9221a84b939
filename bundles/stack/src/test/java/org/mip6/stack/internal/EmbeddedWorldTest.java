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
        w.detach("mn");
        assertEquals(null, w.nodes().stream().filter(n -> n.name().equals("mn")).findFirst().orElseThrow()
                .interfaces().get(0).link());
        EchoStats big = w.ping("cn", "ha", 2, Duration.ofMillis(100), 4000); // fragments both ways (RFC 8200 §4.5)
        assertEquals(2, big.received(), big.toString());
        assertEquals(2L, w.nodes().stream().filter(n -> n.name().equals("ha")).findFirst().orElseThrow()
                .counters().get("reassembled"));
        assertThrows(IllegalArgumentException.class, () -> w.ping("cn", "ha", 1, Duration.ofMillis(100), 65_528));
        EchoStats gone = w.ping("cn", "2001:db8:3::1", 1, Duration.ofMillis(100)); // the world still runs
        assertEquals(1, gone.received());
        w.attach("mn", "foreign2");
        w.run(Duration.ofSeconds(8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.attach("nobody", "home"));
        assertTrue(e.getMessage().contains("nobody") && e.getMessage().contains("mn"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.attach("mn", "moon"));
    }

    @Test
    void aLinksBehaviourChangesInPlaceAndAResetBringsTheConfiguredOneBack() throws Exception {
        World w = new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("virtual", 1));
        assertEquals(24_000_000L, w.ping("mn", "cn", 2, Duration.ofMillis(100)).rttMinNanos()); // 1 + 10 + 1 ms each way
        org.mip6.world.LinkStatus b = w.setLinkBehaviour("backbone", 30_000_000L, 0, 0, 0, 1500);
        assertEquals(30_000_000L, b.delayNanos());
        assertEquals(List.of("ar-cn.eth1", "ar-f1.eth1", "ar-f2.eth1", "ar-home.eth1"), b.attached().stream().sorted().toList());
        EchoStats slow = w.ping("mn", "cn", 2, Duration.ofMillis(100));
        assertEquals(2, slow.received(), slow.toString());
        assertEquals(64_000_000L, slow.rttMinNanos(), "1 + 30 + 1 ms each way: the nodes and their neighbours stayed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.setLinkBehaviour("backbone", 0, 0, 1.5, 0, 1500));
        assertTrue(e.getMessage().contains("backbone") && e.getMessage().contains("loss"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> w.setLinkBehaviour("moon", 0, 0, 0, 0, 1500));
        assertTrue(e.getMessage().contains("moon") && e.getMessage().contains("home"), e.getMessage());
        assertEquals(30_000_000L, w.links().stream().filter(l -> l.name().equals("backbone")).findFirst().orElseThrow()
                .delayNanos(), "a refused change changes nothing");
        w.setLinkBehaviour("cn-link", 1_000_000L, 0, 0.999, 0, 1500); // cn's link loses nearly everything now
        EchoStats lossy = w.ping("mn", "cn", 5, Duration.ofMillis(100));
        assertTrue(lossy.lost() >= 4, lossy.toString());
        w.reset(TimeMode.VIRTUAL, 1);
        assertEquals(24_000_000L, w.ping("mn", "cn", 2, Duration.ofMillis(100)).rttMinNanos(), "configured again");
    }

    @Test
    void aSmallerMtuInPlaceIsAnsweredWithPacketTooBigAndThePathThenFragments() throws Exception {
        World w = new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("virtual", 1));
        w.ping("mn", "cn", 1, Duration.ofMillis(100)); // neighbours resolved
        org.mip6.world.LinkStatus b = w.setLinkBehaviour("backbone", 10_000_000L, 0, 0, 0, 1280);
        assertEquals(1280, b.mtu());
        // 1,348-octet packets: ar-home cannot forward the first onto the backbone and answers Packet Too Big
        // (RFC 8200 §5, RFC 8201); mn then sends in fragments, and so does cn once ar-cn told it
        EchoStats big = w.ping("mn", "cn", 4, Duration.ofMillis(100), 1300);
        assertTrue(big.received() >= 2, big.toString());
        assertTrue(counter(w, "ar-home", "drop.TOO_BIG") >= 1, "ar-home refused one");
        assertTrue(counter(w, "cn", "reassembled") >= 1, "cn reassembled mn's fragments");
        // mn learnt the path's MTU to cn (RFC 8201 §4), for ten minutes (§5.3): mip6:path-mtu
        org.mip6.node.PathMtuStatus learnt = w.pathMtus("mn").stream().filter(p -> p.destination().equals(CN)).findFirst()
                .orElseThrow(() -> new AssertionError(w.pathMtus("mn").toString()));
        assertEquals(1280, learnt.mtu());
        assertTrue(learnt.remainingNanos() > 590_000_000_000L && learnt.remainingNanos() <= 600_000_000_000L, learnt.toString());
        assertEquals(List.of(), w.pathMtus("ha"), "ha sent nothing too big");
        // the home link's own MTU: mn's interface takes it, and mn fragments what is larger itself
        w.setLinkBehaviour("home", 1_000_000L, 0, 0, 0, 1400);
        long refusedBefore = counter(w, "ar-home", "drop.TOO_BIG");
        EchoStats onLink = w.ping("mn", "ha", 2, Duration.ofMillis(100), 1380); // 1,428 octets
        assertEquals(2, onLink.received(), onLink.toString());
        assertTrue(counter(w, "ha", "reassembled") >= 2, "ha reassembled mn's fragments");
        assertEquals(refusedBefore, counter(w, "ar-home", "drop.TOO_BIG"), "nothing too big on the home link");
    }

    private static long counter(World w, String node, String name) {
        return w.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow().counters()
                .getOrDefault(name, 0L);
    }

    /** A host that is not in the world: an NS to learn cn, then an echo request, as Scapy would build them. */
    static final org.mip6.net.MacAddress OUTSIDER_MAC = org.mip6.net.MacAddress.parse("02:00:00:00:00:99");
    static final org.mip6.net.Ipv6Address OUTSIDER = org.mip6.net.Ipv6Address.parse("2001:db8:4::99");
    static final org.mip6.net.MacAddress CN_MAC = org.mip6.net.MacAddress.parse("02:00:00:00:00:09");
    static final org.mip6.net.Ipv6Address CN = org.mip6.net.Ipv6Address.parse("2001:db8:4::ff:fe00:9");

    static void writeOutsiderPcap(Path file, byte[]... extra) throws Exception {
        var ns = org.mip6.wire.Ipv6Packet.of(OUTSIDER, CN.solicitedNodeMulticast(), 255, new org.mip6.wire.Payload.Icmpv6(
                new org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation(CN,
                        List.of(new org.mip6.wire.icmp.NdOption.SourceLinkLayerAddress(OUTSIDER_MAC)))));
        var echo = org.mip6.wire.Ipv6Packet.of(OUTSIDER, CN, 64, new org.mip6.wire.Payload.Icmpv6(
                new org.mip6.wire.icmp.Icmpv6Message.EchoRequest(0x4242, 1, org.mip6.wire.Bytes.of(new byte[8]))));
        try (var w = org.mip6.wire.pcap.PcapWriter.create(file, org.mip6.wire.pcap.PcapRecord.LINKTYPE_ETHERNET)) {
            long t = 1_700_000_000_000_000_000L; // capture timestamps far from the world's clock: only their differences count
            w.write(t, org.mip6.wire.PacketCodec.encodeEthernet(org.mip6.wire.EthernetFrame.ipv6(
                    org.mip6.net.MacAddress.ofMulticast(CN.solicitedNodeMulticast()), OUTSIDER_MAC, ns)));
            w.write(t + 10_000_000L, org.mip6.wire.PacketCodec.encodeEthernet(org.mip6.wire.EthernetFrame.ipv6(CN_MAC, OUTSIDER_MAC, echo)));
            for (int k = 0; k < extra.length; k++) {
                w.write(t + 20_000_000L + k, extra[k]);
            }
        }
    }

    @Test
    void injectedFramesReachTheNodesAsTheyAreAndAnEchoRequestIsAnswered(@TempDir Path dir) throws Exception {
        World w = new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("virtual", 5));
        byte[] truncated = new byte[14 + 20]; // an IPv6 header cut short
        CN_MAC.write(truncated, 0);
        OUTSIDER_MAC.write(truncated, 6);
        truncated[12] = (byte) 0x86;
        truncated[13] = (byte) 0xdd;
        truncated[14] = 0x60;
        writeOutsiderPcap(dir.resolve("in.pcap"), truncated, new byte[] {1, 2, 3});
        w.startCapture("cn-link", dir.resolve("out.pcap"));
        org.mip6.world.InjectResult r = w.inject("cn-link", dir.resolve("in.pcap"));
        assertEquals(3, r.frames());
        assertEquals(1, r.skipped(), "the 3-byte record is no Ethernet frame");
        assertEquals(20_000_000L, r.spanNanos());
        w.run(Duration.ofSeconds(1));
        w.stopCapture("cn-link");
        List<String> seen = new java.util.ArrayList<>();
        for (var rec : org.mip6.wire.pcap.PcapReader.readAll(dir.resolve("out.pcap"))) {
            seen.add(org.mip6.wire.text.FrameDescriber.line(org.mip6.wire.text.FrameDescriber.describe(1, rec)));
        }
        assertTrue(seen.stream().anyMatch(l -> l.contains(CN + " → " + OUTSIDER) && l.contains("Echo Reply")), String.join("\n", seen));
        // the injected frames are on the link byte for byte, in order, spaced as captured
        List<byte[]> in = new java.util.ArrayList<>();
        for (var rec : org.mip6.wire.pcap.PcapReader.readAll(dir.resolve("in.pcap"))) {
            if (rec.data().length >= 14) {
                in.add(rec.data());
            }
        }
        List<org.mip6.wire.pcap.PcapRecord> out = org.mip6.wire.pcap.PcapReader.readAll(dir.resolve("out.pcap")).stream()
                .filter(rec -> in.stream().anyMatch(f -> java.util.Arrays.equals(f, rec.data()))).toList();
        assertEquals(3, out.size(), String.join("\n", seen));
        assertEquals(r.startNanos(), out.get(0).timestampNanos());
        assertEquals(r.startNanos() + 10_000_000L, out.get(1).timestampNanos());
        assertThrows(IllegalArgumentException.class, () -> w.inject("moon", dir.resolve("in.pcap")));
        assertThrows(java.io.IOException.class, () -> w.inject("cn-link", dir.resolve("missing.pcap")));
        EchoStats after = w.ping("mn", "cn", 1, Duration.ofMillis(100));
        assertEquals(1, after.received(), "the world goes on after malformed input");
    }

    @Test
    void bareIpv6PacketsAsScapyWritesThemAreInjectedInTheFramesAHostOnTheLinkWouldSend(@TempDir Path dir) throws Exception {
        World w = new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("virtual", 5));
        var ns = org.mip6.wire.Ipv6Packet.of(OUTSIDER, CN.solicitedNodeMulticast(), 255, new org.mip6.wire.Payload.Icmpv6(
                new org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation(CN,
                        List.of(new org.mip6.wire.icmp.NdOption.SourceLinkLayerAddress(OUTSIDER_MAC)))));
        var echo = org.mip6.wire.Ipv6Packet.of(OUTSIDER, CN, 64, new org.mip6.wire.Payload.Icmpv6(
                new org.mip6.wire.icmp.Icmpv6Message.EchoRequest(0x4242, 1, org.mip6.wire.Bytes.of(new byte[8]))));
        var offLink = org.mip6.wire.Ipv6Packet.of(OUTSIDER, org.mip6.net.Ipv6Address.parse("2001:db8:1::1"), 64,
                new org.mip6.wire.Payload.Icmpv6(new org.mip6.wire.icmp.Icmpv6Message.EchoRequest(0x4242, 2,
                        org.mip6.wire.Bytes.of(new byte[8]))));
        byte[] ipv4 = new byte[20];
        ipv4[0] = 0x45;
        long t = 1_700_000_000_000_000_000L;
        try (var out = org.mip6.wire.pcap.PcapWriter.create(dir.resolve("raw.pcap"), org.mip6.wire.pcap.PcapRecord.LINKTYPE_RAW)) {
            out.write(t, org.mip6.wire.PacketCodec.encode(ns));
            out.write(t + 1_000_000L, org.mip6.wire.PacketCodec.encode(echo));
            out.write(t + 2_000_000L, org.mip6.wire.PacketCodec.encode(offLink));
            out.write(t + 3_000_000L, ipv4); // no IPv6 in it: skipped
        }
        long forwarded = forwarded(w, "ar-cn");
        w.startCapture("cn-link", dir.resolve("out.pcap"));
        org.mip6.world.InjectResult r = w.inject("cn-link", dir.resolve("raw.pcap"));
        assertEquals(3, r.frames());
        assertEquals(1, r.skipped());
        w.run(Duration.ofSeconds(1));
        w.stopCapture("cn-link");
        org.mip6.net.MacAddress arCn = w.nodes().stream().filter(n -> n.name().equals("ar-cn")).findFirst().orElseThrow()
                .interfaces().stream().filter(i -> "cn-link".equals(i.link())).findFirst().orElseThrow().mac();
        List<org.mip6.wire.EthernetFrame> frames = new java.util.ArrayList<>();
        for (var rec : org.mip6.wire.pcap.PcapReader.readAll(dir.resolve("out.pcap"))) {
            frames.add(org.mip6.wire.PacketCodec.decodeEthernet(rec.data(), 0, rec.data().length));
        }
        org.mip6.net.MacAddress injector = org.mip6.net.MacAddress.parse("02:00:00:ff:ff:fe");
        List<org.mip6.wire.EthernetFrame> injected = frames.stream().filter(f -> f.source().equals(injector)).toList();
        assertEquals(3, injected.size(), frames.toString());
        assertEquals(org.mip6.net.MacAddress.ofMulticast(CN.solicitedNodeMulticast()), injected.get(0).destination()); // RFC 2464 §7
        assertEquals(ns, injected.get(0).packet());
        assertEquals(CN_MAC, injected.get(1).destination()); // the node on the link with that address
        assertEquals(arCn, injected.get(2).destination()); // off-link: the link's router
        // cn learnt the outsider from the NS's option and answered its echo
        assertTrue(frames.stream().anyMatch(f -> f.destination().equals(OUTSIDER_MAC) && f.packet() != null
                && f.packet().payload() instanceof org.mip6.wire.Payload.Icmpv6 i
                && i.message() instanceof org.mip6.wire.icmp.Icmpv6Message.EchoReply), frames.toString());
        assertTrue(forwarded(w, "ar-cn") > forwarded, "ar-cn forwarded the off-link echo toward ha");
    }

    @Test
    void aRouterAdvertisementReplayedFromAnotherNetworkDoesNotTakeTheDefaultRoute(@TempDir Path dir) throws Exception {
        // the shape of tcpdump's icmpv6-ra-pref64.pcap: a router not in the world, heard four times, then never
        World w = new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("virtual", 5));
        org.mip6.net.MacAddress mac = org.mip6.net.MacAddress.parse("e2:15:81:b4:b9:45");
        var ra = org.mip6.wire.Ipv6Packet.of(org.mip6.net.Ipv6Address.parse("fe80::e015:81ff:feb4:b945"),
                org.mip6.net.Ipv6Address.ALL_NODES, 255, new org.mip6.wire.Payload.Icmpv6(
                        new org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement(80, 0x40, 500, 0, 0, List.of(
                                new org.mip6.wire.icmp.NdOption.SourceLinkLayerAddress(mac),
                                org.mip6.wire.icmp.NdOption.PrefixInformation.of(org.mip6.net.Ipv6Prefix.parse("2001:db8:cc:dd::/64"),
                                        true, false, 3600, 1800)))));
        byte[] frame = org.mip6.wire.PacketCodec.encodeEthernet(org.mip6.wire.EthernetFrame.ipv6(
                org.mip6.net.MacAddress.ofMulticast(org.mip6.net.Ipv6Address.ALL_NODES), mac, ra));
        try (var out = org.mip6.wire.pcap.PcapWriter.create(dir.resolve("ra.pcap"), org.mip6.wire.pcap.PcapRecord.LINKTYPE_ETHERNET)) {
            for (int k = 0; k < 4; k++) {
                out.write(k * 3_000_000_000L, frame);
            }
        }
        w.inject("cn-link", dir.resolve("ra.pcap"));
        w.run(Duration.ofSeconds(20)); // ar-cn advertises again meanwhile
        EchoStats s = w.ping("cn", "ha", 3, Duration.ofMillis(100));
        assertEquals(3, s.received(), "cn still sends through ar-cn: " + s);
    }

    /**
     * {@code mip6:routes} and {@code mip6:neighbor-cache}: what a node learned, and from whom (RFC 4861 §5.1-5.2). A
     * replayed RA from a router not in the world shows at cn as what RFC 4861 §6.3.4 makes of it: its prefix on-link
     * for its valid lifetime and its router last in the Default Router List, STALE from its SLLA, while ar-cn,
     * resolved, stays the one §6.3.6 chooses; a proxied address shows at ha as PROXY with ha's MAC, a tunnel route
     * with the tunnel's remote end.
     */
    @Test
    void aNodesRoutesAndNeighborCacheShowWhatItLearnedAndFromWhom(@TempDir Path dir) throws Exception {
        StackNodeFactory nf = new StackNodeFactory();
        World w = new EmbeddedWorld(schedulers(), nf, null, config("virtual", 5));
        assertEquals(1, w.ping("cn", "ha", 1, Duration.ofMillis(100)).received());
        List<org.mip6.node.RouteStatus> cn = w.routes("cn");
        org.mip6.node.RouteStatus cnLink = cn.stream().filter(r -> r.prefix().toString().equals("2001:db8:4::/64"))
                .findFirst().orElseThrow(() -> new AssertionError(cn.toString()));
        assertEquals(org.mip6.node.RouteStatus.ON_LINK, cnLink.origin());
        assertEquals(0, cnLink.iface());
        assertEquals(null, cnLink.nextHop());
        List<org.mip6.node.RouteStatus> routers = cn.stream()
                .filter(r -> r.origin().equals(org.mip6.node.RouteStatus.DEFAULT_ROUTER)).toList();
        assertEquals(1, routers.size(), cn.toString());
        assertTrue(routers.get(0).nextHop().isLinkLocal(), routers.toString());
        assertTrue(routers.get(0).remainingNanos() > 0, routers.toString());
        assertTrue(List.of("REACHABLE", "STALE", "DELAY", "PROBE").contains(routers.get(0).routerState()), routers.toString());
        org.mip6.net.Ipv6Address arCn = routers.get(0).nextHop();
        assertTrue(w.neighbors("cn").stream().anyMatch(n -> n.address().equals(arCn) && n.router() && n.mac() != null),
                w.neighbors("cn").toString());
        assertTrue(w.routes("ar-home").stream().anyMatch(r -> r.origin().equals(org.mip6.node.RouteStatus.STATIC)
                && r.nextHop() != null), w.routes("ar-home").toString());

        org.mip6.net.MacAddress mac = org.mip6.net.MacAddress.parse("e2:15:81:b4:b9:45");
        org.mip6.net.Ipv6Address forged = org.mip6.net.Ipv6Address.parse("fe80::e015:81ff:feb4:b945");
        var ra = org.mip6.wire.Ipv6Packet.of(forged, org.mip6.net.Ipv6Address.ALL_NODES, 255, new org.mip6.wire.Payload.Icmpv6(
                new org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement(80, 0x40, 500, 0, 0, List.of(
                        new org.mip6.wire.icmp.NdOption.SourceLinkLayerAddress(mac),
                        org.mip6.wire.icmp.NdOption.PrefixInformation.of(org.mip6.net.Ipv6Prefix.parse("2001:db8:cc:dd::/64"),
                                true, false, 3600, 1800)))));
        w.inject("cn-link", org.mip6.wire.PacketCodec.encodeEthernet(org.mip6.wire.EthernetFrame.ipv6(
                org.mip6.net.MacAddress.ofMulticast(org.mip6.net.Ipv6Address.ALL_NODES), mac, ra)));
        w.run(Duration.ofSeconds(10));
        List<org.mip6.node.RouteStatus> after = w.routes("cn");
        org.mip6.node.RouteStatus onLink = after.stream().filter(r -> r.prefix().toString().equals("2001:db8:cc:dd::/64"))
                .findFirst().orElseThrow(() -> new AssertionError(after.toString()));
        assertEquals(org.mip6.node.RouteStatus.ON_LINK, onLink.origin());
        assertEquals(3590L, onLink.remainingNanos() / 1_000_000_000L, "the valid lifetime less the 10 s run");
        List<org.mip6.node.RouteStatus> routersAfter = after.stream()
                .filter(r -> r.origin().equals(org.mip6.node.RouteStatus.DEFAULT_ROUTER)).toList();
        assertEquals(List.of(arCn, forged), routersAfter.stream().map(org.mip6.node.RouteStatus::nextHop).toList());
        assertEquals(490L, routersAfter.get(1).remainingNanos() / 1_000_000_000L);
        assertEquals("STALE", routersAfter.get(1).routerState(), "an RA's SLLA makes a STALE entry (RFC 4861 §6.3.4)");
        assertTrue(w.neighbors("cn").stream().anyMatch(n -> n.address().equals(forged) && mac.equals(n.mac())
                && n.state().equals("STALE") && n.router()), w.neighbors("cn").toString());

        org.mip6.role.RoleNode ha = nf.roleNode("ha");
        org.mip6.net.Ipv6Address hoa = org.mip6.net.Ipv6Address.parse("2001:db8:1::77");
        org.mip6.net.Ipv6Address coa = org.mip6.net.Ipv6Address.parse("2001:db8:2::77");
        ha.execute(() -> {
            ha.addProxy(0, hoa);
            int t = ha.addTunnel(org.mip6.net.Ipv6Address.parse("2001:db8:1::2"), coa, hoa); // bound: its host route is the tunnel's own
            ha.addTunnelRoute(org.mip6.net.Ipv6Prefix.of(hoa, 128), t);
        });
        w.run(Duration.ofMillis(1));
        org.mip6.net.MacAddress haMac = w.nodes().stream().filter(n -> n.name().equals("ha")).findFirst().orElseThrow()
                .interfaces().get(0).mac();
        assertTrue(w.neighbors("ha").contains(new org.mip6.node.NeighborStatus(0, hoa, haMac,
                org.mip6.node.NeighborStatus.PROXY, false)), w.neighbors("ha").toString());
        org.mip6.node.RouteStatus tunnel = w.routes("ha").stream()
                .filter(r -> r.origin().equals(org.mip6.node.RouteStatus.TUNNEL)).findFirst()
                .orElseThrow(() -> new AssertionError(w.routes("ha").toString()));
        assertEquals(org.mip6.net.Ipv6Prefix.of(hoa, 128), tunnel.prefix());
        assertEquals(coa, tunnel.nextHop());
        assertTrue(tunnel.tunnel() > 0);
        assertEquals(List.of(new org.mip6.node.TunnelStatus(tunnel.tunnel(), org.mip6.net.Ipv6Address.parse("2001:db8:1::2"),
                coa, hoa, -1)), w.tunnels("ha"), "bound to the home address, never used");
        w.ping("cn", "2001:db8:1::77", 1, Duration.ofMillis(100)); // through the tunnel (no one answers at its end)
        w.run(Duration.ofSeconds(2));
        long idle = w.tunnels("ha").get(0).idleNanos();
        assertTrue(idle >= 2_000_000_000L && idle < 4_000_000_000L, "idle since the echo went through: " + idle);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.routes("nobody"));
        assertTrue(e.getMessage().contains("nobody"), e.getMessage());
    }

    @Test
    void aBareIpv6PacketForAnAddressANodeAnswersForGoesToThatNode(@TempDir Path dir) throws Exception {
        StackNodeFactory nf = new StackNodeFactory();
        World w = new EmbeddedWorld(schedulers(), nf, null, config("virtual", 5));
        org.mip6.net.Ipv6Address proxied = org.mip6.net.Ipv6Address.parse("fe80::1:77"); // as a mobile node's, registered with L
        org.mip6.role.RoleNode ha = nf.roleNode("ha");
        ha.execute(() -> ha.addProxy(0, proxied));
        w.run(Duration.ofMillis(1));
        var echo = org.mip6.wire.Ipv6Packet.of(org.mip6.net.Ipv6Address.parse("fe80::99"), proxied, 64,
                new org.mip6.wire.Payload.Icmpv6(new org.mip6.wire.icmp.Icmpv6Message.EchoRequest(1, 1,
                        org.mip6.wire.Bytes.of(new byte[8]))));
        try (var out = org.mip6.wire.pcap.PcapWriter.create(dir.resolve("raw.pcap"), org.mip6.wire.pcap.PcapRecord.LINKTYPE_IPV6)) {
            out.write(0, org.mip6.wire.PacketCodec.encode(echo));
        }
        w.startCapture("home", dir.resolve("home.pcap"));
        assertEquals(1, w.inject("home", dir.resolve("raw.pcap")).frames());
        w.run(Duration.ofMillis(10));
        w.stopCapture("home");
        org.mip6.net.MacAddress haMac = w.nodes().stream().filter(n -> n.name().equals("ha")).findFirst().orElseThrow()
                .interfaces().get(0).mac();
        var first = org.mip6.wire.pcap.PcapReader.readAll(dir.resolve("home.pcap")).get(0);
        assertEquals(haMac, org.mip6.wire.PacketCodec.decodeEthernet(first.data(), 0, first.data().length).destination(),
                "to the node that answers for the address, not the link's first router");
    }

    /** RFC 4443 §3.1: a datagram to a port no one opened gets port unreachable; {@code Node.listenUdp} opens one. */
    @Test
    void aDatagramToAClosedPortIsAnsweredPortUnreachableUntilThePortIsOpened() {
        StackNodeFactory nf = new StackNodeFactory();
        World w = new EmbeddedWorld(schedulers(), nf, null, config("virtual", 5));
        w.run(Duration.ofSeconds(5)); // addresses through DAD, routers known
        org.mip6.role.RoleNode ha = nf.roleNode("ha");
        org.mip6.role.RoleNode cn = nf.roleNode("cn");
        org.mip6.net.Ipv6Address cnAddress = cn.interfaces().get(0).addresses().stream().map(a -> a.address())
                .filter(a -> !a.isLinkLocal()).findFirst().orElseThrow();
        java.util.List<Integer> heard = new java.util.ArrayList<>();
        cn.execute(() -> cn.addListener(new org.mip6.node.NodeListener() {
            @Override
            public void udp(long now, org.mip6.net.Ipv6Address from, int sourcePort, int destinationPort, byte[] data) {
                heard.add(destinationPort);
            }
        }));
        ha.execute(() -> ha.sendUdp(cnAddress, 6000, 5000, new byte[4]));
        w.run(Duration.ofSeconds(1));
        assertEquals(1L, cn.counters().get("drop.PORT_UNREACHABLE"));
        cn.execute(() -> cn.listenUdp(5000));
        ha.execute(() -> ha.sendUdp(cnAddress, 6000, 5000, new byte[4]));
        w.run(Duration.ofSeconds(1));
        assertEquals(1L, cn.counters().get("drop.PORT_UNREACHABLE"), "open now");
        assertEquals(java.util.List.of(5000, 5000), heard, "listeners hear both");
        assertThrows(IllegalArgumentException.class, () -> cn.listenUdp(0));
    }

    static long forwarded(World w, String node) {
        return w.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow().counters().get("forwarded");
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

    /** ConfigurationEvent needs a reference to the Config Admin that sent it; none is used. */
    @SuppressWarnings("unchecked")
    static org.osgi.framework.ServiceReference<org.osgi.service.cm.ConfigurationAdmin> configAdminReference() {
        return (org.osgi.framework.ServiceReference<org.osgi.service.cm.ConfigurationAdmin>) java.lang.reflect.Proxy.newProxyInstance(
                EmbeddedWorldTest.class.getClassLoader(), new Class<?>[] {org.osgi.framework.ServiceReference.class},
                (proxy, method, args) -> null);
    }

    static long schedulerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("mip6-scheduler-world")).count();
    }

    /** A topology edit followed at once by deactivation: the pending rebuild must not start a scheduler nobody stops. */
    @Test
    void aRebuildPendingAtDeactivationLeavesNoSchedulerThread() throws Exception {
        long before = schedulerThreads();
        EmbeddedWorld w = new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("realtime", 2));
        assertEquals(before + 1, schedulerThreads());
        w.configurationEvent(new org.osgi.service.cm.ConfigurationEvent(configAdminReference(), org.osgi.service.cm.ConfigurationEvent.CM_UPDATED,
                "org.mip6.world.link", "org.mip6.world.link~home"));
        w.close();
        Thread.sleep(600); // past the 300 ms debounce: the rebuild would have run by now
        long end = System.nanoTime() + 2_000_000_000L;
        while (schedulerThreads() > before && System.nanoTime() < end) {
            Thread.sleep(20); // a closed real-time scheduler's thread ends on its own
        }
        assertEquals(before, schedulerThreads(), "no real-time scheduler thread left behind");
        assertThrows(IllegalStateException.class, () -> w.reset(TimeMode.VIRTUAL, 1));
    }

    @Test
    void aBurstOfTopologyEditsRebuildsTheWorldAfterTheDebounce() throws Exception {
        EmbeddedWorld w = new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("virtual", 2));
        try {
            long t0 = w.nowNanos();
            w.run(Duration.ofSeconds(5));
            for (int k = 0; k < 5; k++) {
                w.configurationEvent(new org.osgi.service.cm.ConfigurationEvent(configAdminReference(),
                        org.osgi.service.cm.ConfigurationEvent.CM_UPDATED, "org.mip6.world.node", "org.mip6.world.node~mn"));
            }
            long end = System.nanoTime() + 5_000_000_000L;
            while (w.nowNanos() != t0 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertEquals(t0, w.nowNanos(), "rebuilt: the clock starts again where a fresh world settles");
        } finally {
            w.close();
        }
    }

    /**
     * What a role's configuration check does while {@code mip6:world reset} rebuilds a real-time world (SwapIT's
     * flake on Equinox): a read of the nodes racing resets sees every node of the world, never a closed
     * scheduler, an empty world being built, or a 30 s wait for a task the old scheduler dropped.
     */
    @Test
    void readsRacingRealTimeResetsSeeTheWholeWorld() throws Exception {
        EmbeddedWorld w = new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("realtime", 2));
        List<String> names = w.nodes().stream().map(NodeStatus::name).toList();
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean resetting = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        Thread reader = new Thread(() -> {
            while (resetting.get() && failed.get() == null) {
                try {
                    long t0 = System.nanoTime();
                    List<String> seen = w.nodes().stream().map(NodeStatus::name).toList();
                    w.routes("mn");
                    if (!seen.equals(names) || !w.nodeNames().equals(names)) {
                        failed.set(new AssertionError("read " + seen + " and " + w.nodeNames() + " during a reset, not " + names));
                    } else if (System.nanoTime() - t0 > 5_000_000_000L) {
                        failed.set(new AssertionError("a read waited " + (System.nanoTime() - t0) / 1_000_000 + " ms"));
                    }
                    reads.incrementAndGet();
                } catch (Throwable e) {
                    failed.set(e);
                }
            }
        }, "reader");
        try {
            reader.start();
            long end = System.nanoTime() + 20_000_000_000L;
            for (int k = 0; (k < 40 || reads.get() < 200) && failed.get() == null && System.nanoTime() < end; k++) {
                w.reset(TimeMode.REAL_TIME, 2 + k);
                Thread.sleep(k % 3); // reads land before, during and after the next reset
            }
        } finally {
            resetting.set(false);
            reader.join(40_000);
            w.close();
        }
        if (failed.get() != null) {
            throw new AssertionError("after " + reads.get() + " reads", failed.get());
        }
        assertEquals(List.of(), w.nodeNames(), "a stopped world has no nodes to check a role's configuration against");
        assertTrue(reads.get() >= 200, reads.get() + " reads");
    }

    /**
     * Roles attach to the nodes a reset offers while the world is being built (IPsec keys and Kcn come from
     * the world's seed then): in real time as in virtual time, the world they ask is the new one, so the
     * new world is published before its build, not after (readers wait for the build instead).
     */
    @Test
    void nodesOfferedByARealTimeResetSeeTheNewWorld() throws Exception {
        java.util.concurrent.atomic.AtomicReference<World> world = new java.util.concurrent.atomic.AtomicReference<>();
        List<Long> seeds = new java.util.concurrent.CopyOnWriteArrayList<>();
        StackNodeFactory stack = new StackNodeFactory();
        org.mip6.node.NodeFactory offering = (name, forwarding, scheduler, seed) -> {
            org.mip6.node.Node n = stack.create(name, forwarding, scheduler, seed);
            return (org.mip6.node.Node) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {org.mip6.node.Node.class}, (p, m, a) -> {
                        if (m.getName().equals("open") && world.get() != null) {
                            seeds.add(world.get().seed()); // what a role's attach asks
                        }
                        try {
                            return m.invoke(n, a);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
        EmbeddedWorld w = new EmbeddedWorld(schedulers(), offering, null, config("realtime", 2));
        world.set(w);
        try {
            w.reset(TimeMode.REAL_TIME, 77);
            assertEquals(List.of(77L), seeds.stream().distinct().toList());
            assertEquals(7, seeds.size());
            seeds.clear();
            w.reset(TimeMode.VIRTUAL, 78);
            assertEquals(List.of(78L), seeds.stream().distinct().toList());
        } finally {
            w.close();
        }
    }

    @Test
    void badModeKeepsTheComponentInactive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EmbeddedWorld(schedulers(), new StackNodeFactory(), null, config("warp", 1)));
        assertTrue(e.getMessage().contains("warp"));
    }
}
