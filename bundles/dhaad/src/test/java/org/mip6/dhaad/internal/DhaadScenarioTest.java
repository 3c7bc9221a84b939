package org.mip6.dhaad.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.ha.internal.HomeAgentRole;
import org.mip6.ha.internal.engine.HomeAgentParameters;
import org.mip6.dhaad.internal.engine.PrefixAdvertisementIntervals;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.DefaultWorld;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.RoleNode;
import org.mip6.role.RoutingHeader2Handler;
import org.mip6.role.Verdict;
import org.mip6.stack.internal.StackNodeFactory;
import org.mip6.stack.internal.VirtualTimeScenario;
import org.mip6.stack.internal.engine.Tshark;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.state.internal.MemoryHomeAgentsList;
import org.mip6.state.WithdrawnHomeLink;
import org.mip6.state.internal.MemoryPendingPrefixAdvertisements;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.NdOption;
import org.mip6.wire.mh.MobilityMessage;

/**
 * DHAAD and mobile prefix discovery in the shipped world on virtual time, next to the home agent; the
 * mobile node's messages are made with the codec and sent from {@code mn} at a foreign link.
 */
class DhaadScenarioTest extends VirtualTimeScenario {

    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address HA = HOME.withInterfaceId(2);
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::ff:fe00:b");

    @TempDir
    Path dir;
    final StackNodeFactory nodes = new StackNodeFactory();
    final MemoryBindingCache cache = new MemoryBindingCache();
    final MemoryHomeAgentsList list = new MemoryHomeAgentsList();
    final MemoryPendingPrefixAdvertisements pending = new MemoryPendingPrefixAdvertisements();
    final List<String> atMn = new ArrayList<>();

    DhaadRole dhaad;
    HomeAgentRole haRole;

    /** The default world with ha as home agent and DHAAD role, mn at foreign1 recording what reaches it. */
    void world() throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        for (String l : List.of("home", "foreign1")) {
            net.startCapture(l, dir.resolve(l + ".pcap"));
        }
        RoleNode ha = nodes.roleNode("ha");
        clock.runUntil(3 * S); // ha's addresses through DAD
        clock.execute(() -> {
            HomeAgentRole role = new HomeAgentRole(ha, cache, HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false),
                    List.of(), r -> 0);
            role.start(new HomeAgentRole.Advertised(0, 1800));
            haRole = role;
            nodes.register(role.mobilityHandler(), Map.of(RoleNode.NODE, "ha", MobilityHandler.MH_TYPE, 5));
            nodes.register(role.homeAddressHandler(), Map.of(RoleNode.NODE, "ha"));
            nodes.register(role.outboundHandler(), Map.of(RoleNode.NODE, "ha"));
            dhaad = new DhaadRole(ha, list, pending, cache, List.of(), 0, false, true, PrefixAdvertisementIntervals.AT_ONCE);
            dhaad.start();
            for (int t : DhaadRole.TYPES) {
                nodes.register(dhaad.handler(), Map.of(RoleNode.NODE, "ha", Icmpv6Handler.ICMPV6_TYPE, t));
            }
            for (int t : new int[] {145, 147}) {
                nodes.register((Icmpv6Handler) (p, m) -> atMn.add(m.getClass().getSimpleName() + " from " + p.source()),
                        Map.of(RoleNode.NODE, "mn", Icmpv6Handler.ICMPV6_TYPE, t));
            }
            nodes.register((MobilityHandler) (p, m) -> atMn.add(m.getClass().getSimpleName()
                    + (m instanceof MobilityMessage.BindingError be ? " " + be.status() : "")),
                    Map.of(RoleNode.NODE, "mn", MobilityHandler.MH_TYPE, 6));
            nodes.register((MobilityHandler) (p, m) -> atMn.add("BindingError " + ((MobilityMessage.BindingError) m).status()),
                    Map.of(RoleNode.NODE, "mn", MobilityHandler.MH_TYPE, 7));
            nodes.register((RoutingHeader2Handler) p -> Verdict.ACCEPT, Map.of(RoleNode.NODE, "mn"));
        });
        clock.runUntil(5 * S);
        move("foreign1");
        clock.runUntil(10 * S);
    }

    void send(Payload payload) {
        RoleNode mn = nodes.roleNode("mn");
        clock.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, COA, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                payload)));
    }

    static Payload bindingUpdate(int sequence, int lifetime) {
        return new Payload.Mobility(new MobilityMessage.BindingUpdate(sequence, MobilityMessage.BindingUpdate.A
                | MobilityMessage.BindingUpdate.H, lifetime, List.of()));
    }

    @Test
    void dhaadReplyFromTheAnycastAddressAndPrefixAdvertisementOnlyForARegisteredMobileNode() throws Exception {
        world();
        RoleNode mn = nodes.roleNode("mn");
        Ipv6Address anycast = HOME.homeAgentsAnycast();
        assertEquals(Ipv6Address.parse("2001:db8:1::fdff:ffff:ffff:fffe"), anycast);
        clock.execute(() -> mn.send(Ipv6Packet.of(COA, anycast, 64, new Payload.Icmpv6(new Icmpv6Message.DhaadRequest(7, false)))));
        clock.runUntil(11 * S);
        assertEquals(List.of("DhaadReply from " + HA), atMn);

        // a Mobile Prefix Solicitation without a registration: Binding Error 1 (RFC 6275 §9.3.1)
        atMn.clear();
        clock.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, COA, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new Payload.Icmpv6(new Icmpv6Message.MobilePrefixSolicitation(3)))));
        clock.runUntil(12 * S);
        assertEquals(List.of("BindingError 1"), atMn);

        atMn.clear();
        clock.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, COA, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new Payload.Mobility(new MobilityMessage.BindingUpdate(1, MobilityMessage.BindingUpdate.A
                        | MobilityMessage.BindingUpdate.H, 100, List.of())))));
        clock.runUntil(13 * S);
        clock.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, COA, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new Payload.Icmpv6(new Icmpv6Message.MobilePrefixSolicitation(4)))));
        clock.runUntil(14 * S);
        assertEquals(List.of("BindingAcknowledgement", "MobilePrefixAdvertisement from " + HA), atMn);
        assertTrue(list.entries("ha").stream().anyMatch(e -> HA.equals(e.globalAddress())), "its own entry");
        net.stopCapture("home");
        net.stopCapture("foreign1");
        Tshark.check(dir.resolve("foreign1.pcap"));
        Tshark.check(dir.resolve("home.pcap"));
    }

    /**
     * RFC 3963 §7: DHAAD says R as the home agent's RAs do, which the home agent role sets from the Prefix Table it
     * took: a configuration the home agent refused (it keeps the table before it) does not make DHAAD disagree with
     * what Binding Updates get. Both ways: told R while the home agent serves none, and told none while it serves one.
     */
    @Test
    void dhaadSaysMobileRouterSupportAsTheHomeAgentsRasDo() throws Exception {
        world();
        List<Icmpv6Message.DhaadReply> replies = new ArrayList<>();
        clock.execute(() -> nodes.register((Icmpv6Handler) (p, m) -> replies.add((Icmpv6Message.DhaadReply) m),
                Map.of(RoleNode.NODE, "mn", Icmpv6Handler.ICMPV6_TYPE, 145)));
        RoleNode mn = nodes.roleNode("mn");
        Ipv6Address anycast = HOME.homeAgentsAnycast();
        clock.execute(() -> dhaad.mobileRouterSupport(true)); // what a configuration with a refused table made it say
        clock.execute(() -> mn.send(Ipv6Packet.of(COA, anycast, 64, new Payload.Icmpv6(new Icmpv6Message.DhaadRequest(8, true)))));
        clock.runUntil(11 * S);
        // this home agent serves no mobile router: the request's R ignored (RFC 6275: a Reserved bit), ha listed
        assertEquals(List.of(new Icmpv6Message.DhaadReply(8, false, List.of(HA))), replies);
        assertTrue(list.entries("ha").stream().noneMatch(e -> e.mobileRouters()), "its own entries say no R");

        replies.clear();
        clock.execute(() -> {
            haRole.setMobileRouters(org.mip6.ha.internal.engine.PrefixTable.parse(new String[] {
                    "2001:db8:1::77 2001:db8:100::/64"}), new org.mip6.state.internal.MemoryMobileNetworkPrefixes());
            dhaad.mobileRouterSupport(false); // a configuration the dhaad bundle read otherwise
        });
        clock.execute(() -> mn.send(Ipv6Packet.of(COA, anycast, 64, new Payload.Icmpv6(new Icmpv6Message.DhaadRequest(9, true)))));
        clock.runUntil(12 * S);
        assertEquals(List.of(new Icmpv6Message.DhaadReply(9, true, List.of(HA))), replies);
        assertTrue(list.entries("ha").stream().allMatch(e -> e.mobileRouters()), "its own entries say R");
    }

    static final Ipv6Prefix RENUMBERED = Ipv6Prefix.parse("2001:db8:5::/64");

    /** A reconfiguration naming a prefix the node does not advertise is refused with nothing changed. */
    @Test
    void aRefusedReconfigurationLeavesTheHomeAgentInItsList() throws Exception {
        world();
        clock.execute(() -> assertThrows(IllegalArgumentException.class,
                () -> dhaad.reconfigure(List.of(RENUMBERED), 0, false, true, PrefixAdvertisementIntervals.AT_ONCE)));
        clock.runUntil(11 * S);
        assertTrue(list.entries("ha").stream().anyMatch(e -> HA.equals(e.globalAddress())), list.entries("ha").toString());
        RoleNode mn = nodes.roleNode("mn");
        clock.execute(() -> mn.send(Ipv6Packet.of(COA, HOME.homeAgentsAnycast(), 64,
                new Payload.Icmpv6(new Icmpv6Message.DhaadRequest(7, false)))));
        clock.runUntil(12 * S);
        assertEquals(List.of("DhaadReply from " + HA), atMn);
    }

    /**
     * The home link advertises {@code prefixes} (ha's address in 2001:db8:5::/64 through DAD), then DHAAD is
     * reconfigured: unsolicited advertisements go.
     */
    void advertiseOnHomeLink(List<Ipv6Prefix> prefixes) {
        advertiseOnHomeLink(prefixes, PrefixAdvertisementIntervals.AT_ONCE);
    }

    /** As {@link #advertiseOnHomeLink(List)}, DHAAD reconfigured with these intervals of unsolicited advertisements. */
    void advertiseOnHomeLink(List<Ipv6Prefix> prefixes, PrefixAdvertisementIntervals intervals) {
        RoleNode ha = nodes.roleNode("ha");
        clock.execute(() -> {
            ha.addAddress(0, RENUMBERED, RENUMBERED.withInterfaceId(2));
            org.mip6.node.Advertising a = ha.advertising(0);
            ha.advertise(0, new org.mip6.node.Advertising(a.minInterval(), a.maxInterval(), a.routerLifetime(),
                    a.homeAgent(), prefixes, a.advertisementInterval(), a.homeAgentPreference(),
                    a.homeAgentLifetime()));
        });
        clock.runUntil(clock.nanos() + 2 * S);
        clock.execute(() -> dhaad.reconfigure(List.of(), 0, false, true, intervals));
    }

    /**
     * mn registered at 10 s, the home link advertising {@code prefixes} from 14 s: "Identifier to destination
     * at second" for each Mobile Prefix Advertisement that reaches mn, as it comes.
     */
    List<String> registeredThenHomeLinkChanged(List<Ipv6Prefix> prefixes) throws Exception {
        world();
        List<String> at = new ArrayList<>();
        clock.execute(() -> nodes.register((Icmpv6Handler) (p, m) -> at.add(((Icmpv6Message.MobilePrefixAdvertisement) m)
                        .identifier() + " to " + p.packet().destination() + " at " + clock.nanos() / S),
                Map.of(RoleNode.NODE, "mn", Icmpv6Handler.ICMPV6_TYPE, 147)));
        send(bindingUpdate(1, 400));
        clock.runUntil(12 * S);
        advertiseOnHomeLink(prefixes);
        return at;
    }

    /** The home link renumbered to 2001:db8:5::/64 at 14 s (mn's home prefix withdrawn). */
    List<String> registeredThenRenumbered() throws Exception {
        return registeredThenHomeLinkChanged(List.of(RENUMBERED));
    }

    @Test
    void anUnansweredUnsolicitedPrefixAdvertisementIsSentAgainAfter3And6And12Seconds() throws Exception {
        List<String> at = registeredThenRenumbered();
        clock.runUntil(clock.nanos() + 60 * S); // mn never answers
        // the advertisement and PREFIX_ADV_RETRIES (3) retransmissions: PREFIX_ADV_TIMEOUT (3 s) before the
        // first, each wait doubled (RFC 6275 §10.6.2)
        assertEquals(List.of("0 to " + COA + " at 14", "0 to " + COA + " at 17", "0 to " + COA + " at 23",
                "0 to " + COA + " at 35"), at);
        Map<String, Long> c = dhaad.counters();
        assertEquals(1L, c.get("mpa.unsolicited"), c.toString());
        assertEquals(3L, c.get("mpa.retransmitted"), c.toString());
        assertEquals(0, dhaad.engine().unsolicitedPending());
        net.stopCapture("foreign1");
        Tshark.check(dir.resolve("foreign1.pcap"));
    }

    @Test
    void aSolicitationEndsTheRetransmissionsAndAMoveTakesThemToTheNewCareOfAddress() throws Exception {
        List<String> at = registeredThenRenumbered();
        clock.runUntil(15 * S);
        // mn is registered from another care-of address (as if it moved): the retransmission goes there
        Ipv6Address coa2 = Ipv6Address.parse("2001:db8:2::77");
        RoleNode mn = nodes.roleNode("mn");
        clock.execute(() -> mn.addAddress(0, Ipv6Prefix.parse("2001:db8:2::/64"), coa2));
        clock.runUntil(16 * S);
        clock.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, coa2, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                bindingUpdate(2, 400))));
        clock.runUntil(18 * S); // the first retransmission at 17 s
        // its solicitation is answered and ends them
        clock.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, coa2, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new Payload.Icmpv6(new Icmpv6Message.MobilePrefixSolicitation(9)))));
        clock.runUntil(60 * S);
        assertEquals(List.of("0 to " + COA + " at 14", "0 to " + coa2 + " at 17", "9 to " + coa2 + " at 18"), at);
        assertEquals(0, dhaad.engine().unsolicitedPending());
    }

    @Test
    void noRetransmissionOnceTheBindingIsGone() throws Exception {
        List<String> at = registeredThenRenumbered();
        clock.runUntil(clock.nanos() + 4 * S); // one retransmission
        send(bindingUpdate(2, 0)); // deregistered (§10.6.2: none after the binding is gone)
        clock.runUntil(clock.nanos() + 60 * S);
        assertEquals(2, at.size(), at.toString());
        assertEquals(1L, dhaad.counters().get("mpa.retransmissions-ended"));
        assertEquals(0, dhaad.engine().unsolicitedPending());
    }

    /**
     * RFC 6275 §10.6.2 with §13's intervals: the unsolicited advertisement a change of the home prefixes owes a
     * mobile node goes RAND_ADV_DELAY later, at least MinMobPfxAdvInterval (600 s) and less than the prefix's
     * preferred lifetime, and a second change meanwhile schedules no other; what goes is the list as it is then.
     */
    @Test
    void anUnsolicitedPrefixAdvertisementIsDelayedBetweenTheIntervalsAndScheduledOnce() throws Exception {
        world();
        List<String> at = new ArrayList<>();
        List<Icmpv6Message.MobilePrefixAdvertisement> got = new ArrayList<>();
        clock.execute(() -> nodes.register((Icmpv6Handler) (p, m) -> {
            at.add(((Icmpv6Message.MobilePrefixAdvertisement) m).identifier() + " at " + clock.nanos() / S);
            got.add((Icmpv6Message.MobilePrefixAdvertisement) m);
        }, Map.of(RoleNode.NODE, "mn", Icmpv6Handler.ICMPV6_TYPE, 147)));
        send(bindingUpdate(1, 65_535));
        clock.runUntil(12 * S);
        advertiseOnHomeLink(List.of(HOME, RENUMBERED), PrefixAdvertisementIntervals.DEFAULT);
        long changed = clock.nanos();
        clock.runUntil(changed + 300 * S);
        assertEquals(List.of(), at, "nothing before MinMobPfxAdvInterval");
        assertEquals(1L, dhaad.counters().get("mpa.scheduled"));
        clock.execute(() -> dhaad.reconfigure(List.of(HOME), 0, false, true, PrefixAdvertisementIntervals.DEFAULT));
        for (int seq = 2; clock.nanos() < changed + (org.mip6.node.Advertising.PREFIX_PREFERRED_LIFETIME + 60) * S; seq++) {
            send(bindingUpdate(seq, 65_535)); // refreshed as the mobile node would: the binding stays
            clock.runUntil(clock.nanos() + 500 * S);
        }
        assertEquals(1L, dhaad.counters().get("mpa.scheduled"), "the second change scheduled no other");
        assertEquals(1L, dhaad.counters().get("mpa.unsolicited"), dhaad.counters().toString());
        long first = Long.parseLong(at.get(0).substring(at.get(0).indexOf(" at ") + 4)) * S - changed;
        assertTrue(first >= 600 * S && first < org.mip6.node.Advertising.PREFIX_PREFERRED_LIFETIME * S,
                "RAND_ADV_DELAY " + first / S + " s: " + at);
        assertEquals(4, at.size(), "then sent again, unanswered: " + at);
        assertTrue(got.get(0).options().stream().noneMatch(o -> o instanceof NdOption.PrefixInformation pi
                && RENUMBERED.contains(pi.address())), "the list as it is when it goes (the second change's): " + got.get(0));
    }

    /**
     * The retransmissions pending live in the {@code state} bundle: a {@code dhaad} role that replaces
     * another (a swap) goes on with them at their times, and sends no unsolicited advertisement of its own.
     * (A second home prefix added at 14 s: the mobile node's own prefix stays served.)
     */
    @Test
    void aSwappedDhaadGoesOnRetransmitting() throws Exception {
        List<String> at = registeredThenHomeLinkChanged(List.of(HOME, RENUMBERED));
        clock.runUntil(18 * S); // the first retransmission at 17 s
        RoleNode ha = nodes.roleNode("ha");
        clock.execute(() -> {
            dhaad.close(); // the old bundle's role goes
            dhaad = new DhaadRole(ha, list, pending, cache, List.of(), 0, false, true, PrefixAdvertisementIntervals.AT_ONCE);
            dhaad.start();
        });
        clock.runUntil(60 * S);
        assertEquals(List.of("0 to " + COA + " at 14", "0 to " + COA + " at 17", "0 to " + COA + " at 23",
                "0 to " + COA + " at 35"), at);
        assertEquals(2L, dhaad.counters().get("mpa.retransmitted"));
        assertEquals(0L, dhaad.counters().get("mpa.unsolicited"));
        assertEquals(List.of(), pending.entries("ha"), "all sent: nothing left in the state");
    }

    /**
     * Which home links the last reconfiguration withdrew is in the {@code state} bundle too: after a swap the
     * mobile node whose home prefix went still gets the withdrawal (its old prefix with lifetime 0) at the
     * retransmissions' times, and again when it solicits.
     */
    @Test
    void aSwappedDhaadGoesOnWithdrawingAGoneHomePrefix() throws Exception {
        List<String> at = registeredThenRenumbered();
        List<Icmpv6Message.MobilePrefixAdvertisement> got = new ArrayList<>();
        clock.execute(() -> nodes.register((Icmpv6Handler) (p, m) -> got.add((Icmpv6Message.MobilePrefixAdvertisement) m),
                Map.of(RoleNode.NODE, "mn", Icmpv6Handler.ICMPV6_TYPE, 147)));
        clock.runUntil(18 * S); // the first retransmission at 17 s
        assertEquals(List.of(new WithdrawnHomeLink(0, HOME, HA, pending.withdrawnHomeLinks("ha").get(0).linkLocal())),
                pending.withdrawnHomeLinks("ha"), "in the state");
        RoleNode ha = nodes.roleNode("ha");
        clock.execute(() -> {
            dhaad.close();
            dhaad = new DhaadRole(ha, list, pending, cache, List.of(), 0, false, true, PrefixAdvertisementIntervals.AT_ONCE);
            dhaad.start();
            for (int t : DhaadRole.TYPES) { // the new revision's handlers, ranked above the old one's
                nodes.register(dhaad.handler(), Map.of(RoleNode.NODE, "ha", Icmpv6Handler.ICMPV6_TYPE, t,
                        org.osgi.framework.Constants.SERVICE_RANKING, 1));
            }
        });
        clock.runUntil(40 * S);
        RoleNode mn = nodes.roleNode("mn");
        clock.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, COA, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new Payload.Icmpv6(new Icmpv6Message.MobilePrefixSolicitation(9)))));
        clock.runUntil(60 * S);
        assertEquals(List.of("0 to " + COA + " at 17", "0 to " + COA + " at 23", "0 to " + COA + " at 35",
                "9 to " + COA + " at 40"), at.subList(1, at.size()), "the retransmissions go on after the swap at 18 s");
        assertEquals(0L, dhaad.counters().get("mpa.retransmissions-ended"));
        for (Icmpv6Message.MobilePrefixAdvertisement a : got) { // 14, 17, 23, 35 and 40 s
            assertTrue(a.options().stream().anyMatch(o -> o instanceof NdOption.PrefixInformation pi
                    && HOME.contains(pi.address()) && pi.validLifetime() == 0), "the old prefix withdrawn: " + a);
            assertTrue(a.options().stream().anyMatch(o -> o instanceof NdOption.PrefixInformation pi
                    && RENUMBERED.contains(pi.address()) && pi.validLifetime() > 0), "the new one: " + a);
        }
        assertEquals(5, got.size());
    }
}
