package org.mip6.wire;

import static org.mip6.wire.Wire.checkRange;

import java.util.Objects;

import org.mip6.net.MacAddress;

/**
 * An Ethernet II frame (without FCS). {@code packet} is the decoded IPv6 packet when the EtherType
 * is 0x86DD, else null and {@code other} holds the payload bytes.
 */
public record EthernetFrame(MacAddress destination, MacAddress source, int etherType, Ipv6Packet packet, Bytes other) {

    public EthernetFrame {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(source, "source");
        checkRange("EtherType", etherType, 0, 0xffff);
        if ((etherType == Wire.ETHERTYPE_IPV6) != (packet != null)) {
            throw new IllegalArgumentException("an IPv6 packet goes with EtherType 0x86dd and only with it");
        }
        if (packet == null) {
            Objects.requireNonNull(other, "other");
        } else if (other != null) {
            throw new IllegalArgumentException("an IPv6 frame has no other payload");
        }
    }

    public static EthernetFrame ipv6(MacAddress destination, MacAddress source, Ipv6Packet packet) {
        return new EthernetFrame(destination, source, Wire.ETHERTYPE_IPV6, packet, null);
    }
}
