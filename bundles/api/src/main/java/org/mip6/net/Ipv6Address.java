package org.mip6.net;

import java.util.Objects;

/**
 * An IPv6 address as two 64-bit halves: an immutable value type, cheap to compare and hash.
 *
 * <p>{@link #parse} accepts every text form of RFC 4291 §2.2 (full, zero-compressed with "::", and
 * with an embedded dotted-quad IPv4 address in the last 32 bits). {@link #toString} writes the
 * canonical form of RFC 5952 §4 (lower case, no leading zeros, the longest run of two or more zero
 * groups compressed, the first such run on a tie) and §5 for IPv4-mapped addresses.
 */
public final class Ipv6Address implements Comparable<Ipv6Address> {

    /** Length of an address on the wire, in bytes. */
    public static final int BYTES = 16;

    public static final Ipv6Address UNSPECIFIED = new Ipv6Address(0L, 0L);
    public static final Ipv6Address LOOPBACK = new Ipv6Address(0L, 1L);
    /** ff02::1, all-nodes link-local multicast (RFC 4291 §2.7.1). */
    public static final Ipv6Address ALL_NODES = new Ipv6Address(0xff02_0000_0000_0000L, 1L);
    /** ff02::2, all-routers link-local multicast (RFC 4291 §2.7.1). */
    public static final Ipv6Address ALL_ROUTERS = new Ipv6Address(0xff02_0000_0000_0000L, 2L);

    private final long high;
    private final long low;

    private Ipv6Address(long high, long low) {
        this.high = high;
        this.low = low;
    }

    /** The address whose first 64 bits are {@code high} and last 64 bits are {@code low}. */
    public static Ipv6Address of(long high, long low) {
        if (high == 0L && low == 0L) {
            return UNSPECIFIED;
        }
        return new Ipv6Address(high, low);
    }

    /** Reads 16 bytes in network order. */
    public static Ipv6Address fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("an IPv6 address is 16 bytes, got " + bytes.length);
        }
        return read(bytes, 0);
    }

    /** Reads 16 bytes in network order starting at {@code offset}. */
    public static Ipv6Address read(byte[] buf, int offset) {
        return of(readLong(buf, offset), readLong(buf, offset + 8));
    }

    /** Writes the 16 bytes of this address in network order at {@code offset}. */
    public void write(byte[] buf, int offset) {
        writeLong(buf, offset, high);
        writeLong(buf, offset + 8, low);
    }

    public byte[] toBytes() {
        byte[] b = new byte[BYTES];
        write(b, 0);
        return b;
    }

    public long high() {
        return high;
    }

    public long low() {
        return low;
    }

    /** The 16-bit group {@code index} (0..7). */
    public int group(int index) {
        Objects.checkIndex(index, 8);
        long half = index < 4 ? high : low;
        return (int) (half >>> (48 - 16 * (index & 3))) & 0xffff;
    }

    /** The last 64 bits: the interface identifier of a unicast address under a /64 (RFC 4291 §2.5.1). */
    public long interfaceId() {
        return low;
    }

    /** This address with its last 64 bits replaced by {@code interfaceId}. */
    public Ipv6Address withInterfaceId(long interfaceId) {
        return of(high, interfaceId);
    }

    public boolean isUnspecified() {
        return high == 0L && low == 0L;
    }

    public boolean isLoopback() {
        return high == 0L && low == 1L;
    }

    /**
     * Neither multicast, link-local, unspecified nor loopback: what RFC 6275 §9.5.1 calls a unicast routable
     * address, the only kind a home address, a care-of address or a home agent's address can be.
     */
    public boolean isUnicastRoutable() {
        return !isMulticast() && !isLinkLocal() && !isUnspecified() && !isLoopback();
    }

    /** ff00::/8 (RFC 4291 §2.7). */
    public boolean isMulticast() {
        return (high >>> 56) == 0xffL;
    }

    /** fe80::/10 (RFC 4291 §2.5.6). */
    public boolean isLinkLocal() {
        return (high >>> 54) == (0xfe80L >>> 6);
    }

    /** Multicast scope (RFC 4291 §2.7), or -1 for a non-multicast address. */
    public int multicastScope() {
        return isMulticast() ? (int) (high >>> 48) & 0xf : -1;
    }

    /** ::ffff:0:0/96 (RFC 4291 §2.5.5.2). */
    public boolean isIpv4Mapped() {
        return high == 0L && (low >>> 32) == 0xffffL;
    }

    /** The solicited-node multicast address: ff02::1:ff00:0/104 plus the low 24 bits of this address (RFC 4291 §2.7.1). */
    public Ipv6Address solicitedNodeMulticast() {
        return of(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (low & 0x00ff_ffffL));
    }

    /** The link-local address fe80::/64 with the given interface identifier (RFC 4862 §5.3). */
    public static Ipv6Address linkLocal(long interfaceId) {
        return of(0xfe80_0000_0000_0000L, interfaceId);
    }

    /** True when the first {@code prefixLength} bits of both addresses are equal. */
    public boolean sharesPrefix(Ipv6Address other, int prefixLength) {
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length must be 0..128, got " + prefixLength);
        }
        if (prefixLength <= 64) {
            return ((high ^ other.high) & maskHigh(prefixLength)) == 0L;
        }
        return high == other.high && ((low ^ other.low) & maskLow(prefixLength)) == 0L;
    }

    /** This address with all bits after {@code prefixLength} cleared. */
    public Ipv6Address mask(int prefixLength) {
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length must be 0..128, got " + prefixLength);
        }
        long h = high & maskHigh(prefixLength);
        long l = low & maskLow(prefixLength);
        return h == high && l == low ? this : of(h, l); // immutable: no copy when nothing is cleared
    }

    static long maskHigh(int prefixLength) {
        return prefixLength >= 64 ? -1L : prefixLength == 0 ? 0L : -1L << (64 - prefixLength);
    }

    static long maskLow(int prefixLength) {
        return prefixLength <= 64 ? 0L : prefixLength == 128 ? -1L : -1L << (128 - prefixLength);
    }

    // ---------------------------------------------------------------------------------------
    // Text forms

    /**
     * Parses any RFC 4291 §2.2 text form.
     *
     * @throws IllegalArgumentException naming the input and what is wrong with it
     */
    public static Ipv6Address parse(String text) {
        Objects.requireNonNull(text, "text");
        long[] out = new long[2];
        String error = parseInto(text, out);
        if (error != null) {
            throw new IllegalArgumentException("not an IPv6 address: \"" + text + "\": " + error);
        }
        return of(out[0], out[1]);
    }

    /** Like {@link #parse} but returns null for malformed input. */
    public static Ipv6Address tryParse(String text) {
        if (text == null) {
            return null;
        }
        long[] out = new long[2];
        return parseInto(text, out) == null ? of(out[0], out[1]) : null;
    }

    /** Returns null on success (result in out), else the reason. */
    private static String parseInto(String s, long[] out) {
        int n = s.length();
        if (n == 0) {
            return "empty";
        }
        if (n > 45) {
            return "too long (" + n + " characters)";
        }
        int[] groups = new int[8];
        int count = 0;          // groups written
        int compressAt = -1;    // group index where "::" stands
        int i = 0;
        if (s.charAt(0) == ':') {
            if (n < 2 || s.charAt(1) != ':') {
                return "a leading ':' must be part of \"::\"";
            }
            compressAt = 0;
            i = 2;
            if (i == n) {
                out[0] = 0;
                out[1] = 0;
                return null;
            }
        }
        while (i < n) {
            int start = i;
            int value = 0;
            int digits = 0;
            while (i < n) {
                int d = hexDigit(s.charAt(i));
                if (d < 0) {
                    break;
                }
                value = (value << 4) | d;
                digits++;
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // embedded IPv4 in the last 32 bits (RFC 4291 §2.2 form 3)
                if (count > 6) {
                    return "an embedded IPv4 address must end the address";
                }
                String err = parseIpv4(s, start, groups, count);
                if (err != null) {
                    return err;
                }
                count += 2;
                i = n;
                break;
            }
            if (digits == 0) {
                if (i < n) {
                    return "unexpected '" + s.charAt(i) + "' at position " + i;
                }
                return "ends with a single ':'";
            }
            if (digits > 4) {
                return "group \"" + s.substring(start, i) + "\" has more than 4 hex digits";
            }
            if (count == 8) {
                return "more than 8 groups";
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            char c = s.charAt(i);
            if (c != ':') {
                return "unexpected '" + c + "' at position " + i;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (compressAt >= 0) {
                    return "\"::\" appears more than once";
                }
                compressAt = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return "ends with a single ':'";
            }
        }
        if (compressAt >= 0) {
            if (count > 7) {
                return "\"::\" must stand for at least one group, but there are already 8";
            }
            int tail = count - compressAt;
            System.arraycopy(groups, compressAt, groups, 8 - tail, tail);
            for (int k = compressAt; k < 8 - tail; k++) {
                groups[k] = 0;
            }
        } else if (count != 8) {
            return "has " + count + " groups, needs 8 (or \"::\")";
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | groups[k];
            lo = (lo << 16) | groups[k + 4];
        }
        out[0] = hi;
        out[1] = lo;
        return null;
    }

    /** ASCII hex digit value, or -1 (Character.digit would accept non-ASCII digits). */
    static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String parseIpv4(String s, int start, int[] groups, int at) {
        int[] octets = new int[4];
        int idx = 0;
        int i = start;
        int n = s.length();
        while (true) {
            int v = 0;
            int digits = 0;
            int digitStart = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                digits++;
                i++;
                if (digits > 3) {
                    return "IPv4 part \"" + s.substring(start) + "\" has an octet with more than 3 digits";
                }
            }
            if (digits == 0) {
                return "IPv4 part \"" + s.substring(start) + "\" has an empty or non-decimal octet";
            }
            if (digits > 1 && s.charAt(digitStart) == '0') {
                return "IPv4 part \"" + s.substring(start) + "\" has an octet with a leading zero";
            }
            if (v > 255) {
                return "IPv4 part \"" + s.substring(start) + "\" has an octet above 255";
            }
            octets[idx++] = v;
            if (idx == 4) {
                break;
            }
            if (i >= n || s.charAt(i) != '.') {
                return "IPv4 part \"" + s.substring(start) + "\" needs 4 octets";
            }
            i++;
        }
        if (i != n) {
            return "unexpected '" + s.charAt(i) + "' after the IPv4 part at position " + i;
        }
        groups[at] = octets[0] << 8 | octets[1];
        groups[at + 1] = octets[2] << 8 | octets[3];
        return null;
    }

    /** RFC 5952 canonical text. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(39);
        if (isIpv4Mapped()) {
            sb.append("::ffff:");
            appendIpv4(sb, (int) low);
            return sb.toString();
        }
        // find longest run (>=2) of zero groups; first on tie (RFC 5952 §4.2.3)
        int bestStart = -1;
        int bestLen = 1;
        int runStart = -1;
        for (int k = 0; k < 8; k++) {
            if (group(k) == 0) {
                if (runStart < 0) {
                    runStart = k;
                }
                int len = k - runStart + 1;
                if (len > bestLen) {
                    bestLen = len;
                    bestStart = runStart;
                }
            } else {
                runStart = -1;
            }
        }
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(group(k)));
        }
        return sb.toString();
    }

    /** All eight groups with four digits each, e.g. for fixed-width tables. */
    public String toFullString() {
        StringBuilder sb = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k > 0) {
                sb.append(':');
            }
            String h = Integer.toHexString(group(k));
            sb.append("0000", h.length(), 4).append(h);
        }
        return sb.toString();
    }

    private static void appendIpv4(StringBuilder sb, int v) {
        sb.append((v >>> 24) & 0xff).append('.').append((v >>> 16) & 0xff).append('.')
                .append((v >>> 8) & 0xff).append('.').append(v & 0xff);
    }

    @Override
    public int compareTo(Ipv6Address o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6Address a && a.high == high && a.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low);
    }

    private static final java.lang.invoke.VarHandle LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    static long readLong(byte[] b, int o) {
        return (long) LONG.get(b, o);
    }

    static void writeLong(byte[] b, int o, long v) {
        LONG.set(b, o, v);
    }
}
