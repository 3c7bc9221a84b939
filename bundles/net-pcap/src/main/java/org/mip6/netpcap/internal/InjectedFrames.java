package org.mip6.netpcap.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The frames a bridge put on its link and whose sight on the link's tap is still to come, so that it
 * does not send them back out of the interface they came from. Matched by their bytes, each once, the
 * oldest first (the link carries them in the order they were put on it); bounded, the oldest forgotten
 * (a frame the link dropped is never seen). Thread-safe: the bridge's reader adds, the world's thread takes.
 */
final class InjectedFrames {

    private final int limit;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();

    InjectedFrames(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    synchronized void add(byte[] frame) {
        if (frames.size() == limit) {
            frames.removeFirst();
        }
        frames.addLast(frame);
    }

    /** Whether {@code frame} is one added and not yet taken; if so it is taken. */
    synchronized boolean take(byte[] frame) {
        for (Iterator<byte[]> i = frames.iterator(); i.hasNext(); ) {
            if (Arrays.equals(i.next(), frame)) {
                i.remove();
                return true;
            }
        }
        return false;
    }

    synchronized int size() {
        return frames.size();
    }
}
