package org.mip6.stack.internal.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The node's pending timers, at most one per (kind, interface, key): setting a timer replaces the
 * one it had, cancelling removes it (as quinn's timer table does). The number of entries is bounded
 * by the node's state (its addresses, neighbours, routers and prefixes), never by elapsed time.
 * Entries with the same deadline fire in the order they were set.
 */
final class TimerTable {

    /** What a timer is for: its kind, interface and key (an address, a prefix; null for per-interface timers). */
    static final class Key {
        private TimerKind kind;
        private int iface;
        private Object key;
        private int hash;

        private Key set(TimerKind kind, int iface, Object key) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.iface = iface;
            this.key = key;
            this.hash = (kind.ordinal() * 31 + iface) * 31 + (key == null ? 0 : key.hashCode());
            return this;
        }

        TimerKind kind() {
            return kind;
        }

        int iface() {
            return iface;
        }

        Object key() {
            return key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.kind == kind && k.iface == iface && Objects.equals(k.key, key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return kind + "/" + iface + "/" + key;
        }
    }

    /** A pending timer; {@code index} is its place in the heap (an indexed binary heap: O(log n) removal). */
    private static final class Entry {
        final Key key;
        long deadline;
        long seq;
        int index;

        Entry(Key key) {
            this.key = key;
        }

        boolean before(Entry o) {
            return deadline != o.deadline ? deadline < o.deadline : seq < o.seq;
        }
    }

    private final Map<Key, Entry> byKey = new HashMap<>();
    private Entry[] heap = new Entry[8];
    private int size;
    /** Reused to look entries up without allocating (one thread drives the node). */
    private final Key probe = new Key();
    private long seq;

    /** Arms (or re-arms) the timer {@code (kind, iface, key)} for {@code deadline}. */
    void set(long deadline, TimerKind kind, int iface, Object key) {
        Entry e = byKey.get(probe.set(kind, iface, key));
        if (e != null) {
            if (e.deadline == deadline) {
                return;
            }
            e.deadline = deadline;
            e.seq = seq++; // a re-set timer fires after others set earlier for the same instant
            siftDown(siftUp(e.index));
            return;
        }
        e = new Entry(new Key().set(kind, iface, key));
        e.deadline = deadline;
        e.seq = seq++;
        byKey.put(e.key, e);
        if (size == heap.length) {
            heap = java.util.Arrays.copyOf(heap, size * 2);
        }
        heap[size] = e;
        e.index = size++;
        siftUp(e.index);
    }

    void cancel(TimerKind kind, int iface, Object key) {
        Entry e = byKey.remove(probe.set(kind, iface, key));
        if (e != null) {
            removeAt(e.index);
        }
    }

    /** Cancels every timer of an interface (its link went down). */
    void cancelInterface(int iface) {
        byKey.values().removeIf(e -> {
            if (e.key.iface == iface) {
                removeAt(e.index);
                return true;
            }
            return false;
        });
    }

    /** The deadline of a pending timer, or {@link Long#MAX_VALUE}. */
    long deadline(TimerKind kind, int iface, Object key) {
        Entry e = byKey.get(probe.set(kind, iface, key));
        return e == null ? Long.MAX_VALUE : e.deadline;
    }

    /** The earliest deadline, or {@link Long#MAX_VALUE}. */
    long next() {
        return size == 0 ? Long.MAX_VALUE : heap[0].deadline;
    }

    /** Removes and returns the earliest timer due at {@code now}, or null. */
    Key pollDue(long now) {
        if (size == 0 || heap[0].deadline > now) {
            return null;
        }
        Entry e = heap[0];
        byKey.remove(e.key);
        removeAt(0);
        return e.key;
    }

    /** Pending timers. */
    int size() {
        return size;
    }

    private void removeAt(int i) {
        Entry last = heap[--size];
        heap[size] = null;
        if (i == size) {
            return;
        }
        heap[i] = last;
        last.index = i;
        siftDown(siftUp(i));
    }

    private int siftUp(int i) {
        Entry e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Entry p = heap[parent];
            if (!e.before(p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = e;
        e.index = i;
        return i;
    }

    private void siftDown(int i) {
        Entry e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Entry c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.before(e)) {
                break;
            }
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = e;
        e.index = i;
    }
}
