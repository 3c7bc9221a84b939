package org.mip6.wire;

import org.mip6.net.Ipv6Address;

/**
 * The Internet checksum (RFC 1071) with the IPv6 pseudo-header of RFC 8200 §8.1. For packets with a
 * Home Address option the source is the home address, and with a Type 2 Routing Header the
 * destination is the final destination (RFC 6275 §6.1.1, §6.3, §6.4).
 */
public final class Checksum {

    private Checksum() {
    }

    /** One's-complement sum of the pseudo-header (not folded). */
    public static long pseudoHeaderSum(Ipv6Address src, Ipv6Address dst, int upperLayerLength, int nextHeader) {
        long s = 0;
        s += halves(src.high()) + halves(src.low());
        s += halves(dst.high()) + halves(dst.low());
        s += (upperLayerLength >>> 16) + (upperLayerLength & 0xffff);
        s += nextHeader;
        return s;
    }

    /** The two 32-bit halves of 8 bytes, added (folding later makes this the sum of its 16-bit words). */
    private static long halves(long v) {
        return (v >>> 32) + (v & 0xffff_ffffL);
    }

    private static long words(byte[] b, int off) {
        return halves(Wire.u64(b, off));
    }

    /**
     * One's-complement sum of {@code len} bytes, not folded (at most 2^46 for any IPv6 payload): 8
     * bytes at a time as two 32-bit halves, then the tail in 32-, 16- and 8-bit pieces, all on 16-bit
     * boundaries; an odd last byte is padded with zero.
     */
    public static long sum(byte[] b, int off, int len) {
        long s = 0;
        int end = off + len;
        int i = off;
        for (; i + 8 <= end; i += 8) {
            s += words(b, i);
        }
        if (i + 4 <= end) {
            s += Wire.u32(b, i);
            i += 4;
        }
        if (i + 2 <= end) {
            s += Wire.u16(b, i);
            i += 2;
        }
        if (i < end) {
            s += (b[i] & 0xff) << 8;
        }
        return s;
    }

    /** Folds a sum to 16 bits with end-around carries, without a loop. */
    private static long fold(long s) {
        s = (s >>> 32) + (s & 0xffff_ffffL);
        s = (s >>> 16) + (s & 0xffff);
        s = (s >>> 16) + (s & 0xffff);
        return (s >>> 16) + (s & 0xffff);
    }

    /**
     * The pseudo-header's sum alone, folded and not complemented: what a sender that leaves its TCP or UDP checksum to
     * the NIC (checksum offload; Linux's CHECKSUM_PARTIAL) has in the field when a capture on that host takes the packet.
     */
    public static int leftToNic(Ipv6Address src, Ipv6Address dst, int upperLayerLength, int nextHeader) {
        return (int) fold(pseudoHeaderSum(src, dst, upperLayerLength, nextHeader));
    }

    /** Folds a sum to 16 bits and complements it: the value to write in a checksum field. */
    public static int finish(long sum) {
        return (int) (~fold(sum) & 0xffff);
    }

    /** The checksum of an upper-layer message (whose checksum field must hold zero, or the received value to verify). */
    public static int compute(Ipv6Address src, Ipv6Address dst, int nextHeader, byte[] b, int off, int len) {
        return finish(pseudoHeaderSum(src, dst, len, nextHeader) + sum(b, off, len));
    }

    /**
     * True when a received message (checksum field in place) verifies, with the pseudo-header's
     * addresses read from {@code hdr} at {@code srcAt} and {@code dstAt}.
     */
    public static boolean verify(byte[] hdr, int srcAt, int dstAt, int nextHeader, byte[] b, int off, int len) {
        long s = words(hdr, srcAt) + words(hdr, srcAt + 8) + words(hdr, dstAt) + words(hdr, dstAt + 8) + len + nextHeader;
        return fold(s + sum(b, off, len)) == 0xffff;
    }
}
