package org.mip6.ipsec.internal.engine;

/**
 * The receiver's anti-replay window (RFC 4303 §3.4.3, the algorithm of its Appendix A): 64 sequence numbers
 * wide, over 64-bit numbers with Extended Sequence Numbers ({@link #extend}). {@link #check} before the ICV
 * is verified, {@link #accept} after, so forged packets cannot move the window.
 */
public final class ReplayWindow {

    public static final int SIZE = 64;

    private long highest; // the right edge; 0 before the first packet
    private long bitmap;  // bit i: highest - i was received

    public ReplayWindow() {
    }

    /** A window as it was (kept in {@code state} while the bundle is replaced). */
    public ReplayWindow(long highest, long bitmap) {
        this.highest = highest;
        this.bitmap = bitmap;
    }

    /** Which of the last {@link #SIZE} numbers up to {@link #highest()} were received (bit i: highest - i). */
    public long bitmap() {
        return bitmap;
    }

    /** Whether {@code seq} may be new: not 0, not seen, not left of the window. */
    public boolean check(long seq) {
        if (seq == 0) {
            return false; // the first packet an SA sends has sequence number 1 (RFC 4303 §3.3.3)
        }
        if (seq > highest) {
            return true;
        }
        long diff = highest - seq;
        return diff < SIZE && (bitmap & (1L << diff)) == 0;
    }

    /** Records {@code seq} (its ICV verified). */
    public void accept(long seq) {
        if (seq > highest) {
            long shift = seq - highest;
            bitmap = shift >= SIZE ? 1L : (bitmap << shift) | 1L;
            highest = seq;
        } else {
            bitmap |= 1L << (highest - seq);
        }
    }

    /**
     * RFC 4303 Appendix A2.2: the 64-bit sequence number of a packet carrying the low-order 32 bits {@code low},
     * placed by the window's top T: in T's subspace of 2^32 numbers, the next one when the number would be
     * left of a window lying within one subspace, the previous one when the window spans two and the number
     * falls in the first; -1 when that would be below 0. The ICV, covering the high-order bits, confirms the guess.
     */
    public long extend(long low) {
        long tl = highest & 0xffff_ffffL;
        long th = highest >>> 32;
        long bottom = (tl - SIZE + 1) & 0xffff_ffffL; // Tl - W + 1, modulo 2^32
        long seqh;
        if (tl >= SIZE - 1) { // Case A: the window is within one subspace
            seqh = low >= bottom ? th : th + 1;
        } else { // Case B: it spans two
            seqh = low >= bottom ? th - 1 : th;
        }
        return seqh < 0 ? -1 : seqh << 32 | low;
    }

    /** The highest sequence number received. */
    public long highest() {
        return highest;
    }
}
