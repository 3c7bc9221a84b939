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
 * is the Type 2 Routing Header's address while Segments Left is 1. Decoding checks the bytes with a
 * {@link PacketView} and then reads records from it; code that only looks at a packet can use the
 * view alone and allocate nothing.
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
        return frame(new PacketView().wrapEthernet(buf, off, len));
    }

    /** Decodes an IPv6 packet at {@code off}; bytes after its Payload Length are ignored. */
    public static Ipv6Packet decodeIpv6(byte[] buf, int off, int len) throws DecodeException {
        return packet(new PacketView().wrapIpv6(buf, off, len));
    }

    /**
     * As {@link #decodeEthernet} without verifying upper-layer checksums: for analysers showing what a
     * capture holds (checksum offload, sample captures), never for a receiver.
     */
    public static EthernetFrame decodeEthernetIgnoringChecksums(byte[] buf, int off, int len) throws DecodeException {
        return frame(new PacketView().verifyingChecksums(false).wrapEthernet(buf, off, len));
    }

    /** As {@link #decodeIpv6} without verifying upper-layer checksums (see {@link #decodeEthernetIgnoringChecksums}). */
    public static Ipv6Packet decodeIpv6IgnoringChecksums(byte[] buf, int off, int len) throws DecodeException {
        return packet(new PacketView().verifyingChecksums(false).wrapIpv6(buf, off, len));
    }

    /**
     * As {@link #decodeIpv6IgnoringChecksums}, also accepting options off their alignment (RFC 6275 §6.2,
     * §6.3): what an analyser shows of a packet a receiver discards (tcpdump's and Wireshark's sample
     * captures hold such packets). Never for a receiver.
     */
    public static Ipv6Packet decodeIpv6Leniently(byte[] buf, int off, int len) throws DecodeException {
        return packet(new PacketView().verifyingChecksums(false).verifyingAlignment(false).wrapIpv6(buf, off, len));
    }

    /**
     * Decodes only the fixed IPv6 header at {@code off}: everything after it (extension headers and
     * upper layer, up to the Payload Length) stays opaque bytes under the first Next Header value.
     * That is what a router forwards without examining (RFC 8200 §4), and it encodes back to the
     * same bytes.
     */
    public static Ipv6Packet decodeIpv6Header(byte[] buf, int off, int len) throws DecodeException {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        int end = PacketView.checkHeader(buf, off, len, true);
        int w = (int) u32(buf, off);
        int p = off + IPV6_HEADER_LENGTH;
        return new Ipv6Packet((w >>> 20) & 0xff, w & 0xfffff, u8(buf, off + 7), Ipv6Address.read(buf, off + 8),
                Ipv6Address.read(buf, off + 24), List.of(), new Payload.Opaque(u8(buf, off + 6), Bytes.copyOf(buf, p, end - p)));
    }

    // Records are read from a checked view: every length, option and checksum has been checked, so
    // the reads below only walk the structure again.

    static EthernetFrame frame(PacketView v) {
        byte[] buf = v.buffer();
        int off = v.frameOffset();
        MacAddress dst = MacAddress.read(buf, off);
        MacAddress src = MacAddress.read(buf, off + 6);
        if (v.isIpv6()) {
            return new EthernetFrame(dst, src, Wire.ETHERTYPE_IPV6, packet(v), null);
        }
        int p = off + ETHERNET_HEADER_LENGTH;
        return new EthernetFrame(dst, src, v.etherType(), null, Bytes.copyOf(buf, p, v.frameEnd() - p));
    }

    static Ipv6Packet packet(PacketView v) {
        byte[] buf = v.buffer();
        int off = v.ipv6Offset();
        int n = v.extensionHeaderCount();
        int nh = u8(buf, off + 6);
        int p = off + IPV6_HEADER_LENGTH;
        List<ExtensionHeader> headers;
        if (n <= 1) { // the common cases: no list to build
            headers = n == 0 ? List.of() : List.of(header(buf, nh, p, headerLength(buf, nh, p)));
        } else {
            ExtensionHeader[] hs = new ExtensionHeader[n];
            for (int i = 0; i < n; i++) {
                int hlen = headerLength(buf, nh, p);
                hs[i] = header(buf, nh, p, hlen);
                nh = u8(buf, p);
                p += hlen;
            }
            headers = List.of(hs);
        }
        int w = (int) u32(buf, off);
        return new Ipv6Packet((w >>> 20) & 0xff, w & 0xfffff, u8(buf, off + 7), Ipv6Address.read(buf, off + 8),
                Ipv6Address.read(buf, off + 24), headers, payload(v));
    }

    /** Length of the extension header at {@code p}: 8 for a Fragment header, else (Hdr Ext Len + 1) × 8 (RFC 8200 §4). */
    private static int headerLength(byte[] buf, int nh, int p) {
        return nh == Wire.FRAGMENT ? 8 : (u8(buf, p + 1) + 1) * 8;
    }

    private static ExtensionHeader header(byte[] buf, int nh, int p, int hlen) {
        return switch (nh) {
            case Wire.HOP_BY_HOP -> new HopByHopOptions(readOptions(buf, p, p + hlen));
            case Wire.DESTINATION_OPTIONS -> new DestinationOptions(readOptions(buf, p, p + hlen));
            case Wire.ROUTING -> u8(buf, p + 2) == 2
                    ? new Type2RoutingHeader(u8(buf, p + 3), Ipv6Address.read(buf, p + 8))
                    : new UnknownRoutingHeader(u8(buf, p + 2), u8(buf, p + 3), Bytes.copyOf(buf, p + 4, hlen - 4));
            case Wire.FRAGMENT -> {
                int fo = u16(buf, p + 2);
                yield new Fragment(fo >>> 3, (fo & 1) != 0, u32(buf, p + 4));
            }
            default -> throw new IllegalStateException("Next Header " + nh + " is not an extension header");
        };
    }

    private static List<Ipv6Option> readOptions(byte[] buf, int start, int end) {
        List<Ipv6Option> out = null;
        for (int p = start + 2; p < end; ) {
            int type = u8(buf, p);
            if (type == Ipv6Option.PAD1) {
                p++;
                continue;
            }
            int olen = u8(buf, p + 1);
            if (type != Ipv6Option.PADN) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(type == Ipv6Option.HOME_ADDRESS ? new Ipv6Option.HomeAddress(Ipv6Address.read(buf, p + 2))
                        : new Ipv6Option.UnknownOption(type, Bytes.copyOf(buf, p + 2, olen)));
            }
            p += 2 + olen;
        }
        return out == null ? List.of() : out.size() == 1 ? List.of(out.get(0)) : List.copyOf(out);
    }

    private static Payload payload(PacketView v) {
        byte[] buf = v.buffer();
        int nh = v.nextHeader();
        int p = v.payloadOffset();
        int len = v.payloadLength();
        if (v.isPayloadOpaque()) {
            return new Payload.Opaque(nh, Bytes.copyOf(buf, p, len));
        }
        switch (nh) {
            case Wire.MOBILITY:
                return new Payload.Mobility(MobilityHeaderCodec.decode(v));
            case Wire.ICMPV6:
                return new Payload.Icmpv6(Icmpv6Codec.decode(v));
            case Wire.UDP:
                return new Payload.Udp(u16(buf, p), u16(buf, p + 2), Bytes.copyOf(buf, p + 8, len - 8));
            case Wire.IPV6:
                return new Payload.Tunnel(packet(v.tunnelled()));
            case Wire.ESP:
                return new Payload.Esp(u32(buf, p), u32(buf, p + 4), Bytes.copyOf(buf, p + 8, len - 8));
            case Wire.NO_NEXT_HEADER:
                return new Payload.NoNextHeader();
            default:
                return new Payload.Opaque(nh, Bytes.copyOf(buf, p, len));
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

    /** An encoded IPv6 packet ({@code len} bytes at {@code off}) in a new Ethernet II frame from {@code source} to {@code destination}. */
    public static byte[] ethernetFrame(MacAddress destination, MacAddress source, byte[] packet, int off, int len) {
        byte[] frame = new byte[ETHERNET_HEADER_LENGTH + len];
        // the copy first: the compiler then zeroes only the header of the new array, which the copy does not fill
        System.arraycopy(packet, off, frame, ETHERNET_HEADER_LENGTH, len);
        destination.write(frame, 0);
        source.write(frame, 6);
        put16(frame, 12, Wire.ETHERTYPE_IPV6);
        return frame;
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
