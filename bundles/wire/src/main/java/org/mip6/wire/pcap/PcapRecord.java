package org.mip6.wire.pcap;

import java.util.Objects;

/**
 * One captured frame: timestamp in nanoseconds since the epoch (or since the start of a virtual-time
 * network), the link type of its interface (the workbench writes 1, Ethernet; {@code mip6:decode} also
 * reads 101 raw IP, 229 raw IPv6, 0 BSD loopback, 108 OpenBSD loopback, 113 and 276 Linux cooked
 * captures, 105 IEEE 802.11 and 127 802.11 behind radiotap), the captured bytes and the original length on the wire.
 */
public record PcapRecord(long timestampNanos, int linkType, byte[] data, int originalLength) {

    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_IPV6 = 229;
    /** Raw IPv4 (tcpdump.org link-layer header types): no IPv6 in it. */
    public static final int LINKTYPE_IPV4 = 228;
    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    public static final int LINKTYPE_NULL = 0;
    /** OpenBSD loopback: a 4-byte address family in network byte order. */
    public static final int LINKTYPE_LOOP = 108;
    /** Linux cooked capture v1 ({@code tcpdump -i any} before libpcap 1.10): 16 bytes, the protocol at 14. */
    public static final int LINKTYPE_LINUX_SLL = 113;
    /** Linux cooked capture v2 ({@code tcpdump -i any}): 20 bytes, the protocol first. */
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    /** IEEE 802.11 frames without a radio header. */
    public static final int LINKTYPE_IEEE802_11 = 105;
    /** IEEE 802.11 frames behind a radiotap header (a Wi-Fi capture in monitor mode). */
    public static final int LINKTYPE_IEEE802_11_RADIOTAP = 127;

    public PcapRecord {
        Objects.requireNonNull(data, "data");
    }

    /**
     * Where the record's IPv6 packet starts: after the Ethernet header and its VLAN tags, if any (EtherType
     * 0x86DD, {@link #etherTypeOffset}), the loopback
     * header (an IPv6 address family: 24, 28, 30 or 10, in either byte order for link type 0) or the Linux
     * cooked header (protocol 0x86DD), an 802.11 data frame's LLC/SNAP header (EtherType 0x86DD,
     * {@link #llcOffset}); at 0 in a raw record of IP version 6. -1 when the record carries
     * something else or is shorter than its link-layer header.
     */
    public int ipv6Offset() {
        byte[] d = data;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                int t = etherTypeOffset();
                return d.length >= t + 2 && u16(d, t) == 0x86dd ? t + 2 : -1;
            }
            case LINKTYPE_RAW -> {
                return d.length >= 1 && (d[0] & 0xf0) == 0x60 ? 0 : -1;
            }
            case LINKTYPE_IPV6 -> {
                return 0;
            }
            case LINKTYPE_NULL, LINKTYPE_LOOP -> {
                int f = addressFamily();
                return f == 24 || f == 28 || f == 30 || f == 10 ? 4 : -1;
            }
            case LINKTYPE_LINUX_SLL -> {
                return d.length >= 16 && u16(d, 14) == 0x86dd ? 16 : -1;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                return d.length >= 20 && u16(d, 0) == 0x86dd ? 20 : -1;
            }
            case LINKTYPE_IEEE802_11, LINKTYPE_IEEE802_11_RADIOTAP -> {
                int llc = llcOffset();
                return llc >= 0 && d.length >= llc + 8 && u16(d, llc) == 0xaaaa && d[llc + 2] == 3 && d[llc + 3] == 0
                        && d[llc + 4] == 0 && d[llc + 5] == 0 && u16(d, llc + 6) == 0x86dd ? llc + 8 : -1;
            }
            default -> {
                return -1;
            }
        }
    }

    /**
     * Where an 802.11 record's LLC header starts (the radiotap header, its length little-endian at 2, skipped
     * first): after the MAC header of a data frame that is not protected — 24 octets, a fourth address when it
     * goes from one distribution system to another (To DS and From DS), QoS Control (2) for a QoS subtype, and HT
     * Control (4) when the Order bit is set on one (IEEE 802.11-2020 §9.2.4). -1 for another link type, a
     * management, control, null or protected frame, or one shorter than its headers.
     */
    public int llcOffset() {
        byte[] d = data;
        int at;
        if (linkType == LINKTYPE_IEEE802_11_RADIOTAP) {
            if (d.length < 4 || d[0] != 0) {
                return -1;
            }
            at = (d[2] & 0xff) | (d[3] & 0xff) << 8;
        } else if (linkType == LINKTYPE_IEEE802_11) {
            at = 0;
        } else {
            return -1;
        }
        if (d.length < at + 24) {
            return -1;
        }
        int fc0 = d[at] & 0xff;
        int fc1 = d[at + 1] & 0xff;
        int type = fc0 >>> 2 & 3;
        int subtype = fc0 >>> 4;
        if ((fc0 & 3) != 0 || type != 2 || (subtype & 4) != 0 || (fc1 & 0x40) != 0) {
            return -1; // not a version-0 data frame with data, or protected
        }
        int header = 24 + ((fc1 & 3) == 3 ? 6 : 0);
        if ((subtype & 8) != 0) {
            header += 2 + ((fc1 & 0x80) != 0 ? 4 : 0);
        }
        return d.length >= at + header ? at + header : -1;
    }

    /** Most VLAN tags an Ethernet record's EtherType is looked for behind (802.1ad's two and more). */
    public static final int MAX_VLAN_TAGS = 4;

    /**
     * Whether an EtherType names a VLAN tag: IEEE 802.1Q's customer tag (0x8100), 802.1ad's service tag
     * (0x88a8) and the QinQ service tag used before it (0x9100), as tshark decodes them.
     */
    public static boolean isVlanTag(int etherType) {
        return etherType == 0x8100 || etherType == 0x88a8 || etherType == 0x9100;
    }

    /**
     * Where an Ethernet record's EtherType is: 12, or past its VLAN tags (four octets each: the tag's
     * EtherType, then priority, DEI and VLAN identifier), at most {@link #MAX_VLAN_TAGS}; a tag cut short
     * by the record's end is not skipped. -1 for another link type.
     */
    public int etherTypeOffset() {
        if (linkType != LINKTYPE_ETHERNET) {
            return -1;
        }
        byte[] d = data;
        int at = 12;
        for (int k = 0; k < MAX_VLAN_TAGS && d.length >= at + 6 && isVlanTag(u16(d, at)); k++) {
            at += 4;
        }
        return at;
    }

    /**
     * A loopback record's address family: in network byte order for link type 108, in the capturing
     * host's for link type 0 (either order is taken, as tshark does); -1 for a shorter record.
     */
    public int addressFamily() {
        if (data.length < 4) {
            return -1;
        }
        int be = (data[0] & 0xff) << 24 | (data[1] & 0xff) << 16 | u16(data, 2);
        return linkType == LINKTYPE_LOOP || (be & 0xffff0000) == 0 ? be : Integer.reverseBytes(be);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    /** True when fewer bytes were captured than were on the wire (snap length). */
    public boolean truncated() {
        return data.length < originalLength;
    }
}
