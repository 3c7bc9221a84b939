package org.mip6.time.internal;

import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by (deadline, sequence): equal deadlines leave in the order
 * they were added. Each entry knows its slot, so cancellation removes it in O(log n) and frees the
 * slot at once (no tombstones to drain). Not thread-safe; the schedulers guard it.
 */
final class TimerHeap {

    /** A scheduled task; doubles as the heap node. */
    static final class Entry {
        final long deadline;
        final long seq;
        Runnable task;
        int index = -1; // slot in the heap, -1 when not queued

        Entry(long deadline, long seq, Runnable task) {
            this.deadline = deadline;
            this.seq = seq;
            this.task = task;
        }

        boolean before(Entry o) {
            return deadline < o.deadline || deadline == o.deadline && seq < o.seq;
        }
    }

    private Entry[] heap = new Entry[64];
    private int size;
    private long nextSeq;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Entry peek() {
        return size == 0 ? null : heap[0];
    }

    Entry add(long deadline, Runnable task) {
        Entry e = new Entry(deadline, nextSeq++, task);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        heap[i] = e;
        e.index = i;
        siftUp(i);
        return e;
    }

    Entry poll() {
        if (size == 0) {
            return null;
        }
        Entry top = heap[0];
        removeAt(0);
        return top;
    }

    /** Removes e if queued; returns true if it was. */
    boolean remove(Entry e) {
        int i = e.index;
        if (i < 0 || i >= size || heap[i] != e) {
            return false;
        }
        removeAt(i);
        return true;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].index = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        Entry removed = heap[i];
        removed.index = -1;
        int last = --size;
        if (i != last) {
            Entry moved = heap[last];
            heap[i] = moved;
            moved.index = i;
            heap[last] = null;
            siftDown(i);
            if (heap[i] == moved) {
                siftUp(i);
            }
        } else {
            heap[last] = null;
        }
        if (heap.length > 1024 && size < heap.length / 4) {
            heap = Arrays.copyOf(heap, heap.length / 2);
        }
    }

    private void siftUp(int i) {
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
