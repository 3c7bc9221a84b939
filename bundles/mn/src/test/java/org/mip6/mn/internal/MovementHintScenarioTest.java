package org.mip6.mn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.mn.internal.engine.MobileNodeEngine;
import org.mip6.mn.internal.engine.MobilityParameters;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.DefaultWorld;
import org.mip6.node.Advertising;
import org.mip6.role.RoleNode;
import org.mip6.stack.internal.StackNodeFactory;
import org.mip6.stack.internal.VirtualTimeScenario;
import org.mip6.stack.internal.engine.NdParameters;
import org.mip6.stack.internal.engine.Tshark;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.state.internal.MemoryBindingUpdateList;

/**
 * Each movement hint of RFC 6275 §11.5.1 alone, in the shipped world on virtual time with the RFC 4861
 * default RA intervals (3-10 s), so that what the hint does is what moves the node.
 */
class MovementHintScenarioTest extends VirtualTimeScenario {

    static final long MS = 1_000_000L;
    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address HA = HOME.withInterfaceId(2);
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address COA1 = Ipv6Address.parse("2001:db8:2::ff:fe00:b");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:3::ff:fe00:b");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:4::ff:fe00:9");

    @TempDir
    Path dir;
    final MemoryBindingCache cache = new MemoryBindingCache();
    final MemoryBindingUpdateList bul = new MemoryBindingUpdateList();
    StackNodeFactory nodes;
    MobileNodeRole mnRole;

    /** The default world (RAs every 3-10 s), the home agent on ha and a mobile node on mn using {@code hints}. */
    void world(boolean optimisticDad, Set<MovementHint> hints) {
        nodes = new StackNodeFactory(NdParameters.DEFAULT.withOptimisticDad(optimisticDad));
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        run(5);
        clock.execute(() -> {
            ScenarioRoles.homeAgent(nodes, ha, cache);
            mnRole = new MobileNodeRole(mn, 0, HOME, HOA, HA, MobilityParameters.DEFAULT, 11, bul);
            mnRole.setMovementHints(hints);
            ScenarioRoles.mobileNode(nodes, "mn", mnRole);
        });
        run(1);
    }

    /** Runs until mn is registered at {@code coa} (at most {@code limit} s); returns how long that took. */
    long untilRegisteredAt(Ipv6Address coa, double limit) {
        long from = clock.nanos();
        while (!(mnRole.engine().state() == MobileNodeEngine.State.REGISTERED && coa.equals(mnRole.engine().careOfAddress())
                && cache.get("ha", HOA).map(b -> b.careOfAddress().equals(coa)).orElse(false))
                && clock.nanos() < from + (long) (limit * S)) {
            run(0.001);
        }
        assertEquals(coa, cache.get("ha", HOA).orElseThrow().careOfAddress(), "registered at " + coa);
        return clock.nanos() - from;
    }

    long counter(String name) {
        return mnRole.counters().get(name);
    }

    @Test
    void theLinkLayerHintWithOptimisticDadRegistersWithinTwoPathRoundTrips() throws Exception {
        world(true, EnumSet.of(MovementHint.L2));
        net.startCapture("foreign2", dir.resolve("foreign2.pcap"));
        move("foreign1");
        untilRegisteredAt(COA1, 5); // the first registration waits for the home agent's DAD
        // the backbone's neighbour caches warm, as in a network that carries traffic: ar-f2 and ar-home know each other
        RoleNode ha = nodes.roleNode("ha");
        clock.execute(() -> ha.ping(Ipv6Address.parse("2001:db8:3::1"), 9, 1, 8));
        run(1);
        move("foreign2");
        long took = untilRegisteredAt(COA2, 5);
        net.stopCapture("foreign2");
        // mn-ha over foreign2: 5 + 10 + 1 ms each way, a 32 ms round trip; RAs come only every 3-10 s
        assertTrue(took <= 500 * MS + 64 * MS, "registered " + took / MS + " ms after the attach: the RS answered within"
                + " MAX_RA_DELAY_TIME (RFC 4861 §6.2.6), then the BU/BA round trip");
        assertEquals(2L, counter("movement.l2"));
        assertEquals(0L, counter("movement.prefix"));
        net.stopCapture("foreign2");
        Tshark.check(dir.resolve("foreign2.pcap"));
    }

    @Test
    void theLinkLayerHintWithoutOptimisticDadRegistersAfterTheCareOfAddresssDad() {
        world(false, EnumSet.of(MovementHint.L2));
        move("foreign1");
        untilRegisteredAt(COA1, 5);
        move("foreign2");
        long took = untilRegisteredAt(COA2, 5);
        // the RA within MAX_RA_DELAY_TIME (0.5 s, RFC 4861 §6.2.6), RFC 4862 §5.4.2: a random delay up to 1 s,
        // then 1 s of DAD, then the BU/BA round trip (32 ms)
        assertTrue(took >= 1000 * MS && took <= 2532 * MS, "registered " + took / MS + " ms after the attach");
        assertEquals(2L, counter("movement.l2"));
        assertEquals(0L, counter("bu.retransmitted"), "no BU from the tentative address");
    }

    @Test
    void withoutTheLinkLayerHintTheNodeWaitsForTheStacksDelayedSolicitation() {
        world(true, EnumSet.of(MovementHint.PREFIX));
        move("foreign1");
        untilRegisteredAt(COA1, 5);
        move("foreign2");
        untilRegisteredAt(COA2, 15);
        assertEquals(0L, counter("movement.l2"));
        assertEquals(0L, counter("movement.rs"), "no solicitation of the mobile node's own");
        assertEquals(2L, counter("movement.prefix"));
    }

    @Test
    void withoutAnyHintANewPrefixIsNoMove() {
        world(true, EnumSet.noneOf(MovementHint.class));
        move("foreign1");
        run(20);
        assertEquals(MobileNodeEngine.State.NONE, mnRole.engine().state());
        assertEquals(null, mnRole.engine().careOfAddress());
    }

    @Test
    void theNudHintFindsASilentHandoverWhenTheOldRouterStopsAnswering() {
        world(false, EnumSet.of(MovementHint.NUD, MovementHint.PREFIX));
        move("foreign1");
        untilRegisteredAt(COA1, 15);
        mnRole.setMovementHints(EnumSet.of(MovementHint.NUD));
        net.roam(port("mn.eth0"), "foreign2");
        RoleNode mn = nodes.roleNode("mn");
        // upper-layer traffic from the home address: its packets go to the default router, whose NUD fails
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            mn.ping(CN, 7, 1, 8);
            if (counter("movement.nud") == 0) {
                mn.schedule(clock.nanos() + S, tick[0]);
            }
        };
        clock.execute(tick[0]);
        for (int k = 0; k < 60_000 && counter("movement.nud") == 0; k++) {
            assertEquals(COA1, cache.get("ha", HOA).orElseThrow().careOfAddress(), "foreign2's prefix alone is no move here");
            run(0.001);
        }
        untilRegisteredAt(COA2, 5);
        assertEquals(1L, counter("movement.nud"));
        assertTrue(counter("movement.rs") >= 1);
    }

    @Test
    void theRaIntervalHintFindsASilentHandoverWhenTheOldRouterFallsSilent() {
        world(false, EnumSet.of(MovementHint.RA_INTERVAL, MovementHint.PREFIX));
        for (String r : List.of("ar-f1", "ar-f2")) { // RFC 6275 §7.3: routers of mobile nodes add the option
            RoleNode ar = nodes.roleNode(r);
            clock.execute(() -> {
                Advertising a = ar.advertising(0);
                ar.advertise(0, new Advertising(a.minInterval(), a.maxInterval(), a.routerLifetime(), a.homeAgent(),
                        a.prefixes(), true, a.homeAgentPreference(), a.homeAgentLifetime()));
            });
        }
        move("foreign1");
        untilRegisteredAt(COA1, 15);
        run(12); // an RA from ar-f1 with the option was heard
        mnRole.setMovementHints(EnumSet.of(MovementHint.RA_INTERVAL));
        long roamed = clock.nanos();
        net.roam(port("mn.eth0"), "foreign2");
        untilRegisteredAt(COA2, 30);
        assertEquals(1L, counter("movement.ra-interval"));
        assertTrue(clock.nanos() - roamed <= 10 * S + 2 * S, "within the advertised 10 s, then DAD of the new address");
    }
}
