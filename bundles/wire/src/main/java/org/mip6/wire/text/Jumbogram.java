package org.mip6.wire.text;

import java.util.LinkedHashMap;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Checksum;
import org.mip6.wire.DecodeException;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Codec;

/**
 * IPv6 jumbograms (RFC 2675) as analysers show them: Payload Length 0, and a Jumbo Payload option in the Hop-by-Hop
 * Options header giving the length, above 65,535. The codecs, made for links whose MTU is far below that, do not
 * decode one; this shows its upper layer (ICMPv6, UDP, TCP), its checksum verified with the Jumbo Payload Length in
 * the pseudo-header (RFC 2675 §4: UDP's own Length field is 0 then). One that breaks RFC 2675 §3 (a length below
 * 65,536, a Fragment header) or that the frame does not hold whole stays a {@code JUMBOGRAM} error.
 */
final class Jumbogram {

    private Jumbogram() {
    }

    /**
     * Shows the jumbogram at {@code ip} (Jumbo Payload Length {@code jumbo}) in {@code m}, its {@code error} (the cut
     * its decode reported) replaced: {@code jumbo} and its upper layer's keys ({@code icmpv6}, {@code udp}, {@code tcp};
     * else {@code nextHeader}), or a BAD_CHECKSUM {@code error}. The checksum is verified only without a Routing header
     * or Destination Options (whose Home Address option or final destination would change the pseudo-header).
     *
     * @return null when shown; else why not (RFC 2675 §3's defects, or fewer octets captured than it has), and
     *         {@code m} is left as it was
     */
    static String show(byte[] d, int ip, long jumbo, Map<String, Object> m) {
        if (jumbo <= 0xffff) {
            return "an IPv6 jumbogram whose Jumbo Payload Length " + jumbo + " is below 65,536 (RFC 2675 §3)";
        }
        long have = d.length - ip - PacketCodec.IPV6_HEADER_LENGTH;
        if (jumbo > have) {
            return "an IPv6 jumbogram (RFC 2675) whose Jumbo Payload Length " + jumbo + " exceeds the " + have
                    + " octets after its header";
        }
        int at = ip + PacketCodec.IPV6_HEADER_LENGTH;
        int end = (int) (at + jumbo);
        boolean plain = true;
        int nh = Wire.u8(d, ip + 6);
        while (FrameDescriber.isExtensionHeader(nh)) {
            if (nh == Wire.FRAGMENT) {
                return "an IPv6 jumbogram with a Fragment header (RFC 2675 §3)";
            }
            if (at + 2 > end) {
                return "an IPv6 jumbogram whose extension headers pass its end";
            }
            plain &= nh == Wire.HOP_BY_HOP || nh == AuthenticationHeader.AH;
            int len = FrameDescriber.extensionHeaderLength(d, nh, at);
            nh = Wire.u8(d, at);
            at += len;
        }
        if (at > end) {
            return "an IPv6 jumbogram whose extension headers pass its end";
        }
        m.remove("error"); // the decode's: a Payload Length of 0 taken as a short packet
        m.remove("nextHeader"); // the fixed header's (a Hop-by-Hop Options header): what follows is shown now
        m.put("jumbo", jumbo);
        int len = end - at;
        int field;
        if (nh == Wire.ICMPV6 && len >= 4) {
            field = at + Icmpv6Codec.CHECKSUM_OFFSET;
            try {
                m.put("icmpv6", FrameDescriber.icmp(Icmpv6Codec.decode(d, at, len)));
            } catch (DecodeException e) {
                Map<String, Object> ic = new LinkedHashMap<>();
                ic.put("type", Wire.u8(d, at));
                ic.put("code", Wire.u8(d, at + 1));
                ic.put("name", Icmpv6Codec.typeName(Wire.u8(d, at)));
                m.put("icmpv6", ic);
                m.put("error", FrameDescriber.error(e.reason().name(), e.offset(), e.detail()));
                return null;
            }
        } else if (nh == Wire.UDP && len >= 8) {
            field = at + 6;
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("srcPort", Wire.u16(d, at));
            u.put("dstPort", Wire.u16(d, at + 2));
            u.put("length", len - 8);
            m.put("udp", u);
        } else if (nh == Wire.TCP && len >= 20 && (d[at + 12] & 0xf0) >>> 2 >= 20 && (d[at + 12] & 0xf0) >>> 2 <= len) {
            field = at + 16;
            m.put("tcp", UpperLayer.tcpHeader(d, at, len - ((d[at + 12] & 0xf0) >>> 2)));
        } else {
            m.put("nextHeader", nh);
            return null;
        }
        if (plain && !Checksum.verify(d, ip + 8, ip + 24, nh, d, at, len)) {
            Ipv6Address src = Ipv6Address.read(d, ip + 8);
            Ipv6Address dst = Ipv6Address.read(d, ip + 24);
            int received = Wire.u16(d, field);
            Map<String, Object> err = FrameDescriber.error("BAD_CHECKSUM", field, "checksum 0x" + Integer.toHexString(received)
                    + " does not verify (pseudo-header " + src + " -> " + dst + ", upper-layer length " + len + ")");
            byte[] upper = java.util.Arrays.copyOfRange(d, at, end);
            upper[field - at] = 0;
            upper[field - at + 1] = 0;
            UpperLayer.found(err, received, Checksum.compute(src, dst, nh, upper, 0, len), src, dst, len, nh);
            m.put("error", err); // a capture on the sending host (BIG TCP is sent so) has "offload", as any packet
        }
        return null;
    }
}
