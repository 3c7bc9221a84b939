package org.mip6.ha.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.ha.internal.engine.HomeAgentParameters;
import org.mip6.ha.internal.engine.PrefixTable;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.DefaultWorld;
import org.mip6.node.NodeListener;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.OutboundHandler;
import org.mip6.role.RoleNode;
import org.mip6.role.RoutingHeader2Handler;
import org.mip6.role.Verdict;
import org.mip6.stack.internal.StackNodeFactory;
import org.mip6.stack.internal.VirtualTimeScenario;
import org.mip6.stack.internal.engine.Tshark;
import org.mip6.state.BindingCacheEntry;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.state.internal.MemoryMobileNetworkPrefixes;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityOption;
import org.mip6.wire.pcap.PcapReader;
import org.mip6.wire.pcap.PcapRecord;

/**
 * The home agent in the shipped default world on virtual time. The mobile node's part is played by
 * hand on node {@code mn} (the MN role comes next): Binding Updates made with the codec and sent from
 * its care-of address, a tunnel to the home agent, and its home address held away from home.
 */
class HomeAgentScenarioTest extends VirtualTimeScenario {

    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::2");
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address COA1 = Ipv6Address.parse("2001:db8:2::ff:fe00:b");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:3::ff:fe00:b");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:4::ff:fe00:9");

    @TempDir
    Path dir;
    final StackNodeFactory nodes = new StackNodeFactory();
    final MemoryBindingCache cache = new MemoryBindingCache();
    final List<BindingAcknowledgement> acks = new ArrayList<>();
    final List<String> echoReplies = new ArrayList<>();
    RoleNode ha;
    RoleNode mn;
    RoleNode cn;
    HomeAgentRole role;
    int mnTunnel;

    /** MLD Queries that came to mn through its tunnel. */
    final List<Ipv6Packet> tunnelledQueries = new ArrayList<>();

    @BeforeEach
    void world(TestInfo test) throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        for (String l : List.of("home", "foreign1", "foreign2", "backbone", "cn-link")) {
            net.startCapture(l, dir.resolve(l + ".pcap"));
        }
        ha = nodes.roleNode("ha");
        mn = nodes.roleNode("mn");
        cn = nodes.roleNode("cn");
        clock.execute(() -> {
            role = new HomeAgentRole(ha, cache, HomeAgentParameters.DEFAULT, List.of(), Acl.ALLOW_ALL);
            role.tunnelMulticast(test.getTags().contains("tunnel-multicast"));
            role.start(new HomeAgentRole.Advertised(10, 1800));
            if (role.mldHandler() != null) {
                for (int type : new int[] {143, 131, 132}) {
                    nodes.register(role.mldHandler(), Map.of(RoleNode.NODE, "ha", Icmpv6Handler.ICMPV6_TYPE, type));
                }
                nodes.register((Icmpv6Handler) (p, m) -> tunnelledQueries.add(p.tunnelOuter() == null ? null : p.packet()),
                        Map.of(RoleNode.NODE, "mn", Icmpv6Handler.ICMPV6_TYPE, 130));
            }
            nodes.register(role.mobilityHandler(), Map.of(RoleNode.NODE, "ha", MobilityHandler.MH_TYPE, 5));
            nodes.register(role.homeAddressHandler(), Map.of(RoleNode.NODE, "ha"));
            nodes.register(role.outboundHandler(), Map.of(RoleNode.NODE, "ha"));
            // the mobile node's part, by hand: it reads BAs sent to its care-of address with a Type 2 Routing Header
            nodes.register((MobilityHandler) (p, m) -> acks.add((BindingAcknowledgement) m),
                    Map.of(RoleNode.NODE, "mn", MobilityHandler.MH_TYPE, 6));
            nodes.register((RoutingHeader2Handler) p -> Verdict.ACCEPT, Map.of(RoleNode.NODE, "mn"));
            cn.addListener(new NodeListener() {
                @Override
                public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                    echoReplies.add(from + " " + sequence);
                }
            });
        });
        clock.runUntil(5 * S);
    }

    void sendBu(Ipv6Address coa, Ipv6Address hoa, int seq, int lifetimeUnits, MobilityOption... options) {
        sendBu(coa, hoa, seq, BindingUpdate.A | BindingUpdate.H, lifetimeUnits, options);
    }

    void sendBu(Ipv6Address coa, Ipv6Address hoa, int seq, int flags, int lifetimeUnits, MobilityOption... options) {
        Ipv6Packet bu = new Ipv6Packet(0, 0, 64, coa, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(hoa)),
                new Payload.Mobility(new BindingUpdate(seq, flags, lifetimeUnits, List.of(options))));
        clock.execute(() -> mn.send(bu));
    }

    /** The mobile node's data path at {@code coa}: its home address away from home, a tunnel to the HA, everything from the home address through it. */
    void mnAt(Ipv6Address coa) {
        clock.execute(() -> {
            if (mnTunnel != 0) {
                mn.removeTunnel(mnTunnel);
            } else {
                mn.setHomeAddress(0, HOA, 64, false);
                nodes.register((OutboundHandler) p -> p.source().equals(HOA)
                        ? new OutboundHandler.Decision.Tunnel(mnTunnel, null) : OutboundHandler.DIRECT,
                        Map.of(RoleNode.NODE, "mn"));
            }
            mnTunnel = mn.addTunnel(coa, HA);
        });
    }

    List<Ipv6Packet> captured(String link) throws Exception {
        net.stopCapture(link);
        List<Ipv6Packet> out = new ArrayList<>();
        for (PcapRecord r : PcapReader.readAll(dir.resolve(link + ".pcap"))) {
            EthernetFrame f = PacketCodec.decodeEthernet(r.data(), 0, r.data().length);
            if (f.packet() != null) {
                out.add(f.packet());
            }
        }
        return out;
    }

    /** mn moved to foreign1, registered there with ha (sequence 1, 600 s) and its data path set up. */
    void registeredFromForeign1() {
        move("foreign1");
        run(5);
        sendBu(COA1, HOA, 1, 150);
        mnAt(COA1);
        run(1.5);
        assertEquals(0, acks.get(0).status());
    }

    BindingCacheEntry binding() {
        return cache.get("ha", HOA).orElse(null);
    }

    @Test
    void homeRegistrationDadProxyTunnelRefreshMoveDeregistrationAndExpiry() throws Exception {
        move("foreign1");
        run(5);
        mnAt(COA1);
        sendBu(COA1, HOA, 100, 150);
        run(0.9);
        assertEquals(List.of(), acks, "no BA before DAD of the home address (1 s)");
        run(0.2);
        assertEquals(1, acks.size(), acks.toString());
        assertEquals(0, acks.get(0).status());
        assertEquals(100, acks.get(0).sequence());
        assertEquals(150, acks.get(0).lifetime());
        assertEquals(COA1, binding().careOfAddress());

        // a tunnelled echo to the home address through the home agent, and its reply reverse-tunnelled
        clock.execute(() -> cn.ping(HOA, 7, 1, 16));
        run(1);
        assertEquals(List.of(HOA + " 1"), echoReplies);
        Map<String, Long> hc = ha.counters();
        assertEquals(1L, hc.get("encapsulated"), hc.toString());
        assertEquals(1L, hc.get("decapsulated"), hc.toString());

        // a reverse-tunnelled packet from another source is dropped and counted (RFC 6275 §10.4.5)
        clock.execute(() -> mn.sendThrough(mnTunnel, Ipv6Packet.of(COA1, CN, 64,
                new Payload.Udp(40000, 40000, org.mip6.wire.Bytes.of(new byte[4])))));
        run(0.5);
        assertEquals(1L, ha.counters().get("drop.TUNNEL_INNER_SOURCE"));

        // refresh; then an older sequence number gets 135 with the last accepted one
        sendBu(COA1, HOA, 101, 150);
        run(0.5);
        assertEquals(List.of(0, 101), List.of(acks.get(1).status(), acks.get(1).sequence()));
        sendBu(COA1, HOA, 99, 150);
        run(0.5);
        assertEquals(List.of(135, 101), List.of(acks.get(2).status(), acks.get(2).sequence()));

        // move: a new care-of address, the tunnel follows, no DAD
        move("foreign2");
        run(5);
        mnAt(COA2);
        sendBu(COA2, HOA, 102, 150);
        run(0.1);
        assertEquals(List.of(0, 102), List.of(acks.get(3).status(), acks.get(3).sequence()), "no DAD for a move");
        assertEquals(COA2, binding().careOfAddress());
        clock.execute(() -> cn.ping(HOA, 7, 2, 16));
        run(1);
        assertEquals(List.of(HOA + " 1", HOA + " 2"), echoReplies);

        // deregistration with lifetime 0
        sendBu(COA2, HOA, 103, 0);
        run(0.5);
        assertEquals(List.of(0, 103, 0), List.of(acks.get(4).status(), acks.get(4).sequence(), acks.get(4).lifetime()));
        assertEquals(null, binding());
        assertFalse(ha.isOwnAddress(HOA), "no longer proxied");
        clock.execute(() -> cn.ping(HOA, 7, 3, 16));
        run(5);
        assertEquals(2, echoReplies.size(), "nobody answers for the home address any more");

        // a short binding expires (DAD again: it is new)
        sendBu(COA2, HOA, 104, 1);
        run(1.5);
        assertEquals(List.of(0, 104, 1), List.of(acks.get(5).status(), acks.get(5).sequence(), acks.get(5).lifetime()));
        assertTrue(ha.isOwnAddress(HOA));
        run(4);
        assertEquals(null, binding());
        assertFalse(ha.isOwnAddress(HOA));
        assertEquals(1L, role.counters().get("binding.expired"));

        List<Ipv6Packet> home = captured("home");
        List<String> nd = new ArrayList<>();
        for (Ipv6Packet p : home) {
            if (p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.NeighborSolicitation ns
                    && ns.target().equals(HOA) && p.source().isUnspecified()) {
                nd.add("DAD probe");
            }
            if (p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.NeighborAdvertisement na
                    && na.target().equals(HOA) && p.destination().equals(Ipv6Address.ALL_NODES) && na.override()) {
                nd.add("unsolicited NA");
            }
        }
        // mn's own DAD of its address at home first; then the home agent's for each new binding
        assertEquals(List.of("DAD probe", "DAD probe", "unsolicited NA", "DAD probe", "unsolicited NA"), nd,
                "RFC 6275 §10.3.1, §10.4.1");
        Tshark.check(dir.resolve("home.pcap"));
        captured("foreign1");
        // every BA as the codec encodes its records (the role patches the last one's bytes for the next)
        assertEquals(3, acknowledgementsAsEncoded("foreign1"), "the BAs to the first care-of address");
        Tshark.check(dir.resolve("foreign1.pcap"));
        captured("backbone");
        Tshark.check(dir.resolve("backbone.pcap"));
    }

    /**
     * RFC 3963 (NEMO Basic Support) with a Prefix Table: mn registers as a mobile router with a Mobile Network Prefix
     * option; ha acknowledges with R, routes the prefix into the binding's tunnel (what ar-home routes to ha for the
     * mobile network is tunnelled to the care-of address) and takes packets from it out of the tunnel, forwarding them,
     * but not from a prefix mn did not register; the deregistration takes the route and the registration away.
     */
    @Test
    void aMobileRoutersNetworkIsRoutedThroughItsTunnelBothWays() throws Exception {
        MemoryMobileNetworkPrefixes registered = new MemoryMobileNetworkPrefixes();
        Ipv6Prefix network = Ipv6Prefix.parse("2001:db8:100:1::/64");
        clock.execute(() -> role.setMobileRouters(PrefixTable.parse(new String[] {HOA + " 2001:db8:100::/48"}), registered));
        move("foreign1");
        run(5);
        mnAt(COA1);
        sendBu(COA1, HOA, 1, BindingUpdate.A | BindingUpdate.H | BindingUpdate.R, 150,
                new MobilityOption.MobileNetworkPrefix(64, network.address()));
        run(1.5);
        assertEquals(List.of(0, BindingAcknowledgement.R), List.of(acks.get(0).status(), acks.get(0).flags()));
        assertEquals(List.of(network), registered.get("ha", HOA).orElseThrow().prefixes());
        assertTrue(ha.routes().stream().anyMatch(r -> r.prefix().equals(network) && r.tunnel() > 0), ha.routes().toString());

        Ipv6Address host = Ipv6Address.parse("2001:db8:100:1::7");
        org.mip6.net.MacAddress haMac = org.mip6.net.MacAddress.parse("02:00:00:00:00:0a");
        org.mip6.net.MacAddress routed = org.mip6.net.MacAddress.parse("02:00:00:00:00:99");
        Ipv6Packet in = Ipv6Packet.of(CN, host, 63, new Payload.Udp(40001, 9, org.mip6.wire.Bytes.of(new byte[12])));
        clock.execute(() -> net.link("home").inject(PacketCodec.encodeEthernet(EthernetFrame.ipv6(haMac, routed, in))));
        run(0.5);
        clock.execute(() -> mn.sendThrough(mnTunnel, Ipv6Packet.of(host, CN, 64,
                new Payload.Udp(40002, 9, org.mip6.wire.Bytes.of(new byte[4])))));
        clock.execute(() -> mn.sendThrough(mnTunnel, Ipv6Packet.of(Ipv6Address.parse("2001:db8:100:2::7"), CN, 64,
                new Payload.Udp(40003, 9, org.mip6.wire.Bytes.of(new byte[4])))));
        run(1);
        assertEquals(1L, ha.counters().get("drop.TUNNEL_INNER_SOURCE"), "a prefix mn did not register: " + ha.counters());

        sendBu(COA1, HOA, 2, BindingUpdate.A | BindingUpdate.H | BindingUpdate.R, 0);
        run(0.5);
        assertEquals(List.of(0, BindingAcknowledgement.R), List.of(acks.get(1).status(), acks.get(1).flags()));
        assertTrue(registered.get("ha", HOA).isEmpty());
        assertTrue(ha.routes().stream().noneMatch(r -> r.prefix().equals(network)), ha.routes().toString());

        List<Ipv6Packet> foreign1 = captured("foreign1");
        assertEquals(1, foreign1.stream().filter(p -> p.source().equals(HA) && p.destination().equals(COA1)
                && p.payload() instanceof Payload.Tunnel t && t.inner().destination().equals(host)).count(),
                "into the mobile network through the tunnel: " + foreign1);
        List<Ipv6Packet> cnLink = captured("cn-link");
        assertTrue(cnLink.stream().anyMatch(p -> p.source().equals(host) && p.payload() instanceof Payload.Udp u
                && u.sourcePort() == 40002), "out of it, forwarded to cn: " + cnLink);
        assertTrue(cnLink.stream().noneMatch(p -> p.payload() instanceof Payload.Udp u && u.sourcePort() == 40003));
        List<Ipv6Packet> homeLink = captured("home");
        assertTrue(homeLink.stream().anyMatch(p -> p.source().isLinkLocal() && p.payload() instanceof Payload.Icmpv6 i
                && i.message() instanceof Icmpv6Message.RouterAdvertisement ra && ra.options().stream().anyMatch(o ->
                o instanceof org.mip6.wire.icmp.NdOption.HomeAgentInformation hai && hai.mobileRouter())),
                "RFC 3963 §7.3: ha's RAs say it serves mobile routers");
        Tshark.check(dir.resolve("foreign1.pcap"));
        Tshark.check(dir.resolve("home.pcap"));
    }

    @Test
    void everyAcknowledgementIsTheBytesTheCodecEncodesAcrossTheSequenceSpace() throws Exception {
        registeredFromForeign1();
        // refreshes whose sequence numbers step through the 16-bit space (and over 65535 -> 0), lifetimes and a
        // stale number now and then changing the BA the role patches: its checksum is summed from the template
        int seq = 1;
        for (int k = 0; k < 420; k++) {
            seq = (seq + 157) & 0xffff;
            sendBu(COA1, HOA, seq, k % 7 == 0 ? 100 : 150);
            if (k % 50 == 49) {
                sendBu(COA1, HOA, (seq - 5) & 0xffff, 150); // 135 with the last accepted number
            }
            run(0.05);
        }
        run(1);
        assertEquals(1 + 420 + 8, acks.size());
        assertEquals(8, acks.stream().filter(a -> a.status() == 135).count());
        captured("foreign1");
        assertEquals(acks.size(), acknowledgementsAsEncoded("foreign1"));
    }

    /** The BAs in the link's capture, each checked to be the bytes the codec encodes for its records. */
    int acknowledgementsAsEncoded(String link) throws Exception {
        int bas = 0;
        for (PcapRecord r : PcapReader.readAll(dir.resolve(link + ".pcap"))) {
            EthernetFrame f = PacketCodec.decodeEthernet(r.data(), 0, r.data().length);
            if (f.packet() != null && f.packet().payload() instanceof Payload.Mobility m
                    && m.message() instanceof BindingAcknowledgement) {
                assertArrayEquals(PacketCodec.encodeEthernet(f), r.data(), f.packet().toString());
                bas++;
            }
        }
        return bas;
    }

    @Test
    void theBindingUpdatesOptionsAreReadWhereTheNodeTookIt() throws Exception {
        move("foreign1");
        run(5);
        // RFC 6275 §6.2.5: the binding is for the Alternate Care-of Address; the BA goes to the source
        sendBu(COA1, HOA, 1, 150, new MobilityOption.AlternateCareOfAddress(COA2));
        run(1.5);
        assertEquals(List.of(0, 1), List.of(acks.get(0).status(), acks.get(0).sequence()));
        assertEquals(COA2, binding().careOfAddress());
        // §6.2.6, §6.2.7: a home registration with Nonce Indices or Binding Authorization Data is dropped
        sendBu(COA1, HOA, 2, 150, new MobilityOption.NonceIndices(1, 2));
        sendBu(COA1, HOA, 3, 150, new MobilityOption.AlternateCareOfAddress(COA1), new MobilityOption.NonceIndices(1, 2),
                new MobilityOption.BindingAuthorizationData(org.mip6.wire.Bytes.of(new byte[12])));
        sendBu(COA1, HOA, 4, 150, new MobilityOption.BindingAuthorizationData(org.mip6.wire.Bytes.of(new byte[12])));
        run(0.5);
        assertEquals(1, acks.size(), acks.toString());
        assertEquals(2L, role.counters().get("drop.home-bu-with-nonce-indices"));
        assertEquals(1L, role.counters().get("drop.home-bu-with-authorization-data"));
        assertEquals(List.of(1, COA2), List.of(binding().sequence(), binding().careOfAddress()), "the binding unchanged");
        // a refresh with padding only, from the care-of address itself: the binding moves back to it
        sendBu(COA1, HOA, 5, 150);
        run(0.5);
        assertEquals(List.of(5, COA1), List.of(binding().sequence(), binding().careOfAddress()));
    }

    @Test
    void aRefreshWithAShorterLifetimeExpiresAtItsOwnTime() throws Exception {
        move("foreign1");
        run(5);
        sendBu(COA1, HOA, 1, 150); // 600 s: its first timer is the refresh request at 90 %, 540 s on
        run(1.5);
        assertEquals(List.of(0, 150), List.of(acks.get(0).status(), acks.get(0).lifetime()));
        // the refresh grants 4 s: the binding's timer comes 540 s earlier, and the node's timer with it
        sendBu(COA1, HOA, 2, 1);
        run(0.5);
        assertEquals(List.of(0, 2, 1), List.of(acks.get(1).status(), acks.get(1).sequence(), acks.get(1).lifetime()));
        assertEquals(COA1, binding().careOfAddress());
        run(4);
        assertEquals(null, binding(), "expired 4 s after the refresh (RFC 6275 §10.3.2)");
        assertEquals(1L, role.counters().get("binding.expired"));
        assertFalse(ha.isOwnAddress(HOA), "no longer proxied");
    }

    @Test
    void aDuplicateHomeAddressGets134AndTheCacheStaysEmpty() throws Exception {
        move("foreign1");
        run(5);
        Ipv6Address taken = Ipv6Address.parse("2001:db8:1::1"); // ar-home's own address defends itself
        sendBu(COA1, taken, 1, 150);
        run(2);
        assertEquals(1, acks.size());
        assertEquals(134, acks.get(0).status());
        assertEquals(List.of(), cache.entries("ha"));
        assertEquals(1L, role.counters().get("reject.134-dad-failed"));
    }

    @Test
    void theHomeAgentAdvertisesItselfOnTheHomeLink() throws Exception {
        run(11);
        List<Icmpv6Message.RouterAdvertisement> ras = new ArrayList<>();
        for (Ipv6Packet p : captured("home")) {
            if (p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.RouterAdvertisement ra
                    && p.source().isLinkLocal() && (ra.flags() & 0x20) != 0) {
                ras.add(ra);
            }
        }
        assertFalse(ras.isEmpty(), "RAs with the H flag (RFC 6275 §7.1)");
        Icmpv6Message.RouterAdvertisement ra = ras.get(ras.size() - 1);
        assertTrue(ra.options().stream().anyMatch(o -> o instanceof org.mip6.wire.icmp.NdOption.HomeAgentInformation h
                && h.preference() == 10 && h.lifetime() == 1800), ra.options().toString());
        assertTrue(ra.options().stream().anyMatch(o -> o instanceof org.mip6.wire.icmp.NdOption.PrefixInformation pi
                && pi.routerAddress() && pi.address().equals(HA)), "R flag with the home agent's address (§7.2)");
        assertTrue(ra.options().stream().anyMatch(o -> o instanceof org.mip6.wire.icmp.NdOption.AdvertisementInterval));
        Tshark.check(dir.resolve("home.pcap"));
    }

    @Test
    void anErrorAboutATunnelledPacketIsRelayedToItsSender() throws Exception {
        move("foreign1");
        run(5);
        sendBu(COA1, HOA, 1, 150);
        run(1.5);
        assertEquals(0, acks.get(0).status());
        net.detach(port("mn.eth0"));
        // tunnelled to a care-of address nobody answers for: ar-f1's entry for it goes stale (REACHABLE
        // lasts up to 45 s), fails NUD with the first packet, then the next one waits for address
        // resolution, which fails (RFC 4861 §7.2.2, §7.3.3)
        run(50);
        clock.execute(() -> cn.ping(HOA, 7, 1, 16));
        run(12);
        clock.execute(() -> cn.ping(HOA, 7, 2, 16));
        run(5);
        assertEquals(1L, ha.counters().get("tunnel-errors-relayed"), ha.counters().toString());
        List<String> errors = new ArrayList<>();
        for (Ipv6Packet p : captured("cn-link")) {
            if (p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.DestinationUnreachable du) {
                Ipv6Address quotedDst = Ipv6Address.read(du.invokingPacket().toArray(), 24);
                errors.add(p.source() + " -> " + p.destination() + " code " + du.code() + " about " + quotedDst);
            }
        }
        // RFC 2473 §8.2: ar-f1 tells the tunnel entry point; it tells the original sender, quoting its packet
        assertEquals(List.of(HA + " -> " + CN + " code 3 about " + HOA), errors);
        Tshark.check(dir.resolve("cn-link.pcap"));
    }
    /**
     * RFC 2473 §7.1: the home agent is the tunnel's entry point. A packet for the home address that fits
     * the backbone (1,500 bytes) but not the tunnel to the care-of address (its link's 1,500 less the
     * 40-byte tunnel header) is answered with Packet Too Big carrying the tunnel MTU, 1,460; one of
     * 1,460 bytes goes through.
     */
    @Test
    void aPacketTooBigForTheTunnelIsAnsweredWithTheTunnelMtu() throws Exception {
        registeredFromForeign1();
        clock.execute(() -> cn.ping(HOA, 7, 1, 1500 - 48)); // IPv6 header 40, echo header 8
        run(1);
        assertEquals(List.of(), echoReplies);
        assertEquals(1L, ha.counters().get("drop.TOO_BIG"), ha.counters().toString());
        clock.execute(() -> cn.ping(HOA, 7, 2, 1460 - 48));
        run(1);
        assertEquals(List.of(HOA + " 2"), echoReplies, "a packet that fits the tunnel");
        List<String> errors = new ArrayList<>();
        for (Ipv6Packet p : captured("cn-link")) {
            if (p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.PacketTooBig ptb) {
                byte[] quoted = ptb.invokingPacket().toArray();
                errors.add(p.source() + " -> " + p.destination() + " mtu " + ptb.mtu() + " about "
                        + Ipv6Address.read(quoted, 8) + " -> " + Ipv6Address.read(quoted, 24));
            }
        }
        assertEquals(List.of(HA + " -> " + CN + " mtu 1460 about " + CN + " -> " + HOA), errors);
        Tshark.check(dir.resolve("cn-link.pcap"));
    }
    /**
     * RFC 4861 §7.2.8 and §7.3.3, RFC 6275 §10.4.1: ar-home's entry for the home address (ha's MAC, from
     * its proxy NA) goes stale under cn's traffic, and ar-home probes it with unicast Neighbor
     * Solicitations to the home address; ha answers them as the proxy (they used to be forwarded into the
     * tunnel, so the probes failed and ar-home dropped cn's packets as address unreachable).
     */
    @Test
    void aNeighboursUnicastProbeForTheHomeAddressIsAnsweredByTheHomeAgent() throws Exception {
        registeredFromForeign1();
        for (int k = 1; k <= 90; k++) {
            int seq = k;
            clock.execute(() -> cn.ping(HOA, 7, seq, 16));
            run(1);
        }
        assertEquals(90, echoReplies.size(), "every echo answered");
        List<String> probes = new ArrayList<>();
        for (Ipv6Packet p : captured("home")) {
            if (p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.NeighborSolicitation ns
                    && ns.target().equals(HOA) && p.destination().equals(HOA)) {
                probes.add("NS " + p.source());
            } else if (p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.NeighborAdvertisement na
                    && na.target().equals(HOA) && na.solicited() && !p.destination().isMulticast()) {
                probes.add("NA to " + p.destination());
            }
        }
        long solicitations = probes.stream().filter(x -> x.startsWith("NS ")).count();
        long advertisements = probes.size() - solicitations;
        assertTrue(solicitations > 0 && advertisements == solicitations + 1
                && probes.stream().allMatch(x -> x.endsWith("2001:db8:1::1")),
                "ar-home's unicast probes, each answered (and its first, multicast, solicitation): " + probes);
        assertEquals(0L, nodes.roleNode("ar-home").counters().getOrDefault("drop.ADDRESS_UNREACHABLE", 0L));
        Tshark.check(dir.resolve("home.pcap"));
    }

    /**
     * RFC 6275 §10.3.2 and §11.5.5, the IPv6 Ready HA tests DeReg_LT0_HOME and DeReg_LT1_HOME: back on the home
     * link, the mobile node deregisters from its home address (a Home Address option holding it too, as TAHI's
     * mobile node sends; care-of address = home address whatever the lifetime). The home agent stops defending
     * the home address, resolves it (the mobile node answers its solicitation) and acknowledges to it directly:
     * no Type 2 Routing Header, status 0, lifetime 0; then what comes for the home address is delivered on the
     * link, not tunnelled.
     */
    @Test
    void aMobileNodeBackHomeDeregistersWithAnyLifetimeAndGetsItsAcknowledgementOnTheLink() throws Exception {
        for (int lifetime : new int[] {0, 0xffff}) {
            acks.clear();
            echoReplies.clear();
            registeredFromForeign1();
            int seq = 2;
            org.mip6.net.MacAddress haMac = ha.interfaces().get(0).mac();
            org.mip6.net.MacAddress mnMac = org.mip6.net.MacAddress.parse("02:00:00:00:00:55");
            Ipv6Packet bu = new Ipv6Packet(0, 0, 64, HOA, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                    new Payload.Mobility(new BindingUpdate(seq, BindingUpdate.A | BindingUpdate.H, lifetime, List.of())));
            Ipv6Packet na = Ipv6Packet.of(HOA, HA, 255, new Payload.Icmpv6(new Icmpv6Message.NeighborAdvertisement(
                    false, true, true, HOA, List.of(new org.mip6.wire.icmp.NdOption.TargetLinkLayerAddress(mnMac)))));
            net.stopCapture("home");
            net.startCapture("home", dir.resolve("back-home.pcap"));
            clock.execute(() -> net.link("home").inject(PacketCodec.encodeEthernet(EthernetFrame.ipv6(haMac, mnMac, bu))));
            run(0.5);
            clock.execute(() -> net.link("home").inject(PacketCodec.encodeEthernet(EthernetFrame.ipv6(haMac, mnMac, na))));
            run(0.5);
            net.stopCapture("home");
            List<String> seen = new ArrayList<>();
            BindingAcknowledgement ba = null;
            for (PcapRecord r : PcapReader.readAll(dir.resolve("back-home.pcap"))) {
                EthernetFrame f = PacketCodec.decodeEthernet(r.data(), 0, r.data().length);
                Ipv6Packet p = f.packet();
                seen.add(f.destination() + " " + p.source() + " > " + p.destination() + " " + p.extensionHeaders() + " " + p.payload());
                if (p.payload() instanceof Payload.Mobility m && m.message() instanceof BindingAcknowledgement a) {
                    assertEquals(HOA, p.destination(), "to the home address");
                    assertEquals(mnMac, f.destination(), "on the link, to the mobile node");
                    assertEquals(List.of(), p.extensionHeaders(), "no Type 2 Routing Header: care-of address = home address");
                    ba = a;
                }
            }
            assertTrue(ba != null, "lifetime " + lifetime + ": a BA on the home link: " + String.join("\n", seen));
            assertEquals(0, ba.status());
            assertEquals(seq, ba.sequence());
            assertEquals(0, ba.lifetime());
            assertEquals(null, binding());
            Tshark.check(dir.resolve("back-home.pcap"));
        }
    }

    /**
     * RFC 6275 §10.4.1 (and the IPv6 Ready HA test PingCNtoMN_LL): with L set the home agent defends the
     * mobile node's link-local address too, and a packet a neighbour sends there is not tunnelled: it is
     * discarded and answered with Destination Unreachable, code 3.
     */
    @Test
    void aPacketForTheMobileNodesLinkLocalAddressIsAnsweredAddressUnreachable() throws Exception {
        move("foreign1");
        run(5);
        Ipv6Packet bu = new Ipv6Packet(0, 0, 64, COA1, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new Payload.Mobility(new BindingUpdate(1, BindingUpdate.A | BindingUpdate.H | BindingUpdate.L, 150, List.of())));
        clock.execute(() -> mn.send(bu));
        mnAt(COA1);
        run(3); // DAD of the home address and of the link-local address
        assertEquals(0, acks.get(0).status());
        Ipv6Address mnLinkLocal = Ipv6Address.linkLocal(HOA.interfaceId());
        org.mip6.net.MacAddress haMac = ha.interfaces().get(0).mac();
        org.mip6.net.MacAddress neighbourMac = org.mip6.net.MacAddress.parse("02:00:00:00:00:99");
        Ipv6Address neighbour = Ipv6Address.parse("fe80::99");
        Ipv6Address haLinkLocal = ha.interfaces().get(0).addresses().stream().map(a -> a.address())
                .filter(Ipv6Address::isLinkLocal).findFirst().orElseThrow();
        // the neighbour resolves the mobile node's link-local address: ha answers for it, then gets the echo
        Ipv6Packet ns = Ipv6Packet.of(neighbour, mnLinkLocal.solicitedNodeMulticast(), 255, new Payload.Icmpv6(
                new Icmpv6Message.NeighborSolicitation(mnLinkLocal,
                        List.of(new org.mip6.wire.icmp.NdOption.SourceLinkLayerAddress(neighbourMac)))));
        Ipv6Packet echo = Ipv6Packet.of(neighbour, mnLinkLocal, 64, new Payload.Icmpv6(
                new Icmpv6Message.EchoRequest(9, 1, org.mip6.wire.Bytes.of(new byte[8]))));
        clock.execute(() -> {
            net.link("home").inject(PacketCodec.encodeEthernet(EthernetFrame.ipv6(
                    org.mip6.net.MacAddress.ofMulticast(mnLinkLocal.solicitedNodeMulticast()), neighbourMac, ns)));
            net.link("home").inject(PacketCodec.encodeEthernet(EthernetFrame.ipv6(haMac, neighbourMac, echo)));
        });
        run(1);
        List<Ipv6Packet> home = captured("home");
        assertTrue(home.stream().anyMatch(p -> p.source().equals(haLinkLocal) && p.destination().equals(neighbour)
                && p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.NeighborAdvertisement na
                && na.target().equals(mnLinkLocal)), "ha answers for the link-local address: " + home);
        Icmpv6Message.DestinationUnreachable du = home.stream().filter(p -> p.destination().equals(neighbour)
                        && p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.DestinationUnreachable)
                .map(p -> (Icmpv6Message.DestinationUnreachable) ((Payload.Icmpv6) p.payload()).message())
                .findFirst().orElseThrow(() -> new AssertionError("no Destination Unreachable: " + home));
        assertEquals(3, du.code());
        assertEquals(1L, ha.counters().get("drop.MOBILE_NODE_LINK_LOCAL"));
        assertTrue(captured("foreign1").stream().noneMatch(p -> p.payload() instanceof Payload.Tunnel t
                && t.inner().destination().equals(mnLinkLocal)), "nothing for it tunnelled");
        Tshark.check(dir.resolve("home.pcap"));
    }

    /**
     * RFC 6275 §9.3.2 (and the IPv6 Ready HA test PingMNtoHA): what the home agent itself sends to a
     * registered home address goes to the care-of address with a Type 2 Routing Header, as a
     * correspondent's would: the reply to an echo request the mobile node sent with a Home Address option,
     * and the home agent's own ping (its source selected for the home address: ha's home-link address).
     * What it intercepts for the home address is still tunnelled.
     */
    @Test
    void whatTheHomeAgentSendsToARegisteredHomeAddressCarriesATypeTwoRoutingHeader() throws Exception {
        registeredFromForeign1();
        List<String> haReplies = new ArrayList<>();
        clock.execute(() -> ha.addListener(new NodeListener() {
            @Override
            public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                haReplies.add(from + " " + sequence);
            }
        }));
        Ipv6Packet request = new Ipv6Packet(0, 0, 64, COA1, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(5, 1, org.mip6.wire.Bytes.of(new byte[8]))));
        clock.execute(() -> {
            mn.send(request);
            ha.ping(HOA, 6, 2, 16);
            cn.ping(HOA, 7, 3, 16);
        });
        run(1);
        List<Ipv6Packet> foreign1 = captured("foreign1");
        Ipv6Packet reply = foreign1.stream().filter(p -> p.payload() instanceof Payload.Icmpv6 i
                        && i.message() instanceof Icmpv6Message.EchoReply r && r.identifier() == 5)
                .findFirst().orElseThrow(() -> new AssertionError("no echo reply: " + foreign1));
        assertEquals(List.of(HA, COA1, List.of(new ExtensionHeader.Type2RoutingHeader(1, HOA))),
                List.of(reply.source(), reply.destination(), reply.extensionHeaders()));
        Ipv6Packet ping = foreign1.stream().filter(p -> p.payload() instanceof Payload.Icmpv6 i
                        && i.message() instanceof Icmpv6Message.EchoRequest r && r.identifier() == 6)
                .findFirst().orElseThrow(() -> new AssertionError("no echo request from ha: " + foreign1));
        assertEquals(List.of(HA, COA1, List.of(new ExtensionHeader.Type2RoutingHeader(1, HOA))),
                List.of(ping.source(), ping.destination(), ping.extensionHeaders()));
        assertEquals(List.of(HOA + " 2"), haReplies, "the mobile node answers ha's ping (reverse-tunnelled)");
        assertEquals(List.of(HOA + " 3"), echoReplies, "cn's ping to the home address still goes through the tunnel");
        assertTrue(foreign1.stream().anyMatch(p -> p.payload() instanceof Payload.Tunnel t
                && t.inner().source().equals(CN) && t.inner().destination().equals(HOA)), "cn's echo tunnelled: " + foreign1);
        Tshark.check(dir.resolve("foreign1.pcap"));
    }

    /**
     * RFC 6275 §10.4.3: this home agent provides no multicast through its tunnels, so the MLD messages a
     * mobile node tunnels to it are silently ignored (counted, nothing answered, nothing made of them), and
     * §10.4.1: a multicast packet on the home link, link-local or global, is not tunnelled to the mobile node.
     */
    @Test
    void aTunnelledMldReportIsSilentlyIgnoredAndNoMulticastIsTunnelled() throws Exception {
        registeredFromForeign1();
        Ipv6Address mnLinkLocal = Ipv6Address.linkLocal(HOA.interfaceId());
        Ipv6Address group = Ipv6Address.parse("ff0e::101");
        // an MLDv2 Report (RFC 3810 §5.2): one record, CHANGE_TO_EXCLUDE_MODE with no sources, for the group
        byte[] report = new byte[4 + 20];
        report[3] = 1;
        report[4] = 4;
        group.write(report, 8);
        Ipv6Packet mld = new Ipv6Packet(0, 0, 1, mnLinkLocal, Ipv6Address.parse("ff02::16"),
                List.of(new ExtensionHeader.HopByHopOptions(List.of(new org.mip6.wire.Ipv6Option.UnknownOption(5,
                        org.mip6.wire.Bytes.of(new byte[2]))))),
                new Payload.Icmpv6(new Icmpv6Message.UnknownIcmpv6(143, 0, org.mip6.wire.Bytes.of(report))));
        long before = ha.counters().getOrDefault("drop.TUNNEL_INNER_SOURCE", 0L);
        clock.execute(() -> mn.sendThrough(mnTunnel, mld));
        run(1);
        assertEquals(before + 1, ha.counters().get("drop.TUNNEL_INNER_SOURCE"), "the report is dropped and counted");
        org.mip6.net.MacAddress host = org.mip6.net.MacAddress.parse("02:00:00:00:00:99");
        Ipv6Address hostAddress = Ipv6Address.parse("2001:db8:1::99");
        for (Ipv6Address to : List.of(group, Ipv6Address.ALL_NODES)) {
            Ipv6Packet p = Ipv6Packet.of(hostAddress, to, 64, new Payload.Icmpv6(
                    new Icmpv6Message.EchoRequest(11, 1, org.mip6.wire.Bytes.of(new byte[8]))));
            clock.execute(() -> net.link("home").inject(PacketCodec.encodeEthernet(
                    EthernetFrame.ipv6(org.mip6.net.MacAddress.ofMulticast(to), host, p))));
        }
        run(1);
        List<Ipv6Packet> foreign1 = captured("foreign1");
        assertTrue(foreign1.stream().anyMatch(p -> p.source().equals(COA1) && p.payload() instanceof Payload.Tunnel t
                && t.inner().destination().equals(Ipv6Address.parse("ff02::16"))), "the report went: " + foreign1);
        assertTrue(foreign1.stream().noneMatch(p -> p.source().equals(HA) && p.payload() instanceof Payload.Tunnel t
                && t.inner().destination().isMulticast()), "no multicast tunnelled to the mobile node: " + foreign1);
        assertEquals(1, foreign1.stream().filter(p -> p.source().equals(HA) && p.payload() instanceof Payload.Mobility).count(),
                "no Binding Error, only the registration's BA: " + foreign1);
        assertTrue(foreign1.stream().noneMatch(p -> p.source().equals(HA) && p.payload() instanceof Payload.Icmpv6),
                "no ICMPv6 error: " + foreign1);
        assertEquals(before + 1, ha.counters().get("drop.TUNNEL_INNER_SOURCE"));
        Tshark.check(dir.resolve("foreign1.pcap"));
    }

    /** An MLDv2 Report (RFC 3810 §5.2) mn sends its home agent through the tunnel: one record per group, no sources. */
    void tunnelledReport(int type, Ipv6Address... groups) {
        byte[] report = new byte[4 + 20 * groups.length];
        report[3] = (byte) groups.length;
        for (int k = 0; k < groups.length; k++) {
            report[4 + 20 * k] = (byte) type;
            groups[k].write(report, 4 + 20 * k + 4);
        }
        Ipv6Packet mld = new Ipv6Packet(0, 0, 1, Ipv6Address.linkLocal(HOA.interfaceId()), Ipv6Address.parse("ff02::16"),
                List.of(new ExtensionHeader.HopByHopOptions(List.of(new org.mip6.wire.Ipv6Option.UnknownOption(5,
                        org.mip6.wire.Bytes.of(new byte[2]))))),
                new Payload.Icmpv6(new Icmpv6Message.UnknownIcmpv6(143, 0, org.mip6.wire.Bytes.of(report))));
        clock.execute(() -> mn.sendThrough(mnTunnel, mld));
    }

    /** An echo request a host on the home link sends to {@code group}, with {@code hopLimit}. */
    void multicastOnTheHomeLink(Ipv6Address group, int hopLimit, int sequence) {
        org.mip6.net.MacAddress host = org.mip6.net.MacAddress.parse("02:00:00:00:00:99");
        Ipv6Packet p = Ipv6Packet.of(Ipv6Address.parse("2001:db8:1::99"), group, hopLimit, new Payload.Icmpv6(
                new Icmpv6Message.EchoRequest(11, sequence, org.mip6.wire.Bytes.of(new byte[8]))));
        clock.execute(() -> net.link("home").inject(PacketCodec.encodeEthernet(
                EthernetFrame.ipv6(org.mip6.net.MacAddress.ofMulticast(group), host, p))));
    }

    /** The sequence numbers of the echo requests to {@code group} that ha tunnelled to mn on {@code link}. */
    List<Integer> tunnelledEchoes(List<Ipv6Packet> link, Ipv6Address group) {
        List<Integer> out = new ArrayList<>();
        for (Ipv6Packet p : link) {
            if (p.source().equals(HA) && p.payload() instanceof Payload.Tunnel t && t.inner().destination().equals(group)
                    && t.inner().payload() instanceof Payload.Icmpv6 ic && ic.message() instanceof Icmpv6Message.EchoRequest e) {
                assertEquals(63, t.inner().hopLimit(), "forwarded: its Hop Limit less one");
                out.add(e.sequence());
            }
        }
        return out;
    }

    /**
     * RFC 6275 §10.4.3 with multicast through the tunnels configured: ha queries the new binding's tunnel by MLD (as a
     * querier starting up: at once, then after a quarter of the Query Interval), takes the global groups mn reports
     * through it and reports them on the home link itself, forwards what the home link carries for them through the
     * tunnel (§10.4.2: not a site-scope group, not link-local, not a group mn did not report, not one whose Hop Limit
     * runs out), stops at a leave, at the Multicast Address Listening Interval without a report, and when the binding
     * moves (the groups follow it) or goes.
     */
    @Test
    @Tag("tunnel-multicast")
    void withMulticastThroughTheTunnelTheHomeAgentQueriesItAndForwardsTheGroupsReported() throws Exception {
        registeredFromForeign1();
        assertEquals(1, tunnelledQueries.size(), "one query at once: " + tunnelledQueries);
        Ipv6Packet q = tunnelledQueries.get(0);
        assertEquals(List.of(Ipv6Address.parse("fe80::ff:fe00:a"), Ipv6Address.parse("ff02::1"), 1),
                List.of(q.source(), q.destination(), q.hopLimit()), "from ha's link-local address, to all-nodes, Hop Limit 1");
        Icmpv6Message.UnknownIcmpv6 query = (Icmpv6Message.UnknownIcmpv6) ((Payload.Icmpv6) q.payload()).message();
        assertEquals("2710" + "0000" + "00".repeat(16) + "027d" + "0000", query.body().hex(),
                "a General Query: 10 s to answer, no group, QRV 2, QQIC 125, no sources");
        run(31.25);
        assertEquals(2, tunnelledQueries.size(), "the second start-up query, a quarter of the Query Interval on");

        Ipv6Address global = Ipv6Address.parse("ff0e::101");
        Ipv6Address site = Ipv6Address.parse("ff05::101");
        Ipv6Address linkScope = Ipv6Address.parse("ff02::101");
        tunnelledReport(4, global, site, linkScope); // CHANGE_TO_EXCLUDE_MODE {}: listening
        run(0.5);
        assertEquals(java.util.Set.of(global), role.tunnelledGroups(HOA).keySet(), "only the global group is taken");
        Map<String, Long> rc = role.counters();
        assertEquals(List.of(1L, 1L, 2L), List.of(rc.get("mld.reports"), rc.get("mld.joins"), rc.get("mld.groups-not-global")),
                rc.toString());
        multicastOnTheHomeLink(global, 64, 1);
        multicastOnTheHomeLink(site, 64, 2);
        multicastOnTheHomeLink(Ipv6Address.parse("ff0e::102"), 64, 3);
        multicastOnTheHomeLink(global, 1, 4); // its Hop Limit would reach 0
        run(0.5);
        assertEquals(1L, ha.counters().get("multicast-tunnelled"));
        assertEquals(1L, ha.counters().get("drop.MULTICAST_NOT_TUNNELLED"));

        tunnelledReport(3, global); // CHANGE_TO_INCLUDE_MODE {}: left
        run(0.5);
        multicastOnTheHomeLink(global, 64, 5);
        run(0.5);
        assertEquals(Map.of(), role.tunnelledGroups(HOA));

        tunnelledReport(2, global); // MODE_IS_EXCLUDE {}: listening again
        run(0.5);
        move("foreign2"); // moved: the group follows the binding to its new tunnel
        run(5);
        sendBu(COA2, HOA, 2, 150);
        mnAt(COA2);
        run(1.5);
        assertEquals(COA2, binding().careOfAddress());
        multicastOnTheHomeLink(global, 64, 6);
        run(0.5);
        assertEquals(java.util.Set.of(global), role.tunnelledGroups(HOA).keySet());
        run(260); // no report for the Multicast Address Listening Interval (mn does not answer the queries)
        multicastOnTheHomeLink(global, 64, 7);
        run(0.5);
        assertEquals(Map.of(), role.tunnelledGroups(HOA), "expired");
        assertEquals(1L, role.counters().get("mld.expired"));
        tunnelledReport(4, global);
        run(0.5);
        sendBu(COA2, HOA, 3, 0); // deregistration: the binding and its groups go
        run(1);
        multicastOnTheHomeLink(global, 64, 8);
        run(0.5);
        assertEquals(2L, ha.counters().get("multicast-tunnelled"));

        List<Ipv6Packet> foreign1 = captured("foreign1");
        List<Ipv6Packet> foreign2 = captured("foreign2");
        assertEquals(List.of(1), tunnelledEchoes(foreign1, global), "only the global group, while listened to: " + foreign1);
        assertEquals(List.of(6), tunnelledEchoes(foreign2, global), "after the move, through the new tunnel: " + foreign2);
        int ba = -1;
        int firstQuery = -1;
        for (int k = 0; k < foreign1.size(); k++) {
            Ipv6Packet p = foreign1.get(k);
            if (ba < 0 && p.source().equals(HA) && p.payload() instanceof Payload.Mobility) {
                ba = k;
            } else if (firstQuery < 0 && p.source().equals(HA) && p.payload() instanceof Payload.Tunnel t
                    && t.inner().destination().equals(Ipv6Address.parse("ff02::1"))) {
                firstQuery = k;
            }
        }
        assertTrue(ba >= 0 && firstQuery > ba, "the first query follows the BA: " + ba + ", " + firstQuery);
        assertTrue(foreign2.stream().anyMatch(p -> p.source().equals(HA) && p.payload() instanceof Payload.Tunnel t
                && t.inner().destination().equals(Ipv6Address.parse("ff02::1"))), "the moved binding is queried: " + foreign2);
        List<Ipv6Packet> home = captured("home");
        assertTrue(home.stream().anyMatch(p -> p.source().equals(Ipv6Address.parse("fe80::ff:fe00:a"))
                && p.payload() instanceof Payload.Icmpv6 ic && ic.message().type() == 143
                && ((Icmpv6Message.UnknownIcmpv6) ic.message()).body().hex().contains("ff0e0000000000000000000000000101")),
                "ha listens to the group on the home link (its MLD Report): " + home);
        Tshark.check(dir.resolve("foreign1.pcap"));
        Tshark.check(dir.resolve("foreign2.pcap"));
        Tshark.check(dir.resolve("home.pcap"));
    }

    /**
     * RFC 6275 §11.3.4: multicast mn sends from its home address through its reverse tunnel goes onto the home link
     * from ha, its Hop Limit less one, and not back through mn's own tunnel, though mn listens to the group through
     * it; a group of link-local scope, or a Hop Limit of 1, goes nowhere (drop.MULTICAST_NOT_FORWARDED).
     */
    @Test
    @Tag("tunnel-multicast")
    void multicastTheMobileNodeSendsThroughItsReverseTunnelGoesOntoTheHomeLink() throws Exception {
        registeredFromForeign1();
        Ipv6Address global = Ipv6Address.parse("ff0e::101");
        tunnelledReport(4, global);
        run(0.5);
        assertEquals(java.util.Set.of(global), role.tunnelledGroups(HOA).keySet());
        Object[][] sent = {{global, 64}, {global, 1}, {Ipv6Address.ALL_NODES, 64}};
        for (int k = 0; k < sent.length; k++) {
            Ipv6Packet p = Ipv6Packet.of(HOA, (Ipv6Address) sent[k][0], (Integer) sent[k][1], new Payload.Icmpv6(
                    new Icmpv6Message.EchoRequest(12, k + 1, org.mip6.wire.Bytes.of(new byte[8]))));
            clock.execute(() -> mn.sendThrough(mnTunnel, p));
        }
        run(0.5);
        Map<String, Long> hc = ha.counters();
        assertEquals(List.of(1L, 2L, 0L), List.of(hc.get("multicast-from-tunnels"), hc.get("drop.MULTICAST_NOT_FORWARDED"),
                hc.getOrDefault("multicast-tunnelled", 0L)), hc.toString());
        List<Ipv6Packet> onHome = new ArrayList<>();
        for (Ipv6Packet p : captured("home")) {
            if (p.source().equals(HOA) && p.payload() instanceof Payload.Icmpv6 ic && ic.message() instanceof Icmpv6Message.EchoRequest) {
                onHome.add(p);
            }
        }
        assertEquals(1, onHome.size(), onHome.toString());
        assertEquals(List.of(global, 63, 1), List.of(onHome.get(0).destination(), onHome.get(0).hopLimit(),
                ((Icmpv6Message.EchoRequest) ((Payload.Icmpv6) onHome.get(0).payload()).message()).sequence()));
        assertEquals(List.of(), tunnelledEchoes(captured("foreign1"), global), "not back through its own tunnel");
        Tshark.check(dir.resolve("home.pcap"));
        Tshark.check(dir.resolve("foreign1.pcap"));
    }

    /** The same without multicast through the tunnels (the default): what mn sends to a group still goes onto the home link. */
    @Test
    void withoutTunnelMulticastTheMobileNodesMulticastStillGoesOntoTheHomeLink() throws Exception {
        registeredFromForeign1();
        Ipv6Address global = Ipv6Address.parse("ff0e::101");
        Ipv6Packet p = Ipv6Packet.of(HOA, global, 64, new Payload.Icmpv6(
                new Icmpv6Message.EchoRequest(12, 1, org.mip6.wire.Bytes.of(new byte[8]))));
        clock.execute(() -> mn.sendThrough(mnTunnel, p));
        run(0.5);
        assertEquals(1L, ha.counters().get("multicast-from-tunnels"), ha.counters().toString());
        assertTrue(captured("home").stream().anyMatch(q -> q.source().equals(HOA) && q.destination().equals(global)
                && q.hopLimit() == 63), "on the home link");
        Tshark.check(dir.resolve("home.pcap"));

        // ha's own upper layers joined the group on the home link: they receive it too, and answer mn's echo request
        clock.execute(() -> ha.joinGroup(0, global, true));
        Ipv6Packet again = Ipv6Packet.of(HOA, global, 1, new Payload.Icmpv6(
                new Icmpv6Message.EchoRequest(12, 2, org.mip6.wire.Bytes.of(new byte[8]))));
        clock.execute(() -> mn.sendThrough(mnTunnel, again)); // Hop Limit 1: for ha itself, not forwarded
        run(0.5);
        assertEquals(List.of(1L, 1L), List.of(ha.counters().get("multicast-from-tunnels"),
                ha.counters().get("drop.MULTICAST_NOT_FORWARDED")), ha.counters().toString());
        assertTrue(captured("foreign1").stream().anyMatch(q -> q.destination().equals(COA1)
                && (q.payload() instanceof Payload.Icmpv6 ic && ic.message() instanceof Icmpv6Message.EchoReply r && r.sequence() == 2
                || q.payload() instanceof Payload.Tunnel t && t.inner().payload() instanceof Payload.Icmpv6 ic2
                && ic2.message() instanceof Icmpv6Message.EchoReply r2 && r2.sequence() == 2)), "ha answers it, to mn");
        Tshark.check(dir.resolve("foreign1.pcap"));
    }

    /**
     * A swap (DESIGN §4): the groups stay with the node while the role is away, so multicast keeps flowing; a role with
     * multicast through the tunnels takes them over (listened to for a full interval from then, every binding asked
     * again), one without takes them off.
     */
    @Test
    @Tag("tunnel-multicast")
    void theTunnelledGroupsOutliveASwapAndARoleWithoutTunnelMulticastTakesThemOff() throws Exception {
        registeredFromForeign1();
        Ipv6Address global = Ipv6Address.parse("ff0e::101");
        tunnelledReport(4, global);
        run(0.5);
        clock.execute(() -> role.close());
        multicastOnTheHomeLink(global, 64, 1); // the role is away
        run(0.5);
        HomeAgentRole[] next = new HomeAgentRole[1];
        int queries = tunnelledQueries.size();
        long swapped = clock.nanos();
        clock.execute(() -> {
            next[0] = new HomeAgentRole(ha, cache, HomeAgentParameters.DEFAULT, List.of(), Acl.ALLOW_ALL);
            next[0].tunnelMulticast(true);
            next[0].start(new HomeAgentRole.Advertised(10, 1800));
        });
        run(0.5);
        assertEquals(java.util.Set.of(global), next[0].tunnelledGroups(HOA).keySet(), "taken over");
        assertTrue(next[0].tunnelledGroups(HOA).get(global) >= swapped + 260 * S, "for a full listening interval from then");
        assertEquals(queries + 1, tunnelledQueries.size(), "the binding asked again at once");
        multicastOnTheHomeLink(global, 64, 2);
        run(0.5);
        clock.execute(() -> {
            next[0].close();
            HomeAgentRole without = new HomeAgentRole(ha, cache, HomeAgentParameters.DEFAULT, List.of(), Acl.ALLOW_ALL);
            without.start(new HomeAgentRole.Advertised(10, 1800));
        });
        run(0.5);
        multicastOnTheHomeLink(global, 64, 3);
        run(0.5);
        assertEquals(List.of(1, 2), tunnelledEchoes(captured("foreign1"), global),
                "through the swap, and not after a role without tunnelMulticast");
        assertEquals(Map.of(), ha.tunnelledGroups(0), "taken off the node");
    }
}
