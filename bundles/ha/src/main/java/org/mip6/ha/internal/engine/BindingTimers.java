package org.mip6.ha.internal.engine;

import java.util.HashMap;
import java.util.Map;

import org.mip6.net.Ipv6Address;

/**
 * One pending deadline per binding, by home address, in an indexed binary heap: a refresh moves the
 * binding's deadline in place (O(log n), nothing allocated), so the heap never holds more entries than
 * there are bindings, however often they are refreshed and however long their lifetimes.
 */
final class BindingTimers {

    private static final class Slot {
        final Ipv6Address key;
        long at;
        int index;

        Slot(Ipv6Address key) {
            this.key = key;
        }
    }

    private final Map<Ipv6Address, Slot> byKey = new HashMap<>();
    private Slot[] heap = new Slot[16];
    private int size;

    /**
     * Makes the deadline of {@code key} no later than {@code at}: a later one stays where it is (it
     * fires early, and the engine arms the binding again at its own time).
     */
    void atMost(Ipv6Address key, long at) {
        Slot s = byKey.get(key);
        if (s != null && s.at <= at) {
            return;
        }
        set(key, at);
    }

    /** Sets (or moves) the deadline of {@code key}. */
    void set(Ipv6Address key, long at) {
        Slot s = byKey.get(key);
        if (s == null) {
            s = new Slot(key);
            byKey.put(key, s);
            if (size == heap.length) {
                heap = java.util.Arrays.copyOf(heap, size * 2);
            }
            s.index = size;
            heap[size++] = s;
            s.at = at;
            up(s.index);
            return;
        }
        long old = s.at;
        s.at = at;
        if (at < old) {
            up(s.index);
        } else {
            down(s.index);
        }
    }

    void remove(Ipv6Address key) {
        Slot s = byKey.remove(key);
        if (s == null) {
            return;
        }
        int i = s.index;
        Slot last = heap[--size];
        heap[size] = null;
        if (i < size) {
            heap[i] = last;
            last.index = i;
            up(i);
            down(last.index);
        }
    }

    /** The earliest deadline, or Long.MAX_VALUE. */
    long next() {
        return size == 0 ? Long.MAX_VALUE : heap[0].at;
    }

    /** The key of the earliest deadline if it is due at {@code now} (removed), else null. */
    Ipv6Address pollDue(long now) {
        if (size == 0 || heap[0].at > now) {
            return null;
        }
        Ipv6Address k = heap[0].key;
        remove(k);
        return k;
    }

    int size() {
        return size;
    }

    private void up(int i) {
        Slot s = heap[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (heap[p].at <= s.at) {
                break;
            }
            heap[i] = heap[p];
            heap[i].index = i;
            i = p;
        }
        heap[i] = s;
        s.index = i;
    }

    private void down(int i) {
        Slot s = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            if (c + 1 < size && heap[c + 1].at < heap[c].at) {
                c++;
            }
            if (s.at <= heap[c].at) {
                break;
            }
            heap[i] = heap[c];
            heap[i].index = i;
            i = c;
        }
        heap[i] = s;
        s.index = i;
    }
}
