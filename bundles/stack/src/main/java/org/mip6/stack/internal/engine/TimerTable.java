package org.mip6.stack.internal.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

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

    private static final class Entry implements Comparable<Entry> {
        final Key key;
        final long deadline;
        final long seq;

        Entry(Key key, long deadline, long seq) {
            this.key = key;
            this.deadline = deadline;
            this.seq = seq;
        }

        @Override
        public int compareTo(Entry o) {
            return deadline != o.deadline ? Long.compare(deadline, o.deadline) : Long.compare(seq, o.seq);
        }
    }

    private final Map<Key, Entry> byKey = new HashMap<>();
    private final TreeSet<Entry> byDeadline = new TreeSet<>();
    /** Reused to look entries up without allocating (one thread drives the node). */
    private final Key probe = new Key();
    /** The earliest entry, kept at hand: the host asks for it after every frame. */
    private Entry first;
    private long seq;

    /** Arms (or re-arms) the timer {@code (kind, iface, key)} for {@code deadline}. */
    void set(long deadline, TimerKind kind, int iface, Object key) {
        Entry old = byKey.get(probe.set(kind, iface, key));
        Key k;
        if (old != null) {
            if (old.deadline == deadline) {
                return;
            }
            removeEntry(old);
            k = old.key; // the same key object, reused
        } else {
            k = new Key().set(kind, iface, key);
        }
        Entry e = new Entry(k, deadline, seq++);
        byKey.put(k, e);
        byDeadline.add(e);
        if (first == null || e.compareTo(first) < 0) {
            first = e;
        }
    }

    private void removeEntry(Entry e) {
        byDeadline.remove(e);
        if (e == first) {
            first = byDeadline.isEmpty() ? null : byDeadline.first();
        }
    }

    void cancel(TimerKind kind, int iface, Object key) {
        Entry old = byKey.remove(probe.set(kind, iface, key));
        if (old != null) {
            removeEntry(old);
        }
    }

    /** Cancels every timer of an interface (its link went down). */
    void cancelInterface(int iface) {
        byKey.values().removeIf(e -> {
            if (e.key.iface == iface) {
                removeEntry(e);
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
        return first == null ? Long.MAX_VALUE : first.deadline;
    }

    /** Removes and returns the earliest timer due at {@code now}, or null. */
    Key pollDue(long now) {
        if (first == null || first.deadline > now) {
            return null;
        }
        Entry e = first;
        byKey.remove(e.key);
        removeEntry(e);
        return e.key;
    }

    /** Pending timers. */
    int size() {
        return byKey.size();
    }
}
