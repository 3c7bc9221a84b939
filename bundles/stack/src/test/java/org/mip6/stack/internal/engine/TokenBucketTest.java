package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void aBurstThenOneTokenPerInterval() {
        TokenBucket b = new TokenBucket(10, 100);
        int taken = 0;
        for (int k = 0; k < 20; k++) {
            taken += b.take(0) ? 1 : 0;
        }
        assertEquals(10, taken, "the burst");
        assertFalse(b.take(99));
        assertTrue(b.take(100), "one token after one interval");
        assertFalse(b.take(150));
        assertTrue(b.take(10_000));
        int refill = 0;
        for (int k = 0; k < 20; k++) {
            refill += b.take(10_000) ? 1 : 0;
        }
        assertEquals(9, refill, "never more than the burst, however long it waited");
    }
}
