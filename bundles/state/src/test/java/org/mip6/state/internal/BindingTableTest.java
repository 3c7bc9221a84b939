package org.mip6.state.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.state.BindingCacheEntry;
import org.mip6.state.BindingCacheSlot;

class BindingTableTest {

    static BindingCacheEntry entry(int i, int seq, int tunnel) {
        return new BindingCacheEntry(Ipv6Address.of(0x2001_0db8_0001_0000L, i), Ipv6Address.of(0x2001_0db8_0002_0000L, i * 7L),
                seq, 0xc000 | i & 0xff, i % 3 != 0, 600 + i, 1_000L * i, 601_000L * i, Long.MIN_VALUE + i, tunnel);
    }

    @Test
    void readingAheadTellsWhichKeysAreThereAndChangesNothing() {
        BindingTable t = new BindingTable();
        for (int i = 0; i < 100; i++) {
            t.put(entry(i, 1, i));
        }
        t.setTimer(entry(5, 1, 5).homeAddress(), 42);
        List<BindingCacheEntry> before = t.entries();
        long[] keys = new long[2 * 200];
        for (int i = 0; i < 200; i++) {
            Ipv6Address a = entry(i * 3 % 250, 1, 0).homeAddress();
            keys[2 * i] = a.high();
            keys[2 * i + 1] = a.low();
        }
        boolean[] found = new boolean[200];
        t.prefetch(keys, 200, found);
        for (int i = 0; i < 200; i++) {
            assertEquals(i * 3 % 250 < 100, found[i], "key " + i);
        }
        t.prefetch(keys, 200, null);
        assertEquals(before, t.entries());
        assertEquals(42, t.nextTimer());
    }

    /**
     * What reading ahead found is tried first by the finds after it, in any order, and never wrongly: not
     * after the entries it found were removed and the table compacted (their numbers then name others).
     */
    @Test
    void findsAfterReadingAheadFindWhatIsThere() {
        BindingTable t = new BindingTable();
        for (int i = 0; i < 400; i++) {
            t.put(entry(i, 1, i));
        }
        long[] keys = new long[2 * 64];
        for (int k = 0; k < 64; k++) {
            Ipv6Address a = entry(k * 5 + 100, 1, 0).homeAddress(); // 100..415: the last three are not there
            keys[2 * k] = a.high();
            keys[2 * k + 1] = a.low();
        }
        t.prefetch(keys, 64, null);
        for (int k = 63; k >= 0; k -= 2) { // not in the order read ahead
            BindingCacheEntry want = k * 5 + 100 < 400 ? entry(k * 5 + 100, 1, k * 5 + 100) : null;
            assertEquals(want, t.get(want == null ? entry(k * 5 + 100, 1, 0).homeAddress() : want.homeAddress()));
        }
        t.prefetch(keys, 64, null);
        // in the order they were put, three not there among them: located from the index alone, found all the same
        for (int k = 0; k < 64; k++) {
            Ipv6Address a = entry(k % 20 == 7 ? 1000 + k : 200 + k, 1, 0).homeAddress();
            keys[2 * k] = a.high();
            keys[2 * k + 1] = a.low();
        }
        boolean[] found = new boolean[64];
        t.prefetch(keys, 64, found);
        for (int k = 0; k < 64; k++) {
            int i = k % 20 == 7 ? 1000 + k : 200 + k;
            assertEquals(i < 400 ? entry(i, 1, i) : null, t.get(entry(i, 1, 0).homeAddress()), "home address " + i);
            if (i < 400) {
                assertTrue(found[k], "a binding that is there is never said to be absent");
            }
        }
        t.prefetch(keys, 64, null);
        for (int i = 0; i < 300; i++) { // half of it freed: the table is compacted and its entries renumbered
            t.remove(entry(i, 1, 0).homeAddress());
        }
        for (int k = 0; k < 64; k++) {
            int i = k * 5 + 100;
            assertEquals(i >= 300 && i < 400 ? entry(i, 1, i) : null, t.get(entry(i, 1, 0).homeAddress()), "home address " + i);
        }
    }

    /** Entries and timers under random puts, removes and timer changes, against maps. */
    @Test
    void entriesAndTimersAgreeWithAModel() {
        BindingTable t = new BindingTable();
        Map<Ipv6Address, BindingCacheEntry> model = new HashMap<>();
        Map<Ipv6Address, Long> timers = new HashMap<>();
        List<Ipv6Address> order = new ArrayList<>();
        Random r = new Random(3);
        for (int k = 0; k < 100_000; k++) {
            int i = r.nextInt(3000);
            if (k % 97 == 0) { // a burst read ahead: the finds after it try its hints, which removals make stale
                long[] keys = new long[64];
                // every other burst: bindings in the order they were put (refreshed in registration order: guessed
                // from the index alone while they are close together), the others at random
                int from = k % 194 == 0 && !order.isEmpty() ? r.nextInt(order.size()) : -1;
                for (int j = 0; j < 32; j++) {
                    Ipv6Address a = from >= 0 && from + j < order.size() ? order.get(from + j)
                            : entry(j == 0 ? i : r.nextInt(3000), 1, 0).homeAddress();
                    keys[2 * j] = a.high();
                    keys[2 * j + 1] = a.low();
                }
                t.prefetch(keys, 32, null);
            }
            BindingCacheEntry e = entry(i, k & 0xffff, r.nextInt());
            Ipv6Address hoa = e.homeAddress();
            switch (r.nextInt(4)) {
                case 0, 1 -> {
                    if (r.nextBoolean()) {
                        t.put(e);
                    } else {
                        t.put(new BindingCacheSlot().set(e)); // the same entry through a caller's slot
                    }
                    if (model.put(hoa, e) == null) {
                        order.add(hoa);
                    }
                }
                case 2 -> {
                    assertEquals(model.remove(hoa), t.remove(hoa));
                    timers.remove(hoa);
                    order.remove(hoa);
                }
                default -> {
                    long at = r.nextInt(10) == 0 ? Long.MAX_VALUE : r.nextInt(1_000_000);
                    t.setTimer(hoa, at);
                    if (model.containsKey(hoa)) {
                        if (at == Long.MAX_VALUE) {
                            timers.remove(hoa);
                        } else {
                            timers.put(hoa, at);
                        }
                    }
                }
            }
            if (k % 1000 == 0) {
                assertEquals(timers.values().stream().min(Long::compare).orElse(Long.MAX_VALUE), t.nextTimer());
            }
            assertEquals(model.get(hoa), t.get(hoa));
            BindingCacheSlot slot = new BindingCacheSlot().set(entry(9999, 1, 1));
            assertEquals(model.containsKey(hoa), t.read(hoa, slot));
            assertEquals(model.getOrDefault(hoa, entry(9999, 1, 1)), slot.toEntry(), "read, or the slot untouched");
            assertEquals(timers.getOrDefault(hoa, Long.MAX_VALUE), t.timer(hoa));
        }
        List<Ipv6Address> walked = t.entries().stream().map(BindingCacheEntry::homeAddress).toList();
        assertEquals(order, walked, "entries in the order first put");
        // every timer comes out once, earliest first
        TreeMap<Long, Integer> due = new TreeMap<>();
        timers.values().forEach(v -> due.merge(v, 1, Integer::sum));
        long last = Long.MIN_VALUE;
        int polled = 0;
        Ipv6Address a;
        while ((a = t.pollTimer(Long.MAX_VALUE - 1)) != null) {
            long at = timers.remove(a);
            assertEquals(true, at >= last);
            last = at;
            polled++;
            assertEquals(Long.MAX_VALUE, t.timer(a));
        }
        assertEquals(due.values().stream().mapToInt(Integer::intValue).sum(), polled);
        assertEquals(Long.MAX_VALUE, t.nextTimer());
    }

    @Test
    void aTimerNotDueIsNotPolledAndAReplacedEntryKeepsItsTimer() {
        BindingTable t = new BindingTable();
        t.put(entry(1, 1, 5));
        t.setTimer(entry(1, 1, 5).homeAddress(), 500);
        t.put(entry(1, 2, 5));
        assertEquals(500, t.nextTimer());
        assertNull(t.pollTimer(499));
        assertEquals(entry(1, 1, 5).homeAddress(), t.pollTimer(500));
        assertNull(t.pollTimer(10_000));
    }
}
