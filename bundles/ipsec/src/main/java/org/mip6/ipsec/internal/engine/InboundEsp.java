package org.mip6.ipsec.internal.engine;

import java.util.Arrays;

/**
 * One inbound SA (RFC 4303 §3.4): the anti-replay check, the ICV, decryption, and the trailer (Padding
 * 1, 2, 3, ..., Pad Length, Next Header). Not thread-safe: on the node's thread.
 */
public final class InboundEsp {

    /** An opened packet: its sequence number, the protocol of its payload, and the payload. */
    public record Opened(long sequence, int nextHeader, byte[] payload) {
    }

    private final int spi;
    private final EspAlgorithm algorithm;
    private final EspCipher cipher;
    private final ReplayWindow window;

    public InboundEsp(int spi, EspKeys keys, ReplayWindow window) {
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
        long seq = Integer.toUnsignedLong(spiOf(esp, off + 4));
        if (!window.check(seq)) {
            throw new EspException(EspException.Reason.REPLAY, "sequence number " + seq + " (highest received "
                    + window.highest() + ")");
        }
        byte[] plain = cipher.open(esp, off, len);
        window.accept(seq); // the ICV verified: the packet is genuine, even if its padding is not
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
        return new Opened(seq, plain[n - 1] & 0xff, Arrays.copyOf(plain, n - 2 - pad));
    }

    public int spi() {
        return spi;
    }

    public ReplayWindow window() {
        return window;
    }
}
