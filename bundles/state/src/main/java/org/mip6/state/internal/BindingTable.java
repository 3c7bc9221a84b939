package org.mip6.state.internal;

import java.util.ArrayList;
import java.util.List;

import org.mip6.net.AddressSlots;
import org.mip6.net.Ipv6Address;
import org.mip6.state.BindingCacheEntry;
import org.mip6.state.BindingCacheSlot;

/**
 * One node's binding cache (RFC 6275 §9.1) in flat arrays: an entry is ten longs in an
 * {@link AddressSlots} table (home address; care-of address; registered, expires, last used; its
 * timer; sequence, flags, home registration and its place in the timer heap; lifetime and tunnel),
 * about 96 bytes with its index and heap slot, so a home agent with a million bindings does not hold
 * a million records and their addresses. Timers are a binary min-heap of entry numbers. Entries stay
 * in the order they were first put (freed numbers are not reused; the table is copied when half of it
 * is free). Not thread-safe: {@link MemoryBindingCache} locks.
 */
final class BindingTable {

    private static final int STRIDE = 10;
    private static final int COA_HI = 2;
    private static final int COA_LO = 3;
    private static final int REGISTERED = 4;
    private static final int EXPIRES = 5;
    private static final int LAST_USED = 6;
    private static final int TIMER = 7;
    /** Sequence (bits 0-15), flags (16-31), home registration (32), heap position + 1 (33-63, 0: none). */
    private static final int META = 8;
    /** Lifetime in seconds (low 32 bits), tunnel (high 32). */
    private static final int LIFETIME_TUNNEL = 9;
    private static final long HOME = 1L << 32;
    private static final int HEAP_SHIFT = 33;

    private AddressSlots slots = AddressSlots.ordered(STRIDE);
    private int[] heap = new int[16];
    private int heapSize;

    /** The entry found last: a binding's get, put and timer calls come together, one index probe for all. */
    private int recent = -1;

    /** The entry of {@code key}, or -1. */
    private int find(Ipv6Address key) {
        return find(key.high(), key.low());
    }

    private int find(long hi, long lo) {
        int e = recent;
        if (e >= 0) {
            long[] d = slots.data();
            if (d[e * STRIDE] == hi && d[e * STRIDE + 1] == lo && slots.isLive(e)) {
                return e;
            }
        }
        e = hinted(hi, lo);
        if (e < 0) {
            e = slots.find(hi, lo);
        }
        if (e >= 0) {
            recent = e;
        }
        return e;
    }

    /**
     * The entry {@link #prefetch} found for this key, or -1: the burst's Binding Updates come to the table
     * in the order they were read ahead, so the next hint is tried first, then one more (a frame the role
     * dropped has none asked for). A hint is only a guess: the entry's key is compared. A place with no entry
     * (a key that was not there, a first registration) is matched by the burst's own key, and passed once
     * matched, so the finds of a burst of first registrations do not walk the rest of the burst. Saves a
     * second hash and index probe per Binding Update; removals and compactions clear the hints.
     */
    private int hinted(long hi, long lo) {
        int[] h = hints;
        long[] d = slots.data();
        for (int k = hintNext, looked = 0; k < hintCount && looked < 2; k++, looked++) {
            int e = h[k];
            if (e < 0) {
                if (hintKeys[2 * k + 1] == lo && hintKeys[2 * k] == hi) {
                    hintNext = k + 1;
                    return -1;
                }
            } else if (d[e * STRIDE + 1] == lo && d[e * STRIDE] == hi) {
                hintNext = k + 1;
                return e;
            }
        }
        return -1;
    }

    /** What {@link #prefetch} found, kept so that its reads are not optimised away. */
    private int prefetched;
    /** The entries {@link #prefetch} found ({@code -1}: none), {@link #hinted}'s; the next one to try. */
    private int[] hints = new int[0];
    /** The keys read ahead, high/low pairs, in the order of {@link #hints}. */
    private long[] hintKeys = new long[0];
    private int hintCount;
    private int hintNext;

    /**
     * Reads where these keys ({@code count} high/low pairs) are ({@link AddressSlots#locateAll}): first every one's
     * index slot, then, unless their entries come in the order they were put (bindings refreshed in the order they
     * registered, which the processor's prefetcher streams), the entries, so that the cache misses of each pass overlap.
     * {@code found[k]} (unless null) tells whether the k-th is here; for entries in order, a key that is not may be said
     * to be when another key's entry in its probe run has its hash bits (its caller then reads nothing ahead for it).
     * The entries found are {@link #hinted}'s guesses, compared with the key before use. Nothing changes.
     */
    void prefetch(long[] keys, int count, boolean[] found) {
        if (hints.length < count) {
            hints = new int[Math.max(count, 2 * hints.length)];
        }
        if (hintKeys.length < 2 * count) {
            hintKeys = new long[2 * hints.length];
        }
        System.arraycopy(keys, 0, hintKeys, 0, 2 * count);
        int[] h = hints;
        slots.locateAll(keys, count, h);
        hintCount = count;
        hintNext = 0;
        if (found != null) {
            for (int k = 0; k < count; k++) {
                found[k] = h[k] >= 0;
            }
        }
    }

    int size() {
        return slots.size();
    }

    BindingCacheEntry get(Ipv6Address key) {
        int e = find(key);
        return e < 0 ? null : entry(key, e);
    }

    /** {@link #get} into a caller's slot: false (the slot untouched) when there is no entry. */
    boolean read(Ipv6Address key, BindingCacheSlot into) {
        int e = find(key);
        if (e < 0) {
            return false;
        }
        long[] d = slots.data();
        int at = e * STRIDE;
        long meta = d[at + META];
        long lt = d[at + LIFETIME_TUNNEL];
        into.homeAddressHalves(key.high(), key.low()).careOfAddressHalves(d[at + COA_HI], d[at + COA_LO])
                .set((int) meta & 0xffff, (int) (meta >>> 16) & 0xffff, (meta & HOME) != 0, (int) lt, d[at + REGISTERED],
                        d[at + EXPIRES], d[at + LAST_USED], (int) (lt >>> 32)).timer(d[at + TIMER]);
        return true;
    }

    /** Adds or replaces; a replaced entry keeps its timer. */
    void put(BindingCacheEntry v) {
        Ipv6Address hoa = v.homeAddress();
        Ipv6Address coa = v.careOfAddress();
        put(hoa.high(), hoa.low(), coa.high(), coa.low(), v.registeredAt(), v.expiresAt(), v.lastUsedAt(),
                meta(v.sequence(), v.flags(), v.homeRegistration()), lifetimeTunnel(v.lifetimeSeconds(), v.tunnel()));
    }

    /** {@link #put(BindingCacheEntry)} from a caller's slot. */
    void put(BindingCacheSlot v) {
        put(v.homeHigh(), v.homeLow(), v.careOfHigh(), v.careOfLow(), v.registeredAt(), v.expiresAt(), v.lastUsedAt(),
                meta(v.sequence(), v.flags(), v.homeRegistration()), lifetimeTunnel(v.lifetimeSeconds(), v.tunnel()));
    }

    /** The META word without its heap position. */
    private static long meta(int sequence, int flags, boolean homeRegistration) {
        return (homeRegistration ? HOME : 0) | (flags & 0xffffL) << 16 | sequence;
    }

    private static long lifetimeTunnel(int lifetimeSeconds, int tunnel) {
        return (long) tunnel << 32 | lifetimeSeconds & 0xffff_ffffL;
    }

    private void put(long hi, long lo, long coaHi, long coaLo, long registered, long expires, long lastUsed, long meta,
                     long lifetimeTunnel) {
        int e = find(hi, lo);
        long[] d;
        long heapBits = 0;
        if (e < 0) {
            e = slots.add(hi, lo);
            recent = e; // its timer is set next
            d = slots.data();
            d[e * STRIDE + TIMER] = Long.MAX_VALUE;
        } else {
            d = slots.data();
            heapBits = d[e * STRIDE + META] & -(1L << HEAP_SHIFT);
        }
        int at = e * STRIDE;
        d[at + COA_HI] = coaHi;
        d[at + COA_LO] = coaLo;
        d[at + REGISTERED] = registered;
        d[at + EXPIRES] = expires;
        d[at + LAST_USED] = lastUsed;
        d[at + META] = heapBits | meta;
        d[at + LIFETIME_TUNNEL] = lifetimeTunnel;
    }

    BindingCacheEntry remove(Ipv6Address key) {
        int e = find(key);
        if (e < 0) {
            return null;
        }
        BindingCacheEntry v = entry(key, e);
        unschedule(e);
        slots.remove(e);
        recent = -1;
        hintCount = 0;
        if (slots.limit() - slots.size() > Math.max(64, slots.size())) {
            compact();
        }
        return v;
    }

    List<BindingCacheEntry> entries() {
        List<BindingCacheEntry> out = new ArrayList<>(slots.size());
        for (int e = slots.next(0); e >= 0; e = slots.next(e + 1)) {
            out.add(entry(slots.address(e), e));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Timers

    long timer(Ipv6Address key) {
        int e = find(key);
        return e < 0 ? Long.MAX_VALUE : slots.data()[e * STRIDE + TIMER];
    }

    void setTimer(Ipv6Address key, long at) {
        int e = find(key);
        if (e < 0) {
            return;
        }
        long[] d = slots.data();
        long old = d[e * STRIDE + TIMER];
        if (at == Long.MAX_VALUE) {
            unschedule(e);
            return;
        }
        d[e * STRIDE + TIMER] = at;
        int pos = heapPosition(d, e);
        if (pos < 0) {
            if (heapSize == heap.length) {
                heap = java.util.Arrays.copyOf(heap, heapSize + Math.max(8, heapSize >>> 2));
            }
            place(d, e, heapSize++);
            up(d, heapSize - 1);
        } else if (at < old) {
            up(d, pos);
        } else {
            down(d, pos);
        }
    }

    long nextTimer() {
        return heapSize == 0 ? Long.MAX_VALUE : slots.data()[heap[0] * STRIDE + TIMER];
    }

    Ipv6Address pollTimer(long now) {
        if (heapSize == 0) {
            return null;
        }
        long[] d = slots.data();
        int e = heap[0];
        if (d[e * STRIDE + TIMER] > now) {
            return null;
        }
        unschedule(e);
        return slots.address(e);
    }

    private void unschedule(int e) {
        long[] d = slots.data();
        d[e * STRIDE + TIMER] = Long.MAX_VALUE;
        int pos = heapPosition(d, e);
        if (pos < 0) {
            return;
        }
        d[e * STRIDE + META] &= (1L << HEAP_SHIFT) - 1;
        int last = heap[--heapSize];
        if (pos == heapSize) {
            return;
        }
        place(d, last, pos);
        up(d, pos);
        down(d, heapPosition(d, last));
    }

    private static int heapPosition(long[] d, int e) {
        return (int) (d[e * STRIDE + META] >>> HEAP_SHIFT) - 1;
    }

    private void place(long[] d, int e, int pos) {
        heap[pos] = e;
        int at = e * STRIDE + META;
        d[at] = d[at] & (1L << HEAP_SHIFT) - 1 | (long) (pos + 1) << HEAP_SHIFT;
    }

    private void up(long[] d, int pos) {
        int e = heap[pos];
        long t = d[e * STRIDE + TIMER];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            int p = heap[parent];
            if (d[p * STRIDE + TIMER] <= t) {
                break;
            }
            place(d, p, pos);
            pos = parent;
        }
        place(d, e, pos);
    }

    private void down(long[] d, int pos) {
        int e = heap[pos];
        long t = d[e * STRIDE + TIMER];
        while (true) {
            int child = 2 * pos + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && d[heap[child + 1] * STRIDE + TIMER] < d[heap[child] * STRIDE + TIMER]) {
                child++;
            }
            if (d[heap[child] * STRIDE + TIMER] >= t) {
                break;
            }
            place(d, heap[child], pos);
            pos = child;
        }
        place(d, e, pos);
    }

    // ---------------------------------------------------------------------------------------------

    private BindingCacheEntry entry(Ipv6Address key, int e) {
        long[] d = slots.data();
        int at = e * STRIDE;
        long meta = d[at + META];
        long lt = d[at + LIFETIME_TUNNEL];
        return new BindingCacheEntry(key, Ipv6Address.of(d[at + COA_HI], d[at + COA_LO]), (int) meta & 0xffff,
                (int) (meta >>> 16) & 0xffff, (meta & HOME) != 0, (int) lt, d[at + REGISTERED], d[at + EXPIRES],
                d[at + LAST_USED], (int) (lt >>> 32));
    }

    /**
     * The live entries, in order, in a new table ({@link AddressSlots#compacted}: the index is
     * rewritten where it is); the timer heap keeps its shape, its entries renumbered. It runs on the
     * node's thread, so its length is a pause of the node's traffic.
     */
    private void compact() {
        AddressSlots old = slots;
        slots = old.compacted(); // each entry's heap position is copied with it
        for (int k = 0; k < heapSize; k++) {
            heap[k] = old.renumbered(heap[k]);
        }
        recent = -1;
        hintCount = 0;
    }
}
