package org.mip6.net;

import java.util.Objects;

/**
 * An IPv6 prefix: an address with all bits after {@code length} cleared, and the length (0..128).
 * Text form {@code address/length} (RFC 4291 §2.3).
 */
public final class Ipv6Prefix implements Comparable<Ipv6Prefix> {

    private final Ipv6Address address;
    private final int length;

    private Ipv6Prefix(Ipv6Address address, int length) {
        this.address = address;
        this.length = length;
    }

    /**
     * The prefix of {@code length} bits of {@code address}; bits after the prefix are cleared.
     *
     * @throws IllegalArgumentException when length is outside 0..128
     */
    public static Ipv6Prefix of(Ipv6Address address, int length) {
        Objects.requireNonNull(address, "address");
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length must be 0..128, got " + length);
        }
        return new Ipv6Prefix(address.mask(length), length);
    }

    /**
     * Parses {@code address/length}. Bits set after the prefix length are rejected, because RFC 4291
     * §2.3 calls such a text form not legal; use {@link #of} to mask an address on purpose.
     *
     * @throws IllegalArgumentException naming the input and what is wrong with it
     */
    public static Ipv6Prefix parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv6 prefix: \"" + text + "\": missing \"/length\"");
        }
        Ipv6Address a = Ipv6Address.tryParse(text.substring(0, slash));
        if (a == null) {
            try {
                Ipv6Address.parse(text.substring(0, slash));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not an IPv6 prefix: \"" + text + "\": " + e.getMessage(), e);
            }
        }
        String lenText = text.substring(slash + 1);
        int len;
        if (lenText.isEmpty() || lenText.length() > 3 || !lenText.chars().allMatch(c -> c >= '0' && c <= '9')
                || lenText.length() > 1 && lenText.charAt(0) == '0') {
            throw new IllegalArgumentException("not an IPv6 prefix: \"" + text + "\": length \"" + lenText
                    + "\" is not a decimal number 0..128");
        }
        len = Integer.parseInt(lenText);
        if (len > 128) {
            throw new IllegalArgumentException("not an IPv6 prefix: \"" + text + "\": length " + len + " > 128");
        }
        if (!a.mask(len).equals(a)) {
            throw new IllegalArgumentException("not an IPv6 prefix: \"" + text + "\": bits are set after the first "
                    + len + " (did you mean " + a.mask(len) + "/" + len + "?)");
        }
        return new Ipv6Prefix(a, len);
    }

    public Ipv6Address address() {
        return address;
    }

    public int length() {
        return length;
    }

    public boolean contains(Ipv6Address a) {
        return address.sharesPrefix(a, length);
    }

    /** True when every address of {@code other} is in this prefix. */
    public boolean contains(Ipv6Prefix other) {
        return other.length >= length && contains(other.address);
    }

    /** The address of this prefix with the given interface identifier; the prefix must be a /64 or shorter. */
    public Ipv6Address withInterfaceId(long interfaceId) {
        if (length > 64) {
            throw new IllegalStateException("an interface identifier of 64 bits needs a prefix of at most /64, this is /" + length);
        }
        return address.withInterfaceId(interfaceId);
    }

    /**
     * The Mobile IPv6 Home-Agents anycast address of this prefix (RFC 2526 §2, RFC 6275 §10.5 and
     * §11.4.1): for a /64 with EUI-64 format interface identifiers the interface identifier is
     * {@code fdff:ffff:ffff:fffe} (reserved anycast id 0x7e with the universal/local bit cleared).
     * For other lengths, the bits after the prefix are all ones except the last 7 which hold 0x7e.
     */
    public Ipv6Address homeAgentsAnycast() {
        if (length == 64) {
            return address.withInterfaceId(0xfdff_ffff_ffff_fffeL);
        }
        if (length > 121) {
            throw new IllegalStateException("a subnet anycast address needs at least 7 host bits, this is /" + length);
        }
        long hi = address.high() | ~Ipv6Address.maskHigh(length);
        long lo = (address.low() | ~Ipv6Address.maskLow(length)) & ~0x7fL | 0x7eL;
        return Ipv6Address.of(hi, lo);
    }

    @Override
    public int compareTo(Ipv6Prefix o) {
        int c = address.compareTo(o.address);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6Prefix p && p.length == length && p.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 131 + length;
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
