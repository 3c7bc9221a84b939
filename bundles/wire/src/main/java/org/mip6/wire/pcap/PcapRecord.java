package org.mip6.wire.pcap;

import java.util.Objects;

/**
 * One captured frame: timestamp in nanoseconds since the epoch (or since the start of a virtual-time
 * network), the link type of its interface (1 Ethernet, 101 raw IP, 229 raw IPv6), the captured bytes
 * and the original length on the wire.
 */
public record PcapRecord(long timestampNanos, int linkType, byte[] data, int originalLength) {

    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_IPV6 = 229;

    public PcapRecord {
        Objects.requireNonNull(data, "data");
    }

    /** True when fewer bytes were captured than were on the wire (snap length). */
    public boolean truncated() {
        return data.length < originalLength;
    }
}
