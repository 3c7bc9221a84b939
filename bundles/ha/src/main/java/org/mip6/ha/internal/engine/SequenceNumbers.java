package org.mip6.ha.internal.engine;

/** RFC 6275 §9.5.1: Sequence Numbers are compared modulo 2^16. */
public final class SequenceNumbers {

    private SequenceNumbers() {
    }

    /** Whether {@code received} is newer than {@code last}: it does not lie in [last - 32768, last] (mod 2^16). */
    public static boolean newer(int received, int last) {
        int d = (received - last) & 0xffff;
        return d != 0 && d < 0x8000;
    }
}
