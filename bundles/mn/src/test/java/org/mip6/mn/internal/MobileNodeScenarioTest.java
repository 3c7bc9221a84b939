package org.mip6.mn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mip6.ha.internal.HomeAgentRole;
import org.mip6.ha.internal.engine.HomeAgentParameters;
import org.mip6.mn.internal.engine.MobileNodeEngine;
import org.mip6.mn.internal.engine.MobilityParameters;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.DefaultWorld;
import org.mip6.node.AddressStatus;
import org.mip6.node.GroupStatus;
import org.mip6.node.NeighborStatus;
import org.mip6.node.NodeListener;
import org.mip6.role.RoleNode;
import org.mip6.stack.internal.FrameMutator;
import org.mip6.stack.internal.StackNodeFactory;
import org.mip6.stack.internal.VirtualTimeScenario;
import org.mip6.stack.internal.engine.Tshark;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.state.internal.MemoryBindingUpdateList;
import org.mip6.state.internal.MemoryHomeAgentsList;
import org.mip6.state.internal.MemoryPendingPrefixAdvertisements;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.pcap.PcapReader;
import org.mip6.wire.pcap.PcapRecord;

/** The mobile node and the home agent roles together in the shipped world on virtual time. */
class MobileNodeScenarioTest extends VirtualTimeScenario {

    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address HA = HOME.withInterfaceId(2);
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");

    @TempDir
    Path dir;
    final StackNodeFactory nodes = new StackNodeFactory();
    final MemoryBindingCache cache = new MemoryBindingCache();
    final MemoryBindingUpdateList bul = new MemoryBindingUpdateList();
    final List<String> replies = new ArrayList<>();
    MobileNodeRole mnRole;
    HomeAgentParameters haParameters = HomeAgentParameters.DEFAULT;

    /** The handlers of the mobile node role now attached, withdrawn as its bundle's services would be. */
    final List<Runnable> withdraw = new ArrayList<>();

    void attachMobileNode(RoleNode mn) {
        attachMobileNode(mn, 11);
    }

    MobilityParameters mnParameters = MobilityParameters.DEFAULT;

    void attachMobileNode(RoleNode mn, long seed) {
        mnRole = new MobileNodeRole(mn, 0, HOME, HOA, HA, mnParameters, seed, bul);
        withdraw.addAll(ScenarioRoles.mobileNode(nodes, "mn", mnRole));
    }

    /** The home agent on ha, the mobile node on mn, and cn's echo replies recorded. */
    void attachRoles(RoleNode ha, RoleNode mn, RoleNode cn) {
        ScenarioRoles.homeAgent(nodes, ha, cache, haParameters);
        attachMobileNode(mn);
        cn.addListener(new NodeListener() {
            @Override
            public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                replies.add(from + " " + sequence);
            }
        });
    }

    @Test
    void theMobileNodeStaysReachableOnItsHomeAddressAsItMovesAndComesHome() throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        for (String l : List.of("home", "foreign1", "foreign2", "backbone")) {
            net.startCapture(l, dir.resolve(l + ".pcap"));
        }
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        RoleNode cn = nodes.roleNode("cn");
        run(5);
        clock.execute(() -> attachRoles(ha, mn, cn));
        run(1);
        assertEquals(MobileNodeEngine.State.NONE, mnRole.engine().state(), "at home: nothing to register");

        move("foreign1");
        run(5);
        MobileNodeEngine e = mnRole.engine();
        assertEquals(MobileNodeEngine.State.REGISTERED, e.state());
        assertEquals(1L, e.counter("bu.sent"));
        assertEquals(0L, e.counter("bu.retransmitted"), "the BA beats the 1.5 s timer despite the HA's 1 s DAD");
        assertEquals(Ipv6Address.parse("2001:db8:2::ff:fe00:b"), cache.get("ha", HOA).orElseThrow().careOfAddress());
        assertTrue((cache.get("ha", HOA).orElseThrow().flags() & org.mip6.wire.mh.MobilityMessage.BindingUpdate.L) != 0,
                "L: the link-local address has the home address's interface identifier (§11.7.1)");
        clock.execute(() -> cn.ping(HOA, 1, 1, 16));
        run(1);
        assertEquals(List.of(HOA + " 1"), replies, "through the home agent both ways");

        move("foreign2");
        run(5);
        assertEquals(MobileNodeEngine.State.REGISTERED, e.state());
        assertEquals(Ipv6Address.parse("2001:db8:3::ff:fe00:b"), cache.get("ha", HOA).orElseThrow().careOfAddress());
        clock.execute(() -> cn.ping(HOA, 1, 2, 16));
        run(1);
        assertEquals(List.of(HOA + " 1", HOA + " 2"), replies);

        net.stopCapture("home");
        Tshark.check(dir.resolve("home.pcap"));
        net.startCapture("home", dir.resolve("home-return.pcap"));
        move("home");
        run(5);
        assertEquals(MobileNodeEngine.State.NONE, e.state(), "deregistered");
        assertEquals(List.of(), cache.entries("ha"));
        assertTrue(mn.interfaces().get(0).addresses().stream().anyMatch(a -> a.address().equals(HOA)
                && a.state().equals("PREFERRED")), "the home address is the node's again, not a duplicate: "
                + mn.interfaces().get(0).addresses().stream().map(AddressStatus::toString).toList());
        assertTrue(mn.interfaces().get(0).addresses().stream().anyMatch(a -> a.address().equals(Ipv6Address.linkLocal(
                HOA.interfaceId())) && a.state().equals("PREFERRED")), "nor is the link-local address the home agent defended");
        clock.execute(() -> cn.ping(HOA, 1, 3, 16));
        run(1);
        assertEquals(List.of(HOA + " 1", HOA + " 2", HOA + " 3"), replies, "plain IPv6 at home");
        net.stopCapture("home");
        // §11.5.5: until the deregistration is acknowledged ha defends the home address, so mn may not solicit from
        // it; it knows ha's link-layer address from ha's RA (Source Link-Layer Address, R prefix holding HA)
        List<String> returning = new ArrayList<>();
        boolean acknowledged = false;
        for (Ipv6Packet p : packets("home-return.pcap")) {
            if (p.payload() instanceof Payload.Mobility m && m.message() instanceof MobilityMessage.BindingAcknowledgement) {
                acknowledged = true;
                break;
            } else if (p.payload() instanceof Payload.Icmpv6 i
                    && i.message() instanceof Icmpv6Message.NeighborSolicitation ns && p.source().equals(HOA)) {
                returning.add("NS for " + ns.target() + " from the home address");
            }
        }
        assertTrue(acknowledged, "the deregistration acknowledged on the home link");
        assertEquals(List.of(), returning);
        // §11.5.5: ha's entry is REACHABLE, however learnt, so no NUD probe follows the deregistration (RFC 4861
        // §7.3.3 would have sent one DELAY_FIRST_PROBE_TIME after the BU had the entry been left STALE)
        assertEquals(List.of("REACHABLE"), mn.neighbors().stream().filter(n -> n.address().equals(HA))
                .map(NeighborStatus::state).toList());
        List<String> probes = new ArrayList<>();
        for (Ipv6Packet p : packets("home-return.pcap")) {
            if (p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.NeighborSolicitation ns
                    && ns.target().equals(HA) && p.destination().equals(HA)) {
                probes.add("unicast NS for ha from " + p.source());
            }
        }
        assertEquals(List.of(), probes);

        Tshark.check(dir.resolve("home-return.pcap"));
        for (String l : List.of("foreign1", "foreign2", "backbone")) {
            net.stopCapture(l);
            Tshark.check(dir.resolve(l + ".pcap"));
        }
    }

    /**
     * RFC 6275 §9.5.5 and §11.7.4: a binding that carried traffic is asked to refresh (here at 50 % of its
     * lifetime, before the mobile node's own refresh at the Binding Refresh Advice's 80 %); the Binding
     * Refresh Request goes to the home address without a Type 2 Routing Header (§6.1: only a BA may carry
     * one), so the home agent's tunnel carries it, and the mobile node answers with a Binding Update.
     */
    @Test
    void aBindingInUseIsAskedToRefreshThroughTheTunnelAndTheMobileNodeAnswers() throws Exception {
        haParameters = new HomeAgentParameters(3600, 80, 50, true, 10);
        DefaultWorld.create(net, nodes, 9, Duration.ofSeconds(3), Duration.ofSeconds(10));
        RoleNode cn = nodes.roleNode("cn");
        run(5);
        clock.execute(() -> attachRoles(nodes.roleNode("ha"), nodes.roleNode("mn"), cn));
        run(1);
        move("foreign1");
        run(5);
        MobileNodeEngine e = mnRole.engine();
        assertEquals(MobileNodeEngine.State.REGISTERED, e.state());
        int registered = cache.get("ha", HOA).orElseThrow().sequence();
        net.startCapture("foreign1", dir.resolve("foreign1.pcap"));
        clock.execute(() -> cn.ping(HOA, 1, 1, 16)); // traffic through the tunnel: the binding is in use
        run(1);
        assertEquals(List.of(HOA + " 1"), replies);
        assertEquals(0L, e.counter("brr.received"));

        run(300); // past half of the 600 s granted, before the mobile node's own refresh at 480 s
        assertEquals(1L, e.counter("brr.received"));
        assertEquals((registered + 1) & 0xffff, cache.get("ha", HOA).orElseThrow().sequence(), "refreshed by the BU it answered with");
        net.stopCapture("foreign1");
        int brrs = 0;
        for (Ipv6Packet p : packets("foreign1.pcap")) {
            if (p.payload() instanceof Payload.Tunnel t && t.inner().payload() instanceof Payload.Mobility m
                    && m.message() instanceof MobilityMessage.BindingRefreshRequest) {
                assertEquals(List.of(HA, Ipv6Address.parse("2001:db8:2::ff:fe00:b")), List.of(p.source(), p.destination()));
                assertEquals(List.of(HA, HOA), List.of(t.inner().source(), t.inner().destination()));
                assertEquals(List.of(), t.inner().extensionHeaders(), "no Type 2 Routing Header on a BRR (§6.1)");
                brrs++;
            }
        }
        assertEquals(1, brrs);
        Tshark.check(dir.resolve("foreign1.pcap"));
    }

    /**
     * RFC 6275 §11.7.3: a home agent that refused the registration for a reason no other care-of address corrects
     * (here 133, not the home agent for this mobile node; the IPv6 Ready MN test ReceivingBA132 has 132) gets no
     * Binding Update again, on the next movement either; mn looks for another by DHAAD (which lists only ha, left
     * out) and stays unregistered. The refusal is recorded in the binding update list (the `state` bundle), so a
     * role that replaces this one (its bundle updated) sends ha nothing either.
     */
    @Test
    void aHomeAgentThatRefusedForGoodGetsNoBindingUpdateAgain() throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        net.startCapture("home", dir.resolve("home.pcap"));
        run(5);
        clock.execute(() -> {
            RoleNode ha = nodes.roleNode("ha");
            ScenarioRoles.homeAgent(nodes, ha, cache, haParameters, r -> 133);
            org.mip6.dhaad.internal.DhaadRole dhaad = new org.mip6.dhaad.internal.DhaadRole(ha,
                    homeAgents, new MemoryPendingPrefixAdvertisements(), cache, List.of(), 0, false, false,
                    org.mip6.dhaad.internal.engine.PrefixAdvertisementIntervals.DEFAULT);
            dhaad.start();
            for (int t : org.mip6.dhaad.internal.DhaadRole.TYPES) {
                nodes.register(dhaad.handler(), Map.of(RoleNode.NODE, "ha", org.mip6.role.Icmpv6Handler.ICMPV6_TYPE, t));
            }
            attachMobileNode(nodes.roleNode("mn"));
        });
        run(1);
        move("foreign1");
        run(8);
        move("foreign2");
        run(8);
        move("foreign1");
        run(8);
        clock.execute(() -> { // the role replaced (its bundle updated): the list remembers
            withdraw.forEach(Runnable::run);
            withdraw.clear();
            mnRole.close();
            attachMobileNode(nodes.roleNode("mn"));
        });
        run(1);
        move("foreign2");
        run(8);
        net.stopCapture("home");
        int bindingUpdates = 0;
        int dhaadRequests = 0;
        int dhaadReplies = 0;
        for (Ipv6Packet p : packets("home.pcap")) {
            if (p.destination().equals(HA) && p.payload() instanceof Payload.Mobility m
                    && m.message() instanceof MobilityMessage.BindingUpdate) {
                bindingUpdates++;
            } else if (p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.DhaadRequest) {
                dhaadRequests++;
            } else if (p.payload() instanceof Payload.Icmpv6 i && i.message() instanceof Icmpv6Message.DhaadReply) {
                dhaadReplies++;
            }
        }
        assertEquals(1, bindingUpdates, "the one ha refused, none after it");
        assertTrue(dhaadReplies >= 4, "ha answered each, listing itself");
        assertTrue(dhaadRequests >= 4, "mn looked for another home agent after each movement: " + dhaadRequests + " " + mnRole.counters());
        assertEquals(1L, mnRole.counters().get("ha.refused"));
        assertEquals(List.of(), bul.entries("mn"));
        Tshark.check(dir.resolve("home.pcap"));
    }

    /**
     * RFC 6275 §11.1: the refusal is recorded in the refused Binding Update's list entry, which lives as long as
     * that BU asked (600 s) and is then deleted: mn sends ha nothing before, and tries its configured home agent
     * again after (with no DHAAD answering here), so a refusal forged where the signalling has no IPsec does not
     * bar the home agent for ever. Here ha refuses the first BU only.
     */
    @Test
    void aRefusalLastsAsLongAsTheRefusedBindingUpdateAskedAndNoLonger() throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        run(5);
        int[] asked = {0};
        clock.execute(() -> {
            ScenarioRoles.homeAgent(nodes, nodes.roleNode("ha"), cache, haParameters, r -> asked[0]++ == 0 ? 133 : 0);
            attachMobileNode(nodes.roleNode("mn"));
        });
        run(1);
        move("foreign1");
        run(10);
        long refusedAt = clock.nanos();
        assertEquals(1, asked[0], "ha asked about the first BU: " + mnRole.counters());
        assertEquals(1L, mnRole.counters().get("ha.refused"));
        run(580);
        assertEquals(1, asked[0], "no BU to ha while the refusal's entry lives: " + mnRole.counters());
        assertTrue(mnRole.engine() == null || mnRole.engine().state() != MobileNodeEngine.State.REGISTERED);
        while ((mnRole.engine() == null || mnRole.engine().state() != MobileNodeEngine.State.REGISTERED)
                && clock.nanos() < refusedAt + 800 * S) {
            run(1);
        }
        assertTrue(mnRole.engine() != null && mnRole.engine().state() == MobileNodeEngine.State.REGISTERED,
                "registered again after the entry's lifetime: " + mnRole.counters());
        assertEquals(HA, mnRole.engine().homeAgent());
        assertTrue(clock.nanos() - refusedAt >= 590 * S, "not before the entry's 600 s: " + (clock.nanos() - refusedAt) / S);
        assertEquals(0L, mnRole.counters().get("ha.refused"), "the record went with its entry");
    }

    /** The IPv6 packets of capture {@code file} (under the test's directory), in order; frames without one left out. */
    List<Ipv6Packet> packets(String file) throws Exception {
        List<Ipv6Packet> out = new ArrayList<>();
        for (PcapRecord r : PcapReader.readAll(dir.resolve(file))) {
            Ipv6Packet p = PacketCodec.decodeEthernet(r.data(), 0, r.data().length).packet();
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** The shipped world with both roles attached, mn registered from foreign1 (cn's echo replies recorded). */
    void registeredFromForeign1() {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        run(5);
        clock.execute(() -> attachRoles(nodes.roleNode("ha"), nodes.roleNode("mn"), nodes.roleNode("cn")));
        run(1);
        move("foreign1");
        run(5);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
    }

    /**
     * RFC 6275 §11.3.1 while the role is being replaced: its reverse tunnelling is a route by source address in
     * the node's data path (as the home agent's tunnel and proxy entries are), so what mn sends from its home
     * address meanwhile still goes through the tunnel to ha, never from the home address on the foreign link
     * (where ingress filtering would drop it). It shows among mn's routes; returning home takes it away.
     */
    @Test
    void whileTheRoleIsAwayWhatMnSendsFromItsHomeAddressStillGoesThroughTheTunnel() throws Exception {
        registeredFromForeign1();
        RoleNode mn = nodes.roleNode("mn");
        RoleNode ha = nodes.roleNode("ha");
        RoleNode cn = nodes.roleNode("cn");
        net.startCapture("foreign1", dir.resolve("foreign1.pcap"));
        org.mip6.node.RouteStatus reverse = mn.routes().stream().filter(r -> HOA.equals(r.source())).findFirst().orElseThrow(
                () -> new AssertionError("a route from the home address: " + mn.routes()));
        assertEquals(org.mip6.node.RouteStatus.TUNNEL, reverse.origin());
        assertEquals(Ipv6Prefix.parse("::/0"), reverse.prefix());
        assertEquals(HA, reverse.nextHop());
        clock.execute(() -> { // the role's handlers withdrawn, as while its bundle is updated
            withdraw.forEach(Runnable::run);
            withdraw.clear();
        });
        long before = ha.counters().get("decapsulated");
        clock.execute(() -> cn.ping(HOA, 1, 1, 16));
        run(1);
        assertEquals(List.of(HOA + " 1"), replies, "mn " + mn.counters());
        assertEquals(before + 1, ha.counters().get("decapsulated"), "the reply came out of the tunnel at ha");
        net.stopCapture("foreign1");
        for (Ipv6Packet p : packets("foreign1.pcap")) {
            assertTrue(!p.source().equals(HOA), "nothing from the home address on foreign1: " + p);
        }
        clock.execute(() -> {
            mnRole.close();
            attachMobileNode(mn);
        });
        move("home");
        run(5);
        assertEquals(MobileNodeEngine.State.NONE, mnRole.engine().state(), "deregistered");
        assertTrue(mn.routes().stream().noneMatch(r -> r.source() != null), "at home: no route by source " + mn.routes());
    }

    /**
     * RFC 4861 §6.3.4: an RA's Cur Hop Limit is the Hop Limit of what the host originates, its mobile node role's
     * signalling too. A second router on foreign1 advertises 33 (Router Lifetime 0: no default router); ha's Binding
     * Refresh Request, tunnelled to the care-of address, comes next, and mn's Binding Update answering it leaves with
     * Hop Limit 33 (before the change the role put 64 in every message it sent).
     */
    @Test
    void theMobileNodesSignallingTakesTheHopLimitItsLinksRouterAdvertised() throws Exception {
        registeredFromForeign1();
        RoleNode mn = nodes.roleNode("mn");
        Ipv6Address coa = cache.get("ha", HOA).orElseThrow().careOfAddress();
        int registered = cache.get("ha", HOA).orElseThrow().sequence();
        org.mip6.net.MacAddress other = org.mip6.net.MacAddress.parse("02:00:00:00:00:77");
        org.mip6.net.MacAddress router = nodes.roleNode("ar-f1").interfaces().stream().filter(i -> "foreign1".equals(i.link()))
                .findFirst().orElseThrow().mac();
        Ipv6Packet ra = Ipv6Packet.of(Ipv6Address.parse("fe80::77"), Ipv6Address.ALL_NODES, 255, new Payload.Icmpv6(
                new org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement(33, 0, 0, 0, 0, List.of())));
        Ipv6Packet brr = Ipv6Packet.of(HA, coa, 63, new Payload.Tunnel(Ipv6Packet.of(HA, HOA, 64,
                new Payload.Mobility(new MobilityMessage.BindingRefreshRequest()))));
        net.startCapture("foreign1", dir.resolve("foreign1.pcap"));
        clock.execute(() -> {
            net.link("foreign1").inject(PacketCodec.encodeEthernet(org.mip6.wire.EthernetFrame.ipv6(
                    org.mip6.net.MacAddress.ofMulticast(Ipv6Address.ALL_NODES), other, ra)));
            net.link("foreign1").inject(PacketCodec.encodeEthernet(org.mip6.wire.EthernetFrame.ipv6(
                    mn.interfaces().get(0).mac(), router, brr)));
        });
        run(1);
        net.stopCapture("foreign1");
        assertEquals(1L, mnRole.engine().counter("brr.received"));
        assertEquals((registered + 1) & 0xffff, cache.get("ha", HOA).orElseThrow().sequence(), "the BU answering it");
        List<Integer> hopLimits = new ArrayList<>();
        for (Ipv6Packet p : packets("foreign1.pcap")) {
            if (p.source().equals(coa) && p.payload() instanceof Payload.Mobility m && m.message() instanceof MobilityMessage.BindingUpdate) {
                hopLimits.add(p.hopLimit());
            }
        }
        assertEquals(List.of(33), hopLimits, "the Binding Update's Hop Limit");
    }

    /**
     * A second router on the foreign link advertises a ULA prefix with Router Lifetime 0 (as home routers
     * do; here the shape of an RA in tcpdump's test captures): mn autoconfigures an address on it but keeps
     * its care-of address and binding, and traffic to its home address goes on.
     */
    @Test
    void aPrefixFromARouterThatIsNoDefaultRouterIsNoNewLink() throws Exception {
        registeredFromForeign1();
        Ipv6Address coa = cache.get("ha", HOA).orElseThrow().careOfAddress();
        org.mip6.net.MacAddress mac = org.mip6.net.MacAddress.parse("14:cf:92:87:23:d6");
        Ipv6Prefix ula = Ipv6Prefix.parse("fd8d:4fb3:5b2e::/64");
        Ipv6Packet ra = Ipv6Packet.of(Ipv6Address.parse("fe80::16cf:92ff:fe87:23d6"), Ipv6Address.ALL_NODES, 255,
                new Payload.Icmpv6(new org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement(64, 0, 0, 0, 0, List.of(
                        new org.mip6.wire.icmp.NdOption.SourceLinkLayerAddress(mac),
                        org.mip6.wire.icmp.NdOption.PrefixInformation.of(ula, true, true, 86400, 14400)))));
        net.link("foreign1").inject(PacketCodec.encodeEthernet(org.mip6.wire.EthernetFrame.ipv6(
                org.mip6.net.MacAddress.ofMulticast(Ipv6Address.ALL_NODES), mac, ra)));
        run(5);
        RoleNode mn = nodes.roleNode("mn");
        assertTrue(mn.interfaces().get(0).addresses().stream().anyMatch(a -> ula.contains(a.address())),
                "SLAAC still forms its address (RFC 4862)");
        assertEquals(1L, mnRole.counters().get("movement.not-default-router"));
        assertEquals(coa, cache.get("ha", HOA).orElseThrow().careOfAddress(), "the binding stays");
        clock.execute(() -> nodes.roleNode("cn").ping(HOA, 1, 7, 16));
        run(1);
        assertEquals(List.of(HOA + " 7"), replies);
    }

    /**
     * RFC 8201 through the reverse tunnel: a router beyond ha (on cn's side) answers mn's packet to cn with
     * Packet Too Big 1,280, which reaches mn's home address through ha's tunnel (RFC 2473 §8); mn's next
     * packets to cn leave in fragments of at most 1,280 octets, each tunnelled, instead of whole packets the
     * same router would refuse again.
     */
    @Test
    void aPathMtuRelayedThroughTheTunnelHoldsTheMobileNodesOwnPackets() throws Exception {
        registeredFromForeign1();
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        Ipv6Address cnAddress = Ipv6Address.parse("2001:db8:4::ff:fe00:9");
        Ipv6Address router = Ipv6Address.parse("2001:db8:4::1");
        List<String> atMn = new ArrayList<>();
        clock.execute(() -> mn.addListener(new NodeListener() {
            @Override
            public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                atMn.add(from + " " + sequence);
            }
        }));
        byte[] refused = PacketCodec.encode(Ipv6Packet.of(HOA, cnAddress, 64, new Payload.Icmpv6(
                new Icmpv6Message.EchoRequest(9, 1, org.mip6.wire.Bytes.of(new byte[1400])))));
        Ipv6Packet ptb = Ipv6Packet.of(router, HOA, 60, new Payload.Icmpv6(new Icmpv6Message.PacketTooBig(1280,
                org.mip6.wire.Bytes.copyOf(refused, 0, 1280 - 48))));
        clock.execute(() -> net.link("home").inject(PacketCodec.encodeEthernet(org.mip6.wire.EthernetFrame.ipv6(
                ha.interfaces().get(0).mac(), org.mip6.net.MacAddress.parse("02:00:00:00:00:99"), ptb))));
        run(1);
        net.startCapture("foreign1", dir.resolve("foreign1.pcap"));
        clock.execute(() -> mn.ping(cnAddress, 9, 2, 1400));
        run(1);
        net.stopCapture("foreign1");
        assertEquals(List.of(cnAddress + " 2"), atMn);
        List<Integer> innerFragments = new ArrayList<>();
        for (Ipv6Packet p : packets("foreign1.pcap")) {
            if (p.source().equals(mnRole.engine().careOfAddress()) && p.payload() instanceof Payload.Tunnel t
                    && t.inner().destination().equals(cnAddress)) {
                assertTrue(t.inner().extensionHeaders().stream().anyMatch(h -> h instanceof ExtensionHeader.Fragment),
                        "a fragment of the echo request: " + t.inner());
                innerFragments.add(PacketCodec.encodedLength(t.inner()));
            }
        }
        assertEquals(2, innerFragments.size(), innerFragments.toString());
        assertTrue(innerFragments.stream().allMatch(n -> n <= 1280), innerFragments.toString());
        Tshark.check(dir.resolve("foreign1.pcap"));
    }

    /**
     * Packets longer than the tunnel, both ways (RFC 2473 §7.1, RFC 8200 §4.5, RFC 8201): cn's first
     * 1,500-octet echo request to the home address meets ha's tunnel, 40 octets short, and is answered
     * with Packet Too Big 1,460; cn's next one leaves in fragments that fit, ha tunnels each, mn
     * reassembles them out of the tunnel; mn's 1,500-octet reply does not fit its reverse tunnel's link
     * once encapsulated, so the tunnel packet leaves in fragments and ha reassembles it before
     * decapsulating.
     */
    @Test
    void packetsLongerThanTheTunnelGetThroughBothWays() throws Exception {
        registeredFromForeign1();
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        RoleNode cn = nodes.roleNode("cn");
        for (String l : List.of("foreign1", "backbone")) {
            net.startCapture(l, dir.resolve(l + ".pcap"));
        }
        clock.execute(() -> cn.ping(HOA, 1, 1, 1500 - 48));
        run(1);
        assertEquals(List.of(), replies, "lost at the tunnel's entry");
        assertEquals(1L, ha.counters().get("drop.TOO_BIG"), ha.counters().toString());
        clock.execute(() -> cn.ping(HOA, 1, 2, 1500 - 48));
        run(1);
        assertEquals(List.of(HOA + " 2"), replies);
        assertEquals(1L, cn.counters().get("fragmented"), "the request, to the Path MTU learnt");
        assertEquals(1L, mn.counters().get("reassembled"), "the request, out of the tunnel");
        assertEquals(1L, mn.counters().get("fragmented"), "the reply's tunnel packet");
        assertEquals(1L, ha.counters().get("reassembled"), "the tunnel packet");
        for (String l : List.of("foreign1", "backbone")) {
            net.stopCapture(l);
            Tshark.check(dir.resolve(l + ".pcap"));
        }
    }

    /**
     * The shipped world with the roles attached at mn's home (ha without a DHAAD role, so nothing answers
     * a Mobile Prefix Solicitation); each solicitation ha receives is recorded as {@code seen} tells.
     */
    List<String> recordingSolicitationsAtHa(
            java.util.function.BiFunction<org.mip6.role.ReceivedPacket, org.mip6.wire.icmp.Icmpv6Message, String> seen) {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        RoleNode ha = nodes.roleNode("ha");
        run(5);
        List<String> solicitations = new ArrayList<>();
        clock.execute(() -> {
            attachRoles(ha, nodes.roleNode("mn"), nodes.roleNode("cn"));
            nodes.register((org.mip6.role.Icmpv6Handler) (p, m) -> solicitations.add(seen.apply(p, m)),
                    Map.of(RoleNode.NODE, "ha", org.mip6.role.Icmpv6Handler.ICMPV6_TYPE, 146));
        });
        run(1);
        return solicitations;
    }

    /**
     * RFC 6275 §10.3.1 and §11.7.3: a binding granted longer than the home prefix's preferred lifetime
     * (ha's prefixes: preferred 4 h, valid 1 day) is accepted with status 1, prefix discovery necessary;
     * mn registers as with status 0 and solicits its home prefixes.
     */
    @Test
    void aBindingOutlivingTheHomePrefixsPreferredLifetimeIsAcceptedWithStatus1AndMnSolicits() throws Exception {
        haParameters = new HomeAgentParameters(HomeAgentParameters.MAX_LIFETIME, 80, 90, true, 10);
        mnParameters = new MobilityParameters(1_500_000_000L, S, 32 * S, 3, 20_000, 80);
        List<String> solicitations = recordingSolicitationsAtHa((p, m) -> p.source().toString());
        net.startCapture("foreign1", dir.resolve("foreign1.pcap"));
        move("foreign1");
        run(5);
        MobileNodeEngine e = mnRole.engine();
        assertEquals(MobileNodeEngine.State.REGISTERED, e.state());
        assertEquals(1L, e.counter("ba.accepted"));
        assertEquals(1L, e.counter("ba.1-prefix-discovery"));
        assertEquals(20_000, cache.get("ha", HOA).orElseThrow().lifetimeSeconds(), "granted as asked");
        assertTrue(!solicitations.isEmpty() && solicitations.stream().allMatch(HOA.toString()::equals),
                "Mobile Prefix Solicitations from the home address: " + solicitations);
        net.stopCapture("foreign1");
        List<Integer> statuses = new ArrayList<>();
        for (Ipv6Packet p : packets("foreign1.pcap")) {
            if (p.payload() instanceof Payload.Mobility m
                    && m.message() instanceof MobilityMessage.BindingAcknowledgement ba) {
                statuses.add(ba.status());
                assertEquals(5000, ba.lifetime(), "20,000 s in 4 s units");
            }
        }
        assertEquals(List.of(1), statuses);
        Tshark.check(dir.resolve("foreign1.pcap"));
    }

    /**
     * RFC 6275 §11.4.2: registered without knowing its home prefix's lifetime, mn solicits; a home agent
     * that never answers (no DHAAD role on ha here) gets the same solicitation again after
     * INITIAL_SOLICIT_TIMER (3 s) and then after each wait doubled, until the wait reaches
     * MAX_BINDACK_TIMEOUT (32 s); then no more.
     */
    @Test
    void anUnansweredPrefixSolicitationIsSentAgainWithEachWaitDoubled() throws Exception {
        List<String> solicitations = recordingSolicitationsAtHa((p, m) -> clock.nanos() / S + " "
                + ((org.mip6.wire.icmp.Icmpv6Message.MobilePrefixSolicitation) m).identifier() + " " + p.source());
        move("foreign1");
        run(200);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        assertEquals(5, solicitations.size(), solicitations.toString());
        long t0 = Long.parseLong(solicitations.get(0).split(" ")[0]);
        String id = solicitations.get(0).split(" ")[1];
        assertEquals(List.of(0L, 3L, 9L, 21L, 45L), solicitations.stream().map(x -> Long.parseLong(x.split(" ")[0]) - t0).toList());
        assertTrue(solicitations.stream().allMatch(x -> x.endsWith(" " + id + " " + HOA)),
                "the same Identifier, from the home address (HAO): " + solicitations);
        assertEquals(4L, mnRole.counters().get("mps.retransmitted"));
        assertEquals(5L, mnRole.counters().get("mps.sent"));
    }

    @Test
    void movedBeforeItsHomeAddressWasEvenReadyAndPingedAtOnceAfterTheAcknowledgement() throws Exception {
        DefaultWorld.create(net, nodes, 12, Duration.ofSeconds(3), Duration.ofSeconds(10));
        for (String l : List.of("home", "foreign1", "backbone", "cn-link")) {
            net.startCapture(l, dir.resolve(l + ".pcap"));
        }
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        RoleNode cn = nodes.roleNode("cn");
        clock.execute(() -> attachRoles(ha, mn, cn));
        run(1.6);
        move("foreign1");
        while (mnRole.engine().state() != MobileNodeEngine.State.REGISTERED && clock.nanos() < 20 * S) {
            run(0.01);
        }
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        clock.execute(() -> cn.ping(HOA, 1, 1, 16));
        run(0.1);
        clock.execute(() -> cn.ping(HOA, 1, 2, 16));
        run(0.1);
        clock.execute(() -> cn.ping(HOA, 1, 3, 16));
        run(1);
        assertEquals(List.of(HOA + " 1", HOA + " 2", HOA + " 3"), replies, "ha " + ha.counters() + " mn " + mn.counters());

        // the role replaced while away (its bundle updated): the new one goes on from the list, no BU, no return home
        clock.execute(() -> {
            withdraw.forEach(Runnable::run);
            withdraw.clear();
            mnRole.close();
            attachMobileNode(mn);
        });
        run(0.1);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        assertEquals(0L, mnRole.engine().counter("bu.sent"), "nothing to send: the registration stands");
        clock.execute(() -> cn.ping(HOA, 1, 4, 16));
        run(1);
        assertEquals(4, replies.size(), replies.toString());
        for (String l : List.of("home", "foreign1", "backbone", "cn-link")) {
            net.stopCapture(l);
            Tshark.check(dir.resolve(l + ".pcap"));
        }
    }

    /** A seed whose first BU number is newer (or not) than {@code last} modulo 2^16. */
    static long seedFor(int last, boolean newer) {
        for (long seed = 1; ; seed++) {
            int first = (new java.util.SplittableRandom(seed).nextInt(0x10000) + 1) & 0xffff;
            int d = (first - last) & 0xffff;
            if ((d != 0 && d < 0x8000) == newer) {
                return seed;
            }
        }
    }

    @Test
    void aRestartedMobileNodeRegistersAgainAtOnceOrThroughOne135() throws Exception {
        registeredFromForeign1();
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        RoleNode cn = nodes.roleNode("cn");
        for (boolean newer : new boolean[] {false, true}) {
            int last = cache.get("ha", HOA).orElseThrow().sequence();
            long seed = seedFor(last, newer);
            clock.execute(() -> { // the node restarts: its role and its binding update list are gone
                withdraw.forEach(Runnable::run);
                withdraw.clear();
                mnRole.close();
                bul.clear("mn");
                attachMobileNode(mn, seed);
            });
            run(2);
            MobileNodeEngine e = mnRole.engine();
            assertEquals(MobileNodeEngine.State.REGISTERED, e.state(), "newer " + newer);
            assertEquals(newer ? 1L : 2L, e.counter("bu.sent"), "newer " + newer + ": " + e.counters());
            assertEquals(newer ? 0L : 1L, e.counter("ba.135-resynchronised"));
        }
    }

    final MemoryHomeAgentsList homeAgents = new MemoryHomeAgentsList();

    /** The HA and DHAAD roles on ha, a mobile node without a configured home agent on mn. */
    void dhaadWorld() throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        net.startCapture("foreign1", dir.resolve("foreign1.pcap"));
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        run(5);
        clock.execute(() -> {
            HomeAgentRole role = ScenarioRoles.homeAgent(nodes, ha, cache);
            org.mip6.dhaad.internal.DhaadRole dhaad = new org.mip6.dhaad.internal.DhaadRole(ha,
                    homeAgents, new MemoryPendingPrefixAdvertisements(), cache, List.of(), 0, false, false,
                    org.mip6.dhaad.internal.engine.PrefixAdvertisementIntervals.DEFAULT);
            dhaad.start();
            for (int t : org.mip6.dhaad.internal.DhaadRole.TYPES) {
                nodes.register(dhaad.handler(), Map.of(RoleNode.NODE, "ha", org.mip6.role.Icmpv6Handler.ICMPV6_TYPE, t));
            }
            mnRole = new MobileNodeRole(mn, 0, HOME, HOA, null, MobilityParameters.DEFAULT, 11, bul);
            ScenarioRoles.mobileNode(nodes, "mn", mnRole);
        });
        run(1);
    }

    /**
     * Days of the home link with DHAAD on virtual time ({@code -Dmip6.soak.hours}, 240 by default): mn, with no home
     * agent configured, finds ha by DHAAD, learns its home prefix's lifetime from Mobile Prefix Advertisements and
     * asks again before it ends (§11.4.2: the home prefix's valid lifetime is a day here), while it moves on after 5
     * minutes and after 20 minutes in turn (foreign1, foreign2, home, foreign2, ...) and cn pings its home address
     * every 30 s from 20 s after each move. Every echo is answered; ha's home agents list keeps its one entry; the
     * state stays bounded; nothing throws.
     */
    @Test
    void daysOfMovesWithDhaadAndMobilePrefixesKeepTheHomeAddressReachable() throws Exception {
        dhaadWorld();
        RoleNode cn = nodes.roleNode("cn");
        cn.addListener(new NodeListener() {
            @Override
            public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                replies.add(from + " " + sequence);
            }
        });
        long failuresBefore = clock.taskFailures();
        int[] seq = {0};
        List<String> lost = soak(240, List.of("foreign1", "foreign2", "home", "foreign2"), () -> {
            int before = replies.size();
            int s = ++seq[0] & 0xffff; // the Sequence Number is 16 bits (RFC 4443 §4.1)
            clock.execute(() -> cn.ping(HOA, 42, s, 16));
            run(2);
            return replies.size() > before;
        }, m -> assertTrue(cache.entries("ha").size() <= 1 && bul.entries("mn").size() <= 1 && homeAgents.entries("ha").size() == 1,
                "after move " + m + ": ha " + cache.entries("ha") + ", mn " + bul.entries("mn") + ", ha's list " + homeAgents.entries("ha")));
        Map<String, Long> c = mnRole.counters();
        assertEquals(List.of(), lost, replies.size() + " answered; " + c);
        assertEquals(failuresBefore, clock.taskFailures(), "a scheduler task threw (see the log)");
        for (String n : List.of("ha", "mn", "cn")) {
            assertEquals(0L, nodes.roleNode(n).counters().getOrDefault("role.errors", 0L), n + ": a role's handler threw");
        }
        assertTrue(c.get("mpa.solicited") > clock.nanos() / (24 * 3600 * S), "the home prefix asked for again before each day ends: " + c);
        assertEquals(0L, c.get("mpa.home-prefix-gone"), c.toString());
        assertEquals(0L, c.get("bu.lifetime-capped"), "no BU asked less than its lifetime: " + c);
        assertEquals(1L, c.get("dhaad.requests"), "DHAAD once: ha stays where it was found " + c);
    }

    /**
     * A discovery that gave up (DHAAD_RETRIES retransmissions unanswered: ha does not answer DHAAD yet) starts over
     * while mn is away with no home agent, so that a home agent that answers later is found without mn moving
     * (the home-link fuzz sweep's seed 37117 left mn unregistered on its link for good).
     */
    @Test
    void aDiscoveryThatGaveUpStartsOverAndFindsAHomeAgentThatAnswersLater() throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        run(5);
        org.mip6.dhaad.internal.DhaadRole[] dhaad = new org.mip6.dhaad.internal.DhaadRole[1];
        clock.execute(() -> {
            ScenarioRoles.homeAgent(nodes, ha, cache);
            dhaad[0] = new org.mip6.dhaad.internal.DhaadRole(ha, homeAgents, new MemoryPendingPrefixAdvertisements(), cache,
                    List.of(), 0, false, false,
                    org.mip6.dhaad.internal.engine.PrefixAdvertisementIntervals.DEFAULT);
            dhaad[0].start();
            mnRole = new MobileNodeRole(mn, 0, HOME, HOA, null, MobilityParameters.DEFAULT, 11, bul);
            ScenarioRoles.mobileNode(nodes, "mn", mnRole);
        });
        run(1);
        move("foreign1");
        run(120); // 3 + 6 + 12 + 24 + 48 s: the first discovery gives up
        assertEquals(1L, mnRole.counters().get("dhaad.failures"), mnRole.counters().toString());
        assertEquals(null, mnRole.engine());
        clock.execute(() -> {
            for (int t : org.mip6.dhaad.internal.DhaadRole.TYPES) {
                nodes.register(dhaad[0].handler(), Map.of(RoleNode.NODE, "ha", org.mip6.role.Icmpv6Handler.ICMPV6_TYPE, t));
            }
        });
        run(100);
        assertTrue(mnRole.engine() != null && mnRole.engine().state() == MobileNodeEngine.State.REGISTERED,
                "found and registered without moving: " + mnRole.counters());
        assertEquals(HA, mnRole.engine().homeAgent());
    }

    @Test
    void withoutAConfiguredHomeAgentTheMobileNodeFindsOneByDhaad() throws Exception {
        dhaadWorld();
        move("foreign1");
        run(6);
        assertEquals(1L, mnRole.counters().get("dhaad.requests"), mnRole.counters().toString());
        assertEquals(HA, mnRole.engine().homeAgent(), "the home agent from the DHAAD Reply");
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        assertEquals(Ipv6Address.parse("2001:db8:2::ff:fe00:b"), cache.get("ha", HOA).orElseThrow().careOfAddress());
        // registered without knowing the home prefix's lifetime: one solicitation, its advertisement via RH2
        assertEquals(1L, mnRole.counters().get("mps.sent"), mnRole.counters().toString());
        assertEquals(1L, mnRole.counters().get("mpa.accepted"), mnRole.counters().toString());
        assertEquals(1L, mnRole.counters().get("mpa.solicited"), "the home agent's answer carries our Identifier (§6.8)");
        assertEquals(0L, mnRole.counters().get("mpa.ignored"));
        // an advertisement that does not come through the home agent is not believed (§11.4.3)
        RoleNode cn = nodes.roleNode("cn");
        clock.execute(() -> cn.send(org.mip6.wire.Ipv6Packet.of(Ipv6Address.UNSPECIFIED,
                Ipv6Address.parse("2001:db8:2::ff:fe00:b"), 64, new org.mip6.wire.Payload.Icmpv6(
                new org.mip6.wire.icmp.Icmpv6Message.MobilePrefixAdvertisement(9, false, false, List.of())))));
        run(1);
        assertEquals(1L, mnRole.counters().get("mpa.ignored"));
        assertEquals(1L, mnRole.counters().get("mpa.accepted"));
        net.stopCapture("foreign1");
        Tshark.check(dir.resolve("foreign1.pcap"));
    }

    /**
     * RFC 6275 §11.7.1: a Binding Update asks no longer a lifetime than the home address has left. A stay at home
     * of more than a day outlasts what the Mobile Prefix Advertisement said (the home prefix's Valid Lifetime, a
     * day), while the home link's RAs kept the home address valid there (RFC 4862 §5.5.3): the first BU away asks its
     * whole lifetime, as it did before the stay. Before the node took that from the RAs, the first BU asked 4 s.
     */
    @Test
    void afterMoreThanADayAtHomeTheFirstBindingUpdateAwayAsksItsWholeLifetime() throws Exception {
        dhaadWorld();
        net.stopCapture("foreign1"); // a day of RAs
        move("foreign1");
        run(6);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        assertEquals(1L, mnRole.counters().get("mpa.accepted"), "the home prefix's lifetime learned away");
        move("home");
        run(26 * 3600);
        move("foreign2");
        long left = clock.nanos();
        while (mnRole.engine().state() != MobileNodeEngine.State.REGISTERED && clock.nanos() < left + 10 * S) {
            run(0.01);
        }
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        assertEquals(MobilityParameters.DEFAULT.lifetimeSeconds(), cache.get("ha", HOA).orElseThrow().lifetimeSeconds(),
                "the first registration away: " + mnRole.counters());
        assertEquals(0L, mnRole.counters().get("bu.lifetime-capped"), mnRole.counters().toString());
    }

    /** The seeds {@link #mutatedFramesAroundTheHomeLinkBreakNothing} runs with ({@link FrameMutator#seeds}). */
    static java.util.stream.LongStream fuzzSeeds() {
        return FrameMutator.seeds(3776);
    }

    /**
     * The world's fuzz test for the home link's side (see docs/route-optimization.md): mn finds its home
     * agent by DHAAD and learns its home prefix by a Mobile Prefix Solicitation, comes home and leaves
     * again; then 20,000 mutated copies of that traffic (RAs with Home Agent Information, DHAAD and MPS/MPA,
     * proxy ND and DAD on the home link, BU/BA, tunnelled packets) are injected where they were seen while
     * mn moves foreign2 → home → foreign1 → foreign2. Nothing throws; malformed frames are counted; a
     * forged DHAAD Reply or RA may send mn to a home agent that is not there, which it leaves (§11.4.1);
     * afterwards mn registers with ha and cn reaches its home address. Not every seed can pass that last
     * part: a forged RA may give cn the home prefix as on-link (RFC 4861 §6.3.4 believes it for the prefix's
     * valid lifetime; only SEND would not), so cn resolves mn's home address on its own link; and without
     * IPsec a forged BU with a newer sequence number may point ha's binding elsewhere until mn's next
     * refresh (as RFC 6275 allows where its IPsec is not used). Which seeds do that changes whenever the
     * world's traffic does; in a sweep of seeds 1-200 on 2026-12-02 it was 15 of them (12: the BU; the
     * other 14 with a forged on-link prefix at cn covering mn's home or care-of address); nothing threw. On
     * 2026-12-04 the nodes' MLD reports changed the traffic again: of seeds 1-12 and the former default 3775,
     * 1, 2, 5 and 3775 do not reach the last part (1: a forged home agent mn still retries; 3775: a forged
     * on-link ::/0 at cn), 3776 (now the default) does; nothing threw in any. Later that day the home agent began to
     * report its proxied home addresses' groups by MLD: of seeds 1-16 and 3775 only 14 does not (a forged on-link
     * 2001:db8::/37 at cn); nothing threw. In the next session (seeds 1-200, 3775 and 3776 in one run,
     * {@code -Dmip6.fuzz.seeds=1-200,3775,3776}, 15 s) 29 do not: 7 a forged on-link prefix at cn covering the
     * home address, 1 a forged BU, and 21 a forged Binding Acknowledgement refusing mn with status 131-133,
     * after which RFC 6275 §11.7.3 has mn record that no Binding Update goes to ha again (so it tries only the
     * forged home agents DHAAD still lists, or none); nothing threw. That sweep found mn registering with
     * ff01:db8:1::2, a multicast address a forged RA's R-flag Prefix Information gave ha's home agents list:
     * ha now lists no such address and mn tries none (seed 93). Seeds 201-3000 then found two more, fixed: an echo
     * request to all-nodes, or a solicitation for a proxied address, while no address of the interface was usable
     * threw (seeds 220, 540, ...), and a DAD outcome of ha's was matched to the wrong pending binding, which then
     * waited forever (1583, 2296, 2707). After them, of seeds 1-3000, 557 stop short: 146 the on-link prefix at cn,
     * 409 the forged refusal, 2 the forged BU; nothing throws (1 min 25 s). The session after, seeds 10001-16000
     * hung on 15508: mn's timer woke it at one instant for ever (a refresh due while MAX_UPDATE_RATE held a BU
     * back, §11.8), fixed (MobileNodeEngineTest); a seed that never ends now fails after 2 minutes. Then, of seeds
     * 10001-28000, 3,472 stop short: 969 the on-link prefix at cn, 2,476 the forged refusal, 21 a forged BU, 5 a
     * forged deregistration (ha holds no binding while mn believes itself registered, until its refresh), and 1
     * (20218) a forged RA's home prefix autoconfigured at cn, which then answers the home address from that address
     * (RFC 6724 rule 8) and the reply goes to the home link; nothing throws (each 6,000 seeds in some 3 minutes).
     * Once a 133 answering mn's deregistration deregisters it instead of barring ha (the DHAAD soak's finding), seeds
     * 1-3000 leave 148 short of the last check, where they left 557: 146 the on-link prefix at cn, 2 a forged BU, and
     * no forged refusal; nothing throws.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fuzzSeeds")
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a seed that never ends fails
    void mutatedFramesAroundTheHomeLinkBreakNothing(long seed) throws Exception {
        dhaadWorld();
        FrameMutator.Seeds seeds = new FrameMutator.Seeds(5_000);
        net.tap(seeds);
        RoleNode cn = nodes.roleNode("cn");
        cn.addListener(new NodeListener() {
            @Override
            public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                replies.add(from + " " + sequence);
            }
        });
        move("foreign1");
        run(6);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        move("home");
        run(5);
        move("foreign2");
        run(6);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        long failuresBefore = clock.taskFailures();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<String> moves = List.of("home", "foreign1", "foreign2");
        for (int batch = 0; batch < 1_000; batch++) {
            if (batch % 250 == 249 && batch < 999) {
                move(moves.get(batch / 250));
            }
            for (int k = 0; k < 20; k++) {
                seeds.injectOneMutated(net, r);
            }
            run(0.1);
        }
        assertEquals(failuresBefore, clock.taskFailures(), "a scheduler task threw (see the log)");
        long decodeErrors = 0;
        for (String n : net.ports().stream().map(p -> p.name().substring(0, p.name().indexOf('.'))).distinct().toList()) {
            Map<String, Long> c = nodes.roleNode(n).counters();
            assertEquals(0L, c.getOrDefault("role.errors", 0L), n + ": a role's handler threw: " + c);
            decodeErrors += c.entrySet().stream().filter(e -> e.getKey().startsWith("decode.")).mapToLong(Map.Entry::getValue).sum();
        }
        assertTrue(decodeErrors > 1_000, "malformed frames are counted: " + decodeErrors);

        move("foreign1");
        boolean answered = false;
        for (int k = 0; k < 180 && !answered; k++) {
            run(1);
            int before = replies.size();
            clock.execute(() -> cn.ping(HOA, 42, 1, 16));
            run(1);
            MobileNodeEngine e = mnRole.engine(); // null while DHAAD runs again (a forged refusal, §11.4.1)
            answered = e != null && e.state() == MobileNodeEngine.State.REGISTERED && replies.size() > before;
        }
        assertTrue(answered, "cn's echo to the home address is answered after the fuzzing: " + mnRole.counters()
                + "\nbul " + bul.entries("mn") + "\nha " + cache.entries("ha") + "\nmn " + nodes.roleNode("mn").counters()
                + "\ncn routes " + nodes.roleNode("cn").routes()
                + "\ncn " + nodes.roleNode("cn").interfaces() // a forged RA's prefix autoconfigured shows here
                + "\nha's home agents list " + homeAgents.entries("ha")
                + "\nmn's registration " + (mnRole.engine() == null ? "none (DHAAD)" : mnRole.engine().state() + " with " + mnRole.engine().homeAgent())
                + "\nmn " + nodes.roleNode("mn").interfaces()); // a forged RA's on-link prefix shows here
        assertEquals(HA, mnRole.engine().homeAgent());
        assertEquals(Ipv6Address.parse("2001:db8:2::ff:fe00:b"), cache.get("ha", HOA).orElseThrow().careOfAddress());
    }

    @Test
    void aHomePrefixThatGoesRenumbersTheHomeAddressThroughAMobilePrefixAdvertisement() throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        net.startCapture("foreign1", dir.resolve("foreign1.pcap"));
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        run(5);
        List<Runnable> haHandlers = new ArrayList<>();
        HomeAgentRole[] haRole = new HomeAgentRole[1];
        Runnable attachHomeAgent = () -> {
            haRole[0] = new HomeAgentRole(ha, cache, org.mip6.ha.internal.engine.HomeAgentParameters.DEFAULT, List.of(), r -> 0);
            haRole[0].start(new HomeAgentRole.Advertised(0, 1800));
            haHandlers.add(nodes.register(haRole[0].mobilityHandler(),
                    Map.of(RoleNode.NODE, "ha", org.mip6.role.MobilityHandler.MH_TYPE, 5)));
            haHandlers.add(nodes.register(haRole[0].homeAddressHandler(), Map.of(RoleNode.NODE, "ha")));
            haHandlers.add(nodes.register(haRole[0].outboundHandler(), Map.of(RoleNode.NODE, "ha")));
        };
        org.mip6.dhaad.internal.DhaadRole[] dhaad = new org.mip6.dhaad.internal.DhaadRole[1];
        clock.execute(() -> {
            attachHomeAgent.run();
            dhaad[0] = new org.mip6.dhaad.internal.DhaadRole(ha, homeAgents, new MemoryPendingPrefixAdvertisements(), cache, List.of(), 0, false, false,
                    org.mip6.dhaad.internal.engine.PrefixAdvertisementIntervals.DEFAULT);
            dhaad[0].start();
            for (int t : org.mip6.dhaad.internal.DhaadRole.TYPES) {
                nodes.register(dhaad[0].handler(), Map.of(RoleNode.NODE, "ha", org.mip6.role.Icmpv6Handler.ICMPV6_TYPE, t));
            }
            attachMobileNode(mn);
        });
        run(1);
        move("foreign1");
        run(5);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        assertEquals(1L, mnRole.counters().get("mpa.accepted"), "the home prefix's lifetime learned");

        // the home link is renumbered: ha serves 2001:db8:5::/64 instead (its configuration changes, so
        // the home agent component comes back with the new prefix list and DHAAD is reconfigured)
        Ipv6Prefix renumbered = Ipv6Prefix.parse("2001:db8:5::/64");
        Ipv6Address newHoa = Ipv6Address.parse("2001:db8:5::ff:fe00:b");
        clock.execute(() -> {
            ha.addAddress(0, renumbered, renumbered.withInterfaceId(2));
            org.mip6.node.Advertising a = ha.advertising(0);
            ha.advertise(0, new org.mip6.node.Advertising(a.minInterval(), a.maxInterval(), a.routerLifetime(),
                    a.homeAgent(), List.of(renumbered), a.advertisementInterval(), a.homeAgentPreference(),
                    a.homeAgentLifetime()));
        });
        run(2); // DAD of ha's new address
        clock.execute(() -> {
            haHandlers.forEach(Runnable::run);
            haRole[0].close();
            attachHomeAgent.run();
            dhaad[0].reconfigure(List.of(), 0, false, false,
                    org.mip6.dhaad.internal.engine.PrefixAdvertisementIntervals.AT_ONCE);
        });
        run(5);
        // §11.4.3: ha's unsolicited advertisement is discarded and answered with a solicitation; ha answers
        // it with the withdrawal (the old prefix at lifetime 0, the new one), which renumbers
        assertEquals(1L, mnRole.counters().get("mpa.unsolicited"), mnRole.counters().toString());
        assertEquals(2L, mnRole.counters().get("mps.sent"));
        assertEquals(2L, mnRole.counters().get("mpa.solicited"));
        assertEquals(1L, mnRole.counters().get("mpa.renumbered"), mnRole.counters().toString());
        assertEquals(newHoa, mnRole.homeAddress());
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        assertEquals(Ipv6Address.parse("2001:db8:2::ff:fe00:b"), cache.get("ha", newHoa).orElseThrow().careOfAddress(),
                "the new home address registered (after the home agent's DAD)");
        assertEquals(List.of(newHoa), bul.entries("mn").stream().map(e -> e.homeAddress()).toList(),
                "the old home address's registration left to expire");
        assertTrue(mn.interfaces().get(0).addresses().stream().anyMatch(x -> x.address().equals(newHoa)
                && x.state().equals("AWAY")));
        assertTrue(mn.interfaces().get(0).addresses().stream().noneMatch(x -> x.address().equals(HOA)));
        net.stopCapture("foreign1");
        Tshark.check(dir.resolve("foreign1.pcap"));
    }

    @Test
    void aSilentHomeAgentIsLeftForTheNextOneTheDhaadReplyListed() throws Exception {
        dhaadWorld();
        // a more preferred home agent that never answers (listed as if learned from its RAs)
        Ipv6Address silent = HOME.withInterfaceId(0x99);
        homeAgents.put("ha", new org.mip6.state.HomeAgentsList.Key(0, Ipv6Address.parse("fe80::99")),
                new org.mip6.state.HomeAgentEntry(0, Ipv6Address.parse("fe80::99"), silent, 100, Long.MAX_VALUE));
        move("foreign1");
        run(10);
        assertEquals(silent, mnRole.engine().homeAgent(), "the most preferred first");
        assertEquals(MobileNodeEngine.State.REGISTERING, mnRole.engine().state());
        run(50); // 1.5 + 3 + 6 + 12 + 24 s unanswered: MAX_BINDACK_TIMEOUT reached
        assertEquals(HA, mnRole.engine().homeAgent(), "the next one");
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        assertEquals(1L, mnRole.counters().get("ha.switches"));
        assertEquals(List.of(), bul.entries("mn").stream().filter(e -> e.destination().equals(silent)).toList());
    }

    @Test
    void withThePrefixHintAndOptimisticDadTheMobileNodeRegistersWithinARoundTrip() throws Exception {
        StackNodeFactory fast = new StackNodeFactory(org.mip6.stack.internal.engine.NdParameters.DEFAULT.withOptimisticDad(true));
        DefaultWorld.create(net, fast, 6275, Duration.ofMillis(30), Duration.ofMillis(70));
        RoleNode ha = fast.roleNode("ha");
        RoleNode mn = fast.roleNode("mn");
        run(5);
        clock.execute(() -> {
            ScenarioRoles.homeAgent(fast, ha, cache);
            mnRole = new MobileNodeRole(mn, 0, HOME, HOA, HA, MobilityParameters.DEFAULT, 11, bul);
            mnRole.setMovementHints(java.util.EnumSet.of(MovementHint.PREFIX));
            ScenarioRoles.mobileNode(fast, "mn", mnRole);
        });
        run(1);
        move("foreign1");
        run(3); // the first registration: the home agent's DAD of the home address
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        move("foreign2");
        long moved = clock.nanos();
        while (!(mnRole.engine().state() == MobileNodeEngine.State.REGISTERED
                && Ipv6Address.parse("2001:db8:3::ff:fe00:b").equals(mnRole.engine().careOfAddress()))
                && clock.nanos() < moved + 5 * S) {
            run(0.001);
        }
        long took = clock.nanos() - moved;
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        assertTrue(took < 200_000_000L, "registered " + took / 1_000_000 + " ms after the move: the RA (30-70 ms)"
                + " and the BU/BA round trip, no DAD wait");
    }

    /**
     * RFC 6275 §11.3.4 end to end, with the home agent's tunnelMulticast: away, the mobile node answers the home
     * agent's first query through the tunnel with a Report naming its group, so the home agent forwards what the home
     * link carries to that group through the tunnel; the mobile node receives it there and answers an echo request to
     * the group from its home address, back through the tunnel (RFC 4443 §4.1). Back home, nothing goes through a tunnel.
     */
    @Test
    void awayTheMobileNodeListensToItsGroupThroughTheHomeAgentsTunnel() throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        for (String l : List.of("home", "foreign1")) {
            net.startCapture(l, dir.resolve(l + ".pcap"));
        }
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        Ipv6Address group = Ipv6Address.parse("ff0e::101");
        HomeAgentRole[] haRole = new HomeAgentRole[1];
        run(5);
        clock.execute(() -> {
            haRole[0] = ScenarioRoles.homeAgent(nodes, ha, cache, haParameters, r -> 0, true);
            mnRole = new MobileNodeRole(mn, 0, HOME, HOA, HA, mnParameters, 11, bul);
            mnRole.setTunnelledGroups(List.of(group));
            withdraw.addAll(ScenarioRoles.mobileNode(nodes, "mn", mnRole));
        });
        run(1);
        assertEquals(List.of(group), mn.joinedGroups(0), "at home: joined on the home link, as a stationary node");
        move("foreign1");
        run(5);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        assertEquals(List.of(), mn.joinedGroups(0), "away: not on the foreign link");
        run(10); // the query's Maximum Response Delay
        assertEquals(java.util.Set.of(group), haRole[0].tunnelledGroups(HOA).keySet(), "reported through the tunnel");
        Map<String, Long> mc = mnRole.counters();
        assertEquals(List.of(1L, 1L), List.of(mc.get("mld.queries"), mc.get("mld.reports-sent")), mc.toString());

        org.mip6.net.MacAddress host = org.mip6.net.MacAddress.parse("02:00:00:00:00:99");
        Ipv6Address hostAddress = Ipv6Address.parse("2001:db8:1::99");
        Ipv6Packet echo = Ipv6Packet.of(hostAddress, group, 64, new Payload.Icmpv6(
                new Icmpv6Message.EchoRequest(21, 1, org.mip6.wire.Bytes.of(new byte[8]))));
        clock.execute(() -> net.link("home").inject(org.mip6.wire.PacketCodec.encodeEthernet(
                org.mip6.wire.EthernetFrame.ipv6(org.mip6.net.MacAddress.ofMulticast(group), host, echo))));
        run(1);
        clock.execute(() -> mn.ping(group, 31, 1, 8)); // §11.3.4: to its group, from the home address, through the tunnel
        run(1);
        assertEquals(java.util.Set.of(group), mn.receivedTunnelledGroups());
        Ipv6Address other = Ipv6Address.parse("ff0e::202");
        replaceRole(mn, other); // by one with another group: the old one is no longer received
        run(1);
        assertEquals(java.util.Set.of(other), mn.receivedTunnelledGroups(), "the replaced role's group is received no longer");
        move("home");
        run(5);
        assertEquals(MobileNodeEngine.State.NONE, mnRole.engine().state());
        assertEquals(Map.of(), haRole[0].tunnelledGroups(HOA), "the binding and its groups are gone");
        assertEquals(List.of(other), mn.joinedGroups(0), "home again: its group joined on the home link");
        assertEquals(java.util.Set.of(), mn.receivedTunnelledGroups());
        Ipv6Packet toOther = Ipv6Packet.of(hostAddress, other, 64, new Payload.Icmpv6(
                new Icmpv6Message.EchoRequest(22, 1, org.mip6.wire.Bytes.of(new byte[8]))));
        clock.execute(() -> net.link("home").inject(org.mip6.wire.PacketCodec.encodeEthernet(
                org.mip6.wire.EthernetFrame.ipv6(org.mip6.net.MacAddress.ofMulticast(other), host, toOther))));
        run(0.5); // mn resolves the host (RFC 4861 §7.2), which answers
        Ipv6Packet na = Ipv6Packet.of(hostAddress, HOA, 255, new Payload.Icmpv6(new Icmpv6Message.NeighborAdvertisement(
                false, true, true, hostAddress, List.of(new org.mip6.wire.icmp.NdOption.TargetLinkLayerAddress(host)))));
        clock.execute(() -> net.link("home").inject(org.mip6.wire.PacketCodec.encodeEthernet(
                org.mip6.wire.EthernetFrame.ipv6(org.mip6.net.MacAddress.parse("02:00:00:00:00:0b"), host, na))));
        run(1);

        net.stopCapture("foreign1");
        List<Ipv6Packet> foreign1 = new ArrayList<>();
        for (PcapRecord r : PcapReader.readAll(dir.resolve("foreign1.pcap"))) {
            org.mip6.wire.EthernetFrame f = org.mip6.wire.PacketCodec.decodeEthernet(r.data(), 0, r.data().length);
            if (f.packet() != null) {
                foreign1.add(f.packet());
            }
        }
        Ipv6Address coa = Ipv6Address.parse("2001:db8:2::ff:fe00:b");
        assertTrue(foreign1.stream().anyMatch(p -> p.source().equals(coa) && p.payload() instanceof Payload.Tunnel t
                && t.inner().destination().equals(Ipv6Address.parse("ff02::16")) && t.inner().hopLimit() == 1
                && t.inner().source().equals(Ipv6Address.parse("fe80::ff:fe00:b"))), "the Report, through the tunnel: " + foreign1);
        assertTrue(foreign1.stream().anyMatch(p -> p.source().equals(HA) && p.payload() instanceof Payload.Tunnel t
                && t.inner().destination().equals(group)), "the group's packet, through the tunnel: " + foreign1);
        assertTrue(foreign1.stream().anyMatch(p -> p.source().equals(coa) && p.payload() instanceof Payload.Tunnel t
                && t.inner().source().equals(HOA) && t.inner().destination().equals(hostAddress)
                && t.inner().payload() instanceof Payload.Icmpv6 ic && ic.message() instanceof Icmpv6Message.EchoReply),
                "the echo reply from the home address, back through the tunnel: " + foreign1);
        assertTrue(foreign1.stream().anyMatch(p -> p.source().equals(coa) && p.payload() instanceof Payload.Tunnel t
                && t.inner().source().equals(HOA) && t.inner().destination().equals(group)
                && t.inner().payload() instanceof Payload.Icmpv6 ic && ic.message() instanceof Icmpv6Message.EchoRequest),
                "its echo request to the group, from the home address through the tunnel: " + foreign1);
        net.stopCapture("home");
        List<Ipv6Packet> home = new ArrayList<>();
        for (PcapRecord r : PcapReader.readAll(dir.resolve("home.pcap"))) {
            org.mip6.wire.EthernetFrame f = org.mip6.wire.PacketCodec.decodeEthernet(r.data(), 0, r.data().length);
            if (f.packet() != null && f.packet().source().equals(HOA) && f.packet().destination().equals(group)) {
                home.add(f.packet());
            }
        }
        assertEquals(1, home.size(), "ha forwards it onto the home link: " + home);
        assertEquals(63, home.get(0).hopLimit());
        List<Ipv6Packet> onHomeLink = new ArrayList<>();
        for (PcapRecord r : PcapReader.readAll(dir.resolve("home.pcap"))) {
            org.mip6.wire.EthernetFrame f = org.mip6.wire.PacketCodec.decodeEthernet(r.data(), 0, r.data().length);
            if (f.packet() != null) {
                onHomeLink.add(f.packet());
            }
        }
        assertTrue(onHomeLink.stream().anyMatch(p -> p.source().isLinkLocal() && p.payload() instanceof Payload.Icmpv6 ic
                && ic.message().type() == 143 && ((Icmpv6Message.UnknownIcmpv6) ic.message()).body().hex()
                .contains("ff0e0000000000000000000000000101") && p.source().interfaceId() == HOA.interfaceId()),
                "mn's MLD Report of its group on the home link: " + onHomeLink);
        assertTrue(onHomeLink.stream().anyMatch(p -> p.source().equals(HOA) && p.destination().equals(hostAddress)
                && p.payload() instanceof Payload.Icmpv6 ic && ic.message() instanceof Icmpv6Message.EchoReply r
                && r.identifier() == 22), "home again, mn answers an echo request to its group on the home link: " + onHomeLink);
        Tshark.check(dir.resolve("foreign1.pcap"));
        Tshark.check(dir.resolve("home.pcap"));
    }

    /** The mobile node role replaced (as a swap does: the node and the binding update list kept) by one with {@code groups}. */
    private void replaceRole(RoleNode mn, Ipv6Address... groups) {
        clock.execute(() -> {
            withdraw.forEach(Runnable::run);
            withdraw.clear();
            mnRole.close();
            mnRole = new MobileNodeRole(mn, 0, HOME, HOA, HA, mnParameters, 11, bul);
            mnRole.setTunnelledGroups(List.of(groups));
            withdraw.addAll(ScenarioRoles.mobileNode(nodes, "mn", mnRole));
        });
    }

    /**
     * A mobile node role replaced at home by one with other groups: the old role's group is left on the home link, and a
     * group the upper layers joined (mip6:join) stays joined, though the old role had it too ({@link RoleNode#joinGroupForRole});
     * away, the upper layers' group stays joined on the foreign link (RFC 6275 §11.3.4's first way), the role's does not.
     */
    @Test
    void aRoleReplacedAtHomeLeavesTheOldRolesGroupsButNotTheUpperLayers() throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        Ipv6Address group = Ipv6Address.parse("ff0e::101");
        Ipv6Address other = Ipv6Address.parse("ff0e::202");
        Ipv6Address app = Ipv6Address.parse("ff0e::303");
        run(5);
        clock.execute(() -> {
            ScenarioRoles.homeAgent(nodes, ha, cache, haParameters, r -> 0, true);
            mn.joinGroup(0, app, true);
            mnRole = new MobileNodeRole(mn, 0, HOME, HOA, HA, mnParameters, 11, bul);
            mnRole.setTunnelledGroups(List.of(group, app));
            withdraw.addAll(ScenarioRoles.mobileNode(nodes, "mn", mnRole));
        });
        run(1);
        assertEquals(List.of(app, group), mn.joinedGroups(0));
        assertEquals(List.of(group, app), mn.roleJoinedGroups(0));
        replaceRole(mn, other);
        run(1);
        assertEquals(List.of(app, other), mn.joinedGroups(0), "the replaced role's group left, the upper layers' kept");
        assertEquals(List.of(other), mn.roleJoinedGroups(0));
        assertEquals(List.of(new GroupStatus(0, app, GroupStatus.JOINED), new GroupStatus(0, other, GroupStatus.ROLE)),
                mn.groups().stream().filter(g -> g.group().multicastScope() == 0xe).toList(), "mip6:groups");
        move("foreign1");
        run(5);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
        assertEquals(List.of(app), mn.joinedGroups(0), "away: the upper layers' group on the foreign link, not the role's");
        assertEquals(java.util.Set.of(other), mn.receivedTunnelledGroups());
    }
}
