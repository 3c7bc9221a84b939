package org.mip6.ipsec.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 4303 §3.4.3 as a timeline of arrivals. */
class ReplayWindowTest {

    @Test
    void aTimelineOfArrivals() {
        ReplayWindow w = new ReplayWindow();
        assertFalse(w.check(0), "0 is never sent");
        assertTrue(w.check(1));
        w.accept(1);
        assertFalse(w.check(1), "a replay");
        w.accept(100);
        assertTrue(w.check(37), "100 - 63: the left edge");
        assertFalse(w.check(36), "left of the window");
        w.accept(37);
        assertFalse(w.check(37));
        assertTrue(w.check(99));
        w.accept(1000); // a jump wider than the window forgets everything left of it
        assertFalse(w.check(100));
        assertTrue(w.check(999));
        assertTrue(w.check(1001));
        w.accept(1064);
        assertFalse(w.check(1000), "64 behind: out");
        assertTrue(w.check(1001), "63 behind: in");
    }

    /** RFC 4303 Appendix A2.2: the high-order 32 bits a packet with ESN does not carry, from the window. */
    @Test
    void extendedSequenceNumbersArePlacedByTheWindow() {
        long sub = 1L << 32;
        ReplayWindow fresh = new ReplayWindow();
        assertEquals(5, fresh.extend(5), "a new SA starts in subspace 0");
        assertEquals(-1, fresh.extend(sub - 1), "left of a window at 0 spanning two subspaces: below 0");
        ReplayWindow a = new ReplayWindow(3 * sub + 1000, 1); // case A: the window lies within subspace 3
        assertEquals(3 * sub + 1000 - 63, a.extend(1000 - 63), "its left edge");
        assertEquals(3 * sub + 5000, a.extend(5000), "ahead in the same subspace");
        assertEquals(4 * sub + 1000 - 64, a.extend(1000 - 64), "left of the window: the next subspace");
        assertEquals(4 * sub + 7, a.extend(7));
        ReplayWindow b = new ReplayWindow(3 * sub + 10, 1); // case B: it spans subspaces 2 and 3
        assertEquals(2 * sub + (sub - 53), b.extend(sub - 53), "its left edge, in subspace 2");
        assertEquals(2 * sub + (sub - 1), b.extend(sub - 1));
        assertEquals(3 * sub, b.extend(0), "2^32 numbers after 3 * 2^32 - 1, low bits 0: valid with ESN");
        assertEquals(3 * sub + 11, b.extend(11), "ahead");
        assertEquals(3 * sub + (sub - 54), b.extend(sub - 54), "left of the window: far ahead in subspace 3");
        assertTrue(b.check(3 * sub));
        b.accept(3 * sub + 70000);
        assertFalse(b.check(3 * sub + 10), "the window moved past it");
        assertEquals(4 * sub + 9, b.extend(9), "case A again: below the window means the next subspace");
    }
}
