package org.mip6.wire.pcap;

import java.util.Objects;

/**
 * One captured frame: timestamp in nanoseconds since the epoch (or since the start of a virtual-time
 * network), the link type of its interface (the workbench writes 1, Ethernet; {@code mip6:decode} also
 * reads 101 raw IP, 229 raw IPv6, 0 BSD loopback, 108 OpenBSD loopback, 113 and 276 Linux cooked
 * captures), the captured bytes and the original length on the wire.
 */
public record PcapRecord(long timestampNanos, int linkType, byte[] data, int originalLength) {

    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_IPV6 = 229;
    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    public static final int LINKTYPE_NULL = 0;
    /** OpenBSD loopback: a 4-byte address family in network byte order. */
    public static final int LINKTYPE_LOOP = 108;
    /** Linux cooked capture v1 ({@code tcpdump -i any} before libpcap 1.10): 16 bytes, the protocol at 14. */
    public static final int LINKTYPE_LINUX_SLL = 113;
    /** Linux cooked capture v2 ({@code tcpdump -i any}): 20 bytes, the protocol first. */
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    public PcapRecord {
        Objects.requireNonNull(data, "data");
    }

    /** True when fewer bytes were captured than were on the wire (snap length). */
    public boolean truncated() {
        return data.length < originalLength;
    }
}
