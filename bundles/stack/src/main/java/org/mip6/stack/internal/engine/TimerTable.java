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
    record Key(TimerKind kind, int iface, Object key) {
        Key {
            Objects.requireNonNull(kind, "kind");
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
    /** The earliest entry, kept at hand: the host asks for it after every frame. */
    private Entry first;
    private long seq;

    /** Arms (or re-arms) the timer {@code (kind, iface, key)} for {@code deadline}. */
    void set(long deadline, TimerKind kind, int iface, Object key) {
        Key k = new Key(kind, iface, key);
        Entry old = byKey.get(k);
        if (old != null) {
            if (old.deadline == deadline) {
                return;
            }
            removeEntry(old);
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
        Entry old = byKey.remove(new Key(kind, iface, key));
        if (old != null) {
            removeEntry(old);
        }
    }

    /** Cancels every timer of an interface (its link went down). */
    void cancelInterface(int iface) {
        byKey.values().removeIf(e -> {
            if (e.key.iface() == iface) {
                removeEntry(e);
                return true;
            }
            return false;
        });
    }

    /** The deadline of a pending timer, or {@link Long#MAX_VALUE}. */
    long deadline(TimerKind kind, int iface, Object key) {
        Entry e = byKey.get(new Key(kind, iface, key));
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
