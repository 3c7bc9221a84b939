package org.mip6.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EchoTallyTest {

    @Test
    void timelineOfRequestsRepliesLossAndADuplicate() {
        EchoTally t = new EchoTally();
        assertEquals(0, t.request(0));
        assertEquals(1, t.request(1_000));
        assertEquals(2, t.request(2_000));
        assertTrue(t.reply(24_000, 0));  // rtt 24 µs
        assertTrue(t.reply(33_000, 1));  // rtt 32 µs
        assertFalse(t.reply(34_000, 1)); // duplicate
        assertEquals(3, t.sent());
        assertEquals(2, t.received());
        assertEquals(1, t.lost());
        assertEquals(1, t.duplicates());
        assertEquals(24_000, t.rttMinNanos());
        assertEquals(28_000, t.rttAvgNanos());
        assertEquals(32_000, t.rttMaxNanos());
        assertEquals(1, t.outstandingOlderThan(3_000, 500));
        assertEquals(0, t.outstandingOlderThan(3_000, 1_000));
    }

    @Test
    void sequenceNumbersWrapAt16Bits() {
        EchoTally t = new EchoTally();
        for (int i = 0; i < 0x10000; i++) {
            t.request(i);
            t.reply(i, i);
        }
        assertEquals(0, t.request(0));
        assertEquals(0, t.rttMinNanos());
        assertEquals(0, new EchoTally().rttAvgNanos(), "no replies: no RTT");
    }
}
