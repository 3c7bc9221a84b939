package org.mip6.wire.text;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Address;
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
    /** The protocol number draft-era Mobile IPv6 implementations gave the Mobility Header (RFC 6275 §6.1.1 has 135). */
    static final int OLD_MOBILITY = 62;

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
                        m.put("vlan", LinkLayer.vlanTags(d, t));
                    }
                    int ppp = r.pppoeProtocolOffset();
                    if (ppp >= 0) {
                        m.put("pppoe", Wire.u16(d, ppp - 4)); // the session id (RFC 2516 §4)
                    }
                    int ip = r.ipv6Offset();
                    if (ip < 0) {
                        if (ppp >= 0) {
                            LinkLayer.pppProtocol(d, ppp, m);
                        } else {
                            m.put("etherType", String.format("0x%04x", Wire.u16(d, t)));
                        }
                        return m;
                    }
                    p = PacketCodec.decodeIpv6(d, ip, d.length - ip);
                }
                case PcapRecord.LINKTYPE_RAW, PcapRecord.LINKTYPE_IPV6 -> {
                    if (r.linkType() == PcapRecord.LINKTYPE_RAW && d.length > 0 && (d[0] & 0xf0) == 0x40) {
                        m.put("ipVersion", 4); // raw IP carries IPv4 too (its Version field says which)
                        return m;
                    }
                    p = PacketCodec.decodeIpv6(d, 0, d.length);
                }
                case PcapRecord.LINKTYPE_IPV4 -> {
                    m.put("ipVersion", 4);
                    return m;
                }
                case PcapRecord.LINKTYPE_NULL, PcapRecord.LINKTYPE_LOOP, PcapRecord.LINKTYPE_LINUX_SLL,
                        PcapRecord.LINKTYPE_LINUX_SLL2, PcapRecord.LINKTYPE_IEEE802_11,
                        PcapRecord.LINKTYPE_IEEE802_11_RADIOTAP, PcapRecord.LINKTYPE_PPP, PcapRecord.LINKTYPE_PPP_HDLC,
                        PcapRecord.LINKTYPE_C_HDLC, PcapRecord.LINKTYPE_FRELAY -> {
                    int ip = LinkLayer.ipv6Start(r, m);
                    if (ip < 0) {
                        return m; // another protocol: named in m
                    }
                    p = PacketCodec.decodeIpv6(d, ip, d.length - ip);
                }
                default -> {
                    m.put("error", error("UNSUPPORTED_LINK_TYPE", 0, "link type " + r.linkType()
                            + " (supported: 1 Ethernet, 101 raw IP, 229 IPv6, 228 IPv4, 0 and 108 loopback, 113 and 276 Linux cooked,"
                            + " 105 802.11, 127 802.11 radiotap, 9 PPP, 50 PPP in HDLC-like framing, 104 Cisco HDLC, 107 Frame Relay)"));
                    return m;
                }
            }
            if (p.payload() instanceof Payload.Opaque o && o.protocol() == AuthenticationHeader.AH && r.ipv6Offset() >= 0
                    && AuthenticationHeader.describe(r, r.ipv6Offset(), m, extensions)) {
                return m; // what AH protects, decoded
            }
            if (p.payload() instanceof Payload.Opaque && r.ipv6Offset() >= 0) {
                walkedOn(p, r.ipv6Offset(), d, m, extensions);
                presumedBigTcp(r.ipv6Offset(), d, m);
            } else {
                packet(p, m, extensions);
                if (p.payload() instanceof Payload.Tunnel t && t.inner().payload() instanceof Payload.Opaque o
                        && o.protocol() == Wire.TCP && r.ipv6Offset() >= 0) {
                    UpperLayer.tunnelledTcp(r.ipv6Offset(), d, m); // a mobile node's reverse-tunnelled TCP, say
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
            } else if (r.ipv6Offset() >= 0) {
                fixedHeader(d, r.ipv6Offset(), m); // a defect past it (a Payload Proto, a field's value): who sent it to whom
            }
        }
        return m;
    }

    /** The fixed IPv6 header's addresses, hop limit and next header, when it is all there. */
    private static boolean fixedHeader(byte[] d, int ip, Map<String, Object> m) {
        if (d.length < ip + PacketCodec.IPV6_HEADER_LENGTH || (d[ip] & 0xf0) != 0x60) {
            return false;
        }
        m.put("src", Ipv6Address.read(d, ip + 8).toString());
        m.put("dst", Ipv6Address.read(d, ip + 24).toString());
        m.put("hopLimit", d[ip + 7] & 0xff);
        m.put("nextHeader", d[ip + 6] & 0xff);
        return true;
    }

    /**
     * A packet whose destination stops before its upper layer (an option that says discard, RFC 8200 §4.2; a
     * Routing header it refuses, §4.4: the receiver's decode keeps the rest opaque) shown as analysers show it,
     * walked to the end ({@code ip}: where the IPv6 header starts in {@code d}); then its checksum checked
     * against the final destination where the analyser knows it ({@link UpperLayer#finalDestinationChecksum}).
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
        UpperLayer.finalDestinationChecksum(v, d, m);
        UpperLayer.tcp(v, d, m);
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
                UpperLayer.found(err, d, v, at, destination, UpperLayer.expectedChecksum(d, v, at, destination));
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
        if (fixedHeader(d, ip, m)) {
            long jumbo = jumboPayloadLength(d, ip);
            String defect = jumbo < 0 ? null : Jumbogram.show(d, ip, jumbo, m); // Linux's BIG TCP: not a short packet
            if (defect != null) {
                err.put("reason", "JUMBOGRAM");
                err.put("detail", defect);
                err.put("offset", ip + 4);
            } else if (jumbo < 0) {
                cutUpperLayer(d, ip, m);
            }
        }
    }

    /**
     * What a packet cut short (a capture's snap length, or a Payload Length beyond the frame) still shows of its
     * ICMPv6 or Mobility Header message, as analysers show it: past the extension headers that are all there, the
     * message's type (and an ICMPv6 code), marked {@code truncated}; in a tunnelled packet, the inner header's
     * addresses ({@code tunnel}) and what follows them. Nothing when the cut comes before it, or the packet is a
     * later fragment.
     */
    private static void cutUpperLayer(byte[] d, int ip, Map<String, Object> m) {
        int nh = d[ip + 6] & 0xff;
        int at = ip + PacketCodec.IPV6_HEADER_LENGTH;
        for (int headers = 0; headers < 16; headers++) { // RFC 8200 §4.1's headers; no packet needs more
            if (nh == Wire.IPV6 && !m.containsKey("tunnel") && at + PacketCodec.IPV6_HEADER_LENGTH <= d.length
                    && (d[at] & 0xf0) == 0x60) { // IPv6 in IPv6 (RFC 2473): the inner packet, as a decode shows it
                Map<String, Object> tun = new LinkedHashMap<>();
                tun.put("src", Ipv6Address.read(d, at + 8).toString());
                tun.put("dst", Ipv6Address.read(d, at + 24).toString());
                m.put("tunnel", tun);
                nh = d[at + 6] & 0xff;
                at += PacketCodec.IPV6_HEADER_LENGTH;
                continue;
            }
            if (!isExtensionHeader(nh)) {
                break;
            }
            if (at + (nh == Wire.FRAGMENT ? 4 : 2) > d.length || nh == Wire.FRAGMENT && (Wire.u16(d, at + 2) & 0xfff8) != 0) {
                return; // cut in the header, or a later fragment: no upper-layer header here
            }
            int len = extensionHeaderLength(d, nh, at);
            nh = d[at] & 0xff;
            at += len;
        }
        if (nh == Wire.ICMPV6 && at + 2 <= d.length) {
            Map<String, Object> ic = new LinkedHashMap<>();
            ic.put("type", d[at] & 0xff);
            ic.put("code", d[at + 1] & 0xff);
            ic.put("name", Icmpv6Codec.typeName(d[at] & 0xff));
            ic.put("truncated", true);
            m.put("icmpv6", ic);
        } else if ((nh == Wire.MOBILITY || nh == OLD_MOBILITY) && at + 3 <= d.length) {
            Map<String, Object> mh = new LinkedHashMap<>();
            mh.put("type", d[at + 2] & 0xff);
            mh.put("name", MobilityHeaderCodec.typeName(d[at + 2] & 0xff));
            mh.put("options", List.of());
            mh.put("truncated", true);
            if (nh == OLD_MOBILITY) {
                mh.put("protocol", OLD_MOBILITY);
            }
            m.put("mh", mh);
        }
    }

    /** Whether {@code nh} names a header the analyser walks past to the upper layer (RFC 8200 §4.1; AH, RFC 4302). */
    static boolean isExtensionHeader(int nh) {
        return nh == Wire.HOP_BY_HOP || nh == Wire.DESTINATION_OPTIONS || nh == Wire.ROUTING || nh == Wire.FRAGMENT
                || nh == AuthenticationHeader.AH;
    }

    /** The length of the extension header {@code nh} at {@code at}, whose first two octets (a Fragment header's none) are there. */
    static int extensionHeaderLength(byte[] d, int nh, int at) {
        return nh == Wire.FRAGMENT ? 8 : nh == AuthenticationHeader.AH ? ((d[at + 1] & 0xff) + 2) * 4 : ((d[at + 1] & 0xff) + 1) * 8;
    }

    /**
     * A TCP packet whose Payload Length is 0 with a segment after its header and no Hop-by-Hop Options header: a
     * Linux BIG TCP packet as a capture on its host takes it (the kernel drops RFC 2675's Jumbo Payload option
     * before the capture; tcpdump: "presumed BIG TCP"). Named as a jumbogram, which the codecs do not decode,
     * rather than shown as an empty packet followed by a trailer.
     */
    private static void presumedBigTcp(int ip, byte[] d, Map<String, Object> m) {
        int after = d.length - ip - PacketCodec.IPV6_HEADER_LENGTH;
        if (m.containsKey("error") || Wire.u16(d, ip + 4) != 0 || (d[ip + 6] & 0xff) != Wire.TCP || after < 20) {
            return;
        }
        m.put("error", error("JUMBOGRAM", ip + 4, "Payload Length 0 and " + after + " bytes after the header: a BIG TCP"
                + " packet as its sender's capture holds it (RFC 2675's Jumbo Payload option already removed), which the"
                + " codecs do not decode"));
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

    static Map<String, Object> error(String reason, int offset, String detail) {
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
        } else if (pl instanceof Payload.Opaque o && o.protocol() == OLD_MOBILITY) {
            m.put("mh", oldMobilityHeader(o.data().toArray(), extensions));
        } else if (pl instanceof Payload.Opaque o) {
            m.put("nextHeader", o.protocol());
        }
    }

    /**
     * Protocol 62, which Mobility Headers carried before IANA gave them 135 (the MIPv6 drafts' implementations, KAME's;
     * Wireshark's "Mobile IPv6 (old)", tcpdump's IPPROTO_MOBILITY_OLD): shown as both analysers show it, the message
     * decoded as RFC 6275's, with {@code protocol: 62}. Its checksum is not verified (neither analyser does, and the
     * drafts' pseudo-header is not RFC 6275's to assume); a message malformed by RFC 6275's rules shows its type,
     * name and {@code malformed} (reason, offset from the MH start, detail).
     */
    private static Map<String, Object> oldMobilityHeader(byte[] b, Extensions extensions) {
        Map<String, Object> mh;
        try {
            mh = mh(MobilityHeaderCodec.decode(b, 0, b.length), extensions);
        } catch (DecodeException e) {
            mh = new LinkedHashMap<>();
            if (b.length >= 3) {
                mh.put("type", b[2] & 0xff);
                mh.put("name", MobilityHeaderCodec.typeName(b[2] & 0xff));
            }
            mh.put("options", List.of());
            mh.put("malformed", e.reason() + " at offset " + e.offset() + ": " + e.detail());
        }
        mh.put("protocol", OLD_MOBILITY);
        return mh;
    }

    /** Flag letters in the field's order (as tshark shows them): BU A H L K M R P F T B; BA K R P T B. */
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
            appendIf(sb, f, 0x0200, 'P'); // Proxy Registration, RFC 5213
            appendIf(sb, f, 0x0100, 'F'); // Forcing UDP encapsulation, RFC 5555
            appendIf(sb, f, 0x0080, 'T'); // TLV-header format, RFC 5845
            appendIf(sb, f, 0x0040, 'B'); // Bulk Binding Update, RFC 6602
        } else if (msg instanceof BindingAcknowledgement ba) {
            appendIf(sb, ba.flags(), BindingAcknowledgement.K, 'K');
            appendIf(sb, ba.flags(), BindingAcknowledgement.R, 'R');
            appendIf(sb, ba.flags(), 0x20, 'P'); // RFC 5213
            appendIf(sb, ba.flags(), 0x10, 'T'); // RFC 5845
            appendIf(sb, ba.flags(), 0x08, 'B'); // RFC 6602
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
                String registered = MobilityParameters.mhType(u.mhType()); // named as IANA's registry names it
                if (registered != null) {
                    m.put("name", registered);
                }
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
                    String registered = MobilityParameters.option(u.type());
                    if (registered != null) {
                        x.put("name", registered);
                    }
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
        } else if (msg instanceof Icmpv6Message.UnknownIcmpv6 u && MulticastListenerFields.describes(u.type())) {
            MulticastListenerFields.describe(u, m);
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
    public static String line(Map<String, Object> d) {
        return FrameLine.of(d);
    }
}
