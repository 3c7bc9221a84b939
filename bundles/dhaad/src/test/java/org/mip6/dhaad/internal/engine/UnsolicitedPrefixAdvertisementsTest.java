package org.mip6.dhaad.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.state.PendingPrefixAdvertisement;
import org.mip6.state.internal.MemoryPendingPrefixAdvertisements;

/** RFC 6275 §10.6.2's unsolicited Mobile Prefix Advertisements, scheduled then sent again, as timelines. */
class UnsolicitedPrefixAdvertisementsTest {

    static final long S = 1_000_000_000L;
    static final Ipv6Address A = Ipv6Address.parse("2001:db8:1::a");
    static final Ipv6Address B = Ipv6Address.parse("2001:db8:1::b");

    /** Every second from {@code from} to {@code to}: "second address" for each one due ("first" marks a first transmission). */
    static List<String> run(UnsolicitedPrefixAdvertisements r, long from, long to) {
        List<String> out = new ArrayList<>();
        for (long t = from; t <= to; t++) {
            for (UnsolicitedPrefixAdvertisements.Due d : r.due(t * S)) {
                out.add(t + " " + d.homeAddress() + (d.first() ? " first" : ""));
            }
        }
        return out;
    }

    @Test
    void sentWhenScheduledThenAfterThreeSecondsAndEachWaitDoubledAtMostThreeTimes() {
        UnsolicitedPrefixAdvertisements r = new UnsolicitedPrefixAdvertisements("ha", new MemoryPendingPrefixAdvertisements());
        assertTrue(r.schedule(10 * S, A));
        assertEquals(10 * S, r.nextDeadline());
        assertEquals(List.of("10 " + A + " first", "13 " + A, "19 " + A, "31 " + A), run(r, 0, 200));
        assertEquals(Long.MAX_VALUE, r.nextDeadline());
        assertEquals(0, r.pending());
    }

    /** §10.6.2: while one is scheduled or being sent again, another is not scheduled (what goes is the list as it is then). */
    @Test
    void noSecondScheduleWhileOneIsPending() {
        UnsolicitedPrefixAdvertisements r = new UnsolicitedPrefixAdvertisements("ha", new MemoryPendingPrefixAdvertisements());
        assertTrue(r.schedule(700 * S, A));
        assertFalse(r.schedule(650 * S, A), "scheduled already");
        assertEquals(700 * S, r.nextDeadline());
        assertEquals(List.of("700 " + A + " first", "703 " + A), run(r, 0, 705));
        assertFalse(r.schedule(800 * S, A), "still being sent again");
        assertEquals(List.of("709 " + A, "721 " + A), run(r, 706, 800));
        assertTrue(r.schedule(900 * S, A), "done: a later change schedules one again");
    }

    @Test
    void aSolicitationOrAnEndedBindingStopsThemScheduledOrSent() {
        UnsolicitedPrefixAdvertisements r = new UnsolicitedPrefixAdvertisements("ha", new MemoryPendingPrefixAdvertisements());
        r.schedule(0, A);
        r.schedule(S, B);
        assertEquals(List.of("0 " + A + " first", "1 " + B + " first", "3 " + A, "4 " + B), run(r, 0, 5));
        assertTrue(r.solicited(A));
        assertFalse(r.solicited(A), "nothing pending any more");
        assertEquals(4 * S + 6 * S, r.nextDeadline(), "B's alone");
        assertTrue(r.end(B));
        r.schedule(600 * S, B);
        assertTrue(r.solicited(B), "a solicitation before the scheduled time: the mobile node has the prefixes");
        assertEquals(List.of(), run(r, 6, 1000));
        assertEquals(Long.MAX_VALUE, r.nextDeadline());
    }

    /** What is pending is in the state: another instance (a swapped bundle's) takes it up where it was, ties in order. */
    @Test
    void anotherInstanceTakesUpWhatIsPendingFromTheState() {
        MemoryPendingPrefixAdvertisements state = new MemoryPendingPrefixAdvertisements();
        UnsolicitedPrefixAdvertisements r = new UnsolicitedPrefixAdvertisements("ha", state);
        r.schedule(0, B);
        r.schedule(0, A);
        assertEquals(List.of("0 " + B + " first", "0 " + A + " first", "3 " + B, "3 " + A), run(r, 0, 4));
        assertEquals(2, state.entries("ha").size());
        UnsolicitedPrefixAdvertisements next = new UnsolicitedPrefixAdvertisements("ha", state);
        assertEquals(9 * S, next.nextDeadline());
        assertEquals(List.of("9 " + B, "9 " + A, "21 " + B, "21 " + A), run(next, 5, 100));
        assertEquals(List.of(), state.entries("ha"));
        assertEquals(List.of(), new UnsolicitedPrefixAdvertisements("other", state).due(Long.MAX_VALUE), "per node");

        UnsolicitedPrefixAdvertisements scheduled = new UnsolicitedPrefixAdvertisements("ha", state);
        scheduled.schedule(600 * S, A);
        assertEquals(List.of("600 " + A + " first", "603 " + A),
                run(new UnsolicitedPrefixAdvertisements("ha", state), 0, 605), "a scheduled one is taken up too");
    }

    /** An entry an instance before the scheduling wrote (a retransmission pending: its wait and the retransmissions left) reads the same. */
    @Test
    void anEntryOfTheRetransmissionsAloneIsTakenUpAsItWas() {
        MemoryPendingPrefixAdvertisements state = new MemoryPendingPrefixAdvertisements();
        state.put("ha", A, new PendingPrefixAdvertisement(A, 0, 3 * S, 3 * S, 3));
        assertEquals(List.of("3 " + A, "9 " + A, "21 " + A), run(new UnsolicitedPrefixAdvertisements("ha", state), 0, 100));
    }

    /** RAND_ADV_DELAY (§10.6.2): MinMobPfxAdvInterval plus a random part below |min(Max, preferred) - Min|, whole seconds. */
    @Test
    void randAdvDelayIsSpreadBetweenTheIntervalsAndThePreferredLifetime() {
        SplittableRandom random = new SplittableRandom(6275);
        long low = Long.MAX_VALUE;
        long high = 0;
        for (int i = 0; i < 10_000; i++) {
            long d = UnsolicitedPrefixAdvertisements.randAdvDelay(600, 86_400, 14_400, random);
            assertEquals(0, d % S);
            low = Math.min(low, d);
            high = Math.max(high, d);
        }
        assertTrue(low >= 600 * S && low < 700 * S, "from MinMobPfxAdvInterval: " + low);
        assertTrue(high < 14_400 * S && high > 14_000 * S, "below the preferred lifetime: " + high);
        assertEquals(600 * S, UnsolicitedPrefixAdvertisements.randAdvDelay(600, 600, 14_400, random), "Max = Min");
        assertEquals(0, UnsolicitedPrefixAdvertisements.randAdvDelay(0, 0, 14_400, random), "no delay configured");
        long withdrawn = UnsolicitedPrefixAdvertisements.randAdvDelay(600, 86_400, 0, random);
        assertTrue(withdrawn >= 600 * S && withdrawn < 1200 * S, "preferred lifetime 0: |0 - Min| spread " + withdrawn);
        assertEquals(UnsolicitedPrefixAdvertisements.randAdvDelay(600, 86_400, 14_400, new SplittableRandom(1)),
                UnsolicitedPrefixAdvertisements.randAdvDelay(600, 86_400, 14_400, new SplittableRandom(1)), "same seed, same delay");
    }
}
