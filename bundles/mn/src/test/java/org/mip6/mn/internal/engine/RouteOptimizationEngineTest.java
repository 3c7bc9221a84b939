package org.mip6.mn.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.state.BindingUpdateList;
import org.mip6.state.BindingUpdateListEntry;
import org.mip6.state.internal.MemoryBindingUpdateList;
import org.mip6.wire.mh.MobilityMessage.BindingError;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;

/** The mobile node's route optimization engine alone, on a fake clock. */
class RouteOptimizationEngineTest {

    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:4::ff:fe00:9");

    static final Ipv6Address COA1 = Ipv6Address.parse("2001:db8:2::ff:fe00:b");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:3::ff:fe00:b");

    final List<String> sent = new ArrayList<>();
    final MemoryBindingUpdateList list = new MemoryBindingUpdateList();
    final RouteOptimizationEngine engine = new RouteOptimizationEngine("mn", MobilityParameters.DEFAULT, 1_000_000_000L, HOA, 7,
            list, new RouteOptimizationEngine.Output() {
                @Override
                public void sendHomeTestInit(Ipv6Address homeAddress, Ipv6Address correspondent, long cookie) {
                    sent.add("HoTI " + correspondent);
                }

                @Override
                public void sendCareOfTestInit(Ipv6Address careOfAddress, Ipv6Address correspondent, long cookie) {
                    sent.add("CoTI " + correspondent);
                }

                @Override
                public void sendBindingUpdate(Ipv6Address careOfAddress, Ipv6Address homeAddress, Ipv6Address correspondent,
                                              BindingUpdate update, byte[] kbm) {
                    sent.add("BU " + correspondent);
                }
            });

    @Test
    void aBindingErrorFromANodeWithoutABindingUpdateListEntryIsIgnoredAndCounted() {
        engine.onBindingError(0, CN, new BindingError(1, HOA), null); // §11.3.6: MUST ignore
        engine.onBindingError(0, CN, new BindingError(2, HOA), null);
        assertEquals(List.of(), sent);
        assertEquals(2L, engine.counters().get("be.ignored"));
        assertEquals(List.of(0L, 0L), List.of(engine.counters().get("be.1"), engine.counters().get("be.2")));
    }

    /**
     * §11.3.6 says a Binding Error 2 means the correspondent does not speak Mobile IPv6 — but one that holds
     * our binding does: the entry stays (§11.1: while its binding lives), and the next move updates it.
     * Errors about another home address (§6.1.9's Home Address field) are not about ours at all. Found by
     * the world's fuzz test: mutated packets to cn from mn's care-of address drew genuine Binding Errors
     * (1 for a mutated home address, 2 for a mutated MH type), mn forgot its binding, and cn went on
     * sending to the old care-of address after mn moved.
     */
    @Test
    void aBindingError2FromACorrespondentThatHoldsOurBindingOrOneAboutAnotherHomeAddressKeepsTheEntry() {
        long s = S;
        boundAtCoa1Until400s();
        // §6.1.9: an error about another home address (a packet from that address's owner, or forged) is not ours
        engine.onBindingError(2 * s, CN, new BindingError(1, Ipv6Address.parse("2001:db8:1::ff:fe00:c")), null);
        engine.onBindingError(2 * s, CN, new BindingError(2, Ipv6Address.parse("2001:db8:1::ff:fe00:c")), null);
        assertEquals(2L, engine.counters().get("be.ignored"));
        assertEquals(COA1, engine.directCareOf(2 * s, CN), "bound as before");
        engine.onBindingError(2 * s, CN, new BindingError(2, HOA), null);
        assertEquals(1L, engine.counters().get("be.2"));
        assertEquals(COA1, engine.directCareOf(2 * s, CN), "still bound");
        engine.moved(3 * s, COA2, null);
        assertEquals(List.of("HoTI " + CN, "CoTI " + CN), sent, "the move updates the correspondent's binding");

        engine.onBindingError(500 * s, CN, new BindingError(2, HOA), null); // its binding has expired by now
        assertEquals(List.of(), engine.snapshot(500 * s), "no binding there: left alone");
    }

    static final long S = 1_000_000_000L;

    /** Keys whose Kbm is all zero (the engine's own checks are what these tests look at). */
    static final RouteOptimizationEngine.Keys KEYS = new RouteOptimizationEngine.Keys() {
        @Override
        public byte[] kbm(long homeToken, long careOfToken) {
            return new byte[20];
        }

        @Override
        public byte[] kbm(long homeToken) {
            return new byte[20];
        }
    };

    /**
     * §11.7.2: a correspondent registration asks at most MAX_RR_BINDING_LIFETIME, and no longer than the home
     * registration and the care-of address remain (in whole 4 s units, at least one). Registered by IPsec here, so
     * that the BU goes at once.
     */
    @Test
    void aCorrespondentRegistrationAsksNoLongerThanTheHomeRegistrationAndTheCareOfAddressRemain() {
        List<Integer> lifetimes = new ArrayList<>();
        java.util.Map<Ipv6Address, Long> validUntil = new java.util.HashMap<>();
        RouteOptimizationEngine e = new RouteOptimizationEngine("mn", MobilityParameters.DEFAULT, S, HOA, 7, list,
                new RouteOptimizationEngine.Output() {
                    @Override
                    public void sendHomeTestInit(Ipv6Address homeAddress, Ipv6Address correspondent, long cookie) {
                    }

                    @Override
                    public void sendCareOfTestInit(Ipv6Address careOfAddress, Ipv6Address correspondent, long cookie) {
                    }

                    @Override
                    public void sendBindingUpdate(Ipv6Address careOfAddress, Ipv6Address homeAddress, Ipv6Address correspondent,
                                                  BindingUpdate update, byte[] kbm) {
                        lifetimes.add(update.lifetime());
                    }

                    @Override
                    public long validUntil(Ipv6Address careOfAddress) {
                        return validUntil.getOrDefault(careOfAddress, Long.MAX_VALUE);
                    }
                });
        e.setIpsec((h, c) -> true);
        Ipv6Address ha = Ipv6Address.parse("2001:db8:1::2");
        list.put("mn", new BindingUpdateList.Key(ha, HOA), new BindingUpdateListEntry(ha, HOA, COA1, 1, 600, 0, 600 * S, true,
                0, Long.MAX_VALUE, S));
        e.moved(0, COA1, null);
        e.optimize(S, CN, null);
        assertEquals(List.of(105), lifetimes, "MAX_RR_BINDING_LIFETIME: 420 s");
        list.put("mn", new BindingUpdateList.Key(ha, HOA), new BindingUpdateListEntry(ha, HOA, COA2, 2, 600, 0, 200 * S, true,
                0, Long.MAX_VALUE, S)); // the home registration has 198 s left at 2 s
        e.moved(2 * S, COA2, null);
        assertEquals(49, lifetimes.get(1), "198 s: 49 units");
        validUntil.put(COA1, 10 * S + 6 * S); // the care-of address 6 s
        e.moved(10 * S, COA1, null);
        assertEquals(1, lifetimes.get(2));
        assertEquals(2L, e.counters().get("bu.lifetime-capped"));
    }

    /** cn holds mn's binding for COA1 until 400 s (a role that replaced another finds it in the list). */
    void boundAtCoa1Until400s() {
        list.put("mn", new BindingUpdateList.Key(CN, HOA), new BindingUpdateListEntry(CN, HOA, COA1, 7, 400, 0, 400 * S, true, 0,
                Long.MAX_VALUE, S, false));
        engine.restore(S, COA1);
        assertEquals(COA1, engine.directCareOf(S, CN));
    }

    /**
     * §11.8: tests that go unanswered after a move are sent again with backoff to MAX_BINDACK_TIMEOUT; while
     * cn still holds the binding for the old care-of address the node does not give up (giving up would
     * leave cn sending there until the binding expires); once it has expired, it does.
     */
    @Test
    void unansweredTestsGoOnWhileTheCorrespondentHoldsOurBindingAndStopWhenItExpires() {
        boundAtCoa1Until400s();
        engine.moved(2 * S, COA2, null);
        long last = 2 * S;
        long interval = 0;
        int rounds = 0;
        for (long at = engine.nextDeadline(); at < 400 * S; at = engine.nextDeadline()) {
            interval = at - last;
            last = at;
            engine.onTimer(at, null);
            rounds++;
        }
        assertEquals(0L, engine.counters().get("rr.gave-up"));
        assertEquals(MobilityParameters.DEFAULT.maxBindackTimeout(), interval, "sent again at MAX_BINDACK_TIMEOUT");
        assertTrue(rounds >= 10, rounds + " rounds");
        assertEquals(rounds + 1, sent.stream().filter(m -> m.startsWith("CoTI")).count(), sent.toString());
        engine.onTimer(engine.nextDeadline(), null);
        assertEquals(1L, engine.counters().get("rr.gave-up"), "the binding has expired: nothing left to put right");
        assertEquals(List.of(), engine.snapshot(engine.nextDeadline() == Long.MAX_VALUE ? 500 * S : engine.nextDeadline()));
    }

    /**
     * §9.3.1: a Binding Error 1 says only that the correspondent has no binding for the care-of address the
     * offending packet came from; it may still hold ours for another. mn goes back to the tunnel and tests
     * again, and while that binding may live it does not give up. Found by the world's fuzz test (seed 25):
     * a packet from a mutated care-of address drew a genuine BE 1, the tests then went unanswered, mn gave
     * up, and cn kept sending to the care-of address mn had left.
     */
    @Test
    void afterABindingError1TheTestsGoOnWhileTheCorrespondentMayStillHoldOurBinding() {
        boundAtCoa1Until400s();
        RouteOptimizationEngine.Keys keys = KEYS;
        engine.onBindingError(2 * S, CN, new BindingError(1, HOA), keys);
        assertEquals(null, engine.directCareOf(2 * S, CN), "back to the tunnel");
        assertEquals(List.of("HoTI " + CN, "CoTI " + CN), sent);
        for (long at = engine.nextDeadline(); at < 400 * S; at = engine.nextDeadline()) {
            engine.onTimer(at, keys);
        }
        assertEquals(0L, engine.counters().get("rr.gave-up"), "tried until the binding it may hold expires");
        engine.onTimer(engine.nextDeadline(), keys);
        assertEquals(1L, engine.counters().get("rr.gave-up"));
    }

    /**
     * Packets from a flood of sources (each one a correspondent the policy would optimize with) do not grow
     * the node's state without bound: at most MAX_CORRESPONDENTS at once (the rest counted, on the tunnel),
     * at most MAX_LEFT_ALONE remembered after they gave up.
     */
    @Test
    void correspondentsAndThoseLeftAloneAreBounded() {
        engine.moved(S, COA1, null);
        RouteOptimizationEngine.Keys keys = KEYS;
        int n = RouteOptimizationEngine.MAX_LEFT_ALONE + 3_000;
        long now = S;
        for (int k = 0; k < n; k++) {
            engine.optimize(now, Ipv6Address.of(0x2001_0db8_0099_0000L, k + 1), keys);
            if (k == 1999) {
                assertEquals(RouteOptimizationEngine.MAX_CORRESPONDENTS, engine.snapshot(now).size());
                assertEquals(2000L - RouteOptimizationEngine.MAX_CORRESPONDENTS, engine.counters().get("rr.limited"));
            }
            if (k > 1999 && k % 1000 == 999) { // the tests of those under way time out meanwhile
                for (long at = engine.nextDeadline(); at < now + 200 * S; at = engine.nextDeadline()) {
                    engine.onTimer(at, keys);
                }
                now += 200 * S;
            }
        }
        assertTrue(engine.snapshot(now).size() <= RouteOptimizationEngine.MAX_CORRESPONDENTS);
        assertTrue(engine.counters().get("rr.limited") > 0, engine.counters().toString());
        assertTrue(engine.counters().get("rr.gave-up") > RouteOptimizationEngine.MAX_LEFT_ALONE, engine.counters().toString());
        assertTrue(engine.leftAloneCount() <= RouteOptimizationEngine.MAX_LEFT_ALONE, engine.leftAloneCount() + " left alone");
    }
}
