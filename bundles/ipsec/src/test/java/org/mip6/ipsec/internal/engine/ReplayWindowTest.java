package org.mip6.ipsec.internal.engine;

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
}
