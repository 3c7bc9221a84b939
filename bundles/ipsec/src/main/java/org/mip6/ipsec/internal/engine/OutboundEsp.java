package org.mip6.ipsec.internal.engine;

import java.util.random.RandomGenerator;

/**
 * One outbound SA (RFC 4303 §3.1, §3.3): seals an upper-layer payload into an ESP packet: SPI, Sequence
 * Number, IV, encrypted payload with its Padding (1, 2, 3, ...), Pad Length and Next Header, then the ICV.
 * GCM's IV is the sequence number (unique per key, RFC 4106 §3.1); CBC's comes from {@code ivs} (the
 * world's seed: same seed, same pcap). With Extended Sequence Numbers (RFC 4303 §2.2.1) the counter is 64
 * bits: the packet carries the low-order 32, the ICV covers the high-order 32 too. Not thread-safe: on the
 * node's thread.
 */
public final class OutboundEsp {

    /** The last sequence number an SA may use before it must be replaced (RFC 4303 §3.3.3, no ESN). */
    public static final long MAX_SEQUENCE = 0xffff_ffffL;
    /** The same with Extended Sequence Numbers: 2^64 - 1, as an unsigned long. */
    public static final long MAX_EXTENDED_SEQUENCE = -1L;

    private final int spi;
    private final EspAlgorithm algorithm;
    private final EspCipher cipher;
    private final IvSource ivs;
    private final boolean esn;
    /** Unsigned with ESN. */
    private long sequence;

    /** Where CBC IVs come from: one per Sequence Number, so an SA carried across a swap goes on unchanged. */
    @FunctionalInterface
    public interface IvSource {
        void iv(long sequence, byte[] out, int off, int len);
    }

    /**
     * @param spi      the SA's SPI (a 32-bit value; 1-255 are reserved, RFC 4303 §2.1)
     * @param sequence the last sequence number sent (0 for a new SA; an SA carried across a swap goes on)
     */
    public OutboundEsp(int spi, EspKeys keys, long sequence, RandomGenerator ivs) {
        this(spi, keys, sequence, (seq, out, off, len) -> {
            for (int i = 0; i < len; i++) {
                out[off + i] = (byte) ivs.nextInt(256);
            }
        });
    }

    /** @param ivs the CBC IV of each Sequence Number (unused for GCM, whose IV is the number) */
    public OutboundEsp(int spi, EspKeys keys, long sequence, IvSource ivs) {
        this(spi, keys, sequence, ivs, false);
    }

    /**
     * @param sequence the last sequence number sent (unsigned with {@code esn})
     * @param esn      Extended Sequence Numbers (RFC 4303 §2.2.1), as the SA's peer must use them too
     */
    public OutboundEsp(int spi, EspKeys keys, long sequence, IvSource ivs, boolean esn) {
        if (Integer.toUnsignedLong(spi) < 256) {
            throw new IllegalArgumentException("SPI " + Integer.toUnsignedString(spi) + " is reserved (0-255, RFC 4303 §2.1)");
        }
        if (!esn && (sequence < 0 || sequence > MAX_SEQUENCE)) {
            throw new IllegalArgumentException("sequence number " + sequence + " is not 0-" + MAX_SEQUENCE);
        }
        this.esn = esn;
        this.spi = spi;
        this.algorithm = keys.algorithm();
        this.cipher = new EspCipher(keys);
        this.ivs = ivs;
        this.sequence = sequence;
    }

    /** The ESP packet's length for a payload of {@code length} octets. */
    public int sealedLength(int length) {
        return 8 + algorithm.ivLength + length + padding(length) + 2 + algorithm.icvLength;
    }

    private int padding(int length) {
        int r = (length + 2) % algorithm.block;
        return r == 0 ? 0 : algorithm.block - r;
    }

    /**
     * The ESP packet carrying {@code payload[off, off + len)} whose protocol is {@code nextHeader}.
     *
     * @throws IllegalStateException when the SA has used every sequence number (it must be replaced)
     */
    public byte[] seal(int nextHeader, byte[] payload, int off, int len) {
        if (exhausted()) {
            throw new IllegalStateException("SPI " + Integer.toUnsignedString(spi) + " has used every sequence number:"
                    + " a new SA is needed (RFC 4303 §3.3.3)");
        }
        sequence++;
        int pad = padding(len);
        byte[] plain = new byte[len + pad + 2];
        System.arraycopy(payload, off, plain, 0, len);
        for (int i = 1; i <= pad; i++) {
            plain[len + i - 1] = (byte) i; // RFC 4303 §2.4: 1, 2, 3, ...
        }
        plain[len + pad] = (byte) pad;
        plain[len + pad + 1] = (byte) nextHeader;
        byte[] out = new byte[sealedLength(len)];
        putInt(out, 0, spi);
        putInt(out, 4, (int) sequence); // the low-order 32 bits with ESN
        if (algorithm.aead) {
            putInt(out, 8, (int) (sequence >>> 32)); // the 64-bit IV is the sequence number
            putInt(out, 12, (int) sequence);
        } else {
            ivs.iv(sequence, out, 8, algorithm.ivLength);
        }
        int end = cipher.seal(out, 0, 8 + algorithm.ivLength, plain, esn ? high(sequence) : null);
        if (end != out.length) {
            throw new IllegalStateException(algorithm.id + ": sealed " + end + " octets, expected " + out.length);
        }
        return out;
    }

    public int spi() {
        return spi;
    }

    /** The last sequence number sent (unsigned with ESN). */
    public long sequence() {
        return sequence;
    }

    /** Whether the SA has used every sequence number (RFC 4303 §3.3.3: it must be replaced). */
    public boolean exhausted() {
        return sequence == (esn ? MAX_EXTENDED_SEQUENCE : MAX_SEQUENCE);
    }

    /** The high-order 32 bits of an Extended Sequence Number, as the ICV covers them. */
    static byte[] high(long sequence) {
        byte[] h = new byte[4];
        putInt(h, 0, (int) (sequence >>> 32));
        return h;
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
