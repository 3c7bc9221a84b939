package org.mip6.mn.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.state.internal.MemoryBindingUpdateList;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityOption;

/** The mobile node's home registration as timelines on a fake clock (RFC 6275 §11.5.5, §11.7, §11.8). */
class MobileNodeEngineTest {

    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;
    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::2");
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address COA1 = Ipv6Address.parse("2001:db8:2::ff:fe00:b");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:3::ff:fe00:b");

    final MemoryBindingUpdateList list = new MemoryBindingUpdateList();
    final List<String> calls = new ArrayList<>();
    final List<BindingUpdate> sent = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
    long now;
    final MobileNodeOutput out = new MobileNodeOutput() {
        @Override
        public void sendBindingUpdate(Ipv6Address source, Ipv6Address homeAgent, Ipv6Address homeAddress, BindingUpdate bu) {
            sent.add(bu);
            calls.add("BU " + bu.sequence() + " life " + bu.lifetime() + " from " + source
                    + (homeAddress == null ? "" : " hao " + homeAddress));
        }

        @Override
        public void away(Ipv6Address coa, Ipv6Address homeAgent, Ipv6Address homeAddress) {
            calls.add("away " + coa);
        }

        @Override
        public void atHome(Ipv6Address homeAddress) {
            calls.add("home");
        }

        @Override
        public void homeAgentReleased(Ipv6Address homeAddress) {
            calls.add("released");
        }

        @Override
        public void registered(Ipv6Address coa, Ipv6Address homeAgent, Ipv6Address homeAddress, boolean prefixDiscovery) {
            if (prefixDiscovery) { // a plain acceptance is seen in the engine's state
                calls.add("registered at " + coa + ", prefix discovery necessary");
            }
        }

        @Override
        public void homeAgentFailed(Ipv6Address homeAgent, int status, int lifetimeSeconds) {
            failed.add(status + " at " + now / MS);
        }

        @Override
        public long validUntil(Ipv6Address address) {
            return validUntil.getOrDefault(address, Long.MAX_VALUE);
        }
    };

    /** When each address stops being valid (node clock); absent: no lifetime known. */
    final java.util.Map<Ipv6Address, Long> validUntil = new java.util.HashMap<>();

    MobileNodeEngine engine() {
        return new MobileNodeEngine("mn", MobilityParameters.DEFAULT, HOA, HA, false, 7, list, out);
    }

    List<String> take() {
        List<String> c = List.copyOf(calls);
        calls.clear();
        return c;
    }

    int lastSeq() {
        return sent.get(sent.size() - 1).sequence();
    }

    static BindingAcknowledgement ba(int status, int seq, int lifetimeUnits, MobilityOption... options) {
        return new BindingAcknowledgement(status, 0, seq, lifetimeUnits, List.of(options));
    }

    @Test
    void aFirstRegistrationWaits15SecondsThenRetransmitsDoublingUpTo32() {
        MobileNodeEngine e = engine();
        e.moved(0, COA1);
        int s0 = lastSeq();
        assertEquals(List.of("away " + COA1, "BU " + s0 + " life 150 from " + COA1 + " hao " + HOA), take());
        BindingUpdate bu = sent.get(0);
        assertEquals(BindingUpdate.A | BindingUpdate.H, bu.flags());
        assertEquals(List.of(new MobilityOption.AlternateCareOfAddress(COA1)), bu.options());
        List<Long> at = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            long t = e.nextDeadline();
            at.add(t / MS);
            now = t;
            e.onTimer(t);
        }
        assertEquals(List.of("0 at 46500"), failed, "once, when the timeout reaches MAX_BINDACK_TIMEOUT");
        // 1.5 s (InitialBindackTimeoutFirstReg), then 3, 6, 12, 24, 32, 32 ... (§11.8)
        assertEquals(List.of(1500L, 4500L, 10500L, 22500L, 46500L, 78500L, 110500L, 142500L), at);
        assertEquals(9, sent.size());
        for (int k = 1; k < sent.size(); k++) {
            assertEquals((s0 + k) & 0xffff, sent.get(k).sequence(), "every BU has a new sequence number");
        }
        assertEquals(8, e.counter("bu.retransmitted"));
    }

    @Test
    void theAcknowledgementEndsRetransmissionAndARefreshFollowsTheAdvice() {
        MobileNodeEngine e = engine();
        e.moved(0, COA1);
        take();
        e.onBindingAcknowledgement(S, HA, ba(0, lastSeq(), 150, new MobilityOption.BindingRefreshAdvice(120)), true);
        assertEquals(MobileNodeEngine.State.REGISTERED, e.state());
        assertEquals(480 * S, e.nextDeadline(), "the Binding Refresh Advice: 120 x 4 s after the BU went");
        e.onTimer(480 * S);
        assertEquals(List.of("BU " + lastSeq() + " life 150 from " + COA1 + " hao " + HOA), take());
        assertEquals(MobileNodeEngine.State.REGISTERING, e.state());
        assertEquals(481 * S, e.nextDeadline(), "INITIAL_BINDACK_TIMEOUT for a refresh");
        e.onBindingAcknowledgement(481 * S - 1, HA, ba(0, lastSeq(), 100), true);
        assertEquals(480 * S + 320 * S, e.nextDeadline(), "no advice: 80 % of the 400 s granted");
    }

    /**
     * RFC 6275 §11.7.1: the lifetime asked SHOULD be no longer than the care-of address and the home address remain
     * valid (600 s configured; here the care-of address's prefix has 101 s left, later the home prefix 40 s), in whole
     * 4 s units, never 0 (which would deregister); refreshed before the binding it got runs out.
     */
    @Test
    void aBindingUpdateAsksNoLongerThanItsAddressesRemainValid() {
        MobileNodeEngine e = engine();
        validUntil.put(COA1, 101 * S);
        e.moved(0, COA1);
        assertEquals(List.of("away " + COA1, "BU " + lastSeq() + " life 25 from " + COA1 + " hao " + HOA), take(),
                "101 s left: 25 units (100 s), not 150");
        assertEquals(1, e.counter("bu.lifetime-capped"));
        e.onBindingAcknowledgement(S, HA, ba(0, lastSeq(), 25), true);
        assertEquals(80 * S, e.nextDeadline(), "refreshed at 80 % of the 100 s asked");
        validUntil.put(COA1, 80 * S + 601 * S); // the care-of prefix's RAs renewed it meanwhile
        validUntil.put(HOA, 80 * S + 40 * S); // and the home prefix has 40 s left
        e.onTimer(80 * S);
        assertEquals(List.of("BU " + lastSeq() + " life 10 from " + COA1 + " hao " + HOA), take());
        validUntil.put(HOA, Long.MAX_VALUE);
        validUntil.put(COA2, 100 * S + 2 * S); // 2 s left: one unit
        e.onBindingAcknowledgement(80 * S + 1, HA, ba(0, lastSeq(), 10), true);
        e.moved(100 * S, COA2);
        assertEquals(List.of("away " + COA2, "BU " + lastSeq() + " life 1 from " + COA2 + " hao " + HOA), take());
        validUntil.clear();
        e.moved(110 * S, COA1); // no lifetime known: the configured 600 s
        assertEquals(List.of("away " + COA1, "BU " + lastSeq() + " life 150 from " + COA1 + " hao " + HOA), take());
    }

    /** RFC 6275 §11.7.3: status 1 is an acceptance, and the mobile node should solicit its prefixes. */
    @Test
    void status1RegistersAndAsksForPrefixDiscovery() {
        MobileNodeEngine e = engine();
        e.moved(0, COA1);
        take();
        e.onBindingAcknowledgement(S, HA, ba(1, lastSeq(), 150, new MobilityOption.BindingRefreshAdvice(120)), true);
        assertEquals(MobileNodeEngine.State.REGISTERED, e.state());
        assertEquals(List.of("registered at " + COA1 + ", prefix discovery necessary"), take());
        assertEquals(480 * S, e.nextDeadline(), "refreshed as after status 0");
        assertEquals(1, e.counter("ba.accepted"));
        assertEquals(1, e.counter("ba.1-prefix-discovery"));
        e.onTimer(480 * S);
        take();
        e.onBindingAcknowledgement(481 * S - 1, HA, ba(0, lastSeq(), 150), true);
        assertEquals(List.of(), take(), "status 0: no prefix discovery asked");
        assertEquals(1, e.counter("ba.1-prefix-discovery"));
    }

    @Test
    void unexpectedAcknowledgementsAreDroppedCountedAndChangeNothing() {
        MobileNodeEngine e = engine();
        e.moved(0, COA1);
        int seq = lastSeq();
        long deadline = e.nextDeadline();
        e.onBindingAcknowledgement(S / 2, HA, ba(0, (seq + 5) & 0xffff, 150), true);
        e.onBindingAcknowledgement(S / 2, COA2, ba(0, seq, 150), true);
        e.onBindingAcknowledgement(S / 2, HA, ba(0, seq, 150), false);
        assertEquals(MobileNodeEngine.State.REGISTERING, e.state());
        assertEquals(deadline, e.nextDeadline());
        assertEquals(1, e.counter("ba.ignored-sequence"));
        assertEquals(1, e.counter("ba.ignored-source"));
        assertEquals(1, e.counter("ba.ignored-no-rh2"), "away, a BA comes through a Type 2 Routing Header");
    }

    @Test
    void status135ResynchronisesFromTheAcknowledgementsNumberWithOneMoreBu() {
        MobileNodeEngine e = engine();
        e.moved(0, COA1);
        take();
        e.onBindingAcknowledgement(S / 10, HA, ba(135, 40_000, 0), true);
        assertEquals(List.of("BU 40001 life 150 from " + COA1 + " hao " + HOA), take());
        e.onBindingAcknowledgement(S / 5, HA, ba(0, 40_001, 150), true);
        assertEquals(MobileNodeEngine.State.REGISTERED, e.state());
        assertEquals(1, e.counter("ba.135-resynchronised"));
    }

    @Test
    void aRejectionStopsTheRegistration() {
        MobileNodeEngine e = engine();
        e.moved(0, COA1);
        now = S;
        e.onBindingAcknowledgement(S, HA, ba(129, lastSeq(), 0), true);
        assertEquals(MobileNodeEngine.State.NONE, e.state());
        assertEquals(List.of("129 at 1000"), failed);
        assertEquals(Long.MAX_VALUE, e.nextDeadline(), "no more retransmissions");
        assertEquals(1, e.counter("ba.rejected"));
    }

    @Test
    void aMoveSendsAtOnceWithTheShorterTimeoutAndReturningHomeDeregistersFromTheHomeAddress() {
        MobileNodeEngine e = engine();
        e.moved(0, COA1);
        e.onBindingAcknowledgement(S, HA, ba(0, lastSeq(), 150), true);
        take();
        e.moved(10 * S, COA2);
        assertEquals(List.of("away " + COA2, "BU " + lastSeq() + " life 150 from " + COA2 + " hao " + HOA), take());
        assertEquals(11 * S, e.nextDeadline(), "INITIAL_BINDACK_TIMEOUT: not a first registration");
        e.onBindingAcknowledgement(10 * S + 50 * MS, HA, ba(0, lastSeq(), 150), true);
        e.moved(20 * S, null);
        assertEquals(List.of("home", "BU " + lastSeq() + " life 0 from " + HOA), take(), "§11.5.5: no HAO");
        assertEquals(MobileNodeEngine.State.DEREGISTERING, e.state());
        e.onBindingAcknowledgement(20 * S + 3 * MS, HA, ba(0, lastSeq(), 0), false); // at home: no RH2
        assertEquals(List.of("released"), take());
        assertEquals(MobileNodeEngine.State.NONE, e.state());
    }

    /**
     * RFC 6275 §10.3.2: a home agent that holds no binding for the home address answers a deregistration with 133
     * (here the binding expired before mn came home). That is what the deregistration asked for: mn is deregistered,
     * and the home agent is not barred as a refusal would bar it (§11.7.3); a later move registers with it again.
     * The home-link soak on DHAAD found mn barred so, for good, once a binding of 4 s had expired.
     */
    @Test
    void aDeregistrationAnsweredWith133IsDoneAndTheHomeAgentNotBarred() {
        MobileNodeEngine e = engine();
        e.moved(0, COA1);
        e.onBindingAcknowledgement(S, HA, ba(0, lastSeq(), 1), true); // granted 4 s
        take();
        e.moved(60 * S, null);
        assertEquals(List.of("home", "BU " + lastSeq() + " life 0 from " + HOA), take());
        e.onBindingAcknowledgement(60 * S + 3 * MS, HA, ba(133, lastSeq(), 0), false);
        assertEquals(List.of("released"), take());
        assertEquals(List.of(), failed, "not a refusal");
        assertEquals(MobileNodeEngine.State.NONE, e.state());
        assertEquals(1, e.counter("ba.deregistered-no-binding"));
        assertEquals(0, e.counter("ba.rejected"));
        e.moved(70 * S, COA2);
        assertEquals(List.of("away " + COA2, "BU " + lastSeq() + " life 150 from " + COA2 + " hao " + HOA), take());
        e.onBindingAcknowledgement(70 * S + 3 * MS, HA, ba(133, lastSeq(), 0), true);
        assertEquals(List.of("133 at 0"), failed, "133 to a registration is a refusal still");
    }

    @Test
    void atMostMaxUpdateRateBindingUpdatesPerSecond() {
        MobileNodeEngine e = engine();
        e.moved(0, COA1);
        e.moved(10 * MS, COA2);
        e.moved(20 * MS, COA1);
        e.moved(30 * MS, COA2);
        assertEquals(3, sent.size(), "MAX_UPDATE_RATE: 3 per second");
        assertEquals(S, e.nextDeadline());
        e.onTimer(S);
        assertEquals(4, sent.size());
        assertEquals(1, e.counter("bu.deferred-rate"));
    }

    /**
     * A refresh that falls due while MAX_UPDATE_RATE holds BUs back (§11.8) waits for the deferred BU: the next
     * deadline is when the rate allows, not the entry's refresh time already past, which would wake the node at
     * the same instant for ever (the home-link fuzz test hung on seed 15508 so). Here acknowledgements granting
     * lifetime 0 make each refresh due at once.
     */
    @Test
    void aRefreshHeldBackByTheRateLimitIsTheNextDeadlineNotTheRefreshAlreadyDue() {
        MobileNodeEngine e = engine();
        e.moved(0, COA1);
        for (int k = 1; k <= 3; k++) {
            now = k * 10 * MS;
            e.onBindingAcknowledgement(now, HA, ba(0, lastSeq(), 0), true); // accepted, granted 0 s: refresh at once
            assertTrue(e.nextDeadline() <= now);
            e.onTimer(now);
        }
        assertEquals(3, sent.size(), "MAX_UPDATE_RATE: the third refresh waits");
        assertEquals(1, e.counter("bu.deferred-rate"));
        assertEquals(S, e.nextDeadline(), "when the first BU is a second old, not the refresh time already past");
        e.onTimer(now);
        assertEquals(3, sent.size());
        assertEquals(1, e.counter("bu.deferred-rate"), "an early wake-up defers nothing again");
        now = S;
        e.onTimer(S);
        assertEquals(4, sent.size());
        assertEquals(MobileNodeEngine.State.REGISTERING, e.state());
        assertEquals(2 * S, e.nextDeadline(), "INITIAL_BINDACK_TIMEOUT for the refresh");
    }

    @Test
    void aBindingRefreshRequestFromTheHomeAgentGetsABu() {
        MobileNodeEngine e = engine();
        e.moved(0, COA1);
        e.onBindingAcknowledgement(S, HA, ba(0, lastSeq(), 150), true);
        take();
        e.onRefreshRequest(100 * S, COA2);
        assertEquals(List.of(), take(), "only the home agent's");
        e.onRefreshRequest(100 * S, HA);
        assertEquals(List.of("BU " + lastSeq() + " life 150 from " + COA1 + " hao " + HOA), take());
    }

    @Test
    void aNewEngineResumesTheRegistrationFromTheList() {
        MobileNodeEngine e = engine();
        e.moved(0, COA1);
        int seq = lastSeq();
        MobileNodeEngine next = new MobileNodeEngine("mn", MobilityParameters.DEFAULT, HOA, HA, false, 99, list, out);
        next.restore(S, COA1);
        assertEquals(1500 * MS, next.nextDeadline(), "the retransmission timer from the list");
        next.onBindingAcknowledgement(S, HA, ba(0, seq, 150), true);
        assertEquals(MobileNodeEngine.State.REGISTERED, next.state());
    }
}
