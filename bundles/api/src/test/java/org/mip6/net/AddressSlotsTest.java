package org.mip6.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AddressSlotsTest {

    /** Random adds and removes against a HashMap: every key found where the map says, the others not. */
    @Test
    void agreesWithAMapUnderChurn() {
        for (boolean ordered : new boolean[] {false, true}) {
            AddressSlots s = ordered ? AddressSlots.ordered(3) : new AddressSlots(3);
            Map<Ipv6Address, Long> model = new HashMap<>();
            Map<Ipv6Address, Integer> entries = new HashMap<>();
            Random r = new Random(7);
            for (int k = 0; k < 200_000; k++) {
                // a small key space (collisions of whole keys) in two prefixes (keys alike in their low bits)
                Ipv6Address a = Ipv6Address.of(0x2001_0db8_0000_0000L | r.nextInt(2) << 16, r.nextInt(5000));
                if (entries.containsKey(a) && r.nextBoolean()) {
                    s.remove(entries.remove(a));
                    model.remove(a);
                } else if (!entries.containsKey(a)) {
                    int e = s.add(a);
                    s.data()[e * 3 + 2] = k;
                    entries.put(a, e);
                    model.put(a, (long) k);
                }
                if (k % 997 == 0) {
                    Ipv6Address probe = Ipv6Address.of(0x2001_0db8_0000_0000L | r.nextInt(2) << 16, r.nextInt(5000));
                    int e = s.find(probe);
                    assertEquals(model.containsKey(probe), e >= 0, probe.toString());
                    if (e >= 0) {
                        assertEquals(model.get(probe), s.data()[e * 3 + 2]);
                        assertEquals(probe, s.address(e));
                    }
                    long[] keys = new long[2 * 40]; // a burst's keys found at once: as find finds them one by one
                    for (int j = 0; j < 40; j++) {
                        keys[2 * j] = 0x2001_0db8_0000_0000L | r.nextInt(2) << 16;
                        keys[2 * j + 1] = r.nextInt(5000);
                    }
                    int[] found = new int[40];
                    s.findAll(keys, 40, found);
                    for (int j = 0; j < 40; j++) {
                        assertEquals(s.find(keys[2 * j], keys[2 * j + 1]), found[j]);
                    }
                    assertLocated(s, keys, 40);
                }
            }
            assertEquals(model.size(), s.size());
            int live = 0;
            for (int e = s.next(0); e >= 0; e = s.next(e + 1)) {
                live++;
                assertEquals(model.get(s.address(e)), s.data()[e * 3 + 2]);
            }
            assertEquals(model.size(), live);
        }
    }

    /**
     * {@link AddressSlots#locateAll}: exact, or guesses that never call a key that is there absent and, where the
     * guessed entry holds the key, are what find finds.
     */
    private static void assertLocated(AddressSlots s, long[] keys, int count) {
        int[] located = new int[count];
        boolean exact = s.locateAll(keys, count, located);
        for (int j = 0; j < count; j++) {
            int e = s.find(keys[2 * j], keys[2 * j + 1]);
            if (exact || e < 0 && located[j] < 0) {
                assertEquals(e, located[j]);
            } else if (e >= 0) {
                assertTrue(located[j] >= 0, "a key that is there guessed absent");
                if (s.high(located[j]) == keys[2 * j] && s.low(located[j]) == keys[2 * j + 1]) {
                    assertEquals(e, located[j]);
                }
            }
        }
    }

    /**
     * A burst of keys whose entries were added in the order asked (a binding cache refreshed in registration order) is
     * located from the index alone, the entries left to the processor's prefetcher; asked out of order, or too far
     * apart, the same keys are found exactly.
     */
    @Test
    void keysAskedInTheOrderTheirEntriesWereAddedAreLocatedFromTheIndexAlone() {
        AddressSlots s = AddressSlots.ordered(10);
        for (int i = 0; i < 100_000; i++) {
            s.add(0x2001_0db8_0001_0000L, 0x0100_0000_0000_0000L | i);
        }
        long[] keys = new long[2 * 32];
        int[] located = new int[32];
        for (int from : new int[] {0, 4096, 65_000, 99_968}) {
            for (int j = 0; j < 32; j++) {
                keys[2 * j] = 0x2001_0db8_0001_0000L;
                keys[2 * j + 1] = 0x0100_0000_0000_0000L | from + j;
            }
            assertFalse(s.locateAll(keys, 32, located), "in order: guesses");
            for (int j = 0; j < 32; j++) {
                assertEquals(s.find(keys[2 * j], keys[2 * j + 1]), located[j]);
            }
            assertLocated(s, keys, 32);
        }
        // new keys among them (first registrations) are passed over by the order's check
        keys[2 * 5 + 1] = 0x0300_0000_0000_0000L;
        assertFalse(s.locateAll(keys, 32, located));
        assertEquals(s.find(keys[0], keys[1]), located[0]);
        assertLocated(s, keys, 32);
        // backwards, and every ninth entry (farther apart than a stream prefetcher follows): exact
        for (int j = 0; j < 32; j++) {
            keys[2 * j + 1] = 0x0100_0000_0000_0000L | 50_000 - j;
        }
        assertTrue(s.locateAll(keys, 32, located), "out of order: found");
        assertLocated(s, keys, 32);
        for (int j = 0; j < 32; j++) {
            keys[2 * j + 1] = 0x0100_0000_0000_0000L | 9 * j;
        }
        assertTrue(s.locateAll(keys, 32, located), "too far apart: found");
        for (int j = 0; j < 32; j++) {
            assertEquals(9 * j, located[j]);
        }
    }

    @Test
    void orderedTablesWalkInTheOrderAddedAndDoNotReuseNumbers() {
        AddressSlots s = AddressSlots.ordered(2);
        List<Integer> added = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            added.add(s.add(1, i));
        }
        s.remove(added.get(10));
        int again = s.add(1, 10);
        assertEquals(100, again, "a freed number is not handed out again");
        List<Long> walked = new ArrayList<>();
        for (int e = s.next(0); e >= 0; e = s.next(e + 1)) {
            walked.add(s.low(e));
        }
        assertEquals(100, walked.size());
        assertEquals(10L, walked.get(99));
        assertEquals(11L, walked.get(10));
    }

    @Test
    void aKeyAddedTwiceIsWalkedWithFollowing() {
        AddressSlots s = new AddressSlots(2);
        int a = s.add(5, 6);
        s.add(5, 7);
        int b = s.add(5, 6);
        s.prefetch(5, 6); // a read only: the table is as it was
        s.prefetch(9, 9);
        s.prefetch(new long[] {5, 6, 9, 9, 5, 7}, 3);
        int[] found = new int[3];
        s.findAll(new long[] {5, 6, 9, 9, 5, 7}, 3, found);
        assertArrayEquals(new int[] {a, -1, s.find(5, 7)}, found);
        assertEquals(3, s.size());
        assertEquals(-1, s.find(9, 9));
        assertEquals(a, s.find(5, 6));
        assertEquals(b, s.following(a));
        assertEquals(-1, s.following(b));
        s.remove(a);
        assertEquals(b, s.find(5, 6));
        assertEquals(-1, s.following(b));
        assertThrows(IllegalArgumentException.class, () -> s.remove(a));
        assertFalse(s.isLive(a));
    }

    @Test
    void solicitedNodeGroupsAreFoundByTheirLow24Bits() {
        AddressSlots s = AddressSlots.bySolicitedNodeGroup(2);
        Ipv6Address one = Ipv6Address.parse("2001:db8:1::12:3456");
        Ipv6Address two = Ipv6Address.parse("2001:db8:9::aa12:3456"); // same group
        int e1 = s.add(one);
        int e2 = s.add(two);
        assertTrue(s.firstInSolicitedNodeGroup(0x123456) >= 0);
        assertEquals(-1, s.firstInSolicitedNodeGroup(0x123457));
        s.remove(e1);
        assertEquals(e2, s.firstInSolicitedNodeGroup(0x123456));
        s.remove(e2);
        assertEquals(-1, s.firstInSolicitedNodeGroup(0x123456));
        assertEquals(-1, s.find(two));
        assertThrows(IllegalStateException.class, () -> new AddressSlots(2).firstInSolicitedNodeGroup(1));
    }

    /** Keys added several times among others in the same probe runs: find and following walk exactly a key's entries. */
    @Test
    void followingWalksEveryEntryOfAKeyAndNoOther() {
        for (boolean byGroup : new boolean[] {false, true}) {
            AddressSlots s = byGroup ? AddressSlots.bySolicitedNodeGroup(2) : new AddressSlots(2);
            Map<Ipv6Address, List<Integer>> model = new HashMap<>();
            Random r = new Random(11);
            for (int k = 0; k < 50_000; k++) {
                // by group, addresses differing above bit 24 share a probe run: the walk must skip them
                Ipv6Address a = Ipv6Address.of(0x2001_0db8_0000_0000L, (long) r.nextInt(8) << 32 | r.nextInt(300));
                List<Integer> of = model.computeIfAbsent(a, x -> new ArrayList<>());
                if (!of.isEmpty() && r.nextInt(3) == 0) {
                    s.remove(of.remove(r.nextInt(of.size())));
                } else {
                    of.add(s.add(a));
                }
                if (k % 101 == 0) {
                    Ipv6Address probe = Ipv6Address.of(0x2001_0db8_0000_0000L, (long) r.nextInt(8) << 32 | r.nextInt(300));
                    List<Integer> walked = new ArrayList<>();
                    for (int e = s.find(probe); e >= 0; e = s.following(e)) {
                        assertEquals(probe, s.address(e));
                        walked.add(e);
                    }
                    List<Integer> want = new ArrayList<>(model.getOrDefault(probe, List.of()));
                    walked.sort(null);
                    want.sort(null);
                    assertEquals(want, walked, probe.toString());
                }
            }
        }
    }

    @Test
    void aCompactedCopyHasTheLiveEntriesInOrderAndFindsThemWhereTheyWere() {
        for (int n : new int[] {0, 1, 63, 64, 65, 5_000}) {
            AddressSlots s = AddressSlots.ordered(3);
            Random r = new Random(n);
            List<Integer> live = new ArrayList<>();
            for (int k = 0; k < 2 * n; k++) {
                int e = s.add(9, k);
                s.data()[e * 3 + 2] = 1000L + k;
                live.add(e);
                if (r.nextInt(3) == 0) {
                    s.remove(live.remove(r.nextInt(live.size())));
                }
            }
            AddressSlots c = s.compacted();
            assertEquals(s.size(), c.size());
            assertEquals(c.size(), c.limit(), "numbered from 0 without gaps");
            int expect = 0;
            for (int e = s.next(0); e >= 0; e = s.next(e + 1)) {
                int m = s.renumbered(e);
                assertEquals(expect++, m, "in their order");
                assertEquals(s.address(e), c.address(m));
                assertEquals(s.data()[e * 3 + 2], c.data()[m * 3 + 2], "the owner's longs come along");
                assertEquals(m, c.find(s.high(e), s.low(e)), "found through the rewritten index");
            }
            for (int k = 0; k < 2 * n; k++) {
                assertEquals(s.find(9, k) >= 0, c.find(9, k) >= 0, "key " + k);
            }
            long[] data = c.data();
            int size = c.size();
            int added = c.add(9, 1_000_000); // the copy is a table like any other
            assertEquals(c.size() - 1, added);
            assertEquals(added, c.find(9, 1_000_000));
            for (int k = 1; k < size; k++) {
                c.add(9, 1_000_000 + k);
            }
            assertTrue(data == c.data(), "room for as many entries again without growing");
        }
        assertThrows(IllegalStateException.class, () -> new AddressSlots(2).compacted());
    }
}
