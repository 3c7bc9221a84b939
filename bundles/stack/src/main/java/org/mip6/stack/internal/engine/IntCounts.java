package org.mip6.stack.internal.engine;

/**
 * Counts by int key in two arrays (open addressing, linear probing, backward-shift deletion): the
 * solicited-node groups a node joined for proxied addresses, one per home address a home agent
 * serves, without a boxed key, a boxed count and a map node each.
 */
final class IntCounts {

    private int[] keys = new int[16];
    private int[] counts = new int[16];
    private int size;

    void increment(int key) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int i = slot(key);
        if (counts[i] == 0) {
            keys[i] = key;
            size++;
        }
        counts[i]++;
    }

    void decrement(int key) {
        int i = slot(key);
        if (counts[i] == 0) {
            return;
        }
        if (--counts[i] > 0) {
            return;
        }
        size--;
        int mask = keys.length - 1;
        int j = i;
        while (true) { // backward shift: keep every later key of the run reachable from its home slot
            j = (j + 1) & mask;
            if (counts[j] == 0) {
                break;
            }
            int home = mix(keys[j]) & mask;
            if (((j - home) & mask) >= ((j - i) & mask)) {
                keys[i] = keys[j];
                counts[i] = counts[j];
                counts[j] = 0;
                i = j;
            }
        }
    }

    boolean contains(int key) {
        return size > 0 && counts[slot(key)] > 0;
    }

    int size() {
        return size;
    }

    private int slot(int key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (counts[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int mix(int k) {
        int h = k * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void grow() {
        int[] ok = keys;
        int[] oc = counts;
        keys = new int[ok.length * 2];
        counts = new int[ok.length * 2];
        for (int i = 0; i < ok.length; i++) {
            if (oc[i] != 0) {
                int j = slot(ok[i]);
                keys[j] = ok[i];
                counts[j] = oc[i];
            }
        }
    }
}
