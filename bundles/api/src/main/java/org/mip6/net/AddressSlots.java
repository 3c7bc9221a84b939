package org.mip6.net;

import java.util.Arrays;

/**
 * Entries keyed by IPv6 address, stored flat: each entry is {@code stride} longs in one array (the
 * address's high and low 64 bits first, the owner's fields after), found through an open-addressing
 * index of entry numbers (linear probing, backward-shift deletion, at most half full). What a home
 * agent keeps per binding (binding cache, tunnel, proxied address) is a million of these, so an
 * entry costs its longs and 5-11 bytes of index instead of a map node, a boxed key and an object.
 * The index is at most three quarters full; eight bits of each key's hash in it spare most key reads
 * on a probe. At most 2^24 - 1 entries.
 * <p>
 * A key may be added more than once ({@link #following} walks them). Entry numbers are stable while
 * an entry lives; freed ones are reused (unless {@link #ordered}). Not thread-safe.
 */
public final class AddressSlots {

    private static final int ENTRY = (1 << 24) - 1;
    private static final int FINGERPRINT = ~ENTRY;

    private final int stride;
    private final boolean bySolicitedNodeGroup;
    private final boolean ordered;
    private long[] data;
    /** Index: 0 free, else entry + 1 (bits 0-23) and 8 more bits of the key's hash (24-31). */
    private int[] index;
    private int mask;
    private long[] live;
    private int size;
    /** Entries ever handed out (the high-water mark); the free ones below it are on the free stack. */
    private int top;
    private int[] free = new int[0];
    private int freeCount;
    /** Per word of {@link #live}: the live entries before it, once {@link #compacted} ran. */
    private int[] liveBefore;
    /** What {@link #prefetch} read, kept so that the read is not optimised away. */
    private int prefetched;
    /** {@link #prefetch(long[], int)}'s keys' hashes and index places. */
    private int[] hashes = new int[0];
    private int[] places = new int[0];

    /**
     * @param stride longs per entry, 2 or more (the key's two, then the owner's)
     */
    public AddressSlots(int stride) {
        this(stride, false, false, 0);
    }

    private AddressSlots(int stride, boolean bySolicitedNodeGroup, boolean ordered, int capacity) {
        this(stride, bySolicitedNodeGroup, ordered, capacity, 0);
    }

    /** {@code indexSlots}: a power of two, or 0 for the least that holds {@code capacity} entries. */
    private AddressSlots(int stride, boolean bySolicitedNodeGroup, boolean ordered, int capacity, int indexSlots) {
        if (stride < 2) {
            throw new IllegalArgumentException("stride must be at least 2 (the key), got " + stride);
        }
        if (capacity < 0 || capacity >= ENTRY) {
            throw new IllegalArgumentException("capacity must be 0.." + (ENTRY - 1) + ", got " + capacity);
        }
        this.stride = stride;
        this.bySolicitedNodeGroup = bySolicitedNodeGroup;
        this.ordered = ordered;
        int entries = Math.max(8, capacity);
        this.data = new long[Math.multiplyExact(entries, stride)];
        // the index at most three quarters full with `entries` in it
        int slots = indexSlots > 0 ? indexSlots
                : Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, 4L * entries / 3 + 1)) - 1) << 1;
        this.index = new int[slots];
        this.mask = slots - 1;
        this.live = new long[(entries + 63) >>> 6];
    }

    /**
     * Entries hashed by the low 24 bits of their address alone, so that {@link #firstInSolicitedNodeGroup}
     * finds whether any of them has a given solicited-node multicast group (RFC 4291 §2.7.1) without a
     * table of its own. Addresses that share those bits share a probe run; on a link they are few.
     */
    public static AddressSlots bySolicitedNodeGroup(int stride) {
        return new AddressSlots(stride, true, false, 0);
    }

    /**
     * Entries numbered in the order they were added, freed numbers never handed out again, so that
     * {@link #next} walks them in that order. The owner takes {@link #compacted} when
     * {@link #limit()} is well above {@link #size()}.
     */
    public static AddressSlots ordered(int stride) {
        return new AddressSlots(stride, false, true, 0);
    }

    /**
     * An ordered table's live entries in a new table, numbered from 0 in their order (what its owner
     * does when many were freed). Every key keeps its index slot (same keys, same hash, same index
     * size), so the index is rewritten in one sweep instead of every key being placed again, a cache
     * miss each with a million. {@link #renumbered} gives an entry's number in the copy; this table is
     * not to be changed afterwards. The copy has room for as many entries again (an owner compacts when
     * half is free, so a table whose entries come and go at a steady count is copied here and never
     * grown in between).
     */
    public AddressSlots compacted() {
        if (!ordered) {
            throw new IllegalStateException("only an ordered table is compacted");
        }
        int words = (top + 63) >>> 6;
        int[] before = new int[Math.max(1, words)];
        for (int w = 0, count = 0; w < words; w++) {
            before[w] = count;
            count += Long.bitCount(live[w]);
        }
        liveBefore = before;
        AddressSlots c = new AddressSlots(stride, false, true, Math.min(ENTRY - 1, 2 * size + 64), index.length);
        int n = 0;
        for (int e = next(0); e >= 0; e = next(e + 1)) {
            System.arraycopy(data, e * stride, c.data, n * stride, stride);
            n++;
        }
        c.top = n;
        c.size = n;
        Arrays.fill(c.live, 0, n >>> 6, -1L);
        if ((n & 63) != 0) {
            c.live[n >>> 6] = (1L << n) - 1;
        }
        int[] from = index;
        int[] to = c.index;
        for (int i = 0; i < from.length; i++) {
            int v = from[i];
            if (v != 0) {
                to[i] = v & FINGERPRINT | renumbered((v & ENTRY) - 1) + 1;
            }
        }
        return c;
    }

    /** The number live entry {@code e} has in the table {@link #compacted} made: how many live entries come before it. */
    public int renumbered(int e) {
        if (liveBefore == null || !isLive(e)) {
            throw new IllegalStateException("entry " + e + " is not in a compacted copy");
        }
        return liveBefore[e >>> 6] + Long.bitCount(live[e >>> 6] & (1L << e) - 1);
    }

    public int stride() {
        return stride;
    }

    public int size() {
        return size;
    }

    /** Entry numbers are below this. */
    public int limit() {
        return top;
    }

    /**
     * The entries' longs: entry {@code e} at {@code e * stride()}. The array is replaced when the table
     * grows ({@link #add}), so read it again after adding.
     */
    public long[] data() {
        return data;
    }

    public boolean isLive(int entry) {
        return entry >= 0 && entry < top && (live[entry >>> 6] & 1L << entry) != 0;
    }

    public long high(int entry) {
        return data[entry * stride];
    }

    public long low(int entry) {
        return data[entry * stride + 1];
    }

    public Ipv6Address address(int entry) {
        return Ipv6Address.of(high(entry), low(entry));
    }

    /** The first entry with this key, or -1. */
    public int find(long high, long low) {
        int h = hash(high, low);
        return probe(h & mask, h & FINGERPRINT, high, low);
    }

    /** The first entry with this key, its hash's place {@code from} and fingerprint {@code fp} given, or -1. */
    private int probe(int from, int fp, long high, long low) {
        int[] ix = index;
        long[] d = data;
        for (int i = from; ; i = i + 1 & mask) {
            int v = ix[i];
            if (v == 0) {
                return -1;
            }
            if ((v & FINGERPRINT) == fp) {
                int e = (v & ENTRY) - 1;
                int at = e * stride;
                if (d[at + 1] == low && d[at] == high) {
                    return e;
                }
            }
        }
    }

    public int find(Ipv6Address a) {
        return find(a.high(), a.low());
    }

    /**
     * Reads the index where {@code high, low} is found or would be added, and nothing else changes: a
     * caller about to look up or add a key in several large tables reads them all first, so that their
     * cache misses overlap instead of following one another (Java has no prefetch instruction; a load
     * whose value is kept is one).
     */
    public void prefetch(long high, long low) {
        prefetched += index[hash(high, low) & mask];
    }

    /**
     * {@link #prefetch(long, long)} for {@code count} keys ({@code keys} holds high/low pairs): their
     * index slots' places first, then the slots read in a loop of loads alone, so that as many of their
     * cache misses as the core can keep under way are under way at once (with the hashing between the
     * loads, half as many fit in its reorder window).
     */
    public void prefetch(long[] keys, int count) {
        int[] at = places;
        int[] h = hashes;
        if (at.length < count) {
            at = places = new int[Math.max(count, 2 * at.length)];
            h = hashes = new int[at.length];
        }
        int m = mask;
        for (int k = 0; k < count; k++) {
            int x = hash(keys[2 * k], keys[2 * k + 1]);
            h[k] = x;
            at[k] = x & m;
        }
        int[] ix = index;
        int sum = 0;
        for (int k = 0; k < count; k++) {
            sum += ix[at[k]];
        }
        prefetched += sum;
    }

    /**
     * {@link #find} for {@code count} keys ({@code keys} holds high/low pairs) into {@code entries}, read
     * as {@link #prefetch(long[], int)} reads: every index slot first, then the entries they name (their
     * first and last longs), each pass's misses under way together.
     */
    public void findAll(long[] keys, int count, int[] entries) {
        prefetch(keys, count);
        probeAll(keys, count, entries);
    }

    /** {@link #findAll}'s finds, from the places {@link #prefetch(long[], int)} computed. */
    private void probeAll(long[] keys, int count, int[] entries) {
        int[] at = places;
        int[] h = hashes;
        long[] d = data;
        int last = stride - 1;
        int sum = 0;
        for (int k = 0; k < count; k++) {
            int e = probe(at[k], h[k] & FINGERPRINT, keys[2 * k], keys[2 * k + 1]);
            if (e >= 0) {
                sum += (int) d[e * stride + last]; // an entry of more than 8 longs may reach into a second cache line
            }
            entries[k] = e;
        }
        prefetched += sum;
    }

    /**
     * Where {@code count} keys' entries are, read as a read-ahead needs it: {@link #prefetch(long[], int)}, then, per
     * key, the first entry of its probe run with its hash bits, read from the index alone. When those entries ascend
     * close together (each within {@link #STREAM_GAP} of the last, keys with none passed over), as a binding cache's do
     * when bindings are refreshed in the order they registered, the entries are left to the processor's prefetcher,
     * which streams them, and {@code entries} holds guesses: a key that is there is never -1, but its guess may be
     * another key's entry with the same hash bits, and an absent key may have one, so the caller compares the key
     * before it uses one. Otherwise this is {@link #findAll}: exact, the entries read as a random order needs.
     *
     * @return true when {@code entries} are exact, false when they are guesses
     */
    public boolean locateAll(long[] keys, int count, int[] entries) {
        prefetch(keys, count);
        if (guessedInOrder(keys, count, entries)) {
            return false;
        }
        probeAll(keys, count, entries);
        return true;
    }

    /**
     * Entries at most this far apart (in entries) count as in order for {@link #locateAll}: a stride a processor's stream
     * prefetcher follows (eight of a binding cache's 80-byte entries: 640 bytes).
     */
    static final int STREAM_GAP = 8;

    /**
     * {@link #locateAll}'s guesses from the index slots {@link #prefetch(long[], int)} read; false at the first key that
     * is out of order. An entry out of order is read before that is decided: it may be another key's with the same hash
     * bits (then the probe goes on), so that a collision does not end a guess for keys in order.
     */
    private boolean guessedInOrder(long[] keys, int count, int[] entries) {
        int[] at = places;
        int[] h = hashes;
        int[] ix = index;
        int m = mask;
        int last = -1;
        for (int k = 0; k < count; k++) {
            int fp = h[k] & FINGERPRINT;
            int e = -1;
            for (int i = at[k]; ; i = i + 1 & m) {
                int v = ix[i];
                if (v == 0) {
                    break;
                }
                if ((v & FINGERPRINT) == fp) {
                    int c = (v & ENTRY) - 1;
                    if (last < 0 || c > last && c - last <= STREAM_GAP) {
                        e = c;
                        break;
                    }
                    if (data[c * stride + 1] == keys[2 * k + 1] && data[c * stride] == keys[2 * k]) {
                        return false; // the key's entry, out of order
                    }
                }
            }
            entries[k] = e;
            if (e >= 0) {
                last = e;
            }
        }
        return true;
    }

    /** The next entry after {@code entry} with the same key, or -1. */
    public int following(int entry) {
        long high = high(entry);
        long low = low(entry);
        int fp = hash(high, low) & FINGERPRINT;
        int i = position(entry);
        for (i = i + 1 & mask; ; i = i + 1 & mask) {
            int v = index[i];
            if (v == 0) {
                return -1;
            }
            if ((v & FINGERPRINT) == fp) { // as find: another key's entry is read only when its hash bits match
                int at = ((v & ENTRY) - 1) * stride;
                if (data[at + 1] == low && data[at] == high) {
                    return (v & ENTRY) - 1;
                }
            }
        }
    }

    /**
     * The first entry whose address has these low 24 bits (a solicited-node group's), or -1. Only for a
     * table made by {@link #bySolicitedNodeGroup}.
     */
    public int firstInSolicitedNodeGroup(int low24) {
        if (!bySolicitedNodeGroup) {
            throw new IllegalStateException("not hashed by solicited-node group");
        }
        for (int i = mix(low24 & 0xffffff) & mask; ; i = i + 1 & mask) {
            int v = index[i];
            if (v == 0) {
                return -1;
            }
            if (((int) data[((v & ENTRY) - 1) * stride + 1] & 0xffffff) == (low24 & 0xffffff)) {
                return (v & ENTRY) - 1;
            }
        }
    }

    /** A new entry with this key (the owner's longs zero); its number. */
    public int add(long high, long low) {
        if (4L * (size + 1) > 3L * index.length) {
            rehash(index.length * 2);
        }
        int e;
        if (freeCount > 0) {
            e = free[--freeCount];
        } else {
            if ((top + 1) * stride > data.length) {
                // a quarter more each time: a table grown for a million entries holds at most 25 % unused
                int entries = data.length / stride;
                data = Arrays.copyOf(data, Math.addExact(entries, Math.max(8, entries >>> 2)) * stride);
            }
            if (top >>> 6 >= live.length) {
                live = Arrays.copyOf(live, live.length * 2);
            }
            if (top == ENTRY) {
                throw new IllegalStateException("an address table holds at most " + (ENTRY - 1) + " entries");
            }
            e = top++;
        }
        int at = e * stride;
        Arrays.fill(data, at, at + stride, 0L);
        data[at] = high;
        data[at + 1] = low;
        live[e >>> 6] |= 1L << e;
        size++;
        insert(e);
        return e;
    }

    public int add(Ipv6Address a) {
        return add(a.high(), a.low());
    }

    /** Frees entry {@code e} (its number may be handed out again). */
    public void remove(int e) {
        if (!isLive(e)) {
            throw new IllegalArgumentException("no entry " + e);
        }
        int i = position(e);
        index[i] = 0;
        // backward-shift deletion: close the gap so that every probe run stays unbroken
        for (int j = i + 1 & mask; index[j] != 0; j = j + 1 & mask) {
            int v = index[j];
            int home = slotHash((v & ENTRY) - 1) & mask;
            if ((j - home & mask) >= (j - i & mask)) {
                index[i] = v;
                index[j] = 0;
                i = j;
            }
        }
        live[e >>> 6] &= ~(1L << e);
        size--;
        if (ordered) {
            return;
        }
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, Math.max(8, free.length * 2));
        }
        free[freeCount++] = e;
    }

    /** Removes every entry. */
    public void clear() {
        Arrays.fill(index, 0);
        Arrays.fill(live, 0L);
        size = 0;
        top = 0;
        freeCount = 0;
    }

    /** The next live entry at or after {@code from}, or -1: {@code for (e = next(0); e >= 0; e = next(e + 1))}. */
    public int next(int from) {
        for (int e = Math.max(from, 0); e < top; ) {
            long w = live[e >>> 6] >>> e;
            if (w != 0) {
                int k = e + Long.numberOfTrailingZeros(w);
                return k < top ? k : -1;
            }
            e = (e | 63) + 1;
        }
        return -1;
    }

    private int position(int e) {
        for (int i = slotHash(e) & mask; ; i = i + 1 & mask) {
            int v = index[i];
            if (v == 0) {
                throw new IllegalStateException("entry " + e + " is not indexed");
            }
            if ((v & ENTRY) - 1 == e) {
                return i;
            }
        }
    }

    private void insert(int e) {
        int h = slotHash(e);
        int i = h & mask;
        while (index[i] != 0) {
            i = i + 1 & mask;
        }
        index[i] = h & FINGERPRINT | e + 1;
    }

    private void rehash(int capacity) {
        index = new int[capacity];
        mask = capacity - 1;
        for (int e = next(0); e >= 0; e = next(e + 1)) {
            insert(e);
        }
    }

    private int slotHash(int e) {
        int at = e * stride;
        return hash(data[at], data[at + 1]);
    }

    private int hash(long high, long low) {
        if (bySolicitedNodeGroup) {
            return mix((int) low & 0xffffff);
        }
        long h = (high * 0x9E3779B97F4A7C15L) ^ low;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 31 ^ h >>> 47);
    }

    private static int mix(int x) {
        int h = x * 0x9E3779B1;
        return h ^ h >>> 15 ^ h << 11;
    }
}
