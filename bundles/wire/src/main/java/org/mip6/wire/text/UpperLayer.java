package org.mip6.wire.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Checksum;
import org.mip6.wire.DecodeException;
import org.mip6.wire.PacketView;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Codec;
import org.mip6.wire.mh.MobilityHeaderCodec;

/**
 * What the analyser shows and checks of an upper layer (RFC 8200 §8) beyond the codecs: TCP, which they keep
 * opaque; checksums against a final destination they do not route to; the checksum a sender should have
 * written, beside the one found.
 */
final class UpperLayer {

    private UpperLayer() {
    }

    /** {@link #tcp} for the packet an IPv6-in-IPv6 tunnel carries ({@code ip}: the outer header's offset). */
    static void tunnelledTcp(int ip, byte[] d, Map<String, Object> m) throws DecodeException {
        PacketView outer = new PacketView().verifyingChecksums(false).verifyingAlignment(false).wrapIpv6(d, ip, d.length - ip);
        PacketView inner = new PacketView().verifyingChecksums(false).verifyingAlignment(false)
                .wrapIpv6(d, outer.payloadOffset(), outer.payloadLength());
        tcp(inner, d, m);
    }

    /** TCP's control bits in header order (RFC 9293 §3.1; AE, RFC 3540's NS, the bit before CWR). */
    static final String[] TCP_FLAGS = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};

    /**
     * A TCP segment the codecs keep opaque, shown as analysers show it (ports, sequence and acknowledgment numbers,
     * control bits, window, data length), its checksum verified with RFC 6275 §6.3's pseudo-header (the Home
     * Address option's address as source; the final destination, RFC 8200 §8.1). Not for a fragment, nor a header
     * whose Data Offset does not fit the segment: those stay "next header 6".
     */
    static void tcp(PacketView v, byte[] d, Map<String, Object> m) {
        if (v.isFragment() || v.nextHeader() != Wire.TCP || v.payloadLength() < 20) {
            return;
        }
        int at = v.payloadOffset();
        int header = (d[at + 12] & 0xf0) >>> 2;
        if (header < 20 || header > v.payloadLength()) {
            return;
        }
        m.remove("nextHeader");
        m.put("tcp", tcpHeader(d, at, v.payloadLength() - header));
        if (m.containsKey("error")) {
            return; // checked against a Routing header's final destination already (finalDestinationChecksum)
        }
        int field = at + 16;
        int received = Wire.u16(d, field);
        int destination = v.unrecognizedRoutingHeaderOffset() >= 0 ? -1 : v.finalDestinationOffset();
        if (destination < 0) {
            return; // a Routing header whose final destination the analyser does not know
        }
        int expected = expectedChecksum(d, v, field, destination);
        if (expected != received) {
            m.put("error", badChecksum(d, v, field, destination, expected, "TCP checksum 0x" + Integer.toHexString(received)
                    + " does not verify (pseudo-header " + Ipv6Address.read(d, v.effectiveSourceOffset()) + " -> "
                    + Ipv6Address.read(d, destination) + ")"));
        }
    }

    /** A TCP header's fields at {@code at} as {@link #tcp} shows them, {@code length} the octets of data after it. */
    static Map<String, Object> tcpHeader(byte[] d, int at, int length) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("srcPort", Wire.u16(d, at));
        t.put("dstPort", Wire.u16(d, at + 2));
        t.put("seq", Wire.u32(d, at + 4));
        t.put("ack", Wire.u32(d, at + 8));
        int bits = (d[at + 12] & 1) << 8 | d[at + 13] & 0xff;
        List<String> flags = new ArrayList<>();
        for (int k = 0; k < TCP_FLAGS.length; k++) {
            if ((bits & 1 << k) != 0) {
                flags.add(TCP_FLAGS[k]);
            }
        }
        t.put("flags", String.join(",", flags));
        t.put("window", Wire.u16(d, at + 14));
        t.put("length", length);
        return t;
    }

    /**
     * The upper-layer checksum of a packet on its way through a Routing header whose last address the
     * analyser knows — Type 0's last address (RFC 5095 deprecates it, RFC 2460 §4.4 defines it), a Segment
     * Routing Header's Segment List[0] (RFC 8754 §2) — verified against that final destination, as its
     * sender computed it (RFC 8200 §8.1); a mismatch is reported as BAD_CHECKSUM with the value expected.
     * {@code v}: the analyser's view of the packet, walked to its end.
     */
    static void finalDestinationChecksum(PacketView v, byte[] d, Map<String, Object> m) {
        int rh = v.unrecognizedRoutingHeaderOffset();
        if (rh < 0) {
            return;
        }
        int type = Wire.u8(d, rh + 2);
        int addresses = Wire.u8(d, rh + 1) / 2;
        int last = type == 0 && addresses > 0 ? rh + 8 + 16 * (addresses - 1) : type == 4 ? rh + 8 : -1;
        int nh = v.nextHeader();
        int field = nh == Wire.MOBILITY ? MobilityHeaderCodec.CHECKSUM_OFFSET : nh == Wire.ICMPV6 ? Icmpv6Codec.CHECKSUM_OFFSET
                : nh == Wire.UDP ? 6 : nh == Wire.TCP && !v.isFragment() ? 16 : -1;
        int from = v.payloadOffset();
        if (last < 0 || field < 0 || last + 16 > rh + (Wire.u8(d, rh + 1) + 1) * 8 || v.payloadLength() < field + 2) {
            return;
        }
        int at = from + field;
        int received = Wire.u16(d, at);
        int expected = expectedChecksum(d, v, at, last);
        if (expected != received && !(nh == Wire.UDP && received == 0xffff && expected == 0)) {
            m.put("error", badChecksum(d, v, at, last, expected, "checksum does not verify against the final destination "
                    + Ipv6Address.read(d, last) + " (Routing Type " + type + ", RFC 8200 §8.1)"));
        }
    }

    /**
     * The checksum of {@code v}'s upper layer as its sender computes it (RFC 8200 §8.1, RFC 6275 §6.3): the
     * field at {@code at} taken as zero, the Home Address option's address as source if any, and the address
     * at {@code destinationAt} as destination.
     */
    static int expectedChecksum(byte[] d, PacketView v, int at, int destinationAt) {
        int from = v.payloadOffset();
        int len = v.payloadLength();
        byte[] upper = Arrays.copyOfRange(d, from, from + len);
        upper[at - from] = 0;
        upper[at - from + 1] = 0;
        return Checksum.compute(Ipv6Address.read(d, v.effectiveSourceOffset()), Ipv6Address.read(d, destinationAt),
                v.nextHeader(), upper, 0, len);
    }

    /** A BAD_CHECKSUM error found by the analyser itself, with the checksum found and the one expected. */
    static Map<String, Object> badChecksum(byte[] d, PacketView v, int at, int destinationAt, int expected,
                                                   String detail) {
        Map<String, Object> err = FrameDescriber.error("BAD_CHECKSUM", at, detail);
        found(err, d, v, at, destinationAt, expected);
        return err;
    }

    /**
     * The checksum at {@code at} beside the one expected, and {@code offload} when what was found is the
     * pseudo-header's sum alone, folded and not complemented: what a sender that leaves its checksum to the
     * NIC (Linux's CHECKSUM_PARTIAL, on loopback, veth and GSO) has written when a capture on that host
     * takes the packet. Analysers say the same ("maybe caused by checksum offload").
     */
    static void found(Map<String, Object> err, byte[] d, PacketView v, int at, int destinationAt, int expected) {
        found(err, Wire.u16(d, at), expected, Ipv6Address.read(d, v.effectiveSourceOffset()), Ipv6Address.read(d, destinationAt),
                v.payloadLength(), v.nextHeader());
    }

    /** {@link #found(Map, byte[], PacketView, int, int, int)} with the pseudo-header's fields given. */
    static void found(Map<String, Object> err, int received, int expected, Ipv6Address source, Ipv6Address destination,
                      int upperLayerLength, int nextHeader) {
        err.put("received", String.format("0x%04x", received));
        err.put("expected", String.format("0x%04x", expected));
        if (received == Checksum.leftToNic(source, destination, upperLayerLength, nextHeader)) {
            err.put("offload", true);
        }
    }
}
