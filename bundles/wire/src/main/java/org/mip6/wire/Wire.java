package org.mip6.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian field access and protocol numbers shared by the codecs. */
public final class Wire {

    private Wire() {
    }

    /** IPv6 Next Header values (IANA). */
    public static final int HOP_BY_HOP = 0;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int IPV6 = 41;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    public static final int NO_NEXT_HEADER = 59;
    public static final int DESTINATION_OPTIONS = 60;
    public static final int MOBILITY = 135;

    public static final int ETHERTYPE_IPV6 = 0x86dd;

    public static int u8(byte[] b, int o) {
        return b[o] & 0xff;
    }

    // Big-endian views of a byte[]: one bounds-checked load each, which C2 compiles to a load and a
    // byte swap rather than assembling bytes one by one.
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    public static int u16(byte[] b, int o) {
        return (short) SHORT.get(b, o) & 0xffff;
    }

    public static long u32(byte[] b, int o) {
        return (int) INT.get(b, o) & 0xffff_ffffL;
    }

    public static long u64(byte[] b, int o) {
        return (long) LONG.get(b, o);
    }

    public static void put8(byte[] b, int o, int v) {
        b[o] = (byte) v;
    }

    public static void put16(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    public static void put32(byte[] b, int o, long v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }

    public static void put64(byte[] b, int o, long v) {
        put32(b, o, v >>> 32);
        put32(b, o + 4, v);
    }

    /**
     * Bytes of padding that put an option at alignment {@code multiple}n+{@code offset} when it would
     * otherwise start {@code pos} bytes into its header (RFC 8200 §4.2, RFC 6275 §6.2).
     */
    public static int padding(int pos, int multiple, int offset) {
        return ((offset - pos) % multiple + multiple) % multiple;
    }

    /**
     * Writes {@code n} bytes of padding: nothing, Pad1 (0), or PadN (1, length, zeros). IPv6 options
     * (RFC 8200 §4.2) and mobility options (RFC 6275 §6.2.2-6.2.3) share these encodings.
     */
    public static int writePadding(byte[] buf, int p, int n) {
        if (n == 1) {
            buf[p] = 0;
        } else if (n >= 2) {
            buf[p] = 1;
            buf[p + 1] = (byte) (n - 2);
            for (int i = 2; i < n; i++) {
                buf[p + i] = 0;
            }
        }
        return p + n;
    }

    /** Throws TRUNCATED unless {@code need} bytes are available from {@code off} before {@code end}. */
    public static void need(int off, int need, int end, String what) throws DecodeException {
        if (need < 0 || off + need > end) {
            throw truncated(off, need, end, what);
        }
    }

    private static DecodeException truncated(int off, int need, int end, String what) { // cold: keeps need() inlinable
        return new DecodeException(DecodeReason.TRUNCATED, Math.min(off, end),
                what + " needs " + need + " bytes, " + Math.max(0, end - off) + " left");
    }

    public static void checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
    }
}
