package org.mip6.time.internal;

import java.util.Arrays;

/**
 * Timers ordered by (deadline, sequence): equal deadlines leave in the order they were added. Most
 * are in a binary min-heap; each knows its slot, so cancellation removes it in O(log n) and frees the
 * slot at once. Entries due at once ({@link #addDue}: a frame on an ideal link, a task handed over)
 * join a FIFO lane instead, which is sorted as it is filled (their deadlines never go down), so a
 * burst of them costs no sifting through the heap; a cancelled one there is skipped when it comes up.
 * What leaves next is the earlier of the heap's top and the lane's head. Not thread-safe; the
 * schedulers guard it.
 */
final class TimerHeap {

    /** A scheduled task; doubles as the heap node. */
    static final class Entry {
        final long deadline;
        final long seq;
        Runnable task;
        int index = -1; // slot in the heap, IN_LANE in the lane, -1 when not queued

        Entry(long deadline, long seq, Runnable task) {
            this.deadline = deadline;
            this.seq = seq;
            this.task = task;
        }

        boolean before(Entry o) {
            return deadline < o.deadline || deadline == o.deadline && seq < o.seq;
        }
    }

    private static final int IN_LANE = Integer.MAX_VALUE;

    private Entry[] heap = new Entry[64];
    private int size;
    private long nextSeq;
    /** The lane: a ring of entries in (deadline, sequence) order, from laneHead, laneCount of them. */
    private Entry[] lane = new Entry[64];
    private int laneHead;
    private int laneCount;
    /** Entries in the lane that were removed and not yet skipped. */
    private int laneRemoved;

    int size() {
        return size + laneCount - laneRemoved;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    Entry peek() {
        Entry l = laneHead();
        if (size == 0) {
            return l;
        }
        Entry h = heap[0];
        return l != null && l.before(h) ? l : h;
    }

    /** The lane's first entry still queued, or null (removed ones in front are dropped). */
    private Entry laneHead() {
        while (laneCount > 0) {
            Entry l = lane[laneHead];
            if (l.index == IN_LANE) {
                return l;
            }
            dropLaneHead();
            laneRemoved--;
        }
        return null;
    }

    private void dropLaneHead() {
        lane[laneHead] = null;
        laneHead = laneHead + 1 & lane.length - 1;
        laneCount--;
        if (laneCount == 0 && lane.length > 1024) {
            lane = new Entry[64]; // a burst is over: its ring goes with it
            laneHead = 0;
        }
    }

    /**
     * An entry due at once: in the lane when its deadline is no earlier than the last one there (a
     * caller adding at the current time, which never goes back, always is), else in the heap.
     */
    Entry addDue(long deadline, Runnable task) {
        if (laneCount > 0 && deadline < lane[laneHead + laneCount - 1 & lane.length - 1].deadline) {
            return add(deadline, task);
        }
        Entry e = new Entry(deadline, nextSeq++, task);
        if (laneCount == lane.length) {
            Entry[] grown = new Entry[lane.length * 2];
            for (int k = 0; k < laneCount; k++) {
                grown[k] = lane[laneHead + k & lane.length - 1];
            }
            lane = grown;
            laneHead = 0;
        }
        lane[laneHead + laneCount & lane.length - 1] = e;
        laneCount++;
        e.index = IN_LANE;
        return e;
    }

    /** Whether {@code e} is the entry added last (nothing was added after it). */
    boolean isLast(Entry e) {
        return e.seq == nextSeq - 1;
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
        Entry top = peek();
        if (top == null) {
            return null;
        }
        if (top.index == IN_LANE) {
            dropLaneHead();
            top.index = -1;
        } else {
            removeAt(0);
        }
        return top;
    }

    /** Removes e if queued; returns true if it was. */
    boolean remove(Entry e) {
        int i = e.index;
        if (i == IN_LANE) {
            e.index = -1; // skipped when it comes up
            laneRemoved++;
            return true;
        }
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
        while (laneCount > 0) {
            lane[laneHead].index = -1;
            dropLaneHead();
        }
        laneRemoved = 0;
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
