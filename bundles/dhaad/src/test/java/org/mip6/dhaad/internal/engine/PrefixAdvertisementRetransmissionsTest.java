package org.mip6.dhaad.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.state.internal.MemoryPendingPrefixAdvertisements;

/** RFC 6275 §10.6.2's retransmissions of an unsolicited Mobile Prefix Advertisement as timelines. */
class PrefixAdvertisementRetransmissionsTest {

    static final long S = 1_000_000_000L;
    static final Ipv6Address A = Ipv6Address.parse("2001:db8:1::a");
    static final Ipv6Address B = Ipv6Address.parse("2001:db8:1::b");

    /** Every second from {@code from} to {@code to}: "second address" for each retransmission due. */
    static List<String> run(PrefixAdvertisementRetransmissions r, long from, long to) {
        List<String> out = new ArrayList<>();
        for (long t = from; t <= to; t++) {
            for (Ipv6Address a : r.due(t * S)) {
                out.add(t + " " + a);
            }
        }
        return out;
    }

    @Test
    void afterThreeSecondsThenEachWaitDoubledAtMostThreeTimes() {
        PrefixAdvertisementRetransmissions r = new PrefixAdvertisementRetransmissions("ha", new MemoryPendingPrefixAdvertisements());
        r.sent(10 * S, A);
        assertEquals(13 * S, r.nextDeadline());
        assertEquals(List.of("13 " + A, "19 " + A, "31 " + A), run(r, 10, 200));
        assertEquals(Long.MAX_VALUE, r.nextDeadline());
        assertEquals(0, r.pending());
    }

    @Test
    void aSolicitationOrAnEndedBindingStopsThemAndASecondAdvertisementStartsOver() {
        PrefixAdvertisementRetransmissions r = new PrefixAdvertisementRetransmissions("ha", new MemoryPendingPrefixAdvertisements());
        r.sent(0, A);
        r.sent(S, B);
        assertEquals(List.of("3 " + A, "4 " + B), run(r, 0, 5));
        assertTrue(r.solicited(A));
        assertFalse(r.solicited(A), "nothing pending any more");
        assertEquals(4 * S + 6 * S, r.nextDeadline(), "B's alone");
        r.sent(6 * S, B); // a new unsolicited advertisement (the prefixes changed again)
        assertEquals(List.of("9 " + B, "15 " + B), run(r, 6, 15));
        assertTrue(r.end(B));
        assertEquals(List.of(), run(r, 16, 100));
        assertEquals(Long.MAX_VALUE, r.nextDeadline());
    }

    /** What is pending is in the state: another instance (a swapped bundle's) takes it up where it was, ties in order. */
    @Test
    void anotherInstanceTakesUpWhatIsPendingFromTheState() {
        MemoryPendingPrefixAdvertisements state = new MemoryPendingPrefixAdvertisements();
        PrefixAdvertisementRetransmissions r = new PrefixAdvertisementRetransmissions("ha", state);
        r.sent(0, B);
        r.sent(0, A);
        assertEquals(List.of("3 " + B, "3 " + A), run(r, 0, 4));
        assertEquals(2, state.entries("ha").size());
        PrefixAdvertisementRetransmissions next = new PrefixAdvertisementRetransmissions("ha", state);
        assertEquals(9 * S, next.nextDeadline());
        assertEquals(List.of("9 " + B, "9 " + A, "21 " + B, "21 " + A), run(next, 5, 100));
        assertEquals(List.of(), state.entries("ha"));
        assertEquals(List.of(), new PrefixAdvertisementRetransmissions("other", state).due(Long.MAX_VALUE), "per node");
    }
}
