package org.mip6.net;

import java.util.Objects;

/** A 48-bit IEEE 802 MAC address held in the low 48 bits of a long. Text form {@code 02:00:5e:10:00:01}. */
public final class MacAddress implements Comparable<MacAddress> {

    public static final int BYTES = 6;
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);
    public static final MacAddress ZERO = new MacAddress(0L);

    private final long value;

    private MacAddress(long value) {
        this.value = value;
    }

    /** From the low 48 bits of {@code value}; higher bits must be zero. */
    public static MacAddress of(long value) {
        if ((value >>> 48) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits, got 0x" + Long.toHexString(value));
        }
        return new MacAddress(value);
    }

    public static MacAddress read(byte[] b, int off) {
        long v = 0;
        for (int k = 0; k < BYTES; k++) {
            v = (v << 8) | (b[off + k] & 0xff);
        }
        return new MacAddress(v);
    }

    public void write(byte[] b, int off) {
        long v = value;
        for (int k = BYTES - 1; k >= 0; k--) {
            b[off + k] = (byte) v;
            v >>>= 8;
        }
    }

    public byte[] toBytes() {
        byte[] b = new byte[BYTES];
        write(b, 0);
        return b;
    }

    /** The Ethernet destination for an IPv6 multicast address: 33:33 and its last 32 bits (RFC 2464 §7). */
    public static MacAddress ofMulticast(Ipv6Address group) {
        if (!group.isMulticast()) {
            throw new IllegalArgumentException(group + " is not a multicast address");
        }
        return new MacAddress(0x3333_0000_0000L | (group.low() & 0xffff_ffffL));
    }

    /**
     * Parses six hex octets separated by ':' or '-' (one or two digits each).
     *
     * @throws IllegalArgumentException naming the input
     */
    public static MacAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: \"" + text + "\": needs 6 octets separated by ':' or '-'");
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2) {
                throw new IllegalArgumentException("not a MAC address: \"" + text + "\": octet \"" + p + "\" must have 1 or 2 hex digits");
            }
            int o = 0;
            for (int i = 0; i < p.length(); i++) {
                int d = Ipv6Address.hexDigit(p.charAt(i));
                if (d < 0) {
                    throw new IllegalArgumentException("not a MAC address: \"" + text + "\": octet \"" + p + "\" is not hex");
                }
                o = o << 4 | d;
            }
            v = v << 8 | o;
        }
        return new MacAddress(v);
    }

    public long value() {
        return value;
    }

    /** I/G bit (IEEE 802): group address. */
    public boolean isMulticast() {
        return (value & 0x0100_0000_0000L) != 0;
    }

    /** U/L bit (IEEE 802): locally administered. */
    public boolean isLocallyAdministered() {
        return (value & 0x0200_0000_0000L) != 0;
    }

    @Override
    public int compareTo(MacAddress o) {
        return Long.compare(value, o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && m.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int k = 5; k >= 0; k--) {
            int o = (int) (value >>> (8 * k)) & 0xff;
            sb.append(Character.forDigit(o >>> 4, 16)).append(Character.forDigit(o & 0xf, 16));
            if (k > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
