package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.mh.EncodeOptions;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.pcap.PcapReader;
import org.mip6.wire.pcap.PcapRecord;

/** Stack behaviour as timelines on virtual time over the simulated network. */
class StackScenarioTest {

    static final NdParameters ND = NdParameters.DEFAULT;
    static final Ipv6Prefix P1 = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Prefix P2 = Ipv6Prefix.parse("2001:db8:2::/64");
    static final Ipv6Prefix P3 = Ipv6Prefix.parse("2001:db8:3::/64");
    static final Ipv6Prefix P4 = Ipv6Prefix.parse("2001:db8:4::/64");

    @Test
    void dadCompletesAfterOneRetransTimerAndDetectsADuplicate() {
        World w = new World(1).link(LinkParameters.ideal("lan"));
        World.Node a = w.host("a", ND, "lan");
        Ipv6Address addr = Ipv6Address.parse("2001:db8:1::10");
        a.runner.transmit(a.engine().addAddress(w.clock.nanos(), 0, P1, addr));
        w.run(Duration.ofMillis(900));
        assertFalse(a.engine().preferredAddresses(0).contains(addr), "still tentative before RetransTimer ran out");
        w.run(Duration.ofMillis(1200)); // random delay < 1 s + 1 s
        assertTrue(a.engine().preferredAddresses(0).contains(addr));
        assertTrue(a.log.contains("ready " + addr));

        World.Node b = w.host("b", ND, "lan");
        b.runner.transmit(b.engine().addAddress(w.clock.nanos(), 0, P1, addr));
        w.run(Duration.ofSeconds(3));
        assertTrue(b.log.contains("duplicate " + addr), b.log.toString());
        assertFalse(b.engine().preferredAddresses(0).contains(addr));
        assertTrue(a.engine().preferredAddresses(0).contains(addr), "the defender keeps its address");
    }

    @Test
    void optimisticDadUsesTheAddressBeforeDadCompletes() {
        World w = new World(9).link(LinkParameters.ideal("lan"));
        NdParameters optimistic = ND.withOptimisticDad(true);
        World.Node a = w.host("a", optimistic, "lan");
        World.Node b = w.host("b", optimistic, "lan");
        Ipv6Address aAddr = Ipv6Address.parse("2001:db8:1::a");
        Ipv6Address bAddr = Ipv6Address.parse("2001:db8:1::b");
        a.runner.transmit(a.engine().addAddress(0, 0, P1, aAddr));
        b.runner.transmit(b.engine().addAddress(0, 0, P1, bAddr));
        EchoFlow f = w.ping(a, bAddr, 1, Duration.ofMillis(10), 1);
        w.run(Duration.ofMillis(100));
        assertEquals(1, f.received(), "RFC 4429: usable while tentative");
        assertEquals(AddressState.TENTATIVE, b.engine().addresses(0).stream()
                .filter(e -> e.address().equals(bAddr)).findFirst().orElseThrow().state());
    }

    /**
     * Probes that cross on the link (both sent at once, no random delay): each node receives the
     * other's probe while its own address is tentative, so both give it up (RFC 4862 §5.4.3). A node
     * that hears a probe first stops DAD without probing, so only crossing probes reach both.
     */
    @Test
    void simultaneousDadMakesBothSeeTheDuplicate() {
        World w = new World(2).link(LinkParameters.ideal("lan").withDelay(1_000_000L));
        Ipv6Address addr = Ipv6Address.parse("2001:db8:1::20");
        NdParameters noDelay = new NdParameters(ND.retransTimerNanos(), 1, ND.reachableTimeNanos(),
                ND.delayFirstProbeNanos(), 3, 3, 3, ND.rtrSolicitationIntervalNanos(), 0, false, 8);
        World.Node a = w.host("a", noDelay, "lan");
        World.Node b = w.host("b", noDelay, "lan");
        a.runner.transmit(a.engine().addAddress(0, 0, P1, addr));
        b.runner.transmit(b.engine().addAddress(0, 0, P1, addr));
        w.run(Duration.ofSeconds(3));
        // each probe reaches the other while both are tentative: both give the address up (RFC 4862 §5.4.3)
        assertTrue(a.log.contains("duplicate " + addr), a.log.toString());
        assertTrue(b.log.contains("duplicate " + addr), b.log.toString());
        assertFalse(a.engine().preferredAddresses(0).contains(addr));
        assertFalse(b.engine().preferredAddresses(0).contains(addr));
    }

    /**
     * Two hosts ping each other at the same instant: each queues its request behind address
     * resolution, and each learns the other's link-layer address from the other's NS (RFC 4861
     * §7.2.3). The queued request leaves then, when the NS arrives, not at the next timer.
     */
    @Test
    void framesQueuedBehindResolutionLeaveWhenAnNsTeachesTheAddress(@TempDir Path dir) throws Exception {
        long ms = 1_000_000L;
        World w = new World(11).link(LinkParameters.ideal("lan").withDelay(ms));
        World.Node a = w.host("a", ND, "lan");
        World.Node b = w.host("b", ND, "lan");
        Ipv6Address aAddr = P1.withInterfaceId(0xa);
        Ipv6Address bAddr = P1.withInterfaceId(0xb);
        a.runner.transmit(a.engine().addAddress(w.clock.nanos(), 0, P1, aAddr));
        b.runner.transmit(b.engine().addAddress(w.clock.nanos(), 0, P1, bAddr));
        w.run(Duration.ofSeconds(5));
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        long t0 = w.clock.nanos();
        EchoFlow fa = w.ping(a, bAddr, 1, Duration.ofSeconds(1), 1);
        EchoFlow fb = w.ping(b, aAddr, 1, Duration.ofSeconds(1), 2);
        w.run(Duration.ofSeconds(2));
        w.net.stopCapture("lan");
        List<String> timeline = new java.util.ArrayList<>();
        for (PcapRecord r : PcapReader.readAll(dir.resolve("lan.pcap"))) {
            Ipv6Packet p = PacketCodec.decodeEthernet(r.data(), 0, r.data().length).packet();
            Icmpv6Message m = ((Payload.Icmpv6) p.payload()).message();
            timeline.add((r.timestampNanos() - t0) / ms + " ms " + m.getClass().getSimpleName() + " " + p.source());
        }
        assertEquals(List.of(
                "0 ms NeighborSolicitation " + aAddr,
                "0 ms NeighborSolicitation " + bAddr,
                "1 ms EchoRequest " + bAddr, // b learned a from a's NS: its request leaves at once
                "1 ms NeighborAdvertisement " + bAddr,
                "1 ms EchoRequest " + aAddr,
                "1 ms NeighborAdvertisement " + aAddr,
                "2 ms EchoReply " + aAddr,
                "2 ms EchoReply " + bAddr), timeline);
        assertEquals(3 * ms, fa.rttMaxNanos(), "NS, request and reply: one link delay each");
        assertEquals(3 * ms, fb.rttMaxNanos());
    }

    /** Router r (advertising P1; the H flag when {@code homeAgent}) and host h on link lan, 5 s on: h configured. */
    static World routerAndHost(boolean homeAgent) {
        World w = new World(3).link(LinkParameters.ideal("lan"));
        w.router("r", ND, List.of("lan"), List.of(P1), homeAgent);
        w.host("h", ND, "lan");
        w.run(Duration.ofSeconds(5));
        return w;
    }

    @Test
    void routerDiscoveryAndSlaac() {
        World w = routerAndHost(true);
        World.Node r = w.nodes.get("r");
        World.Node h = w.nodes.get("h");
        Ipv6Address global = h.global(0);
        assertTrue(P1.contains(global));
        assertEquals(global.interfaceId(), org.mip6.net.InterfaceIdentifiers.eui64(h.engine().mac(0)));
        assertEquals(1, h.engine().defaultRouters().size());
        Ipv6Address routerLl = Ipv6Address.linkLocal(org.mip6.net.InterfaceIdentifiers.eui64(r.engine().mac(0)));
        assertEquals(routerLl, h.engine().defaultRouters().get(0).address());
        assertTrue(h.log.contains("prefix " + P1 + " from " + routerLl), h.log.toString());
        Neighbor n = h.engine().neighbor(0, routerLl);
        assertNotNull(n);
        assertTrue(n.router());
        // RFC 4862 §5.5.3: the SLAAC address is valid as long as its prefix's Valid Lifetime (RoleNode.addressValidUntil)
        long until = h.engine().addressValidUntil(0, global);
        assertTrue(until > w.clock.nanos() && until < Long.MAX_VALUE, until + " at " + w.clock.nanos());
        assertEquals(Long.MAX_VALUE, h.engine().addressValidUntil(0, Ipv6Address.linkLocal(global.interfaceId())));
        assertEquals(Long.MIN_VALUE, h.engine().addressValidUntil(0, P1.withInterfaceId(0x99)), "not the node's");
    }

    /**
     * Neighbor Discovery that claims one of the host's own addresses as its source (looped back, or forged
     * as in the world fuzz tests): no neighbour entry or default router for itself, no answer to itself.
     */
    @Test
    void neighbourDiscoveryFromTheNodesOwnAddressIsDropped() {
        World w = routerAndHost(true);
        World.Node h = w.nodes.get("h");
        Ipv6Address own = WorldScenarioTest.linkLocal(h);
        org.mip6.net.MacAddress forger = org.mip6.net.MacAddress.parse("02:00:00:00:00:66");
        List<Icmpv6Message> forged = List.of(
                new Icmpv6Message.NeighborSolicitation(own, List.of(new org.mip6.wire.icmp.NdOption.SourceLinkLayerAddress(forger))),
                new Icmpv6Message.RouterAdvertisement(64, Icmpv6Message.RouterAdvertisement.H, 1800, 0, 0,
                        List.of(new org.mip6.wire.icmp.NdOption.SourceLinkLayerAddress(forger),
                                new org.mip6.wire.icmp.NdOption.PrefixInformation(64, true, true, false, 86_400, 14_400,
                                        P2.withInterfaceId(0)))),
                new Icmpv6Message.RouterSolicitation(List.of(new org.mip6.wire.icmp.NdOption.SourceLinkLayerAddress(forger))));
        long sent = h.engine().packetsSent();
        for (Icmpv6Message m : forged) {
            Ipv6Packet p = Ipv6Packet.of(own, Ipv6Address.ALL_NODES, 255, new Payload.Icmpv6(m));
            inject(w, forger, org.mip6.net.MacAddress.ofMulticast(Ipv6Address.ALL_NODES), p);
        }
        w.run(Duration.ofSeconds(10));
        assertNull(h.engine().neighbor(0, own), "no neighbour entry for its own address");
        assertEquals(1, h.engine().defaultRouters().size(), "r alone: " + h.engine().defaultRouters());
        assertTrue(h.engine().preferredAddresses(0).stream().noneMatch(P2::contains), "no address from the forged prefix");
        assertEquals(3L, h.engine().drops().get(Drop.ND_OWN_SOURCE), h.engine().drops().toString());
        assertEquals(sent, h.engine().packetsSent(), "nothing sent in answer");
    }

    /**
     * Group link-layer addresses (IEEE 802 I/G bit) where a station's is meant: an NS or NA naming one teaches
     * no neighbour entry (frames to it would reach every station on the link), and a router does not forward
     * a unicast packet that came in a group frame (RFC 1812 §5.3.4's rule: with every router on a link
     * forwarding it to such a "neighbour", one packet became millions in a fuzz run).
     */
    @Test
    void groupLinkLayerAddressesAreNeitherLearnedNorForwardedTo() {
        World w = lanWithRouter();
        World.Node r = w.nodes.get("r");
        org.mip6.net.MacAddress group = org.mip6.net.MacAddress.parse("03:00:00:00:00:02");
        org.mip6.net.MacAddress station = org.mip6.net.MacAddress.parse("02:00:00:00:00:66");
        Ipv6Address peer = P1.withInterfaceId(0x66);
        Ipv6Address rAddr = P1.withInterfaceId(1);
        // an NS with a group source link-layer address: answered, nothing learned
        inject(w, station, r.engine().mac(0), Ipv6Packet.of(peer, rAddr, 255, new Payload.Icmpv6(
                new Icmpv6Message.NeighborSolicitation(rAddr, List.of(new org.mip6.wire.icmp.NdOption.SourceLinkLayerAddress(group))))));
        // a unicast packet for another node on the link, in a group frame
        long forwarded = r.engine().packetsForwarded();
        inject(w, station, group, Ipv6Packet.of(P2.withInterfaceId(9), P1.withInterfaceId(0x77), 64,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY))));
        w.run(Duration.ofSeconds(1));
        assertNull(r.engine().neighbor(0, peer));
        assertEquals(forwarded, r.engine().packetsForwarded());
        assertEquals(1L, r.engine().drops().get(Drop.GROUP_FRAME_NOT_FORWARDED), r.engine().drops().toString());
        // r resolves peer; an NA naming a group address does not complete it
        w.ping(r, peer, 1, Duration.ofSeconds(1), 1);
        w.run(Duration.ofMillis(10));
        assertEquals(NudState.INCOMPLETE, r.engine().neighbor(0, peer).state());
        inject(w, station, r.engine().mac(0), Ipv6Packet.of(peer, rAddr, 255, new Payload.Icmpv6(
                new Icmpv6Message.NeighborAdvertisement(false, true, true, peer,
                        List.of(new org.mip6.wire.icmp.NdOption.TargetLinkLayerAddress(group))))));
        w.run(Duration.ofMillis(10));
        assertEquals(NudState.INCOMPLETE, r.engine().neighbor(0, peer).state());
        assertEquals(2L, r.engine().drops().get(Drop.ND_GROUP_LINK_ADDRESS), r.engine().drops().toString());
    }

    /** An IPv6-only node has no handler for ARP, IPv4 or a VLAN-tagged frame on its untagged interface: counted, not silent. */
    @Test
    void framesOfOtherEtherTypesAreCountedAndAnsweredWithNothing() {
        World w = lanWithRouter();
        World.Node r = w.nodes.get("r");
        org.mip6.net.MacAddress station = org.mip6.net.MacAddress.parse("02:00:00:00:00:66");
        byte[] echo = PacketCodec.encodeEthernet(new org.mip6.wire.EthernetFrame(r.engine().mac(0), station, 0x86dd,
                Ipv6Packet.of(P1.withInterfaceId(0x66), P1.withInterfaceId(1), 64,
                        new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY))), null));
        byte[] tagged = new byte[echo.length + 4]; // the same echo request behind an 802.1Q tag, VLAN 5
        System.arraycopy(echo, 0, tagged, 0, 12);
        tagged[12] = (byte) 0x81;
        tagged[15] = 5;
        System.arraycopy(echo, 12, tagged, 16, echo.length - 12);
        byte[] arp = java.util.Arrays.copyOf(echo, 42);
        arp[12] = 0x08;
        arp[13] = 0x06;
        long received = r.engine().packetsReceived();
        long sent = r.engine().packetsSent();
        w.net.link("lan").inject(tagged);
        w.net.link("lan").inject(arp);
        w.run(Duration.ofMillis(10));
        assertEquals(2L, r.engine().drops().get(Drop.NOT_IPV6), r.engine().drops().toString());
        assertEquals(received, r.engine().packetsReceived());
        assertEquals(sent, r.engine().packetsSent(), "no answer (the untagged echo request is answered: below)");
        w.net.link("lan").inject(echo);
        w.run(Duration.ofMillis(10));
        assertEquals(received + 1, r.engine().packetsReceived());
        assertTrue(r.engine().packetsSent() > sent);
    }

    /** Router r alone on link "lan" (prefix P1), settled. */
    static World lanWithRouter() {
        World w = new World(3).link(LinkParameters.ideal("lan"));
        w.router("r", ND, List.of("lan"), List.of(P1), true);
        w.run(Duration.ofSeconds(5));
        return w;
    }

    static void inject(World w, org.mip6.net.MacAddress from, org.mip6.net.MacAddress to, Ipv6Packet p) {
        w.net.link("lan").inject(PacketCodec.encodeEthernet(new org.mip6.wire.EthernetFrame(to, from, 0x86dd, p, null)));
    }

    /** A node pinging its own addresses answers itself, as through a loopback interface: nothing goes on the link. */
    @Test
    void packetsToTheNodesOwnAddressesAreLoopedBackNotResolvedOnTheLink(@TempDir Path dir) throws Exception {
        World w = routerAndHost(false);
        World.Node h = w.nodes.get("h");
        Ipv6Address global = h.global(0);
        Ipv6Address linkLocal = WorldScenarioTest.linkLocal(h);
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        long sent = h.engine().packetsSent();
        EchoFlow toGlobal = w.ping(h, global, 3, Duration.ofMillis(100), 1);
        EchoFlow toLinkLocal = w.ping(h, linkLocal, 2, Duration.ofMillis(100), 2);
        w.run(Duration.ofSeconds(1));
        w.net.stopCapture("lan");
        assertEquals(3, toGlobal.received(), toGlobal.toString());
        assertEquals(2, toLinkLocal.received(), toLinkLocal.toString());
        assertEquals(0L, toGlobal.rttMaxNanos(), "no link in between");
        assertEquals(10L, h.engine().packetsLoopedBack(), "five requests and five replies");
        assertEquals(sent, h.engine().packetsSent(), "nothing sent on the link");
        for (PcapRecord r : PcapReader.readAll(dir.resolve("lan.pcap"))) {
            assertFalse(org.mip6.net.MacAddress.read(r.data(), 6).equals(h.engine().mac(0)), "a frame from h on the link");
        }
        assertNull(h.engine().neighbor(0, global));
        assertNull(h.engine().neighbor(0, linkLocal));
    }

    /**
     * RFC 4861 §6.3.4: an RA's non-zero Cur Hop Limit, Reachable Time and Retrans Timer become the host's
     * CurHopLimit, BaseReachableTime (its ReachableTime drawn between half and one and a half of it, §6.3.2) and
     * RetransTimer: what it originates, how long a confirmed neighbour stays REACHABLE, how far apart its
     * solicitations go. An RA with zeros leaves them.
     */
    @Test
    void anAdvertisementsHopLimitReachableTimeAndRetransTimerAreTheHosts(@TempDir Path dir) throws Exception {
        World w = new World(5).link(LinkParameters.ideal("lan"));
        World.Node r = w.router("r", ND, List.of("lan"), List.of(P1), false);
        World.Node h = w.host("h", ND, "lan");
        w.run(Duration.ofSeconds(5));
        org.mip6.net.MacAddress otherMac = org.mip6.net.MacAddress.parse("02:00:00:00:00:77");
        for (int hopLimit : new int[] {17, 0}) { // the second RA: zeros, which leave what the first set
            Ipv6Packet ra = Ipv6Packet.of(Ipv6Address.parse("fe80::77"), Ipv6Address.ALL_NODES, 255, new Payload.Icmpv6(
                    new Icmpv6Message.RouterAdvertisement(hopLimit, 0, 0, hopLimit == 0 ? 0 : 10_000, hopLimit == 0 ? 0 : 250,
                            List.of())));
            inject(w, otherMac, org.mip6.net.MacAddress.ofMulticast(Ipv6Address.ALL_NODES), ra);
            w.run(Duration.ofMillis(10));
        }
        org.mip6.node.HostVariables v = h.engine().hostVariables().get(0);
        assertTrue(v.reachableTimeMillis() >= 5_000 && v.reachableTimeMillis() < 15_000, "drawn: " + v);
        assertEquals(new org.mip6.node.HostVariables(0, 17, 10_000, v.reachableTimeMillis(), 250, true, true, true), v,
                "as mip6:host-variables shows them");
        org.mip6.node.HostVariables rv = r.engine().hostVariables().get(0);
        assertTrue(rv.reachableTimeMillis() >= 15_000 && rv.reachableTimeMillis() < 45_000, "drawn from REACHABLE_TIME: " + rv);
        assertEquals(new org.mip6.node.HostVariables(0, 64, 30_000, rv.reachableTimeMillis(), 1_000, false, false, false), rv,
                "a router's: its defaults");
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        Ipv6Address rAddr = P1.withInterfaceId(1);
        Ipv6Address nobody = P1.withInterfaceId(0x99);
        EchoFlow f = w.ping(h, rAddr, 1, Duration.ofSeconds(1), 1);
        EchoFlow back = w.ping(r, h.global(0), 1, Duration.ofSeconds(1), 3); // h's reply on the node's fast path
        w.ping(h, nobody, 1, Duration.ofSeconds(1), 2);
        w.run(Duration.ofSeconds(1));
        w.net.stopCapture("lan");
        assertEquals(List.of(1L, 1L), List.of((long) f.received(), (long) back.received()));
        List<Integer> hopLimits = new java.util.ArrayList<>();
        List<Long> solicitations = new java.util.ArrayList<>();
        for (PcapRecord rec : PcapReader.readAll(dir.resolve("lan.pcap"))) {
            Ipv6Packet p = PacketCodec.decodeEthernet(rec.data(), 0, rec.data().length).packet();
            if (p != null && p.payload() instanceof Payload.Icmpv6 i && (i.message() instanceof Icmpv6Message.EchoRequest
                    || i.message() instanceof Icmpv6Message.EchoReply)
                    && org.mip6.net.MacAddress.read(rec.data(), 6).equals(h.engine().mac(0))) {
                hopLimits.add(p.hopLimit());
            }
            if (p != null && p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.NeighborSolicitation ns
                    && ns.target().equals(nobody)) {
                solicitations.add(rec.timestampNanos());
            }
        }
        assertEquals(List.of(17, 17), hopLimits, "CurHopLimit: h's request and its reply");
        assertEquals(3, solicitations.size(), "MAX_MULTICAST_SOLICIT");
        assertEquals(List.of(250_000_000L, 250_000_000L),
                List.of(solicitations.get(1) - solicitations.get(0), solicitations.get(2) - solicitations.get(1)), "RetransTimer");
        assertEquals(NudState.REACHABLE, h.engine().neighbor(0, rAddr).state());
        w.run(Duration.ofMillis(3_900)); // 4.9 s after the confirmation: below half the BaseReachableTime
        assertEquals(NudState.REACHABLE, h.engine().neighbor(0, rAddr).state());
        w.run(Duration.ofSeconds(10)); // 14.9 s: past one and a half
        assertEquals(NudState.STALE, h.engine().neighbor(0, rAddr).state(), "ReachableTime ran out");
    }

    @Test
    void neighbourUnreachabilityDetectionWalksTheStates() {
        World w = new World(4).link(LinkParameters.ideal("lan"));
        World.Node r = w.router("r", ND, List.of("lan"), List.of(P1), false);
        World.Node h = w.host("h", ND, "lan");
        w.run(Duration.ofSeconds(5));
        Ipv6Address rAddr = P1.withInterfaceId(1);
        EchoFlow f = w.ping(h, rAddr, 1, Duration.ofSeconds(1), 1);
        w.run(Duration.ofSeconds(1));
        assertEquals(1, f.received());
        assertEquals(NudState.REACHABLE, h.engine().neighbor(0, rAddr).state());
        // RFC 4861 §6.3.2: ReachableTime is drawn between 0.5 and 1.5 times BaseReachableTime, REACHABLE_TIME here
        long reachable = h.engine().hostVariables().get(0).reachableTimeMillis();
        assertTrue(reachable >= 15_000 && reachable < 45_000, "drawn: " + reachable);
        w.run(Duration.ofMillis(reachable - 1_000)); // confirmed within the second before: not yet
        assertEquals(NudState.REACHABLE, h.engine().neighbor(0, rAddr).state());
        w.run(Duration.ofMillis(1_001));
        assertEquals(NudState.STALE, h.engine().neighbor(0, rAddr).state(), "ReachableTime ran out");
        // traffic to a STALE neighbour: DELAY, then PROBE after 5 s, then REACHABLE on the solicited NA
        w.net.detach(w.net.ports().stream().filter(p -> p.name().equals("r.eth0")).findFirst().orElseThrow());
        w.ping(h, rAddr, 1, Duration.ofSeconds(1), 2);
        w.run(Duration.ofMillis(10));
        assertEquals(NudState.DELAY, h.engine().neighbor(0, rAddr).state());
        w.run(Duration.ofSeconds(5));
        assertEquals(NudState.PROBE, h.engine().neighbor(0, rAddr).state());
        w.run(Duration.ofSeconds(4)); // 3 unicast probes, 1 s apart, unanswered
        assertNull(h.engine().neighbor(0, rAddr), "entry deleted after MAX_UNICAST_SOLICIT probes");
    }

    @Test
    void forwardingAcrossTwoRoutersWithHopLimit() {
        World w = new World(5).link(LinkParameters.ideal("a")).link(LinkParameters.ideal("b")).link(LinkParameters.ideal("c"));
        World.Node r1 = w.router("r1", ND, List.of("a", "b"), List.of(P1, P2), false);
        World.Node r2 = w.router("r2", ND, List.of("b", "c"), List.of(P4, P3), false);
        // r1 and r2 share link b with prefixes P2 (r1) and P4 (r2): static routes across it
        r1.engine().addRoute(P3, 1, P4.withInterfaceId(1));
        r2.engine().addRoute(P1, 0, P2.withInterfaceId(1));
        r1.engine().addRoute(P4, 1, null);
        r2.engine().addRoute(P2, 0, null);
        World.Node h1 = w.host("h1", ND, "a");
        World.Node h3 = w.host("h3", ND, "c");
        w.run(Duration.ofSeconds(6));
        Ipv6Address dst = h3.global(0);
        EchoFlow f = w.ping(h1, dst, 5, Duration.ofMillis(200), 7);
        w.run(Duration.ofSeconds(3));
        assertEquals(5, f.received(), f.toString());
        assertTrue(r1.engine().packetsForwarded() >= 10 && r2.engine().packetsForwarded() >= 10);

        // hop limit 2: r1 forwards with 1, r2 must answer Time Exceeded (RFC 4443 §3.3)
        h1.runner.transmit(h1.engine().send(w.clock.nanos(), Ipv6Packet.of(Ipv6Address.UNSPECIFIED, dst, 2,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(9, 1, Bytes.EMPTY)))));
        w.run(Duration.ofSeconds(1));
        assertEquals(1, h1.errors.size());
        assertTrue(h1.errors.get(0) instanceof Icmpv6Message.TimeExceeded);
        assertTrue(P4.contains(h1.errorPackets.get(0).source()) || P2.contains(h1.errorPackets.get(0).source()),
                "sent by r2 from its link-b address: " + h1.errorPackets.get(0).source());
        assertTrue(r2.engine().preferredAddresses(0).contains(h1.errorPackets.get(0).source()));
    }

    static void echoOnce(World w, World.Node from, Ipv6Address to) {
        EchoFlow f = w.ping(from, to, 1, Duration.ofMillis(10), 1);
        w.run(Duration.ofSeconds(1));
        assertEquals(1, f.received(), f.toString());
    }

    /** A frame from {@code from} to {@code router} carrying {@code p}, its upper-layer checksum XORed with {@code xor}. */
    static byte[] frame(World.Node from, World.Node router, Ipv6Packet p, int xor) {
        return frame(from.engine().mac(0), router.engine().mac(0), p, EncodeOptions.DEFAULT, xor);
    }

    /** A frame from {@code src} to {@code dst} carrying {@code p} encoded with {@code options}, its checksum XORed with {@code xor}. */
    static byte[] frame(org.mip6.net.MacAddress src, org.mip6.net.MacAddress dst, Ipv6Packet p, EncodeOptions options, int xor) {
        byte[] f = new byte[14 + PacketCodec.encodedLength(p, options)];
        dst.write(f, 0);
        src.write(f, 6);
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        PacketCodec.encode(p, f, 14, options, xor);
        return f;
    }

    /** Host h on link a, router r, host d on link b; neighbour caches resolved on the way by one echo. */
    static World routedHosts(long seed) {
        World w = new World(seed).link(LinkParameters.ideal("a")).link(LinkParameters.ideal("b"));
        w.router("r", ND, List.of("a", "b"), List.of(P1, P2), false);
        World.Node h = w.host("h", ND, "a");
        World.Node d = w.host("d", ND, "b");
        w.run(Duration.ofSeconds(6));
        echoOnce(w, h, d.global(0));
        return w;
    }

    /** RFC 8200 §4: a router forwards on the IPv6 header alone; the destination checks the rest. */
    @Test
    void routerForwardsWhatOnlyTheDestinationMayRejectByteForByte() throws Exception {
        World w = routedHosts(7);
        World.Node r = w.nodes.get("r");
        World.Node h = w.nodes.get("h");
        World.Node d = w.nodes.get("d");
        long now = w.clock.nanos();

        // a Binding Update with a bad checksum: only its destination may check that
        Ipv6Packet bu = new Ipv6Packet(0, 0, 64, h.global(0), d.global(0),
                List.of(ExtensionHeader.DestinationOptions.homeAddress(P3.withInterfaceId(5))),
                new Payload.Mobility(new MobilityMessage.BindingUpdate(7, MobilityMessage.BindingUpdate.A, 10, List.of())));
        byte[] in = frame(h, r, bu, 0x0101);
        List<Transmit> out = r.engine().onFrame(now, 0, in);
        assertEquals(1, out.size(), out.toString());
        byte[] fwd = out.get(0).frame();
        assertEquals(1, out.get(0).iface());
        assertEquals(in.length, fwd.length);
        assertEquals(63, fwd[14 + 7] & 0xff, "hop limit decremented");
        fwd[14 + 7] = 64;
        assertEquals(Bytes.copyOf(in, 12, in.length - 12), Bytes.copyOf(fwd, 12, fwd.length - 12),
                "EtherType and IPv6 packet unchanged but for the hop limit");
        assertTrue(r.engine().decodeErrors().isEmpty(), "the router checked no upper layer");

        fwd[14 + 7] = 63;
        d.engine().onFrame(now, 0, fwd);
        assertEquals(1L, d.engine().decodeErrors().get(DecodeReason.BAD_CHECKSUM), "the destination discards it");
    }

    /** The Parameter Problem about a frame that did not decode goes back by route, to an off-link sender too. */
    @Test
    void aParameterProblemForAnOffLinkSenderGoesThroughTheRouter() throws Exception {
        World w = routedHosts(17);
        World.Node r = w.nodes.get("r");
        World.Node h = w.nodes.get("h");
        World.Node d = w.nodes.get("d");
        HandlerTable mip6 = new HandlerTable(); // d speaks Mobile IPv6: RFC 6275 §9.2 reactions
        mip6.addMobility(5, (rx, m) -> { }, 0);
        d.engine().setRoleHandlers(mip6);
        Ipv6Packet bu = Ipv6Packet.of(h.global(0), d.global(0), 64,
                new Payload.Mobility(new MobilityMessage.BindingUpdate(7, MobilityMessage.BindingUpdate.A, 10, List.of())));
        byte[] f = frame(r.engine().mac(1), d.engine().mac(0), bu, EncodeOptions.DEFAULT.withPayloadProto(17), 0);
        List<Transmit> out = d.engine().onFrame(w.clock.nanos(), 0, f);
        assertEquals(1, out.size(), out.toString());
        assertEquals(r.engine().mac(1), org.mip6.net.MacAddress.read(out.get(0).frame(), 0), "to the router, not an NS on the link");
        Ipv6Packet pp = PacketCodec.decodeEthernet(out.get(0).frame(), 0, out.get(0).frame().length).packet();
        assertEquals(h.global(0), pp.destination());
        assertEquals(0, ((Icmpv6Message.ParameterProblem) ((Payload.Icmpv6) pp.payload()).message()).code());
    }

    /** RFC 4443 §2.4(e): no Time Exceeded about an ICMPv6 error, even one forwarded unexamined. */
    @Test
    void noTimeExceededAboutAnIcmpErrorInTransit() throws Exception {
        World w = new World(8).link(LinkParameters.ideal("a")).link(LinkParameters.ideal("b"));
        World.Node r = w.router("r", ND, List.of("a", "b"), List.of(P1, P2), false);
        World.Node h = w.host("h", ND, "a");
        w.run(Duration.ofSeconds(6));
        echoOnce(w, h, P1.withInterfaceId(1)); // the router learns h's address
        long now = w.clock.nanos();
        Ipv6Address far = P2.withInterfaceId(0x42);
        Ipv6Packet error = new Ipv6Packet(0, 0, 1, h.global(0), far,
                List.of(ExtensionHeader.DestinationOptions.homeAddress(P3.withInterfaceId(5))),
                new Payload.Icmpv6(new Icmpv6Message.DestinationUnreachable(1, Bytes.of(new byte[8]))));
        assertTrue(r.engine().onFrame(now, 0, frame(h, r, error, 0)).isEmpty(), "nothing sent about an error");
        Ipv6Packet echo = error.withPayload(new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY)));
        List<Transmit> out = r.engine().onFrame(now, 0, frame(h, r, echo, 0));
        assertEquals(1, out.size());
        Ipv6Packet te = PacketCodec.decodeEthernet(out.get(0).frame(), 0, out.get(0).frame().length).packet();
        assertTrue(((Payload.Icmpv6) te.payload()).message() instanceof Icmpv6Message.TimeExceeded, te.toString());
    }

    @Test
    void unreachableNeighbourGetsAddressUnreachableForForwardedPackets() {
        World w = new World(6).link(LinkParameters.ideal("a")).link(LinkParameters.ideal("b"));
        w.router("r", ND, List.of("a", "b"), List.of(P1, P2), false);
        World.Node h = w.host("h", ND, "a");
        w.run(Duration.ofSeconds(5));
        w.ping(h, P2.withInterfaceId(0x99), 1, Duration.ofSeconds(1), 3);
        w.run(Duration.ofSeconds(5));
        assertEquals(1, h.errors.size());
        assertTrue(h.errors.get(0) instanceof Icmpv6Message.DestinationUnreachable du && du.code() == 3, h.errors.toString());
    }
}
