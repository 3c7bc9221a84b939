package org.mip6.wire;

import static org.mip6.wire.Wire.put16;
import static org.mip6.wire.Wire.put32;
import static org.mip6.wire.Wire.put8;
import static org.mip6.wire.Wire.u16;
import static org.mip6.wire.Wire.u32;
import static org.mip6.wire.Wire.u8;

import java.util.ArrayList;
import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.ExtensionHeader.DestinationOptions;
import org.mip6.wire.ExtensionHeader.Fragment;
import org.mip6.wire.ExtensionHeader.HopByHopOptions;
import org.mip6.wire.ExtensionHeader.Type2RoutingHeader;
import org.mip6.wire.ExtensionHeader.UnknownRoutingHeader;
import org.mip6.wire.icmp.Icmpv6Codec;
import org.mip6.wire.mh.EncodeOptions;
import org.mip6.wire.mh.MobilityHeaderCodec;

/**
 * Stateless codec of whole packets: Ethernet II, IPv6, the extension-header chain and the payload.
 * Checksums of MH, ICMPv6 and UDP are computed on encode and verified on decode with the RFC 6275
 * pseudo-header rule: the source is the Home Address option's address when present, the destination
 * is the Type 2 Routing Header's address while Segments Left is 1.
 */
public final class PacketCodec {

    public static final int IPV6_HEADER_LENGTH = 40;
    public static final int ETHERNET_HEADER_LENGTH = 14;
    /** Deepest IPv6-in-IPv6 nesting decoded (a tunnel in a tunnel in ...); deeper is BAD_FIELD. */
    public static final int MAX_TUNNEL_DEPTH = 4;

    private PacketCodec() {
    }

    // ==========================================================================================
    // Decode

    /** Decodes an Ethernet II frame (no FCS). Bytes after the IPv6 packet (Ethernet padding) are ignored. */
    public static EthernetFrame decodeEthernet(byte[] buf, int off, int len) throws DecodeException {
        int end = off + len;
        Wire.need(off, ETHERNET_HEADER_LENGTH, end, "Ethernet header");
        MacAddress dst = MacAddress.read(buf, off);
        MacAddress src = MacAddress.read(buf, off + 6);
        int type = u16(buf, off + 12);
        int p = off + ETHERNET_HEADER_LENGTH;
        if (type == Wire.ETHERTYPE_IPV6) {
            return new EthernetFrame(dst, src, type, decodeIpv6(buf, p, end - p, true, 0), null);
        }
        return new EthernetFrame(dst, src, type, null, Bytes.copyOf(buf, p, end - p));
    }

    /** Decodes an IPv6 packet at {@code off}; bytes after its Payload Length are ignored. */
    public static Ipv6Packet decodeIpv6(byte[] buf, int off, int len) throws DecodeException {
        return decodeIpv6(buf, off, len, true, 0);
    }

    private static Ipv6Packet decodeIpv6(byte[] buf, int off, int len, boolean trailerAllowed, int depth)
            throws DecodeException {
        int end = off + len;
        Wire.need(off, IPV6_HEADER_LENGTH, end, "IPv6 header");
        int w = (int) u32(buf, off);
        int version = w >>> 28;
        if (version != 6) {
            throw new DecodeException(DecodeReason.BAD_VERSION, off, "IP version " + version + ", expected 6")
                    .inPacket(off, -1);
        }
        int payloadLength = u16(buf, off + 4);
        int pend = off + IPV6_HEADER_LENGTH + payloadLength;
        if (pend > end) {
            throw new DecodeException(DecodeReason.TRUNCATED, end, "IPv6 Payload Length " + payloadLength
                    + " but only " + (end - off - IPV6_HEADER_LENGTH) + " bytes follow the header").inPacket(off, -1);
        }
        if (!trailerAllowed && pend != end) {
            throw new DecodeException(DecodeReason.BAD_LENGTH, off + 4, "inner IPv6 Payload Length " + payloadLength
                    + " leaves " + (end - pend) + " bytes of the tunnel payload unused").inPacket(off, -1);
        }
        Ipv6Address src = Ipv6Address.read(buf, off + 8);
        Ipv6Address dst = Ipv6Address.read(buf, off + 24);
        try {
            return decodeChain(buf, off, pend, w, src, dst, depth);
        } catch (DecodeException e) {
            throw e.inPacket(off, -1);
        }
    }

    private static Ipv6Packet decodeChain(byte[] buf, int off, int end, int w, Ipv6Address src, Ipv6Address dst,
                                          int depth) throws DecodeException {
        int nhOffset = off + 6;
        int nh = u8(buf, nhOffset);
        int p = off + IPV6_HEADER_LENGTH;
        List<ExtensionHeader> headers = List.of();
        Ipv6Address hao = null;
        Ipv6Address finalDst = dst;
        boolean fragmented = false;
        Payload payload = null;
        while (payload == null) {
            switch (nh) {
                case Wire.HOP_BY_HOP, Wire.DESTINATION_OPTIONS -> {
                    if (nh == Wire.HOP_BY_HOP && !headers.isEmpty()) {
                        throw new DecodeException(DecodeReason.BAD_EXTENSION_HEADER, p,
                                "Hop-by-Hop Options header not immediately after the IPv6 header (RFC 8200 §4.1)")
                                .inPacket(off, nhOffset);
                    }
                    Wire.need(p, 8, end, nh == 0 ? "Hop-by-Hop Options header" : "Destination Options header");
                    int hlen = (u8(buf, p + 1) + 1) * 8;
                    if (p + hlen > end) {
                        Wire.need(p, hlen, end, "options header of Hdr Ext Len " + u8(buf, p + 1));
                    }
                    List<Ipv6Option> opts = decodeOptions(buf, p, p + hlen, nh == Wire.DESTINATION_OPTIONS);
                    ExtensionHeader h = nh == 0 ? new HopByHopOptions(opts) : new DestinationOptions(opts);
                    if (h instanceof DestinationOptions d) {
                        for (Ipv6Option o : d.options()) {
                            if (o instanceof Ipv6Option.HomeAddress ha) {
                                hao = ha.address();
                            }
                        }
                    }
                    headers = add(headers, h);
                    nhOffset = p;
                    nh = u8(buf, p);
                    p += hlen;
                }
                case Wire.ROUTING -> {
                    Wire.need(p, 8, end, "Routing header");
                    int hdrExtLen = u8(buf, p + 1);
                    int hlen = (hdrExtLen + 1) * 8;
                    int rtype = u8(buf, p + 2);
                    int segLeft = u8(buf, p + 3);
                    ExtensionHeader h;
                    if (rtype == 2) {
                        if (hdrExtLen != 2) {
                            throw new DecodeException(DecodeReason.BAD_ROUTING_HEADER, p + 1,
                                    "Type 2 Routing Header with Hdr Ext Len " + hdrExtLen + ", must be 2 (RFC 6275 §6.4)");
                        }
                        if (segLeft > 1) {
                            throw new DecodeException(DecodeReason.BAD_ROUTING_HEADER, p + 3,
                                    "Type 2 Routing Header with Segments Left " + segLeft + ", must be 1 (RFC 6275 §6.4)");
                        }
                        Wire.need(p, hlen, end, "Type 2 Routing Header");
                        Type2RoutingHeader rh = new Type2RoutingHeader(segLeft, Ipv6Address.read(buf, p + 8));
                        if (segLeft == 1) {
                            finalDst = rh.homeAddress();
                        }
                        h = rh;
                    } else {
                        if (p + hlen > end) {
                            Wire.need(p, hlen, end, "Routing header of Hdr Ext Len " + hdrExtLen);
                        }
                        h = new UnknownRoutingHeader(rtype, segLeft, Bytes.copyOf(buf, p + 4, hlen - 4));
                    }
                    headers = add(headers, h);
                    nhOffset = p;
                    nh = u8(buf, p);
                    p += hlen;
                }
                case Wire.FRAGMENT -> {
                    Wire.need(p, 8, end, "Fragment header");
                    int fo = u16(buf, p + 2);
                    Fragment f = new Fragment(fo >>> 3, (fo & 1) != 0, u32(buf, p + 4));
                    headers = add(headers, f);
                    fragmented = f.fragmentOffset() != 0 || f.moreFragments();
                    nhOffset = p;
                    nh = u8(buf, p);
                    p += 8;
                    if (fragmented) {
                        payload = new Payload.Opaque(nh, Bytes.copyOf(buf, p, end - p));
                    }
                }
                default -> payload = decodePayload(buf, nh, p, end, src, hao, finalDst, depth);
            }
        }
        return new Ipv6Packet((w >>> 20) & 0xff, w & 0xfffff, u8(buf, off + 7), src, dst, headers, payload);
    }

    private static List<ExtensionHeader> add(List<ExtensionHeader> list, ExtensionHeader h) {
        if (list.isEmpty()) {
            return List.of(h);
        }
        List<ExtensionHeader> l = new ArrayList<>(list);
        l.add(h);
        return l;
    }

    private static List<Ipv6Option> decodeOptions(byte[] buf, int start, int end, boolean destination)
            throws DecodeException {
        int p = start + 2;
        List<Ipv6Option> out = null;
        while (p < end) {
            int type = u8(buf, p);
            if (type == Ipv6Option.PAD1) {
                p++;
                continue;
            }
            if (p + 2 > end) {
                throw new DecodeException(DecodeReason.BAD_OPTION_LENGTH, p,
                        "option type " + type + " has no room for its length before the end of the header");
            }
            int olen = u8(buf, p + 1);
            if (p + 2 + olen > end) {
                throw new DecodeException(DecodeReason.BAD_OPTION_LENGTH, p + 1, "option type " + type + " of length "
                        + olen + " overruns its header by " + (p + 2 + olen - end) + " bytes");
            }
            if (type != Ipv6Option.PADN) {
                Ipv6Option o;
                if (type == Ipv6Option.HOME_ADDRESS && destination) {
                    if (olen != 16) {
                        throw new DecodeException(DecodeReason.BAD_OPTION_LENGTH, p + 1,
                                "Home Address option of length " + olen + ", must be 16 (RFC 6275 §6.3)");
                    }
                    if ((p - start) % 8 != 6) {
                        throw new DecodeException(DecodeReason.BAD_OPTION_ALIGNMENT, p, "Home Address option at offset "
                                + (p - start) + " of its header, must be at 8n+6 (RFC 6275 §6.3)");
                    }
                    Ipv6Address home = Ipv6Address.read(buf, p + 2);
                    if (home.isMulticast() || home.isUnspecified() || home.isLoopback()) {
                        throw new DecodeException(DecodeReason.BAD_FIELD, p + 2,
                                "Home Address option holds " + home + ", not a unicast address (RFC 6275 §6.3)");
                    }
                    if (out != null) {
                        for (Ipv6Option x : out) {
                            if (x instanceof Ipv6Option.HomeAddress) {
                                throw new DecodeException(DecodeReason.DUPLICATE_OPTION, p, "second Home Address option");
                            }
                        }
                    }
                    o = new Ipv6Option.HomeAddress(home);
                } else if (type == Ipv6Option.HOME_ADDRESS) {
                    throw new DecodeException(DecodeReason.BAD_EXTENSION_HEADER, p,
                            "Home Address option in a Hop-by-Hop header (RFC 6275 §6.3: Destination Options only)");
                } else {
                    o = new Ipv6Option.UnknownOption(type, Bytes.copyOf(buf, p + 2, olen));
                }
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(o);
            }
            p += 2 + olen;
        }
        return out == null ? List.of() : out.size() == 1 ? List.of(out.get(0)) : List.copyOf(out);
    }

    private static Payload decodePayload(byte[] buf, int nh, int p, int end, Ipv6Address src, Ipv6Address hao,
                                         Ipv6Address finalDst, int depth) throws DecodeException {
        int len = end - p;
        Ipv6Address csrc = hao != null ? hao : src;
        switch (nh) {
            case Wire.MOBILITY: {
                // RFC 6275 §9.2: the checksum is checked first (silent discard), then Payload Proto and Header Len
                Wire.need(p, 6, end, "Mobility Header");
                verify(csrc, finalDst, nh, buf, p, len, p + MobilityHeaderCodec.CHECKSUM_OFFSET, "Mobility Header");
                return new Payload.Mobility(MobilityHeaderCodec.decode(buf, p, len));
            }
            case Wire.ICMPV6: {
                Wire.need(p, 4, end, "ICMPv6 header");
                verify(csrc, finalDst, nh, buf, p, len, p + Icmpv6Codec.CHECKSUM_OFFSET, "ICMPv6");
                return new Payload.Icmpv6(Icmpv6Codec.decode(buf, p, len));
            }
            case Wire.UDP: {
                Wire.need(p, 8, end, "UDP header");
                int ulen = u16(buf, p + 4);
                if (ulen != len) {
                    throw new DecodeException(DecodeReason.BAD_LENGTH, p + 4,
                            "UDP length " + ulen + " but " + len + " bytes remain in the IPv6 payload");
                }
                if (u16(buf, p + 6) == 0) {
                    throw new DecodeException(DecodeReason.BAD_CHECKSUM, p + 6,
                            "UDP checksum zero is not allowed over IPv6 (RFC 8200 §8.1)");
                }
                verify(csrc, finalDst, nh, buf, p, len, p + 6, "UDP");
                return new Payload.Udp(u16(buf, p), u16(buf, p + 2), Bytes.copyOf(buf, p + 8, len - 8));
            }
            case Wire.IPV6: {
                if (depth >= MAX_TUNNEL_DEPTH) {
                    throw new DecodeException(DecodeReason.BAD_FIELD, p, "IPv6-in-IPv6 nested deeper than " + MAX_TUNNEL_DEPTH);
                }
                return new Payload.Tunnel(decodeIpv6(buf, p, len, false, depth + 1));
            }
            case Wire.ESP: {
                Wire.need(p, 8, end, "ESP header");
                return new Payload.Esp(u32(buf, p), u32(buf, p + 4), Bytes.copyOf(buf, p + 8, len - 8));
            }
            case Wire.NO_NEXT_HEADER:
                return new Payload.NoNextHeader();
            default:
                return new Payload.Opaque(nh, Bytes.copyOf(buf, p, len));
        }
    }

    private static void verify(Ipv6Address src, Ipv6Address dst, int nh, byte[] buf, int p, int len, int csumAt,
                               String what) throws DecodeException {
        if (!Checksum.verify(src, dst, nh, buf, p, len)) {
            throw new DecodeException(DecodeReason.BAD_CHECKSUM, csumAt, what + " checksum 0x"
                    + Integer.toHexString(u16(buf, csumAt)) + " does not verify (pseudo-header " + src + " -> " + dst + ")");
        }
    }

    // ==========================================================================================
    // Encode

    public static int encodedLength(Ipv6Packet p) {
        return encodedLength(p, EncodeOptions.DEFAULT);
    }

    public static int encodedLength(Ipv6Packet p, EncodeOptions mh) {
        int n = IPV6_HEADER_LENGTH;
        for (ExtensionHeader h : p.extensionHeaders()) {
            n += headerLength(h);
        }
        return n + payloadLength(p.payload(), mh);
    }

    /** Bytes an extension header takes when encoded (with the padding the encoder writes). */
    public static int encodedLength(ExtensionHeader h) {
        return headerLength(h);
    }

    private static int headerLength(ExtensionHeader h) {
        if (h instanceof HopByHopOptions o) {
            return optionsHeaderLength(o.options());
        } else if (h instanceof DestinationOptions o) {
            return optionsHeaderLength(o.options());
        } else if (h instanceof Type2RoutingHeader r) {
            return 24;
        } else if (h instanceof UnknownRoutingHeader r) {
            return 4 + r.data().length();
        } else if (h instanceof Fragment f) {
            return 8;
        }
        throw new IllegalStateException("unhandled " + h);
    }

    private static int optionsHeaderLength(List<Ipv6Option> options) {
        int pos = 2;
        for (Ipv6Option o : options) {
            pos += pad(pos, o) + 2 + o.dataLength();
        }
        return (pos + 7) & ~7;
    }

    private static int pad(int pos, Ipv6Option o) {
        return Wire.padding(pos, o.alignMultiple(), o.alignOffset());
    }

    private static int payloadLength(Payload p, EncodeOptions mh) {
        if (p instanceof Payload.Mobility m) {
            return MobilityHeaderCodec.encodedLength(m.message(), mh);
        } else if (p instanceof Payload.Icmpv6 i) {
            return Icmpv6Codec.encodedLength(i.message());
        } else if (p instanceof Payload.Udp u) {
            return 8 + u.data().length();
        } else if (p instanceof Payload.Tunnel t) {
            return encodedLength(t.inner());
        } else if (p instanceof Payload.Esp e) {
            return 8 + e.rest().length();
        } else if (p instanceof Payload.NoNextHeader n) {
            return 0;
        } else if (p instanceof Payload.Opaque o) {
            return o.data().length();
        }
        throw new IllegalStateException("unhandled " + p);
    }

    public static byte[] encode(Ipv6Packet p) {
        byte[] b = new byte[encodedLength(p)];
        encode(p, b, 0, EncodeOptions.DEFAULT, 0);
        return b;
    }

    public static int encode(Ipv6Packet p, byte[] buf, int off) {
        return encode(p, buf, off, EncodeOptions.DEFAULT, 0);
    }

    /**
     * Encodes {@code p} at {@code off}: Payload Length, Next Header chain, padding and the upper-layer
     * checksum are computed. {@code mh} and a non-zero {@code checksumXor} (XORed into the computed
     * checksum) make deliberately invalid packets for tests.
     *
     * @return bytes written
     * @throws IllegalArgumentException if the packet does not fit the 16-bit Payload Length
     */
    public static int encode(Ipv6Packet p, byte[] buf, int off, EncodeOptions mh, int checksumXor) {
        int total = encodedLength(p, mh);
        if (total - IPV6_HEADER_LENGTH > 0xffff) {
            throw new IllegalArgumentException("payload of " + (total - IPV6_HEADER_LENGTH) + " bytes needs a jumbogram");
        }
        put32(buf, off, (6L << 28) | ((long) p.trafficClass() << 20) | p.flowLabel());
        put16(buf, off + 4, total - IPV6_HEADER_LENGTH);
        List<ExtensionHeader> hs = p.extensionHeaders();
        put8(buf, off + 6, hs.isEmpty() ? p.payload().protocol() : hs.get(0).protocol());
        put8(buf, off + 7, p.hopLimit());
        p.source().write(buf, off + 8);
        p.destination().write(buf, off + 24);
        int q = off + IPV6_HEADER_LENGTH;
        for (int i = 0; i < hs.size(); i++) {
            int next = i + 1 < hs.size() ? hs.get(i + 1).protocol() : p.payload().protocol();
            q = writeHeader(hs.get(i), next, buf, q);
        }
        writePayload(p, buf, q, off + total, mh, checksumXor);
        return total;
    }

    private static int writeHeader(ExtensionHeader h, int next, byte[] buf, int q) {
        int len = headerLength(h);
        put8(buf, q, next);
        put8(buf, q + 1, len / 8 - 1);
        if (h instanceof HopByHopOptions o) {
            writeOptions(o.options(), buf, q, len);
        } else if (h instanceof DestinationOptions o) {
            writeOptions(o.options(), buf, q, len);
        } else if (h instanceof Type2RoutingHeader r) {
            put8(buf, q + 2, 2);
            put8(buf, q + 3, r.segmentsLeft());
            put32(buf, q + 4, 0);
            r.homeAddress().write(buf, q + 8);
        } else if (h instanceof UnknownRoutingHeader r) {
            put8(buf, q + 2, r.routingType());
            put8(buf, q + 3, r.segmentsLeft());
            r.data().copyTo(buf, q + 4);
        } else if (h instanceof Fragment f) {
            put8(buf, q + 1, 0);
            put16(buf, q + 2, (f.fragmentOffset() << 3) | (f.moreFragments() ? 1 : 0));
            put32(buf, q + 4, f.identification());
        }
        return q + len;
    }

    private static void writeOptions(List<Ipv6Option> options, byte[] buf, int start, int len) {
        int q = start + 2;
        for (Ipv6Option o : options) {
            q = Wire.writePadding(buf, q, pad(q - start, o));
            put8(buf, q, o.type());
            put8(buf, q + 1, o.dataLength());
            if (o instanceof Ipv6Option.HomeAddress h) {
                h.address().write(buf, q + 2);
            } else if (o instanceof Ipv6Option.UnknownOption u) {
                u.data().copyTo(buf, q + 2);
            }
            q += 2 + o.dataLength();
        }
        Wire.writePadding(buf, q, start + len - q);
    }

    private static void writePayload(Ipv6Packet pkt, byte[] buf, int q, int end, EncodeOptions mh, int checksumXor) {
        int len = end - q;
        Ipv6Address csrc = pkt.effectiveSource();
        Ipv6Address cdst = pkt.finalDestination();
        int csumAt = -1;
        if (pkt.payload() instanceof Payload.Mobility m) {
            MobilityHeaderCodec.encode(m.message(), buf, q, mh);
            csumAt = q + MobilityHeaderCodec.CHECKSUM_OFFSET;
        } else if (pkt.payload() instanceof Payload.Icmpv6 i) {
            Icmpv6Codec.encode(i.message(), buf, q);
            csumAt = q + Icmpv6Codec.CHECKSUM_OFFSET;
        } else if (pkt.payload() instanceof Payload.Udp u) {
            put16(buf, q, u.sourcePort());
            put16(buf, q + 2, u.destinationPort());
            put16(buf, q + 4, len);
            put16(buf, q + 6, 0);
            u.data().copyTo(buf, q + 8);
            csumAt = q + 6;
        } else if (pkt.payload() instanceof Payload.Tunnel t) {
            encode(t.inner(), buf, q, EncodeOptions.DEFAULT, 0);
            return;
        } else if (pkt.payload() instanceof Payload.Esp e) {
            put32(buf, q, e.spi());
            put32(buf, q + 4, e.sequence());
            e.rest().copyTo(buf, q + 8);
            return;
        } else if (pkt.payload() instanceof Payload.NoNextHeader n) {
            return;
        } else if (pkt.payload() instanceof Payload.Opaque o) {
            o.data().copyTo(buf, q);
            return;
        }
        int c = Checksum.compute(csrc, cdst, pkt.payload().protocol(), buf, q, len);
        if (c == 0 && pkt.payload() instanceof Payload.Udp) {
            c = 0xffff; // RFC 768: a computed zero is sent as all ones
        }
        put16(buf, csumAt, c ^ checksumXor);
    }

    /** Encodes an Ethernet II frame (no FCS, no padding to 60 bytes). */
    public static byte[] encodeEthernet(EthernetFrame f) {
        int plen = f.packet() != null ? encodedLength(f.packet()) : f.other().length();
        byte[] b = new byte[ETHERNET_HEADER_LENGTH + plen];
        encodeEthernet(f, b, 0);
        return b;
    }

    public static int encodeEthernet(EthernetFrame f, byte[] buf, int off) {
        f.destination().write(buf, off);
        f.source().write(buf, off + 6);
        put16(buf, off + 12, f.etherType());
        if (f.packet() != null) {
            return ETHERNET_HEADER_LENGTH + encode(f.packet(), buf, off + ETHERNET_HEADER_LENGTH);
        }
        f.other().copyTo(buf, off + ETHERNET_HEADER_LENGTH);
        return ETHERNET_HEADER_LENGTH + f.other().length();
    }
}
