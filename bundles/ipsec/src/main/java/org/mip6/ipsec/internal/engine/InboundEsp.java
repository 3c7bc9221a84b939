package org.mip6.ipsec.internal.engine;

import java.util.Arrays;

/**
 * One inbound SA (RFC 4303 §3.4): the anti-replay check, the ICV, decryption, and the trailer (Padding
 * 1, 2, 3, ..., Pad Length, Next Header). With Extended Sequence Numbers the high-order 32 bits a packet
 * does not carry are inferred from the window (RFC 4303 Appendix A2.2) and checked by the ICV; after
 * {@link #RESYNC_AFTER} packets in a row fail it, each failing one is tried with the next {@link #RESYNC_TRIES}
 * values of the high-order bits above the window's (Appendix A3: 2^32 or more packets lost in a row), and one
 * that verifies so moves the window there. Not thread-safe: on the node's thread.
 */
public final class InboundEsp {

    /** An opened packet: its sequence number, the protocol of its payload, and the payload; {@code resynchronised}:
     * its high-order bits were found by RFC 4303 A3.2's retries, not by the window. */
    public record Opened(long sequence, int nextHeader, byte[] payload, boolean resynchronised) {
    }

    /** RFC 4303 A3.1's trigger (a local parameter): consecutive packets failing the ICV before re-synchronising. */
    public static final int RESYNC_AFTER = 16;
    /** RFC 4303 A3.2's limit on retries (a local parameter): the high-order bits tried above the window's. */
    public static final int RESYNC_TRIES = 4;

    private final int spi;
    private final EspAlgorithm algorithm;
    private final EspCipher cipher;
    private final ReplayWindow window;
    private final boolean esn;
    /** Packets in a row whose ICV failed (RFC 4303 A3.1); a verified one resets it. */
    private int icvFailures;

    public InboundEsp(int spi, EspKeys keys, ReplayWindow window) {
        this(spi, keys, window, false);
    }

    /** @param esn Extended Sequence Numbers (RFC 4303 §2.2.1), as the SA's peer uses them */
    public InboundEsp(int spi, EspKeys keys, ReplayWindow window, boolean esn) {
        this.esn = esn;
        this.spi = spi;
        this.algorithm = keys.algorithm();
        this.cipher = new EspCipher(keys);
        this.window = window;
    }

    /** The SPI of the ESP packet at {@code off} (to find its SA). */
    public static int spiOf(byte[] esp, int off) {
        return (esp[off] & 0xff) << 24 | (esp[off + 1] & 0xff) << 16 | (esp[off + 2] & 0xff) << 8 | esp[off + 3] & 0xff;
    }

    /**
     * Opens the ESP packet {@code esp[off, off + len)} (SPI first).
     *
     * @throws EspException TRUNCATED, REPLAY, BAD_ICV or BAD_PADDING; the window moves only for packets
     *                      whose ICV verified
     */
    public Opened open(byte[] esp, int off, int len) throws EspException {
        checkLength(esp, off, len);
        long low = Integer.toUnsignedLong(spiOf(esp, off + 4));
        long seq = esn ? window.extend(low) : low;
        if (seq < 0 || !window.check(seq)) {
            throw new EspException(EspException.Reason.REPLAY, "sequence number " + (seq < 0 ? low : seq)
                    + " (highest received " + window.highest() + ")");
        }
        byte[] plain;
        try {
            plain = cipher.open(esp, off, len, esn ? OutboundEsp.high(seq) : null);
        } catch (EspException e) {
            if (e.reason() != EspException.Reason.BAD_ICV || !esn || ++icvFailures < RESYNC_AFTER) {
                throw e;
            }
            return resynchronise(esp, off, len, low, e);
        }
        icvFailures = 0;
        window.accept(seq); // the ICV verified: the packet is genuine, even if its padding is not
        return trailer(seq, plain, false);
    }

    /**
     * RFC 4303 A3.2: the packet tried with the high-order bits one, two, ... {@link #RESYNC_TRIES} above the
     * window's; the first that verifies moves the window there (and resets the failures), else {@code failed}.
     */
    private Opened resynchronise(byte[] esp, int off, int len, long low, EspException failed) throws EspException {
        long th = window.highest() >>> 32;
        for (int d = 1; d <= RESYNC_TRIES; d++) {
            long seq = (th + d) << 32 | low;
            byte[] plain;
            try {
                plain = cipher.open(esp, off, len, OutboundEsp.high(seq));
            } catch (EspException e) {
                continue;
            }
            icvFailures = 0;
            window.accept(seq);
            return trailer(seq, plain, true);
        }
        throw failed;
    }

    /**
     * Opens an ESP packet for analysis (the shell): no window is checked or moved; with ESN the high-order
     * bits are {@code high}, without, ignored.
     */
    public Opened inspect(byte[] esp, int off, int len, int high) throws EspException {
        checkLength(esp, off, len);
        long seq = Integer.toUnsignedLong(spiOf(esp, off + 4)) | (esn ? Integer.toUnsignedLong(high) << 32 : 0);
        return trailer(seq, cipher.open(esp, off, len, esn ? OutboundEsp.high(seq) : null), false);
    }

    private void checkLength(byte[] esp, int off, int len) throws EspException {
        int min = 8 + algorithm.ivLength + (algorithm.aead ? 4 : algorithm.block) + algorithm.icvLength;
        if (len < min) {
            throw new EspException(EspException.Reason.TRUNCATED, len + " octets, at least " + min + " for " + algorithm.id);
        }
        if (spiOf(esp, off) != spi) {
            throw new IllegalArgumentException("SPI " + Integer.toUnsignedString(spiOf(esp, off)) + " is not this SA's ("
                    + Integer.toUnsignedString(spi) + ")");
        }
        int data = len - 8 - algorithm.ivLength - algorithm.icvLength;
        if (data % algorithm.block != 0) {
            throw new EspException(EspException.Reason.TRUNCATED, "the encrypted part (" + data + " octets) is not a multiple of "
                    + algorithm.block);
        }
    }

    /** The trailer's checks (RFC 4303 §2.4, §2.6) on the plaintext of the packet numbered {@code seq}. */
    private static Opened trailer(long seq, byte[] plain, boolean resynchronised) throws EspException {
        int n = plain.length;
        int pad = plain[n - 2] & 0xff;
        if (pad > n - 2) {
            throw new EspException(EspException.Reason.BAD_PADDING, "Pad Length " + pad + " runs past the " + (n - 2)
                    + " octets before it");
        }
        for (int i = 1; i <= pad; i++) {
            if ((plain[n - 2 - pad + i - 1] & 0xff) != i) {
                throw new EspException(EspException.Reason.BAD_PADDING, "padding octet " + i + " is "
                        + (plain[n - 2 - pad + i - 1] & 0xff));
            }
        }
        return new Opened(seq, plain[n - 1] & 0xff, Arrays.copyOf(plain, n - 2 - pad), resynchronised);
    }

    public int spi() {
        return spi;
    }

    public ReplayWindow window() {
        return window;
    }
}
