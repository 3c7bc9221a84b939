package org.mip6.wire.text;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Checksum;
import org.mip6.wire.DecodeException;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.PacketView;
import org.mip6.wire.Payload;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Codec;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.NdOption;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityHeaderCodec;
import org.mip6.wire.mh.MobilityMessageCodec;
import org.mip6.wire.mh.MobilityOptionCodec;
import org.mip6.wire.mh.MobilityOption;
import org.mip6.wire.pcap.PcapRecord;

/**
 * Describes captured frames for people and scripts: {@link #describe} gives a JSON-ready map with
 * the keys of {@code mip6:decode --json} (docs/commands.md), {@link #line} a terse tshark-like line.
 */
public final class FrameDescriber {

    private static final HexFormat HEX = HexFormat.of();

    private FrameDescriber() {
    }

    /**
     * The Mobility Header types and mobility options that deployed bundles decode beyond this bundle's own
     * (the {@link MobilityMessageCodec} and {@link MobilityOptionCodec} services registered now).
     */
    public interface Extensions {
        /** The codec of an MH type this bundle does not know, or null. */
        MobilityMessageCodec<?> mobilityMessage(int mhType);

        /** The codec of a mobility option type this bundle does not know, or null. */
        MobilityOptionCodec<?> mobilityOption(int optionType);
    }

    /** Nothing beyond this bundle's own. */
    public static final Extensions NO_EXTENSIONS = new Extensions() {
        @Override
        public MobilityMessageCodec<?> mobilityMessage(int mhType) {
            return null;
        }

        @Override
        public MobilityOptionCodec<?> mobilityOption(int optionType) {
            return null;
        }
    };

    /** Decodes one captured record and describes it; decode errors become an {@code error} object. */
    public static Map<String, Object> describe(int frameNumber, PcapRecord r) {
        return describe(frameNumber, r, NO_EXTENSIONS);
    }

    /**
     * Like {@link #describe(int, PcapRecord)}, with the fields of the Mobility Header types that
     * and mobility options {@code extensions} has a codec for.
     */
    public static Map<String, Object> describe(int frameNumber, PcapRecord r, Extensions extensions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frame", frameNumber);
        m.put("time", String.format("%d.%09d", r.timestampNanos() / 1_000_000_000L, r.timestampNanos() % 1_000_000_000L));
        m.put("length", r.originalLength());
        byte[] d = r.data();
        try {
            Ipv6Packet p;
            switch (r.linkType()) {
                case PcapRecord.LINKTYPE_ETHERNET -> {
                    int t = r.etherTypeOffset(); // past the 802.1Q / 802.1ad tags, if any
                    Wire.need(0, t + 2, d.length, "Ethernet header");
                    if (t > 12) {
                        m.put("vlan", vlanTags(d, t));
                    }
                    int ip = r.ipv6Offset();
                    if (ip < 0) {
                        m.put("etherType", String.format("0x%04x", Wire.u16(d, t)));
                        return m;
                    }
                    p = PacketCodec.decodeIpv6(d, ip, d.length - ip);
                }
                case PcapRecord.LINKTYPE_RAW, PcapRecord.LINKTYPE_IPV6 -> p = PacketCodec.decodeIpv6(d, 0, d.length);
                case PcapRecord.LINKTYPE_NULL, PcapRecord.LINKTYPE_LOOP, PcapRecord.LINKTYPE_LINUX_SLL,
                        PcapRecord.LINKTYPE_LINUX_SLL2, PcapRecord.LINKTYPE_IEEE802_11,
                        PcapRecord.LINKTYPE_IEEE802_11_RADIOTAP -> {
                    int ip = ipv6Start(r, m);
                    if (ip < 0) {
                        return m; // another protocol: named in m
                    }
                    p = PacketCodec.decodeIpv6(d, ip, d.length - ip);
                }
                default -> {
                    m.put("error", error("UNSUPPORTED_LINK_TYPE", 0, "link type " + r.linkType()
                            + " (supported: 1 Ethernet, 101 raw IP, 229 IPv6, 0 and 108 loopback, 113 and 276 Linux cooked,"
                            + " 105 802.11, 127 802.11 radiotap)"));
                    return m;
                }
            }
            if (p.payload() instanceof Payload.Opaque && r.ipv6Offset() >= 0) {
                walkedOn(p, r.ipv6Offset(), d, m, extensions);
            } else {
                packet(p, m, extensions);
                if (p.payload() instanceof Payload.Tunnel t && t.inner().payload() instanceof Payload.Opaque o
                        && o.protocol() == Wire.TCP && r.ipv6Offset() >= 0) {
                    tunnelledTcp(r.ipv6Offset(), d, m); // a mobile node's reverse-tunnelled TCP, say
                }
            }
        } catch (DecodeException e) {
            Map<String, Object> err = error(e.reason().name(), e.offset(), e.detail());
            m.put("error", err);
            // as an analyser does: show what precedes the defect
            if (e.reason() == DecodeReason.BAD_CHECKSUM) {
                checksumDefect(r, d, e.offset(), m, err, extensions);
            } else if (e.reason() == DecodeReason.BAD_OPTION_ALIGNMENT) {
                misaligned(r, d, m, extensions);
            } else if (e.reason() == DecodeReason.TRUNCATED) {
                truncated(r, d, m, err);
            }
        }
        return m;
    }

    /** The VLAN tags of an Ethernet record, outermost first (IEEE 802.1Q: priority, DEI, identifier). */
    private static List<Map<String, Object>> vlanTags(byte[] d, int etherTypeOffset) {
        List<Map<String, Object>> tags = new ArrayList<>();
        for (int at = 12; at < etherTypeOffset; at += 4) {
            int tci = Wire.u16(d, at + 2);
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("tpid", String.format("0x%04x", Wire.u16(d, at)));
            tag.put("priority", tci >>> 13);
            tag.put("dei", tci >>> 12 & 1);
            tag.put("id", tci & 0xfff);
            tags.add(tag);
        }
        return tags;
    }

    /**
     * Where the IPv6 packet starts in a record of a loopback or Linux cooked capture; -1 with the
     * protocol named in {@code m} ({@code etherType}, or {@code addressFamily} for loopback) when it
     * carries another.
     *
     * @throws DecodeException TRUNCATED when the record is shorter than its link-layer header
     */
    static int ipv6Start(PcapRecord r, Map<String, Object> m) throws DecodeException {
        int ip = r.ipv6Offset();
        if (ip >= 0) {
            return ip;
        }
        byte[] d = r.data();
        switch (r.linkType()) {
            case PcapRecord.LINKTYPE_NULL, PcapRecord.LINKTYPE_LOOP -> {
                Wire.need(0, 4, d.length, "loopback header");
                m.put("addressFamily", r.addressFamily());
            }
            case PcapRecord.LINKTYPE_IEEE802_11, PcapRecord.LINKTYPE_IEEE802_11_RADIOTAP -> {
                int llc = r.llcOffset();
                if (llc < 0) {
                    m.put("wlan", "not an unprotected data frame"); // management, control, null or encrypted
                } else {
                    Wire.need(llc, 8, d.length, "802.2 LLC/SNAP header");
                    if (Wire.u16(d, llc) == 0xaaaa && d[llc + 2] == 3) {
                        m.put("etherType", String.format("0x%04x", Wire.u16(d, llc + 6)));
                    } else {
                        m.put("wlan", "802.2 LLC without SNAP");
                    }
                }
            }
            case PcapRecord.LINKTYPE_LINUX_SLL, PcapRecord.LINKTYPE_LINUX_SLL2 -> {
                boolean v2 = r.linkType() == PcapRecord.LINKTYPE_LINUX_SLL2;
                Wire.need(0, v2 ? 20 : 16, d.length, v2 ? "Linux cooked v2 header" : "Linux cooked header");
                m.put("etherType", String.format("0x%04x", Wire.u16(d, v2 ? 0 : 14)));
            }
            default -> {
            }
        }
        return -1;
    }

    /**
     * A packet whose destination stops before its upper layer (an option that says discard, RFC 8200 §4.2; a
     * Routing header it refuses, §4.4: the receiver's decode keeps the rest opaque) shown as analysers show it,
     * walked to the end ({@code ip}: where the IPv6 header starts in {@code d}); then its checksum checked
     * against the final destination where the analyser knows it ({@link #finalDestinationChecksum}).
     */
    private static void walkedOn(Ipv6Packet p, int ip, byte[] d, Map<String, Object> m, Extensions extensions) {
        PacketView v;
        Ipv6Packet shown;
        try {
            v = new PacketView().verifyingChecksums(false).verifyingAlignment(false).wrapIpv6(d, ip, d.length - ip);
            shown = v.toPacket();
        } catch (DecodeException | RuntimeException e) {
            packet(p, m, extensions); // as the receiver's decode has it
            return;
        }
        packet(shown, m, extensions);
        finalDestinationChecksum(v, d, m);
        tcp(v, d, m);
    }

    /** {@link #tcp} for the packet an IPv6-in-IPv6 tunnel carries ({@code ip}: the outer header's offset). */
    private static void tunnelledTcp(int ip, byte[] d, Map<String, Object> m) throws DecodeException {
        PacketView outer = new PacketView().verifyingChecksums(false).verifyingAlignment(false).wrapIpv6(d, ip, d.length - ip);
        PacketView inner = new PacketView().verifyingChecksums(false).verifyingAlignment(false)
                .wrapIpv6(d, outer.payloadOffset(), outer.payloadLength());
        tcp(inner, d, m);
    }

    /** TCP's control bits in header order (RFC 9293 §3.1; AE, RFC 3540's NS, the bit before CWR). */
    private static final String[] TCP_FLAGS = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};

    /**
     * A TCP segment the codecs keep opaque, shown as analysers show it (ports, sequence and acknowledgment numbers,
     * control bits, window, data length), its checksum verified with RFC 6275 §6.3's pseudo-header (the Home
     * Address option's address as source; the final destination, RFC 8200 §8.1). Not for a fragment, nor a header
     * whose Data Offset does not fit the segment: those stay "next header 6".
     */
    private static void tcp(PacketView v, byte[] d, Map<String, Object> m) {
        if (v.isFragment() || v.nextHeader() != Wire.TCP || v.payloadLength() < 20) {
            return;
        }
        int at = v.payloadOffset();
        int header = (d[at + 12] & 0xf0) >>> 2;
        if (header < 20 || header > v.payloadLength()) {
            return;
        }
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
        t.put("length", v.payloadLength() - header);
        m.remove("nextHeader");
        m.put("tcp", t);
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

    /**
     * The upper-layer checksum of a packet on its way through a Routing header whose last address the
     * analyser knows — Type 0's last address (RFC 5095 deprecates it, RFC 2460 §4.4 defines it), a Segment
     * Routing Header's Segment List[0] (RFC 8754 §2) — verified against that final destination, as its
     * sender computed it (RFC 8200 §8.1); a mismatch is reported as BAD_CHECKSUM with the value expected.
     * {@code v}: the analyser's view of the packet, walked to its end.
     */
    private static void finalDestinationChecksum(PacketView v, byte[] d, Map<String, Object> m) {
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
    private static int expectedChecksum(byte[] d, PacketView v, int at, int destinationAt) {
        int from = v.payloadOffset();
        int len = v.payloadLength();
        byte[] upper = java.util.Arrays.copyOfRange(d, from, from + len);
        upper[at - from] = 0;
        upper[at - from + 1] = 0;
        return Checksum.compute(Ipv6Address.read(d, v.effectiveSourceOffset()), Ipv6Address.read(d, destinationAt),
                v.nextHeader(), upper, 0, len);
    }

    /** The frame decoded as tcpdump and Wireshark show it, with options off their alignment. */
    private static void misaligned(PcapRecord r, byte[] d, Map<String, Object> m, Extensions extensions) {
        int ip = r.ipv6Offset();
        if (ip < 0) {
            return;
        }
        try {
            packet(PacketCodec.decodeIpv6Leniently(d, ip, d.length - ip), m, extensions);
        } catch (DecodeException | RuntimeException second) {
            // a second defect: the first is what the frame shows
        }
    }

    /**
     * The frame decoded without checksums (and with options off their alignment, as analysers show
     * them), and the checksum found beside the one expected.
     */
    private static void checksumDefect(PcapRecord r, byte[] d, int at, Map<String, Object> m, Map<String, Object> err,
                                       Extensions extensions) {
        int ip = r.ipv6Offset();
        if (ip < 0) {
            return;
        }
        try {
            Ipv6Packet p = PacketCodec.decodeIpv6Leniently(d, ip, d.length - ip);
            err.put("received", String.format("0x%04x", ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff)));
            PacketView v = new PacketView().verifyingChecksums(false).verifyingAlignment(false).wrapIpv6(d, ip, d.length - ip);
            int from = v.payloadOffset();
            int len = v.payloadLength();
            int nh = v.nextHeader();
            if (at >= from && at + 2 <= from + len && (nh == Wire.MOBILITY || nh == Wire.ICMPV6 || nh == Wire.UDP)) {
                int destination = v.finalDestinationOffset();
                found(err, d, v, at, destination, expectedChecksum(d, v, at, destination));
            }
            packet(p, m, extensions);
        } catch (DecodeException | RuntimeException second) {
            // a second defect: the first is what the frame shows
        }
    }

    /** A frame cut by the capture's snap length (or short): the IPv6 header's fields, and where it was cut. */
    private static void truncated(PcapRecord r, byte[] d, Map<String, Object> m, Map<String, Object> err) {
        err.put("captured", d.length);
        err.put("original", r.originalLength());
        int ip = r.ipv6Offset(); // -1: no IPv6, or cut within the link-layer header
        if (ip < 0) {
            return;
        }
        if (d.length >= ip + PacketCodec.IPV6_HEADER_LENGTH && (d[ip] & 0xf0) == 0x60) {
            m.put("src", Ipv6Address.read(d, ip + 8).toString());
            m.put("dst", Ipv6Address.read(d, ip + 24).toString());
            m.put("hopLimit", d[ip + 7] & 0xff);
            m.put("nextHeader", d[ip + 6] & 0xff);
            long jumbo = jumboPayloadLength(d, ip);
            if (jumbo >= 0) { // what Linux's BIG TCP captures hold: not a short packet
                err.put("reason", "JUMBOGRAM");
                err.put("detail", "an IPv6 jumbogram (RFC 2675: Payload Length 0, Jumbo Payload Length " + jumbo
                        + " in the Hop-by-Hop Options header), which the codecs do not decode");
                err.put("offset", ip + 4);
            }
        }
    }

    /**
     * The Jumbo Payload Length of an IPv6 jumbogram at {@code ip} (RFC 2675 §2: Payload Length 0, a Hop-by-Hop
     * Options header holding a Jumbo Payload option, type 0xC2, 4 octets), or -1 for any other packet.
     */
    private static long jumboPayloadLength(byte[] d, int ip) {
        int hbh = ip + PacketCodec.IPV6_HEADER_LENGTH;
        if (Wire.u16(d, ip + 4) != 0 || (d[ip + 6] & 0xff) != Wire.HOP_BY_HOP || d.length < hbh + 8) {
            return -1;
        }
        int end = Math.min(d.length, hbh + ((d[hbh + 1] & 0xff) + 1) * 8);
        for (int p = hbh + 2; p < end; p += (d[p] & 0xff) == 0 ? 1 : p + 1 < end ? 2 + (d[p + 1] & 0xff) : end) {
            if ((d[p] & 0xff) == 0xc2 && p + 6 <= end && (d[p + 1] & 0xff) == 4) {
                return Wire.u32(d, p + 2);
            }
        }
        return -1;
    }

    /** A BAD_CHECKSUM error found by the analyser itself, with the checksum found and the one expected. */
    private static Map<String, Object> badChecksum(byte[] d, PacketView v, int at, int destinationAt, int expected,
                                                   String detail) {
        Map<String, Object> err = error("BAD_CHECKSUM", at, detail);
        found(err, d, v, at, destinationAt, expected);
        return err;
    }

    /**
     * The checksum at {@code at} beside the one expected, and {@code offload} when what was found is the
     * pseudo-header's sum alone, folded and not complemented: what a sender that leaves its checksum to the
     * NIC (Linux's CHECKSUM_PARTIAL, on loopback, veth and GSO) has written when a capture on that host
     * takes the packet. Analysers say the same ("maybe caused by checksum offload").
     */
    private static void found(Map<String, Object> err, byte[] d, PacketView v, int at, int destinationAt, int expected) {
        int received = Wire.u16(d, at);
        err.put("received", String.format("0x%04x", received));
        err.put("expected", String.format("0x%04x", expected));
        long pseudo = Checksum.pseudoHeaderSum(Ipv6Address.read(d, v.effectiveSourceOffset()),
                Ipv6Address.read(d, destinationAt), v.payloadLength(), v.nextHeader());
        if (received == (~Checksum.finish(pseudo) & 0xffff)) {
            err.put("offload", true);
        }
    }

    private static Map<String, Object> error(String reason, int offset, String detail) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("reason", reason);
        e.put("offset", offset);
        e.put("detail", detail);
        return e;
    }

    private static void packet(Ipv6Packet p, Map<String, Object> m, Extensions extensions) {
        m.put("src", p.source().toString());
        m.put("dst", p.destination().toString());
        if (p.homeAddressOption() != null) {
            m.put("hao", p.homeAddressOption().toString());
        }
        if (p.type2RoutingHeader() != null) {
            m.put("rh2", p.type2RoutingHeader().homeAddress().toString());
        }
        for (ExtensionHeader h : p.extensionHeaders()) {
            if (h instanceof ExtensionHeader.UnknownRoutingHeader r && !m.containsKey("routing")) {
                m.put("routing", routing(r));
            }
        }
        m.put("hopLimit", p.hopLimit());
        payload(p.payload(), m, extensions);
    }

    /**
     * A Routing header of another type than 2: its type and Segments Left, and for Type 0 (RFC 2460 §4.4) and
     * a Segment Routing Header (RFC 8754 §2: Segment List[0] is the last segment) the addresses it lists.
     */
    private static Map<String, Object> routing(ExtensionHeader.UnknownRoutingHeader r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", r.routingType());
        m.put("segmentsLeft", r.segmentsLeft());
        byte[] d = r.data().toArray();
        int count = r.routingType() == 0 ? (d.length - 4) / 16 : r.routingType() == 4 && d.length >= 4 ? (d[0] & 0xff) + 1 : 0;
        if (count > 0 && 4 + 16 * count <= d.length) {
            List<String> addresses = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                addresses.add(Ipv6Address.read(d, 4 + 16 * k).toString());
            }
            m.put(r.routingType() == 4 ? "segments" : "addresses", addresses);
        }
        return m;
    }

    private static void payload(Payload pl, Map<String, Object> m, Extensions extensions) {
        if (pl instanceof Payload.Tunnel t) {
            Map<String, Object> tun = new LinkedHashMap<>();
            Ipv6Packet in = t.inner();
            tun.put("src", in.source().toString());
            tun.put("dst", in.destination().toString());
            if (in.homeAddressOption() != null) {
                tun.put("hao", in.homeAddressOption().toString());
            }
            if (in.type2RoutingHeader() != null) {
                tun.put("rh2", in.type2RoutingHeader().homeAddress().toString());
            }
            m.put("tunnel", tun);
            payload(in.payload(), m, extensions);
        } else if (pl instanceof Payload.Mobility mob) {
            m.put("mh", mh(mob.message(), extensions));
        } else if (pl instanceof Payload.Icmpv6 ic) {
            m.put("icmpv6", icmp(ic.message()));
        } else if (pl instanceof Payload.Udp u) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("srcPort", u.sourcePort());
            x.put("dstPort", u.destinationPort());
            x.put("length", u.data().length());
            m.put("udp", x);
        } else if (pl instanceof Payload.Esp e) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("spi", String.format("0x%08x", e.spi()));
            x.put("seq", e.sequence());
            m.put("esp", x);
        } else if (pl instanceof Payload.Opaque o) {
            m.put("nextHeader", o.protocol());
        }
    }

    /** Flag letters in RFC order: BU A H L K M R; BA K R. */
    public static String flags(MobilityMessage msg) {
        StringBuilder sb = new StringBuilder();
        if (msg instanceof BindingUpdate bu) {
            int f = bu.flags();
            appendIf(sb, f, BindingUpdate.A, 'A');
            appendIf(sb, f, BindingUpdate.H, 'H');
            appendIf(sb, f, BindingUpdate.L, 'L');
            appendIf(sb, f, BindingUpdate.K, 'K');
            appendIf(sb, f, BindingUpdate.M, 'M');
            appendIf(sb, f, BindingUpdate.R, 'R');
        } else if (msg instanceof BindingAcknowledgement ba) {
            appendIf(sb, ba.flags(), BindingAcknowledgement.K, 'K');
            appendIf(sb, ba.flags(), BindingAcknowledgement.R, 'R');
        }
        return sb.toString();
    }

    private static void appendIf(StringBuilder sb, int flags, int bit, char c) {
        if ((flags & bit) != 0) {
            sb.append(c);
        }
    }

    static Map<String, Object> mh(MobilityMessage msg) {
        return mh(msg, NO_EXTENSIONS);
    }

    static Map<String, Object> mh(MobilityMessage msg, Extensions extensions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", msg.mhType());
        m.put("name", msg.name());
        if (msg instanceof BindingUpdate bu) {
            m.put("seq", bu.sequence());
            m.put("flags", flags(bu));
            m.put("lifetime", bu.lifetimeSeconds());
        } else if (msg instanceof BindingAcknowledgement ba) {
            m.put("status", ba.status());
            m.put("seq", ba.sequence());
            m.put("flags", flags(ba));
            m.put("lifetime", ba.lifetimeSeconds());
        } else if (msg instanceof MobilityMessage.BindingError be) {
            m.put("status", be.status());
            m.put("homeAddress", be.homeAddress().toString());
        } else if (msg instanceof MobilityMessage.HomeTestInit h) {
            m.put("cookie", HEX.toHexDigits(h.cookie()));
        } else if (msg instanceof MobilityMessage.CareOfTestInit c) {
            m.put("cookie", HEX.toHexDigits(c.cookie()));
        } else if (msg instanceof MobilityMessage.HomeTest h) {
            m.put("nonceIndex", h.nonceIndex());
            m.put("cookie", HEX.toHexDigits(h.cookie()));
            m.put("token", HEX.toHexDigits(h.keygenToken()));
        } else if (msg instanceof MobilityMessage.CareOfTest c) {
            m.put("nonceIndex", c.nonceIndex());
            m.put("cookie", HEX.toHexDigits(c.cookie()));
            m.put("token", HEX.toHexDigits(c.keygenToken()));
        } else if (msg instanceof MobilityMessage.UnknownMobilityMessage u) {
            MobilityMessageCodec<?> codec = extensions.mobilityMessage(u.mhType());
            if (codec == null) {
                m.put("unknown", true);
            } else {
                extension(codec, u, m);
            }
            m.put("body", u.body().hex());
        }
        List<Object> opts = new ArrayList<>();
        for (MobilityOption o : msg.options()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("type", o.type());
            if (o instanceof MobilityOption.AlternateCareOfAddress a) {
                x.put("name", "Alternate Care-of Address");
                x.put("address", a.address().toString());
            } else if (o instanceof MobilityOption.BindingRefreshAdvice b) {
                x.put("name", "Binding Refresh Advice");
                x.put("interval", b.intervalSeconds());
            } else if (o instanceof MobilityOption.NonceIndices n) {
                x.put("name", "Nonce Indices");
                x.put("homeNonceIndex", n.homeNonceIndex());
                x.put("careOfNonceIndex", n.careOfNonceIndex());
            } else if (o instanceof MobilityOption.BindingAuthorizationData b) {
                x.put("name", "Binding Authorization Data");
                x.put("authenticator", b.authenticator().hex());
            } else if (o instanceof MobilityOption.MobileNetworkPrefix n) {
                x.put("name", "Mobile Network Prefix");
                x.put("prefix", n.prefix() + "/" + n.prefixLength());
            } else if (o instanceof MobilityOption.UnknownMobilityOption u) {
                MobilityOptionCodec<?> codec = extensions.mobilityOption(u.type());
                if (codec == null) {
                    x.put("unknown", true);
                } else {
                    option(codec, u, x);
                }
                x.put("data", u.data().hex());
            }
            opts.add(x);
        }
        m.put("options", opts);
        return m;
    }

    /** An option a deployed bundle decodes: its name and fields, or where its codec found it malformed. */
    private static <O> void option(MobilityOptionCodec<O> codec, MobilityOption.UnknownMobilityOption u, Map<String, Object> x) {
        try {
            O o = codec.decode(u.data());
            x.put("name", codec.name(o));
            x.put("extension", true);
            codec.describe(o).forEach(x::putIfAbsent);
        } catch (DecodeException e) {
            x.put("extension", true);
            x.put("malformed", e.reason() + " at offset " + (2 + e.offset()) + " of the option: " + e.detail());
        } catch (RuntimeException e) {
            x.put("extension", true);
            x.put("malformed", "the codec of option type " + u.type() + " threw " + e);
        }
    }

    /** A type a deployed bundle decodes: its name and fields, or where its codec found it malformed. */
    private static <M> void extension(MobilityMessageCodec<M> codec, MobilityMessage.UnknownMobilityMessage u, Map<String, Object> m) {
        try {
            M x = codec.decode(u.body());
            m.put("name", codec.name(x));
            m.put("extension", true);
            codec.describe(x).forEach(m::putIfAbsent);
        } catch (DecodeException e) {
            m.put("extension", true);
            m.put("malformed", e.reason() + " at offset " + (6 + e.offset()) + ": " + e.detail());
        } catch (RuntimeException e) {
            m.put("extension", true);
            m.put("malformed", "the codec of MH type " + u.mhType() + " threw " + e);
        }
    }

    static Map<String, Object> icmp(Icmpv6Message msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", msg.type());
        m.put("code", msg.code());
        m.put("name", Icmpv6Codec.typeName(msg.type()));
        List<NdOption> nd = List.of();
        if (msg instanceof Icmpv6Message.EchoRequest e) {
            m.put("identifier", e.identifier());
            m.put("seq", e.sequence());
        } else if (msg instanceof Icmpv6Message.EchoReply e) {
            m.put("identifier", e.identifier());
            m.put("seq", e.sequence());
        } else if (msg instanceof Icmpv6Message.DhaadRequest d) {
            m.put("identifier", d.identifier());
        } else if (msg instanceof Icmpv6Message.DhaadReply d) {
            m.put("identifier", d.identifier());
            m.put("addresses", d.homeAgents().stream().map(Ipv6Address::toString).toList());
        } else if (msg instanceof Icmpv6Message.MobilePrefixSolicitation s) {
            m.put("identifier", s.identifier());
        } else if (msg instanceof Icmpv6Message.MobilePrefixAdvertisement a) {
            m.put("identifier", a.identifier());
            nd = a.options();
        } else if (msg instanceof Icmpv6Message.RouterAdvertisement ra) {
            m.put("homeAgent", ra.homeAgent());
            m.put("routerLifetime", ra.routerLifetime());
            nd = ra.options();
        } else if (msg instanceof Icmpv6Message.RouterSolicitation rs) {
            nd = rs.options();
        } else if (msg instanceof Icmpv6Message.NeighborSolicitation ns) {
            m.put("target", ns.target().toString());
            nd = ns.options();
        } else if (msg instanceof Icmpv6Message.NeighborAdvertisement na) {
            m.put("target", na.target().toString());
            m.put("flags", (na.router() ? "R" : "") + (na.solicited() ? "S" : "") + (na.override() ? "O" : ""));
            nd = na.options();
        } else if (msg instanceof Icmpv6Message.PacketTooBig t) {
            m.put("mtu", t.mtu());
        } else if (msg instanceof Icmpv6Message.ParameterProblem pp) {
            m.put("pointer", pp.pointer());
        }
        List<Object> prefixes = new ArrayList<>();
        for (NdOption o : nd) {
            if (o instanceof NdOption.PrefixInformation pi) {
                prefixes.add(pi.prefix().toString());
            } else if (o instanceof NdOption.AdvertisementInterval a) {
                m.put("advertisementInterval", a.intervalMillis());
            } else if (o instanceof NdOption.HomeAgentInformation h) {
                m.put("homeAgentPreference", h.preference());
                m.put("homeAgentLifetime", h.lifetime());
            } else if (o instanceof NdOption.SourceLinkLayerAddress s) {
                m.put("sourceLinkLayerAddress", s.address().toString());
            } else if (o instanceof NdOption.TargetLinkLayerAddress t) {
                m.put("targetLinkLayerAddress", t.address().toString());
            }
        }
        if (!prefixes.isEmpty()) {
            m.put("prefixes", prefixes);
        }
        return m;
    }

    /** A terse one-line summary of a description made by {@link #describe}. */
    @SuppressWarnings("unchecked")
    public static String line(Map<String, Object> d) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%5d %s ", (Integer) d.get("frame"), d.get("time")));
        if (d.containsKey("link")) {
            sb.append(d.get("link")).append(' '); // mip6:trace: the link the frame was on
        }
        if (d.get("vlan") instanceof List<?> tags) { // QinQ as outer/inner
            sb.append("VLAN ").append(String.join("/", tags.stream().map(t -> String.valueOf(((Map<?, ?>) t).get("id"))).toList())).append(' ');
        }
        if (d.containsKey("error") && !d.containsKey("src")) {
            return sb.append(defect((Map<String, Object>) d.get("error"))).toString();
        }
        if (d.containsKey("etherType")) {
            return sb.append("EtherType ").append(d.get("etherType")).toString();
        }
        if (d.containsKey("addressFamily")) {
            return sb.append("address family ").append(d.get("addressFamily")).toString();
        }
        if (d.containsKey("wlan")) {
            return sb.append("802.11 ").append(d.get("wlan")).toString();
        }
        sb.append(d.get("src")).append(" → ").append(d.get("dst"));
        if (d.containsKey("hao")) {
            sb.append(" HAO ").append(d.get("hao"));
        }
        if (d.containsKey("rh2")) {
            sb.append(" RH2 ").append(d.get("rh2"));
        }
        if (d.get("routing") instanceof Map<?, ?> rt) {
            sb.append(" RH type ").append(rt.get("type")).append(" segleft ").append(rt.get("segmentsLeft"));
        }
        if (d.containsKey("tunnel")) {
            Map<String, Object> t = (Map<String, Object>) d.get("tunnel");
            sb.append(" [tunnel ").append(t.get("src")).append(" → ").append(t.get("dst"));
            if (t.containsKey("hao")) {
                sb.append(" HAO ").append(t.get("hao"));
            }
            sb.append(']');
        }
        if (d.containsKey("mh")) {
            Map<String, Object> mh = (Map<String, Object>) d.get("mh");
            sb.append(" MH ").append(mh.get("name"));
            if (mh.containsKey("extension")) { // a deployed codec's fields, in its order
                mh.forEach((k, v) -> {
                    if (!List.of("type", "name", "options", "body", "extension").contains(k)) {
                        sb.append(' ').append(k).append('=').append(v);
                    }
                });
            }
            for (String k : List.of("status", "seq", "flags", "lifetime", "nonceIndex", "cookie", "token", "homeAddress")) {
                if (mh.containsKey(k) && !mh.containsKey("extension")) {
                    sb.append(' ').append(k).append('=').append(mh.get(k)).append(k.equals("lifetime") ? "s" : "");
                }
            }
            for (Object o : (List<Object>) mh.get("options")) {
                Map<String, Object> x = (Map<String, Object>) o;
                sb.append(" [").append(x.getOrDefault("name", "option " + x.get("type")));
                boolean extension = x.containsKey("extension"); // a deployed codec's fields say it all
                x.forEach((k, v) -> {
                    if (!k.equals("type") && !k.equals("name") && !k.equals("extension") && !(extension && k.equals("data"))) {
                        sb.append(' ').append(k).append('=').append(v);
                    }
                });
                sb.append(']');
            }
        } else if (d.containsKey("icmpv6")) {
            Map<String, Object> ic = (Map<String, Object>) d.get("icmpv6");
            sb.append(" ICMPv6 ").append(ic.get("name"));
            ic.forEach((k, v) -> {
                if (!k.equals("type") && !k.equals("name") && !(k.equals("code") && Integer.valueOf(0).equals(v))) {
                    sb.append(' ').append(k).append('=').append(v);
                }
            });
        } else if (d.containsKey("udp")) {
            Map<String, Object> u = (Map<String, Object>) d.get("udp");
            sb.append(" UDP ").append(u.get("srcPort")).append(" → ").append(u.get("dstPort"))
                    .append(" len=").append(u.get("length"));
        } else if (d.containsKey("tcp")) {
            Map<String, Object> t = (Map<String, Object>) d.get("tcp");
            sb.append(" TCP ").append(t.get("srcPort")).append(" → ").append(t.get("dstPort"))
                    .append(" [").append(String.join(", ", ((String) t.get("flags")).split(","))).append("] seq=")
                    .append(t.get("seq")).append(" ack=").append(t.get("ack")).append(" win=").append(t.get("window"))
                    .append(" len=").append(t.get("length"));
        } else if (d.containsKey("esp")) {
            sb.append(" ESP ").append(d.get("esp"));
        } else if (d.containsKey("nextHeader")) {
            sb.append(" next header ").append(d.get("nextHeader"));
        }
        if (d.containsKey("error")) {
            sb.append("  ").append(defect((Map<String, Object>) d.get("error")));
        }
        return sb.toString();
    }

    /** The defect of a frame: reason, where, and what was found against what was expected or captured. */
    private static String defect(Map<String, Object> e) {
        StringBuilder sb = new StringBuilder("ERROR ").append(e.get("reason")).append(" at offset ").append(e.get("offset"));
        if (e.containsKey("expected")) {
            sb.append(" (checksum ").append(e.get("received")).append(", expected ").append(e.get("expected"));
            sb.append(Boolean.TRUE.equals(e.get("offload")) ? ": the pseudo-header's sum alone, a sender's checksum offload)" : ")");
        } else if (e.containsKey("received")) {
            sb.append(" (checksum ").append(e.get("received")).append(')');
        }
        if (e.containsKey("captured")) {
            sb.append(" (captured ").append(e.get("captured")).append(" of ").append(e.get("original")).append(" bytes)");
        }
        return sb.append(": ").append(e.get("detail")).toString();
    }
}
