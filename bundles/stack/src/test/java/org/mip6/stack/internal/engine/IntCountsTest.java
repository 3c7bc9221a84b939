package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The solicited-node group counts against a HashMap, through growth and backward-shift deletions. */
class IntCountsTest {

    @Test
    void behavesLikeAMapOfCounts() {
        SplittableRandom r = new SplittableRandom(6275);
        IntCounts c = new IntCounts();
        Map<Integer, Integer> m = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            int key = r.nextInt(3000) * 16_777_259; // clustered and colliding keys, negative ones too
            if (r.nextInt(3) == 0) {
                c.decrement(key);
                m.computeIfPresent(key, (k, v) -> v == 1 ? null : v - 1);
            } else {
                c.increment(key);
                m.merge(key, 1, Integer::sum);
            }
            if (step % 997 == 0) {
                for (int k = 0; k < 3000; k++) {
                    int probe = k * 16_777_259;
                    assertEquals(m.containsKey(probe), c.contains(probe), "key " + probe + " at step " + step);
                }
                assertEquals(m.size(), c.size());
            }
        }
    }
}
