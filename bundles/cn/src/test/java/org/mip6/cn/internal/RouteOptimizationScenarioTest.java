package org.mip6.cn.internal;

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
import org.mip6.cn.internal.engine.CorrespondentNodeEngine;
import org.mip6.mn.internal.MobileNodeRole;
import org.mip6.mn.internal.ScenarioRoles;
import org.mip6.mn.internal.engine.MobileNodeEngine;
import org.mip6.mn.internal.engine.MobilityParameters;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.DefaultWorld;
import org.mip6.node.Node;
import org.mip6.node.NodeListener;
import org.mip6.ro.internal.BindingKeysComponent;
import org.mip6.ro.internal.ResponderRole;
import org.mip6.role.MobilityHandler;
import org.mip6.role.RoleNode;
import org.mip6.stack.internal.FrameMutator;
import org.mip6.stack.internal.StackNodeFactory;
import org.mip6.stack.internal.VirtualTimeScenario;
import org.mip6.stack.internal.engine.Tshark;
import org.mip6.state.ReturnRoutabilitySecret;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.state.internal.MemoryBindingUpdateList;
import org.mip6.wire.Bytes;

/**
 * Route optimisation end to end in the shipped world on virtual time: mn (mobile node role with route
 * optimisation), ha (home agent), cn (correspondent node and return routability). Traffic between cn
 * and mn's home address starts through the home agent, the four test messages and BU/BA follow, and
 * then both directions take the direct path (RH2 one way, HAO the other) with a shorter round trip.
 */
class RouteOptimizationScenarioTest extends VirtualTimeScenario {

    static final long MS = 1_000_000L;
    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address HA = HOME.withInterfaceId(2);
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address COA1 = Ipv6Address.parse("2001:db8:2::ff:fe00:b");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:3::ff:fe00:b");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:4::ff:fe00:9");

    @TempDir
    Path dir;
    final StackNodeFactory nodes = new StackNodeFactory();
    final MemoryBindingCache cache = new MemoryBindingCache();
    final MemoryBindingUpdateList bul = new MemoryBindingUpdateList();
    final List<Long> rtts = new ArrayList<>();
    long pingSentAt;
    final BindingKeysComponent keys = new BindingKeysComponent();
    /** The first mobile node role's handler registrations, withdrawn as its bundle's services would be. */
    final List<Runnable> mnHandlers = new ArrayList<>();
    MobileNodeRole mnRole;
    CorrespondentNodeRole cnRole;
    CorrespondentNodeEngine.Parameters cnParameters = CorrespondentNodeEngine.Parameters.DEFAULT;
    ResponderRole rrRole;
    RoleNode cn;
    Map<String, Node> worldNodes;

    /** One echo from cn to the home address; returns its round trip in ms (-1: no reply within 1 s). */
    long ping(int seq) {
        int before = rtts.size();
        clock.execute(() -> {
            pingSentAt = clock.nanos();
            cn.ping(HOA, 42, seq, 16);
        });
        run(1);
        return rtts.size() > before ? rtts.get(rtts.size() - 1) / MS : -1;
    }

    void world() throws Exception {
        world(true);
    }

    /** The shipped world with ha and mn's roles, and cn's when {@code correspondent}. */
    void world(boolean correspondent) throws Exception {
        worldNodes = DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        for (String l : List.of("foreign1", "foreign2", "cn-link", "home")) {
            net.startCapture(l, dir.resolve(l + ".pcap"));
        }
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        cn = nodes.roleNode("cn");
        run(5);
        clock.execute(() -> {
            ScenarioRoles.homeAgent(nodes, ha, cache);
            mnRole = new MobileNodeRole(mn, 0, HOME, HOA, HA, MobilityParameters.DEFAULT, 11, bul);
            mnRole.setRouteOptimization(() -> keys, 1);
            mnHandlers.addAll(ScenarioRoles.mobileNode(nodes, "mn", mnRole));
            if (!correspondent) {
                cn.addListener(new NodeListener() {
                    @Override
                    public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                        rtts.add(now - pingSentAt);
                    }
                });
                return;
            }
            rrRole = new ResponderRole(cn, new ReturnRoutabilitySecret(Bytes.fromHex("00112233445566778899aabbccddeeff00112233"),
                    cn.nanos(), 30 * S));
            for (int t : new int[] {1, 2}) {
                nodes.register(rrRole.mobilityHandler(), Map.of(RoleNode.NODE, "cn", MobilityHandler.MH_TYPE, t));
            }
            cnRole = new CorrespondentNodeRole(cn, cache, cnParameters, rrRole::authority);
            nodes.register(cnRole.mobilityHandler(), Map.of(RoleNode.NODE, "cn", MobilityHandler.MH_TYPE, 5));
            nodes.register(cnRole.homeAddressHandler(), Map.of(RoleNode.NODE, "cn"));
            // as the component registers it: §9.3.4, Destination Unreachable about packets sent to a care-of address
            nodes.register(cnRole.unreachableHandler(), Map.of(RoleNode.NODE, "cn", org.mip6.role.Icmpv6Handler.ICMPV6_TYPE, 1));
            nodes.register(cnRole.outboundHandler(), Map.of(RoleNode.NODE, "cn"));
            cnRole.start();
            cn.addListener(new NodeListener() {
                @Override
                public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                    rtts.add(now - pingSentAt);
                }
            });
        });
        run(1);
    }

    /** The world, mn registered from foreign1 and, after cn's first echo, route-optimized with cn. */
    void routeOptimizedFromForeign1() throws Exception {
        world();
        move("foreign1");
        run(5);
        ping(1);
        run(2);
        assertEquals(1L, ro("ba.accepted"));
    }

    long ro(String counter) {
        return mnRole.counters().get("ro." + counter);
    }

    @Test
    void trafficMovesToTheDirectPathAfterReturnRoutabilityAndFollowsTheMobileNode() throws Exception {
        world();
        move("foreign1");
        run(5);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());

        long tunnelled = ping(1); // through ha both ways; mn's reply starts the tests
        run(2);
        assertEquals(1L, ro("hoti.sent"));
        assertEquals(1L, ro("coti.sent"));
        assertEquals(1L, ro("ba.accepted"), mnRole.counters().toString());
        assertEquals(COA1, cache.get("cn", HOA).orElseThrow().careOfAddress());
        long direct = ping(2);
        assertTrue(tunnelled > 0 && direct > 0 && direct < tunnelled, "RTT " + tunnelled + " ms through the home agent, "
                + direct + " ms direct");
        assertEquals(26, direct, "cn-link 1 + backbone 10 + foreign1 2 ms each way");

        // a move while the home token is fresh: the care-of test alone, then a BU for the new care-of address
        move("foreign2");
        long moved = clock.nanos();
        long homeAt = -1;
        while (ro("ba.accepted") < 2 && clock.nanos() < moved + 5 * S) {
            run(0.001);
            if (homeAt < 0 && COA2.equals(cache.get("ha", HOA).map(b -> b.careOfAddress()).orElse(null))) {
                homeAt = clock.nanos();
            }
        }
        long reestablished = clock.nanos();
        // the care-of test and BU/BA with cn (2 x 16 ms round trips) after the care-of address was ready
        assertTrue(reestablished - homeAt <= 70 * MS, "route optimisation " + (reestablished - moved) / MS + " ms after the move, "
                + (reestablished - homeAt) / MS + " ms after ha had the new care-of address");
        run(5);
        assertEquals(1L, ro("hoti.sent"));
        assertEquals(2L, ro("coti.sent"));
        assertEquals(2L, ro("ba.accepted"), mnRole.counters().toString());
        assertEquals(COA2, cache.get("cn", HOA).orElseThrow().careOfAddress());
        assertEquals(32, ping(3), "direct to the new care-of address");

        // home: the correspondent binding is deregistered with the home token
        move("home");
        run(5);
        assertTrue(cache.get("cn", HOA).isEmpty(), "cn's binding deleted on return home");
        assertEquals(1L, ro("binding.deregistered"), mnRole.counters().toString());
        assertTrue(ping(4) > 0);

        for (String l : List.of("foreign1", "foreign2", "cn-link", "home")) {
            net.stopCapture(l);
            Tshark.check(dir.resolve(l + ".pcap"));
        }
        String rh2 = Tshark.fields(dir.resolve("foreign1.pcap"), "ipv6.routing.type == 2 && icmpv6.type == 128", "ipv6.dst");
        String hao = Tshark.fields(dir.resolve("foreign1.pcap"), "ipv6.dstopts && icmpv6.type == 129", "ipv6.src");
        assertTrue(rh2.contains(COA1.toString()), "cn's echo request with RH2 to the care-of address: " + rh2);
        assertTrue(!hao.isBlank(), "mn's echo reply from the care-of address with a Home Address option");
        // an independent implementation recomputes every authenticator from the tokens on the wire
        String rr = RoutabilityCheck.verify(dir, List.of("foreign1.pcap", "foreign2.pcap", "home.pcap"));
        assertTrue(rr.contains("checked 6, bad 0"), "three BUs (foreign1, foreign2, home) and their BAs:\n" + rr);
    }

    /**
     * Back home, the home agent's RA (Router Lifetime 0) may tell mn it is home before ar-home's does: mn has no
     * route to cn until then (RFC 5942: nothing off the link is on-link without a router), so its deregistration
     * with cn is held, not dropped, and leaves as soon as ar-home advertises; before, it was dropped
     * ({@code drop.NO_ROUTE}) and sent again a second or more later, while cn kept sending to the care-of address
     * left behind.
     */
    @Test
    void backHomeBeforeTheRoutersAdvertisementTheCorrespondentDeregistrationWaitsForItNotLonger() throws Exception {
        routeOptimizedFromForeign1();
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        long[] routerAt = {0};
        long noRoute = worldNodes.get("mn").counters().getOrDefault("drop.NO_ROUTE", 0L);
        move("home");
        long back = clock.nanos();
        clock.execute(() -> {
            mn.addListener(new NodeListener() {
                @Override
                public void routerAdvertised(long now, int iface, Ipv6Address router, long intervalMillis,
                                             boolean defaultRouter) {
                    if (defaultRouter && routerAt[0] == 0) {
                        routerAt[0] = now;
                    }
                }
            });
            ha.advertise(0, ha.advertising(0)); // ha's RA at once, before ar-home's
        });
        while (cache.get("cn", HOA).isPresent() && clock.nanos() < back + 15 * S) {
            run(0.001);
        }
        assertTrue(cache.get("cn", HOA).isEmpty(), "cn's binding deleted: " + mnRole.counters());
        assertTrue(routerAt[0] > back, "ar-home advertised");
        assertEquals(noRoute, worldNodes.get("mn").counters().getOrDefault("drop.NO_ROUTE", 0L),
                "nothing sent to cn without a route");
        assertTrue(ro("held-for-route") >= 1, mnRole.counters().toString());
        long after = (clock.nanos() - routerAt[0]) / MS;
        assertTrue(after <= 30, "deleted " + after + " ms after ar-home's RA (home link, backbone and cn-link one way), "
                + (routerAt[0] - back) / MS + " ms after the return");
    }

    /**
     * Hours of the shipped world on virtual time ({@code -Dmip6.soak.hours}, 4 by default): mn moves on after 5
     * minutes and after 20 minutes in turn (foreign1, foreign2, home, foreign2, foreign1, ...), and cn pings its home
     * address every 30 s from 20 s after each move ({@link #soak}). What only time brings comes many
     * times over: home registrations refreshed within a stay (at 80 % of 600 s), correspondent bindings refreshed
     * through return routability (MAX_RR_BINDING_LIFETIME 420 s; tokens older than MAX_TOKEN_LIFETIME 210 s; cn's
     * nonces and Kcn renewed every 30 s here, RFC 6275 §5.2.7), RAs, NUD. After every move cn's echoes are answered
     * again within 20 s, and from then on every one until the next move; the state stays bounded (one binding at
     * ha, at most one at cn, at most two list entries at mn); no task or role handler throws. Four hours take under
     * a second; a year ({@code -Dmip6.soak.hours=8760}: 42,048 moves, some 84,000 home registrations and 70,000
     * correspondent ones, so both sequence numbers wrap past 65535) passed in 58 s on 2026-12-04.
     */
    @Test
    void hoursOfMovesAndTrafficKeepTheHomeAddressReachableAndTheStateBounded() throws Exception {
        world();
        long failuresBefore = clock.taskFailures();
        int[] seq = {0};
        List<String> lost = soak(4, List.of("foreign1", "foreign2", "home", "foreign2"),
                () -> ping(++seq[0] & 0xffff) >= 0, // the Sequence Number is 16 bits (RFC 4443 §4.1)
                m -> assertTrue(cache.entries("ha").size() <= 1 && cache.entries("cn").size() <= 1 && bul.entries("mn").size() <= 2,
                        "after move " + m + ": ha " + cache.entries("ha") + ", cn " + cache.entries("cn") + ", mn " + bul.entries("mn")));
        Map<String, Long> c = mnRole.counters();
        assertEquals(List.of(), lost, c.toString());
        assertEquals(failuresBefore, clock.taskFailures(), "a scheduler task threw (see the log)");
        for (Map.Entry<String, Node> n : worldNodes.entrySet()) {
            assertEquals(0L, n.getValue().counters().getOrDefault("role.errors", 0L), n.getKey() + ": a role's handler threw");
        }
        assertTrue(c.get("bu.refresh") > 0 && c.get("ro.bu.sent") > c.get("movement.moves"),
                "home registrations and correspondent bindings refreshed within the long stays: " + c);
    }

    /** The seeds {@link #mutatedFramesOnEveryLinkBreakNothing} runs with ({@link FrameMutator#seeds}). */
    static java.util.stream.LongStream fuzzSeeds() {
        return FrameMutator.seeds(6276);
    }

    /**
     * Frames built outside the roles: every kind the route-optimized world put on its links (RAs, NS/NA,
     * BU/BA at ha and cn, HoTI/HoT, CoTI/CoT, tunnelled, RH2 and HAO traffic), mutated with a seed (half of
     * them with Payload Length and checksum made right again, {@link FrameMutator}) and injected where
     * they were seen, 20,000 of them. Nothing may throw (no scheduler task, no role handler); what is
     * malformed is counted; and afterwards the world still works: mn, moved to foreign2, registers again,
     * and cn's echoes to its home address are answered. Not every seed can pass that last part: when a
     * forged RA on cn-link gives cn an on-link prefix covering mn's care-of or home address (foreign1's,
     * 2001:db8::/40, even ::/0), cn resolves that address on its own link for the prefix's valid lifetime
     * (RFC 4861 §6.3.4 believes it; only SEND would not). Which seeds do that changes whenever the world's
     * traffic does; in a sweep of seeds 1-200 on 2026-12-02 it was 9 of them (21, 42, 47, 80, 84, 96, 124,
     * 140, 162), each with such a prefix at cn; nothing threw in any. Seed 6275, the default until
     * 2026-12-03, became one when nodes began to answer a Segment Routing Header with a Parameter Problem
     * where they had dropped it as a bad checksum (more frames seen, other mutations): a forged RA put ::/1
     * on-link at cn. The default is now 6276 (seeds 1-6 and 6277 pass too). A sweep of seeds 1-200 and 6276 in
     * one run on 2026-12-04 ({@code -Dmip6.fuzz.seeds=1-200,6276}, 15 s): 9 stop short (7, 11, 18, 46, 64, 101,
     * 104, 156, 178), each with such a prefix at cn (::/0 to 2001:db8::/43); nothing threw. Seeds 201-3000: 145,
     * each with such a prefix; nothing threw. Seeds 10001-22000 (the session after): 618 with such a prefix, and
     * 11923, where a forged Binding Acknowledgement refused mn with 131-133 (RFC 6275 §11.7.3: no BU goes to ha
     * again; this test then threw a NullPointerException of its own, as mn's engine is null while DHAAD runs); no
     * node threw.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fuzzSeeds")
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a seed that never ends fails
    void mutatedFramesOnEveryLinkBreakNothing(long seed) throws Exception {
        FrameMutator.Seeds seeds = new FrameMutator.Seeds(5_000);
        net.tap(seeds);
        routeOptimizedFromForeign1();
        move("foreign2");
        run(5);
        ping(2);
        run(2);
        assertTrue(seeds.size() > 100, seeds.size() + " frames seen");
        long failuresBefore = clock.taskFailures();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int injected = 0;
        for (int batch = 0; batch < 1_000; batch++) {
            for (int k = 0; k < 20; k++) {
                seeds.injectOneMutated(net, r);
                injected++;
            }
            run(0.1);
        }
        assertEquals(20_000, injected);
        assertEquals(failuresBefore, clock.taskFailures(), "a scheduler task threw (see the log)");
        long decodeErrors = 0;
        for (Map.Entry<String, Node> n : worldNodes.entrySet()) {
            Map<String, Long> c = n.getValue().counters();
            assertEquals(0L, c.getOrDefault("role.errors", 0L), n.getKey() + ": a role's handler threw: " + c);
            decodeErrors += c.entrySet().stream().filter(e -> e.getKey().startsWith("decode.")).mapToLong(Map.Entry::getValue).sum();
        }
        assertTrue(decodeErrors > 1_000, "malformed frames are counted: " + decodeErrors);
        assertTrue(cnRole.counters().values().stream().mapToLong(Long::longValue).sum() > 0);

        move("foreign1");
        // what the fuzz made believed (a forged RA's prefix, a forged 135, a retransmission backed off to
        // MAX_BINDACK_TIMEOUT, §11.8) is put right within a few of its timeouts
        boolean answered = false;
        for (int k = 0; k < 120 && !answered; k++) {
            run(1);
            MobileNodeEngine e = mnRole.engine(); // null while DHAAD runs again (a forged refusal, §11.7.3)
            answered = e != null && e.state() == MobileNodeEngine.State.REGISTERED && ping(100 + k) > 0;
        }
        MobileNodeEngine e = mnRole.engine();
        assertTrue(answered, "cn's echo to the home address is answered after the fuzzing; mn's registration "
                + (e == null ? "none (DHAAD)" : e.state() + " with " + e.homeAgent()) + ", " + mnRole.counters()
                + "; cn routes " + worldNodes.get("cn").routes()); // a forged RA's on-link prefix shows here
        assertEquals(COA1, cache.get("ha", HOA).orElseThrow().careOfAddress());
    }

    /**
     * RFC 6275 §9.5.5, §11.7.4: cn asks a binding in use to refresh (here at 20 % of its lifetime); the
     * Binding Refresh Request goes to the home address without a Type 2 Routing Header (§6.1), so ha
     * tunnels it to mn, which runs the tests again and sends a new BU.
     */
    @Test
    void aRefreshRequestFromTheCorrespondentComesThroughTheHomeAgentAndIsAnswered() throws Exception {
        cnParameters = new CorrespondentNodeEngine.Parameters(1024, 20, 10);
        routeOptimizedFromForeign1();
        assertEquals(26, ping(2), "direct: the binding carries traffic");
        net.stopCapture("foreign1");
        net.startCapture("foreign1", dir.resolve("foreign1-brr.pcap"));
        run(120);
        assertEquals(1L, cnRole.counters().get("brr.sent"), cnRole.counters().toString());
        assertEquals(1L, ro("brr.received"), mnRole.counters().toString());
        assertEquals(2L, ro("ba.accepted"), "refreshed");
        net.stopCapture("foreign1");
        Path pcap = dir.resolve("foreign1-brr.pcap");
        Tshark.check(pcap);
        String brr = Tshark.fields(pcap, "mip6.mhtype == 0", "ipv6.src", "ipv6.dst", "ipv6.routing.type");
        assertEquals(HA + "," + CN + "\t" + COA1 + "," + HOA, brr.strip(), // a third column would be a routing type
                "cn's BRR to the home address, tunnelled by ha, no Type 2 Routing Header");
    }

    @Test
    void aCorrespondentThatLostItsBindingAnswersWithBindingError1AndTheMobileNodeStartsOver() throws Exception {
        routeOptimizedFromForeign1();
        cache.remove("cn", HOA); // cn restarted: its binding cache is gone
        long lost = ping(2); // the request comes through ha; mn's reply, direct with a HAO, meets no binding
        assertEquals(-1, lost);
        assertEquals(1L, cnRole.counters().get("be.sent"));
        run(2);
        assertEquals(1L, ro("be.1"), mnRole.counters().toString());
        assertEquals(2L, ro("ba.accepted"), "back to the tunnel, the tests again, a new binding");
        assertEquals(26, ping(3));
    }

    /**
     * RFC 6275 §11.3.6: a Parameter Problem, Code 2, pointing at the Home Address option of what mn sent is logged
     * and discarded (counted); route optimization with cn goes on as it was.
     */
    @Test
    void aParameterProblemAboutTheHomeAddressOptionIsCountedAndDiscarded() throws Exception {
        routeOptimizedFromForeign1();
        byte[] invoking = org.mip6.wire.PacketCodec.encode(new org.mip6.wire.Ipv6Packet(0, 0, 64, COA1, CN,
                List.of(org.mip6.wire.ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new org.mip6.wire.Payload.Icmpv6(new org.mip6.wire.icmp.Icmpv6Message.EchoReply(42, 2,
                        org.mip6.wire.Bytes.of(new byte[16])))));
        int hao = 42; // the option's type, after the Destination Options header's two octets
        while ((invoking[hao] & 0xff) != org.mip6.wire.Ipv6Option.HOME_ADDRESS) {
            hao++;
        }
        int at = hao;
        clock.execute(() -> cn.send(org.mip6.wire.Ipv6Packet.of(CN, COA1, 64, new org.mip6.wire.Payload.Icmpv6(
                new org.mip6.wire.icmp.Icmpv6Message.ParameterProblem(2, at, org.mip6.wire.Bytes.of(invoking))))));
        run(1);
        assertEquals(1L, ro("icmp.home-address-option-unsupported"), mnRole.counters().toString());
        assertEquals(0L, ro("cn.no-mipv6"));
        assertEquals(26, ping(3), "still on the direct path");
    }

    @Test
    void aCorrespondentWithoutMobileIpv6IsLeftAloneAndTrafficStaysOnTheTunnel() throws Exception {
        world(false);
        move("foreign1");
        run(5);
        assertTrue(ping(1) > 0); // mn's reply starts the tests; cn answers them with a Parameter Problem
        run(2);
        assertEquals(2L, ro("cn.no-mipv6"), "a Parameter Problem for each test init: " + mnRole.counters());
        assertEquals(0L, ro("bu.sent"));
        assertEquals(50, ping(2), "still through the home agent");
        assertEquals(1L, ro("hoti.sent"), "and no new tests for a while");
    }

    @Test
    void aPolicyThatSaysNoKeepsTheTrafficOnTheTunnel() throws Exception {
        world();
        clock.execute(() -> mnRole.setRouteOptimization(() -> keys, f -> !f.correspondent().equals(CN)));
        move("foreign1");
        run(5);
        ping(1);
        run(2);
        assertEquals(50, ping(2));
        assertEquals(0L, ro("hoti.sent"));
        // a policy that waits for the flow's fourth packet through the tunnel (mn's replies are the flow)
        clock.execute(() -> mnRole.setRouteOptimization(() -> keys, f -> f.packetsThroughTunnel() >= 4));
        ping(3);
        run(1);
        assertEquals(0L, ro("hoti.sent"), "three so far");
        ping(4); // the fourth: the tests start
        run(2);
        assertEquals(1L, ro("hoti.sent"));
        assertEquals(26, ping(5));
    }

    @Test
    void aMobileNodeRoleThatReplacesAnotherKeepsTheDirectPath() throws Exception {
        world();
        move("foreign1");
        run(5);
        ping(1);
        run(2);
        assertEquals(26, ping(2));
        RoleNode mn = nodes.roleNode("mn");
        MobileNodeRole[] second = new MobileNodeRole[1];
        clock.execute(() -> { // the mn bundle swapped: the old role closes, a new one starts from the binding update list
            mnHandlers.forEach(Runnable::run);
            mnRole.close();
            second[0] = new MobileNodeRole(mn, 0, HOME, HOA, HA, MobilityParameters.DEFAULT, 11, bul);
            second[0].setRouteOptimization(() -> keys, 1);
            ScenarioRoles.mobileNode(nodes, "mn", second[0]);
        });
        run(0.1);
        mnRole = second[0];
        assertEquals(26, ping(3), "still direct");
        assertEquals(1L, ro("binding.restored"));
        assertEquals(0L, ro("hoti.sent"), "no tests again until the refresh");
        assertEquals(0L, ro("bu.sent"));
        // home: the restored binding is deregistered, with the home test run again (its token went with the old role)
        move("home");
        run(5);
        assertTrue(cache.get("cn", HOA).isEmpty(), "cn's binding deleted");
        assertEquals(1L, ro("hoti.sent"));
        assertEquals(1L, ro("binding.deregistered"));
    }
}
