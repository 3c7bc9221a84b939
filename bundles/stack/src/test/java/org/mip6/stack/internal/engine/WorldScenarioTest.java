package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.net.Ipv6Address;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.mh.EncodeOptions;
import org.mip6.wire.mh.MobilityMessage;

/** The default world, statistics against link parameters, reproducible captures, bad input. */
class WorldScenarioTest {

    static final NdParameters ND = NdParameters.DEFAULT;

    @Test
    void echoAcrossTheDefaultWorldAndMovement() {
        World w = Worlds.defaultWorld(42, ND);
        w.run(Duration.ofSeconds(8));
        World.Node mn = w.nodes.get("mn");
        World.Node cn = w.nodes.get("cn");
        Ipv6Address cnAddr = cn.global(0);
        EchoFlow home = w.ping(mn, cnAddr, 10, Duration.ofMillis(100), 1);
        w.run(Duration.ofSeconds(2));
        assertEquals(10, home.received(), home.toString());
        // one way: home 1 ms + backbone 10 ms + cn-link 1 ms = 12 ms; RTT 24 ms
        assertEquals(24_000_000L, home.rttMinNanos(), home.toString());

        // move the MN to foreign2: it forms a care-of address there, and the path is 3 ms longer each way
        w.net.attach(w.net.ports().stream().filter(p -> p.name().equals("mn.eth0")).findFirst().orElseThrow(), "foreign2");
        w.run(Duration.ofSeconds(6));
        assertTrue(mn.log.stream().anyMatch(s -> s.startsWith("prefix " + Worlds.FOREIGN2)), mn.log.toString());
        assertTrue(Worlds.FOREIGN2.contains(mn.global(0)));
        EchoFlow away = w.ping(mn, cnAddr, 10, Duration.ofMillis(100), 2);
        w.run(Duration.ofSeconds(2));
        assertEquals(10, away.received(), away.toString());
        assertEquals(32_000_000L, away.rttMinNanos(), away.toString());
    }

    @Test
    void lossAndDelayStatisticsMatchTheLinkParameters() {
        long ms = 1_000_000L;
        World w = new World(7).link(LinkParameters.ideal("lossy").withDelay(10 * ms).withJitter(4 * ms).withLoss(0.1));
        World.Node a = w.host("a", ND.withDad(0, 1_000_000_000L), "lossy");
        World.Node b = w.host("b", ND.withDad(0, 1_000_000_000L), "lossy");
        Ipv6Address bAddr = Ipv6Address.linkLocal(org.mip6.net.InterfaceIdentifiers.eui64(b.engine().mac(0)));
        w.run(Duration.ofSeconds(1));
        // resolve the neighbour first (ND frames are subject to loss too)
        int n = 4000;
        EchoFlow f = w.ping(a, bAddr, n, Duration.ofMillis(50), 9);
        w.run(Duration.ofSeconds(n / 20 + 5));
        double delivered = (double) f.received() / f.sent();
        // each round trip survives two independent 10 % losses: 0.81; 4000 trials, sd 0.0062: allow 5 sd
        assertEquals(0.81, delivered, 0.031, f.toString());
        // one-way delay 10 ms + uniform jitter [0, 4) ms: mean RTT 24 ms (sd of the mean ~0.03 ms)
        assertEquals(24.0, f.rttAvgNanos() / 1e6, 0.25, f.toString());
        assertTrue(f.rttMinNanos() >= 20 * ms, f.toString()); // the max includes neighbour resolution of the first pings
        var link = w.net.link("lossy");
        double lossRate = (double) link.framesLost() / (link.framesLost() + link.framesDelivered());
        assertEquals(0.1, lossRate, 0.01);
    }

    @Test
    void bandwidthAddsSerialisationDelay() {
        // 1 Mbit/s: a 118-byte echo frame takes (8 + 122 + 12) * 8 bits = 1.136 ms on the wire each way
        World w = new World(8).link(LinkParameters.ideal("slow").withBandwidth(1_000_000));
        World.Node a = w.host("a", ND.withDad(0, 1_000_000_000L), "slow");
        World.Node b = w.host("b", ND.withDad(0, 1_000_000_000L), "slow");
        Ipv6Address bAddr = Ipv6Address.linkLocal(org.mip6.net.InterfaceIdentifiers.eui64(b.engine().mac(0)));
        w.run(Duration.ofSeconds(1));
        EchoFlow f = w.ping(a, bAddr, 3, Duration.ofMillis(100), 1);
        w.run(Duration.ofSeconds(1));
        assertEquals(3, f.received());
        assertEquals(2 * 1_136_000L, f.rttMinNanos(), f.toString());
    }

    byte[][] runCapturedScenario(Path dir, long seed) throws Exception {
        World w = Worlds.defaultWorld(seed, ND);
        for (String l : List.of("home", "foreign1", "backbone", "cn-link")) {
            w.net.startCapture(l, dir.resolve(l + ".pcap"));
        }
        w.run(Duration.ofSeconds(6));
        w.ping(w.nodes.get("mn"), w.nodes.get("cn").global(0), 20, Duration.ofMillis(50), 5);
        w.net.attach(w.net.ports().stream().filter(p -> p.name().equals("mn.eth0")).findFirst().orElseThrow(), "foreign1");
        w.run(Duration.ofSeconds(10));
        w.net.close();
        return new byte[][] {Files.readAllBytes(dir.resolve("home.pcap")), Files.readAllBytes(dir.resolve("foreign1.pcap")),
                Files.readAllBytes(dir.resolve("backbone.pcap")), Files.readAllBytes(dir.resolve("cn-link.pcap"))};
    }

    @Test
    void theSameSeedWritesIdenticalPcaps(@TempDir Path d1, @TempDir Path d2) throws Exception {
        byte[][] a = runCapturedScenario(d1, 99);
        byte[][] b = runCapturedScenario(d2, 99);
        for (int k = 0; k < a.length; k++) {
            assertTrue(a[k].length > 200, "capture " + k + " has traffic"); // foreign1: RS, RA, DAD after the move
            assertArrayEquals(a[k], b[k], "capture " + k);
        }
    }

    @Test
    void capturesDissectInTsharkWithoutWarnings(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Tshark.available(), "tshark not installed: skipping (CI installs it)");
        runCapturedScenario(dir, 3);
        for (String l : List.of("home", "foreign1", "backbone", "cn-link")) {
            assertTrue(Tshark.check(dir.resolve(l + ".pcap")) > 5, l);
        }
    }

    /** Hosts a and b on an ideal link, DAD off, one second run. */
    static World twoHostsOnALan(long seed) {
        World w = new World(seed).link(LinkParameters.ideal("lan"));
        w.host("a", ND.withDad(0, 1_000_000_000L), "lan");
        w.host("b", ND.withDad(0, 1_000_000_000L), "lan");
        w.run(Duration.ofSeconds(1));
        return w;
    }

    static Ipv6Address linkLocal(World.Node n) {
        return Ipv6Address.linkLocal(org.mip6.net.InterfaceIdentifiers.eui64(n.engine().mac(0)));
    }

    @Test
    void malformedFramesAreCountedPerReasonAndAnsweredPerRfc() {
        World w = twoHostsOnALan(11);
        World.Node a = w.nodes.get("a");
        World.Node b = w.nodes.get("b");
        Ipv6Address aLl = linkLocal(a);
        Ipv6Address bLl = linkLocal(b);
        HandlerTable mip6 = new HandlerTable(); // b speaks Mobile IPv6, so RFC 6275 §9.2 applies
        mip6.addMobility(5, (rx, m) -> { }, 0);
        b.engine().setRoleHandlers(mip6);
        // a Binding Refresh Request with Payload Proto 6: Parameter Problem code 0 pointing at it (RFC 6275 §9.2)
        Ipv6Packet bad = Ipv6Packet.of(aLl, bLl, 64, new Payload.Mobility(new MobilityMessage.BindingRefreshRequest()));
        byte[] pkt = new byte[PacketCodec.encodedLength(bad)];
        PacketCodec.encode(bad, pkt, 0, EncodeOptions.DEFAULT.withPayloadProto(6), 0);
        byte[] frame = new byte[14 + pkt.length];
        b.engine().mac(0).write(frame, 0);
        a.engine().mac(0).write(frame, 6);
        frame[12] = (byte) 0x86;
        frame[13] = (byte) 0xdd;
        System.arraycopy(pkt, 0, frame, 14, pkt.length);
        var aPort = w.net.ports().stream().filter(p -> p.name().equals("a.eth0")).findFirst().orElseThrow();
        aPort.send(frame);
        // the same with a broken checksum too: the checksum is checked first, so it is silently discarded
        byte[] broken = frame.clone();
        broken[broken.length - 1] ^= 1;
        aPort.send(broken);
        w.run(Duration.ofSeconds(2));
        assertEquals(1L, b.engine().decodeErrors().get(DecodeReason.BAD_PAYLOAD_PROTO));
        assertEquals(1L, b.engine().decodeErrors().get(DecodeReason.BAD_CHECKSUM));
        assertEquals(1, a.errors.size(), a.errors.toString() + " " + a.errorPackets);
        Icmpv6Message.ParameterProblem pp = (Icmpv6Message.ParameterProblem) a.errors.get(0);
        assertEquals(0, pp.code());
        assertEquals(40, pp.pointer());
        // the same packet in a link-layer multicast frame: counted, not answered (RFC 4443 §2.4(e.3))
        byte[] group = frame.clone();
        org.mip6.net.MacAddress.ofMulticast(Ipv6Address.ALL_NODES).write(group, 0);
        aPort.send(group);
        w.run(Duration.ofSeconds(2));
        assertEquals(2L, b.engine().decodeErrors().get(DecodeReason.BAD_PAYLOAD_PROTO));
        assertEquals(1, a.errors.size(), a.errors.toString());
    }

    @Test
    void icmpv6ErrorsAreRateLimited() {
        // RFC 4443 §2.4(f): 50 bad frames at one instant get at most the burst of 10 errors; a second later, 10 more
        World w = twoHostsOnALan(14);
        World.Node a = w.nodes.get("a");
        World.Node b = w.nodes.get("b");
        Ipv6Packet unknownNextHeader = Ipv6Packet.of(linkLocal(a), linkLocal(b), 64, new Payload.Opaque(253, Bytes.fromHex("0000")));
        byte[] frame = PacketCodec.encodeEthernet(EthernetFrame.ipv6(b.engine().mac(0), a.engine().mac(0), unknownNextHeader));
        var port = w.net.ports().stream().filter(x -> x.name().equals("a.eth0")).findFirst().orElseThrow();
        EchoFlow warmUp = w.ping(a, linkLocal(b), 1, Duration.ofMillis(10), 1);
        w.run(Duration.ofMillis(100)); // neighbours resolved both ways: errors are not held in a resolution queue
        assertEquals(1, warmUp.received());
        for (int k = 0; k < 50; k++) {
            port.send(frame.clone()); // a sent array is handed over (Port.send)
        }
        w.run(Duration.ofMillis(10));
        assertEquals(IcmpErrors.BURST, a.errors.size());
        assertEquals(40L, b.engine().drops().get(Drop.ICMP_ERROR_RATE_LIMITED));
        w.run(Duration.ofSeconds(1));
        for (int k = 0; k < 50; k++) {
            port.send(frame.clone()); // a sent array is handed over (Port.send)
        }
        w.run(Duration.ofMillis(10));
        assertEquals(2 * IcmpErrors.BURST, a.errors.size(), "the bucket refilled at 10 per second");
    }

    /** Sends a raw packet from a to b and returns what a got back as ICMPv6 errors. */
    static List<Icmpv6Message> exchange(Ipv6Packet p, World w, World.Node a, World.Node b) {
        byte[] frame = PacketCodec.encodeEthernet(EthernetFrame.ipv6(b.engine().mac(0), a.engine().mac(0), p));
        int before = a.errors.size();
        w.net.ports().stream().filter(x -> x.name().equals("a.eth0")).findFirst().orElseThrow().send(frame);
        w.run(Duration.ofSeconds(1));
        return a.errors.subList(before, a.errors.size());
    }

    @Test
    void extensionHeadersAreProcessedPerRfc8200() {
        World w = twoHostsOnALan(13);
        World.Node a = w.nodes.get("a");
        World.Node b = w.nodes.get("b");
        Ipv6Address aLl = linkLocal(a);
        Ipv6Address bLl = linkLocal(b);
        EchoFlow f = new EchoFlow(bLl, 1, 0);
        a.flows.add(f);
        java.util.function.IntFunction<Ipv6Packet> withOption = type -> new Ipv6Packet(0, 0, 64, aLl, bLl,
                List.of(new org.mip6.wire.ExtensionHeader.DestinationOptions(List.of(
                        new org.mip6.wire.Ipv6Option.UnknownOption(type, Bytes.fromHex("01020304"))))),
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, f.nextRequest(w.clock.nanos()), Bytes.EMPTY)));
        // action 00: skip the option, process the packet
        assertTrue(exchange(withOption.apply(0x0a), w, a, b).isEmpty());
        assertEquals(1, f.received());
        // action 01: discard silently
        assertTrue(exchange(withOption.apply(0x4a), w, a, b).isEmpty());
        assertEquals(1, f.received());
        // action 10: discard and Parameter Problem code 2 pointing at the option type (40 + 2)
        List<Icmpv6Message> e = exchange(withOption.apply(0x8a), w, a, b);
        assertEquals(1, e.size(), e.toString());
        assertEquals(new Icmpv6Message.ParameterProblem(2, 42, ((Icmpv6Message.ParameterProblem) e.get(0)).invokingPacket()), e.get(0));
        // action 11 to a unicast destination: the same
        assertEquals(1, exchange(withOption.apply(0xca), w, a, b).size());
        // the same when what follows the option would not verify: b stops at the option (RFC 8200 §4.2)
        byte[] corrupt = PacketCodec.encodeEthernet(EthernetFrame.ipv6(b.engine().mac(0), a.engine().mac(0), withOption.apply(0x8a)));
        corrupt[corrupt.length - 1] ^= 1;
        int errorsBefore = a.errors.size();
        w.net.ports().stream().filter(x -> x.name().equals("a.eth0")).findFirst().orElseThrow().send(corrupt);
        w.run(Duration.ofSeconds(1));
        assertEquals(List.of(new Icmpv6Message.ParameterProblem(2, 42, ((Icmpv6Message.ParameterProblem) a.errors.get(errorsBefore))
                .invokingPacket())), a.errors.subList(errorsBefore, a.errors.size()));
        // an unknown Next Header: Parameter Problem code 1 at the Next Header field (6 in the IPv6 header)
        e = exchange(Ipv6Packet.of(aLl, bLl, 64, new Payload.Opaque(253, Bytes.fromHex("0000000000000000"))), w, a, b);
        assertEquals(1, e.size(), e.toString());
        Icmpv6Message.ParameterProblem pp = (Icmpv6Message.ParameterProblem) e.get(0);
        assertEquals(1, pp.code());
        assertEquals(6, pp.pointer());
        // an unknown Routing Type with Segments Left 1: code 0 at the Routing Type (40 + 2)
        e = exchange(new Ipv6Packet(0, 0, 64, aLl, bLl, List.of(new org.mip6.wire.ExtensionHeader.UnknownRoutingHeader(253, 1,
                Bytes.fromHex("0000000000000000000000000000000000000000"))),
                new Payload.NoNextHeader()), w, a, b);
        assertEquals(1, e.size(), e.toString());
        pp = (Icmpv6Message.ParameterProblem) e.get(0);
        assertEquals(0, pp.code());
        assertEquals(42, pp.pointer());
        // a Segment Routing Header (Routing Type 4, RFC 8754) with b as its next segment and an echo request
        // whose checksum covers the last segment, as its sender computes it (RFC 8200 §8.1): refused at the
        // Routing Type all the same, not dropped as a bad checksum against b's address
        Ipv6Address last = Ipv6Address.parse("2001:db8:77::1");
        Bytes segments = Bytes.fromHex("01000000" + Bytes.of(last.toBytes()).hex() + Bytes.of(bLl.toBytes()).hex());
        byte[] srh = PacketCodec.encodeEthernet(EthernetFrame.ipv6(b.engine().mac(0), a.engine().mac(0), new Ipv6Packet(0, 0, 64,
                aLl, last, List.of(new org.mip6.wire.ExtensionHeader.UnknownRoutingHeader(4, 1, segments)),
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, f.nextRequest(w.clock.nanos()), Bytes.EMPTY)))));
        System.arraycopy(bLl.toBytes(), 0, srh, 14 + 24, 16); // on its way to b
        int before = a.errors.size();
        long badChecksums = b.engine().decodeErrors().getOrDefault(org.mip6.wire.DecodeReason.BAD_CHECKSUM, 0L);
        w.net.ports().stream().filter(x -> x.name().equals("a.eth0")).findFirst().orElseThrow().send(srh);
        w.run(Duration.ofSeconds(1));
        e = a.errors.subList(before, a.errors.size());
        assertEquals(1, e.size(), e.toString());
        assertEquals(0, ((Icmpv6Message.ParameterProblem) e.get(0)).code());
        assertEquals(42, ((Icmpv6Message.ParameterProblem) e.get(0)).pointer());
        assertEquals(badChecksums, b.engine().decodeErrors().getOrDefault(org.mip6.wire.DecodeReason.BAD_CHECKSUM, 0L));
    }

    @Test
    void proxyNeighbourAdvertisementAnswersForAnAbsentAddress() {
        World w = new World(12).link(LinkParameters.ideal("home"));
        World.Node ha = w.host("ha", ND.withDad(0, 1_000_000_000L), "home");
        World.Node x = w.host("x", ND.withDad(0, 1_000_000_000L), "home");
        Ipv6Address hoa = Ipv6Address.parse("2001:db8:1::100");
        ha.runner.transmit(ha.engine().addAddress(0, 0, Worlds.HOME, Worlds.HOME.withInterfaceId(1)));
        x.runner.transmit(x.engine().addAddress(0, 0, Worlds.HOME, Worlds.HOME.withInterfaceId(2)));
        w.run(Duration.ofSeconds(1));
        ha.runner.transmit(ha.engine().addProxy(w.clock.nanos(), 0, hoa));
        EchoFlow f = w.ping(x, hoa, 1, Duration.ofSeconds(1), 4);
        w.run(Duration.ofSeconds(2));
        var n = x.engine().neighbor(0, hoa);
        assertEquals(ha.engine().mac(0), n.mac(), "x resolved the home address to the HA's MAC");
        assertEquals(0, f.received(), "no node answers echo for the absent MN (the HA role will tunnel it)");
        assertTrue(ha.engine().drops().getOrDefault(Drop.NOT_FORWARDING, 0L) >= 1, ha.engine().drops().toString());
    }

    static boolean works(String... cmd) {
        try {
            return new ProcessBuilder(cmd).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
