package org.mip6.ha.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mip6.ha.internal.engine.HomeAgentEngineTest.COA;
import static org.mip6.ha.internal.engine.HomeAgentEngineTest.COA2;
import static org.mip6.ha.internal.engine.HomeAgentEngineTest.HA;
import static org.mip6.ha.internal.engine.HomeAgentEngineTest.HOA;
import static org.mip6.ha.internal.engine.HomeAgentEngineTest.HOME;
import static org.mip6.ha.internal.engine.HomeAgentEngineTest.S;
import static org.mip6.ha.internal.engine.HomeAgentEngineTest.bu;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mip6.ha.HomeRegistrationPolicy;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.state.MobileNetworkPrefixRegistration;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.state.internal.MemoryMobileNetworkPrefixes;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityOption;

/** RFC 3963 (NEMO Basic Support) §6.1-6.3 on the home agent engine, as timelines. */
class MobileRouterRegistrationTest {

    static final int MR = BindingUpdate.A | BindingUpdate.H | BindingUpdate.R;
    static final int MN = BindingUpdate.A | BindingUpdate.H;
    static final Ipv6Address HOA2 = Ipv6Address.parse("2001:db8:1::20");
    static final Ipv6Address HOA3 = Ipv6Address.parse("2001:db8:1::30");
    static final Ipv6Prefix DELEGATED = Ipv6Prefix.parse("2001:db8:100::/48");
    static final Ipv6Prefix NET1 = Ipv6Prefix.parse("2001:db8:100:1::/64");
    static final Ipv6Prefix NET2 = Ipv6Prefix.parse("2001:db8:100:2::/64");

    /** The engine test's recorder, with the routes of the mobile routers' prefixes. */
    static final class Recorder extends HomeAgentEngineTest.Recorder {
        @Override
        public void routePrefixes(int tunnel, List<Ipv6Prefix> before, List<Ipv6Prefix> now) {
            calls.add("routes tunnel " + tunnel + " " + before + " -> " + now);
        }
    }

    final MemoryBindingCache cache = new MemoryBindingCache();
    final MemoryMobileNetworkPrefixes registered = new MemoryMobileNetworkPrefixes();
    final Recorder out = new Recorder();

    /** A home agent (DAD off) that serves mobile router HOA with DELEGATED, and HOA3 with no prefix configured. */
    HomeAgentEngine engine() {
        HomeAgentEngine e = new HomeAgentEngine("ha", HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false),
                List.of(new ServedPrefix(0, HOME, 86_400, 14_400)), r -> HomeRegistrationPolicy.ACCEPT, cache, out);
        e.setMobileRouters(new PrefixTable(Map.of(HOA, List.of(DELEGATED), HOA3, List.of())), registered);
        return e;
    }

    static MobilityOption.MobileNetworkPrefix mnp(Ipv6Prefix p) {
        return new MobilityOption.MobileNetworkPrefix(p.length(), p.address());
    }

    BindingAcknowledgement lastAck() {
        return out.acks.get(out.acks.size() - 1);
    }

    @Test
    void explicitModeRoutesTheOptionsPrefixesAndAcknowledgesWithR() {
        HomeAgentEngine e = engine();
        e.onBindingUpdate(0, bu(COA, HOA, 1, MR, 150, mnp(NET1), mnp(NET2)));
        assertEquals(List.of("add " + HOA + " via " + COA + " tunnel 1", "routes tunnel 1 [] -> [" + NET1 + ", " + NET2 + "]",
                "BA 0 seq 1 life 150 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        assertEquals(BindingAcknowledgement.R, lastAck().flags(), "RFC 3963 §4.2: R, this home agent serves mobile routers");
        assertEquals(new MobileNetworkPrefixRegistration(HOA, List.of(NET1, NET2), false), registered.get("ha", HOA).orElseThrow());
        assertEquals(1L, e.counter(HaCounter.BU_MOBILE_ROUTER));

        // a refresh that registers one prefix only: the other is routed no longer
        e.onBindingUpdate(10 * S, bu(COA, HOA, 2, MR, 150, mnp(NET2)));
        assertEquals(List.of("routes tunnel 1 [" + NET1 + ", " + NET2 + "] -> [" + NET2 + "]",
                "BA 0 seq 2 life 150 " + HA + " -> " + COA + " rh2 " + HOA), out.take());

        // a move: the prefix follows the binding into its new tunnel
        e.onBindingUpdate(20 * S, bu(COA2, HOA, 3, MR, 150, mnp(NET2)));
        assertEquals(List.of("move " + HOA + " via " + COA2 + " tunnel 1->2", "routes tunnel 2 [" + NET2 + "] -> [" + NET2 + "]",
                "BA 0 seq 3 life 150 " + HA + " -> " + COA2 + " rh2 " + HOA), out.take());

        // deregistration: the binding, its tunnel and its prefixes' routes go
        e.onBindingUpdate(30 * S, bu(COA2, HOA, 4, MR, 0));
        assertEquals(List.of("routes tunnel 0 [" + NET2 + "] -> []", "remove " + HOA + " tunnel 2",
                "BA 0 seq 4 life 0 " + HA + " -> " + COA2 + " rh2 " + HOA), out.take());
        assertTrue(registered.get("ha", HOA).isEmpty());
    }

    /** A swap: another engine on the same state knows which prefixes the binding holds, and routes only what changed. */
    @Test
    void anEngineThatReplacesAnotherTakesItsMobileRoutersPrefixesOver() {
        engine().onBindingUpdate(0, bu(COA, HOA, 1, MR, 150, mnp(NET1), mnp(NET2)));
        out.take();
        HomeAgentEngine next = engine();
        next.restore(S);
        next.onBindingUpdate(2 * S, bu(COA, HOA, 2, MR, 150, mnp(NET1)));
        assertEquals(List.of("routes tunnel 1 [" + NET1 + ", " + NET2 + "] -> [" + NET1 + "]",
                "BA 0 seq 2 life 150 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        next.onBindingUpdate(3 * S, bu(COA, HOA, 3, MR, 0));
        assertEquals(List.of("routes tunnel 0 [" + NET1 + "] -> []", "remove " + HOA + " tunnel 1",
                "BA 0 seq 3 life 0 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
    }

    @Test
    void implicitModeRoutesThePrefixTablesPrefixesAndExpiryTakesThemAway() {
        HomeAgentEngine e = engine();
        e.onBindingUpdate(0, bu(COA, HOA, 1, MR, 150));
        assertEquals(List.of("add " + HOA + " via " + COA + " tunnel 1", "routes tunnel 1 [] -> [" + DELEGATED + "]",
                "BA 0 seq 1 life 150 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        assertEquals(new MobileNetworkPrefixRegistration(HOA, List.of(DELEGATED), true), registered.get("ha", HOA).orElseThrow());
        e.onTimer(600 * S); // its lifetime out (nothing used the tunnel: no refresh request before)
        assertEquals(List.of("routes tunnel 0 [" + DELEGATED + "] -> []", "remove " + HOA + " tunnel 1"), out.take());
        assertTrue(registered.get("ha", HOA).isEmpty());
        assertEquals(1L, e.counter(HaCounter.BINDINGS_EXPIRED));
    }

    @Test
    void registrationsThePrefixTableDoesNotAllowAreRefusedWithTheirStatusAndChangeNothing() {
        HomeAgentEngine e = engine();
        e.onBindingUpdate(0, bu(COA, HOA2, 1, MR, 150, mnp(NET1))); // not a mobile router of the table
        e.onBindingUpdate(0, bu(COA, HOA, 1, MR, 150, mnp(Ipv6Prefix.parse("fe80::/64")))); // not routable
        e.onBindingUpdate(0, bu(COA, HOA, 1, MR, 150, mnp(HOME))); // the home link itself
        e.onBindingUpdate(0, bu(COA, HOA, 1, MR, 150, mnp(Ipv6Prefix.parse("::/0"))));
        e.onBindingUpdate(0, bu(COA, HOA, 1, MR, 150, mnp(NET1), mnp(Ipv6Prefix.parse("2001:db8:200::/64")))); // not its
        e.onBindingUpdate(0, bu(COA, HOA, 1, MR, 150, mnp(Ipv6Prefix.parse("2001:db8:100::/40")))); // holds its /48: not its
        e.onBindingUpdate(0, bu(COA, HOA3, 1, MR, 150)); // implicit mode with no prefix configured
        e.onBindingUpdate(0, bu(COA, HOA3, 1, MR, 150, mnp(NET1)));
        assertEquals(List.of(140, 141, 141, 141, 142, 142, 143, 142), out.acks.stream().map(BindingAcknowledgement::status).toList());
        assertTrue(out.acks.stream().allMatch(a -> a.flags() == BindingAcknowledgement.R), "R: the home agent serves mobile routers");
        assertEquals(List.of(), cache.entries("ha"));
        assertEquals(List.of(), registered.entries("ha"));
        assertEquals(List.of(1L, 3L, 3L, 1L), List.of(e.counter(HaCounter.REJECT_MOBILE_ROUTER_NOT_PERMITTED),
                e.counter(HaCounter.REJECT_INVALID_PREFIX), e.counter(HaCounter.REJECT_PREFIX_NOT_AUTHORIZED),
                e.counter(HaCounter.REJECT_PREFIXES_MISSING)));
    }

    @Test
    void aBindingKeepsItsKindMobileRouterOrMobileNode() {
        HomeAgentEngine e = engine();
        e.onBindingUpdate(0, bu(COA, HOA, 1, MR, 150));
        e.onBindingUpdate(S, bu(COA, HOA, 2, MN, 150)); // the Mobile Router flag dropped: 139
        e.onBindingUpdate(0, bu(COA2, HOA2, 1, MN, 150));
        e.onBindingUpdate(S, bu(COA2, HOA2, 2, MR, 150, mnp(NET1))); // a mobile node's binding turned a router's: 139
        assertEquals(List.of(0, 139, 0, 139), out.acks.stream().map(BindingAcknowledgement::status).toList());
        assertEquals(List.of(BindingAcknowledgement.R, 0, 0, BindingAcknowledgement.R),
                out.acks.stream().map(BindingAcknowledgement::flags).toList());
        assertEquals(1, cache.get("ha", HOA).orElseThrow().sequence());
        assertEquals(1, cache.get("ha", HOA2).orElseThrow().sequence());
        assertEquals(List.of(DELEGATED), registered.get("ha", HOA).orElseThrow().prefixes());
        assertTrue(registered.get("ha", HOA2).isEmpty());
    }

    @Test
    void withoutAPrefixTableTheMobileRouterFlagIsIgnored() {
        HomeAgentEngine e = new HomeAgentEngine("ha", HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false),
                List.of(new ServedPrefix(0, HOME, 86_400, 14_400)), r -> HomeRegistrationPolicy.ACCEPT, cache, out);
        e.onBindingUpdate(0, bu(COA, HOA, 1, MR, 150, mnp(NET1)));
        assertEquals(List.of("add " + HOA + " via " + COA + " tunnel 1", "BA 0 seq 1 life 150 " + HA + " -> " + COA + " rh2 " + HOA),
                out.take(), "RFC 6275 §6.1.7: a bit it does not know; its prefix is not routed");
        assertEquals(0, lastAck().flags(), "R clear: the mobile router learns this home agent serves none (RFC 3963 §5.3)");
    }

    /** The node's routes as the role keeps them: a prefix's route is replaced, and a tunnel's go with it. */
    static final class Routes extends HomeAgentEngineTest.Recorder {
        final Map<Ipv6Prefix, Integer> routes = new java.util.HashMap<>();

        @Override
        public void routePrefixes(int tunnel, List<Ipv6Prefix> before, List<Ipv6Prefix> now) {
            before.stream().filter(p -> !now.contains(p)).forEach(routes::remove);
            now.forEach(p -> routes.put(p, tunnel));
        }

        @Override
        public int moveBinding(int iface, Ipv6Address homeAgent, Ipv6Address homeAddress, Ipv6Address careOfAddress,
                               int oldTunnel) {
            routes.values().removeIf(t -> t == oldTunnel);
            return super.moveBinding(iface, homeAgent, homeAddress, careOfAddress, oldTunnel);
        }

        @Override
        public void removeBinding(int iface, Ipv6Address homeAddress, boolean ll, int tunnel) {
            routes.values().removeIf(t -> t == tunnel);
            super.removeBinding(iface, homeAddress, ll, tunnel);
        }
    }

    /**
     * Random Binding Updates (flags with and without R, Mobile Network Prefix options of the table's, others' and
     * invalid ones, stale sequence numbers, moves, deregistrations) and expiries, from a seed: after each, every mobile
     * router's binding has its prefixes registered and routed into its own tunnel, no other prefix is routed, and no
     * mobile node's binding has any.
     */
    @Test
    void randomRegistrationsKeepTheRoutesThePrefixesAndTheBindingsInStep() {
        Routes routes = new Routes();
        HomeAgentEngine e = new HomeAgentEngine("ha", HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false),
                List.of(new ServedPrefix(0, HOME, 86_400, 14_400)), r -> HomeRegistrationPolicy.ACCEPT, cache, routes);
        List<Ipv6Address> homes = List.of(HOA, HOA2, HOA3, Ipv6Address.parse("2001:db8:1::40"));
        e.setMobileRouters(new PrefixTable(Map.of(HOA, List.of(DELEGATED), HOA3, List.of(),
                homes.get(3), List.of(Ipv6Prefix.parse("2001:db8:300::/48")))), registered);
        List<Ipv6Prefix> offered = List.of(NET1, NET2, DELEGATED, Ipv6Prefix.parse("2001:db8:300:5::/64"),
                Ipv6Prefix.parse("2001:db8:200::/64"), Ipv6Prefix.parse("fe80::/64"), HOME);
        List<Ipv6Address> careOfs = List.of(COA, COA2, Ipv6Address.parse("2001:db8:5::1"));
        java.util.SplittableRandom random = new java.util.SplittableRandom(3963);
        int[] sequence = new int[homes.size()];
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            now += random.nextLong(5 * S);
            int h = random.nextInt(homes.size());
            if (random.nextInt(50) == 0) {
                now += 700 * S; // past every binding's lifetime
                e.onTimer(now);
            } else {
                int flags = random.nextInt(3) == 0 ? MN : MR;
                sequence[h] = random.nextInt(10) == 0 ? sequence[h] - 1 & 0xffff : sequence[h] + 1 & 0xffff;
                MobilityOption[] options = new MobilityOption[random.nextInt(4) == 0 ? random.nextInt(3) : 0];
                for (int k = 0; k < options.length; k++) {
                    options[k] = mnp(offered.get(random.nextInt(offered.size())));
                }
                int lifetime = random.nextInt(8) == 0 ? 0 : 150;
                e.onBindingUpdate(now, bu(careOfs.get(random.nextInt(careOfs.size())), homes.get(h), sequence[h], flags,
                        lifetime, options));
            }
            Map<Ipv6Prefix, Integer> expected = new java.util.HashMap<>();
            for (org.mip6.state.BindingCacheEntry b : cache.entries("ha")) {
                var r = registered.get("ha", b.homeAddress());
                if ((b.flags() & BindingUpdate.R) == 0) {
                    assertTrue(r.isEmpty(), "step " + step + ": a mobile node's binding with prefixes " + r);
                    continue;
                }
                assertTrue(r.isPresent(), "step " + step + ": a mobile router's binding without its prefixes " + b);
                r.get().prefixes().forEach(p -> expected.put(p, b.tunnel()));
            }
            assertEquals(registered.entries("ha").size(), cache.entries("ha").stream()
                    .filter(b -> (b.flags() & BindingUpdate.R) != 0).count(), "step " + step + ": prefixes without a binding");
            assertEquals(expected, routes.routes, "step " + step);
        }
        assertTrue(e.counter(HaCounter.BU_MOBILE_ROUTER) > 1000, e.counters().toString());
        assertTrue(e.counter(HaCounter.REJECT_TYPE_CHANGE) > 100, e.counters().toString());
    }

    @Test
    void aPrefixTableThatDoesNotMakeSenseIsRefusedWithTheRouterNamed() {
        assertEquals("mobile router 2001:db8:1::30: prefix 2001:db8:100:1::/64 overlaps 2001:db8:100::/48 of mobile router "
                + HOA, assertThrows(IllegalArgumentException.class, () -> PrefixTable.parse(new String[] {
                        HOA + " " + DELEGATED, HOA3 + " " + NET1})).getMessage());
        assertEquals("\"2001:db8:1::30 2001:db8:100::\": not an IPv6 prefix: \"2001:db8:100::\": missing \"/length\"",
                assertThrows(IllegalArgumentException.class, () -> PrefixTable.parse(new String[] {HOA3 + " 2001:db8:100::"}))
                        .getMessage());
        assertEquals("mobile router 2001:db8:1::30: prefix ff0e::/16 is not a unicast routable prefix",
                assertThrows(IllegalArgumentException.class, () -> PrefixTable.parse(new String[] {HOA3 + " ff0e::/16"}))
                        .getMessage());
        PrefixTable t = PrefixTable.parse(new String[] {HOA + " 2001:db8::/32", "2001:db8:9::1"});
        assertEquals("mobile router " + HOA + ": prefix 2001:db8::/32 holds the home prefix " + HOME,
                assertThrows(IllegalArgumentException.class, () -> t.checkAgainst(List.of(HOME))).getMessage());
        PrefixTable away = PrefixTable.parse(new String[] {"2001:db8:9::1"});
        assertEquals("mobile router 2001:db8:9::1: its home address is on no prefix served [" + HOME + "]",
                assertThrows(IllegalArgumentException.class, () -> away.checkAgainst(List.of(HOME))).getMessage());
        assertEquals(Map.of(HOA, List.of(NET1, NET2)), PrefixTable.parse(new String[] {HOA + " " + NET1 + ", " + NET2, " "}).entries());
        assertEquals(Map.of(HOA, List.of(NET1), HOA3, List.of()), PrefixTable.parse(new String[] {HOA + " " + NET1 + "; " + HOA3})
                .entries(), "a configuration file's line");
    }
}
