package org.mip6.ipsec.internal.engine;

/**
 * The receiver's anti-replay window (RFC 4303 §3.4.3, the algorithm of its Appendix A without ESN): 64
 * sequence numbers wide. {@link #check} before the ICV is verified, {@link #accept} after, so forged
 * packets cannot move the window.
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

    /** The highest sequence number received. */
    public long highest() {
        return highest;
    }
}
