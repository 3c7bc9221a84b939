package org.mip6.wire;

import static org.mip6.wire.Wire.u16;
import static org.mip6.wire.Wire.u32;
import static org.mip6.wire.Wire.u64;
import static org.mip6.wire.Wire.u8;

import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.icmp.Icmpv6Codec;
import org.mip6.wire.mh.MobilityHeaderCodec;

/**
 * A checked, non-allocating view of one frame or IPv6 packet in the caller's buffer: the flyweight
 * next to the records (smoltcp's {@code Packet}/{@code Repr} split). {@code wrap…} makes every check
 * {@link PacketCodec}'s decode makes — the decoder is this view followed by {@link #toPacket()} — and
 * remembers where each part starts; accessors read fields from the buffer.
 *
 * <p>A view is reused across packets (each wrap starts afresh; after a failed wrap it is empty and
 * its accessors throw {@link IllegalStateException}). It is not thread-safe and is valid only while
 * the buffer is unchanged. Offsets are absolute indexes into the buffer. A range outside the buffer
 * is the caller's error ({@link IndexOutOfBoundsException}); anything inside it that is not a valid
 * packet is a {@link DecodeException}.
 */
public final class PacketView {

    private byte[] buf;
    private boolean valid;
    private int frameStart;
    private int frameEnd;
    private int etherType;
    private int ipStart;
    private int ipEnd;
    private int depth;
    private int extensionHeaders;
    private int homeAddressAt;
    private int routingHeaderAt;
    private int finalDestinationAt;
    private int payloadNextHeader;
    private int payloadNextHeaderAt;
    private int payloadAt;
    /** Where the payload ends: the packet's end, or a Mobility Header's own end (RFC 8200 §4.7). */
    private int payloadEnd;
    private boolean fragment;
    /** The payload is not checked: a fragment's, or what follows a header where the destination stops ({@link #isPayloadOpaque}). */
    private boolean opaque;
    private int unrecognizedOptionAt;
    private int unrecognizedRoutingAt;
    private PacketView inner; // the tunnelled packet's view, kept for reuse
    private boolean tunnel;
    /** Whether upper-layer checksums are verified (always, but in an analyser's view). */
    private boolean checksums = true;
    /** Whether options must sit at their alignment (always, but in an analyser's view). */
    private boolean alignment = true;

    // ==========================================================================================
    // Wrap (all checks of PacketCodec.decode…)

    /** Checks an Ethernet II frame (no FCS); bytes after the IPv6 packet (Ethernet padding) are ignored. */
    /**
     * An analyser's view ({@code mip6:decode}): with {@code false}, upper-layer checksums (Mobility
     * Header, ICMPv6, UDP) are not verified, so a capture from a host with checksum offload still shows
     * its fields; a receiving node never turns this off (RFC 6275 §9.2: silent discard).
     */
    public PacketView verifyingChecksums(boolean on) {
        this.checksums = on;
        return this;
    }

    /**
     * An analyser's view: with {@code false}, a Home Address option or mobility option off its alignment
     * (RFC 6275 §6.2, §6.3) is accepted, as tcpdump and Wireshark show one (test captures hold such
     * frames); a receiving node never turns this off.
     */
    public PacketView verifyingAlignment(boolean on) {
        this.alignment = on;
        return this;
    }

    public PacketView wrapEthernet(byte[] buf, int off, int len) throws DecodeException {
        Objects.checkFromIndexSize(off, len, buf.length); // the caller's range, not the packet's lengths
        reset(buf);
        int end = off + len;
        Wire.need(off, PacketCodec.ETHERNET_HEADER_LENGTH, end, "Ethernet header");
        frameStart = off;
        frameEnd = end;
        etherType = u16(buf, off + 12);
        if (etherType == Wire.ETHERTYPE_IPV6) {
            int p = off + PacketCodec.ETHERNET_HEADER_LENGTH;
            ipv6(buf, p, end - p, true, 0);
        }
        valid = true;
        return this;
    }

    /** Checks an IPv6 packet at {@code off}; bytes after its Payload Length are ignored. */
    public PacketView wrapIpv6(byte[] buf, int off, int len) throws DecodeException {
        Objects.checkFromIndexSize(off, len, buf.length);
        reset(buf);
        ipv6(buf, off, len, true, 0);
        valid = true;
        return this;
    }

    private void reset(byte[] b) {
        if (buf != b) { // as Agrona's wrap: no reference store, so no GC write barrier, for a reused buffer
            buf = b;
        }
        valid = false;
        frameStart = -1;
        frameEnd = -1;
        etherType = -1;
        ipStart = -1;
        extensionHeaders = 0;
        homeAddressAt = -1;
        routingHeaderAt = -1;
        unrecognizedOptionAt = -1;
        unrecognizedRoutingAt = -1;
        fragment = false;
        opaque = false;
        tunnel = false;
        // ipEnd, depth, finalDestinationAt and the payload fields: every wrap that succeeds writes them
    }

    private void ipv6(byte[] buf, int off, int len, boolean trailerAllowed, int depth) throws DecodeException {
        int pend = checkHeader(buf, off, len, trailerAllowed);
        ipStart = off;
        ipEnd = pend;
        this.depth = depth;
        finalDestinationAt = off + 24;
        try {
            chain(buf, off, pend);
        } catch (DecodeException e) {
            throw e.inPacket(off, -1);
        }
    }

    /** Checks the fixed IPv6 header (version, Payload Length) and returns where the packet ends. */
    static int checkHeader(byte[] buf, int off, int len, boolean trailerAllowed) throws DecodeException {
        int end = off + len;
        Wire.need(off, PacketCodec.IPV6_HEADER_LENGTH, end, "IPv6 header");
        int version = u8(buf, off) >>> 4;
        if (version != 6) {
            throw new DecodeException(DecodeReason.BAD_VERSION, off, "IP version " + version + ", expected 6")
                    .inPacket(off, -1);
        }
        int payloadLength = u16(buf, off + 4);
        int pend = off + PacketCodec.IPV6_HEADER_LENGTH + payloadLength;
        if (pend > end) {
            throw new DecodeException(DecodeReason.TRUNCATED, end, "IPv6 Payload Length " + payloadLength
                    + " but only " + (end - off - PacketCodec.IPV6_HEADER_LENGTH) + " bytes follow the header")
                    .inPacket(off, -1);
        }
        if (!trailerAllowed && pend != end) {
            throw new DecodeException(DecodeReason.BAD_LENGTH, off + 4, "inner IPv6 Payload Length " + payloadLength
                    + " leaves " + (end - pend) + " bytes of the tunnel payload unused").inPacket(off, -1);
        }
        return pend;
    }

    // The walk keeps its methods small enough for the JIT to inline (FreqInlineSize), so error
    // details are built in the cold methods at the end of this section.

    private void chain(byte[] buf, int off, int end) throws DecodeException {
        int nhAt = off + 6;
        int nh = u8(buf, nhAt);
        int p = off + PacketCodec.IPV6_HEADER_LENGTH;
        while (true) {
            int hlen;
            if (nh == Wire.HOP_BY_HOP || nh == Wire.DESTINATION_OPTIONS) {
                if (nh == Wire.HOP_BY_HOP && extensionHeaders > 0) {
                    throw hopByHopNotFirst(p).inPacket(off, nhAt);
                }
                hlen = optionsHeader(buf, p, end, nh == Wire.DESTINATION_OPTIONS);
                if (checksums && unrecognizedOptionAt >= p) {
                    // RFC 8200 §4.2: an option the destination does not know says to discard the packet
                    // (and maybe answer): it processes nothing after this header
                    opaque(buf, p, p + hlen, end);
                    return;
                }
            } else if (nh == Wire.ROUTING) {
                hlen = routingHeader(buf, p, end);
                if (checksums && unrecognizedRoutingAt == p) {
                    // RFC 8200 §4.4: the destination discards the packet here (Parameter Problem), and what
                    // follows is for the final destination, whose address only the Routing Type's rules
                    // give (§8.1's pseudo-header): kept opaque, its upper layer unchecked
                    opaque(buf, p, p + hlen, end);
                    return;
                }
            } else if (nh == Wire.FRAGMENT) {
                Wire.need(p, 8, end, "Fragment header");
                hlen = 8;
                int fo = u16(buf, p + 2);
                if ((fo >>> 3) != 0 || (fo & 1) != 0) { // offset or M: a fragment, kept opaque (no reassembly)
                    fragment = true;
                    opaque(buf, p, p + 8, end);
                    return;
                }
            } else {
                payload(buf, nh, nhAt, p, end);
                return;
            }
            extensionHeaders++;
            nhAt = p;
            nh = u8(buf, p);
            p += hlen;
        }
    }

    /** The header at {@code header} is the last one examined; from {@code payload} on, the packet is opaque. */
    private void opaque(byte[] buf, int header, int payload, int end) {
        extensionHeaders++;
        opaque = true;
        payloadNextHeader = u8(buf, header);
        payloadNextHeaderAt = header;
        payloadAt = payload;
        payloadEnd = end;
    }

    private int optionsHeader(byte[] buf, int p, int end, boolean destination) throws DecodeException {
        Wire.need(p, 8, end, destination ? "Destination Options header" : "Hop-by-Hop Options header");
        int hlen = (u8(buf, p + 1) + 1) * 8;
        if (p + hlen > end) {
            Wire.need(p, hlen, end, "options header of Hdr Ext Len " + u8(buf, p + 1));
        }
        int hao = checkOptions(buf, p, p + hlen, destination);
        if (hao >= 0) {
            homeAddressAt = hao;
        }
        return hlen;
    }

    private int routingHeader(byte[] buf, int p, int end) throws DecodeException {
        Wire.need(p, 8, end, "Routing header");
        int hdrExtLen = u8(buf, p + 1);
        int hlen = (hdrExtLen + 1) * 8;
        if (u8(buf, p + 2) == 2) {
            int segLeft = u8(buf, p + 3);
            if (hdrExtLen != 2 || segLeft > 1) {
                throw badType2RoutingHeader(p, hdrExtLen, segLeft);
            }
            Wire.need(p, hlen, end, "Type 2 Routing Header");
            routingHeaderAt = p;
            if (segLeft == 1) {
                finalDestinationAt = p + 8;
            }
        } else {
            if (p + hlen > end) {
                Wire.need(p, hlen, end, "Routing header of Hdr Ext Len " + hdrExtLen);
            }
            if (u8(buf, p + 3) > 0 && unrecognizedRoutingAt < 0) {
                unrecognizedRoutingAt = p; // RFC 8200 §4.4: the destination must refuse it
            }
        }
        return hlen;
    }

    /**
     * Checks the options of a Hop-by-Hop or Destination Options header and returns the HAO's address
     * offset or -1; on the way, notes the first option a destination must act on (RFC 8200 §4.2).
     */
    private int checkOptions(byte[] buf, int start, int end, boolean destination) throws DecodeException {
        int p = start + 2;
        int hao = -1;
        while (p < end) {
            int type = u8(buf, p);
            if (type == Ipv6Option.PAD1) {
                p++;
                continue;
            }
            if (p + 2 > end || p + 2 + u8(buf, p + 1) > end) {
                throw optionOverrun(buf, p, end);
            }
            int olen = u8(buf, p + 1);
            if (type >= 0x40 && type != Ipv6Option.HOME_ADDRESS && unrecognizedOptionAt < 0) {
                unrecognizedOptionAt = p; // action bits 01, 10 or 11; Pad1, PadN and every 00 option are skipped
            }
            if (type == Ipv6Option.HOME_ADDRESS) {
                if (!destination || olen != 16 || alignment && ((p - start) & 7) != 6 || !isUnicast(buf, p + 2) || hao >= 0) {
                    throw badHomeAddressOption(buf, start, p, destination, alignment);
                }
                hao = p + 2;
            }
            p += 2 + olen;
        }
        return hao;
    }

    private static DecodeException hopByHopNotFirst(int p) {
        return new DecodeException(DecodeReason.BAD_EXTENSION_HEADER, p,
                "Hop-by-Hop Options header not immediately after the IPv6 header (RFC 8200 §4.1)");
    }

    private static DecodeException badType2RoutingHeader(int p, int hdrExtLen, int segLeft) {
        if (hdrExtLen != 2) {
            return new DecodeException(DecodeReason.BAD_ROUTING_HEADER, p + 1,
                    "Type 2 Routing Header with Hdr Ext Len " + hdrExtLen + ", must be 2 (RFC 6275 §6.4)");
        }
        return new DecodeException(DecodeReason.BAD_ROUTING_HEADER, p + 3,
                "Type 2 Routing Header with Segments Left " + segLeft + ", must be 1 (RFC 6275 §6.4)");
    }

    private static DecodeException optionOverrun(byte[] buf, int p, int end) {
        int type = u8(buf, p);
        if (p + 2 > end) {
            return new DecodeException(DecodeReason.BAD_OPTION_LENGTH, p,
                    "option type " + type + " has no room for its length before the end of the header");
        }
        int olen = u8(buf, p + 1);
        return new DecodeException(DecodeReason.BAD_OPTION_LENGTH, p + 1, "option type " + type + " of length "
                + olen + " overruns its header by " + (p + 2 + olen - end) + " bytes");
    }

    private static DecodeException badHomeAddressOption(byte[] buf, int start, int p, boolean destination,
                                                        boolean alignment) {
        int olen = u8(buf, p + 1);
        if (!destination) {
            return new DecodeException(DecodeReason.BAD_EXTENSION_HEADER, p,
                    "Home Address option in a Hop-by-Hop header (RFC 6275 §6.3: Destination Options only)");
        }
        if (olen != 16) {
            return new DecodeException(DecodeReason.BAD_OPTION_LENGTH, p + 1,
                    "Home Address option of length " + olen + ", must be 16 (RFC 6275 §6.3)");
        }
        if (alignment && (p - start) % 8 != 6) {
            return new DecodeException(DecodeReason.BAD_OPTION_ALIGNMENT, p, "Home Address option at offset "
                    + (p - start) + " of its header, must be at 8n+6 (RFC 6275 §6.3)");
        }
        if (!isUnicast(buf, p + 2)) {
            return new DecodeException(DecodeReason.BAD_FIELD, p + 2, "Home Address option holds "
                    + Ipv6Address.read(buf, p + 2) + ", not a unicast address (RFC 6275 §6.3)");
        }
        return new DecodeException(DecodeReason.DUPLICATE_OPTION, p, "second Home Address option");
    }

    /** Not multicast, unspecified or loopback. */
    private static boolean isUnicast(byte[] buf, int at) {
        return u8(buf, at) != 0xff && (u64(buf, at) != 0 || (u64(buf, at + 8) & ~1L) != 0);
    }

    private void payload(byte[] buf, int nh, int nhAt, int p, int end) throws DecodeException {
        payloadNextHeader = nh;
        payloadNextHeaderAt = nhAt;
        payloadAt = p;
        payloadEnd = end;
        int len = end - p;
        switch (nh) {
            case Wire.MOBILITY -> {
                // RFC 6275 §9.2: the checksum is checked first (silent discard), then Payload Proto and Header Len
                Wire.need(p, 6, end, "Mobility Header");
                // Payload Proto 59: octets after the header's Header Len are ignored (RFC 8200 §4.7), and
                // the checksum covers the Mobility Header alone (RFC 6275 §6.1.1)
                int all = len;
                len = Math.min(len, MobilityHeaderCodec.headerLength(buf, p));
                payloadEnd = p + len;
                if (len == all || !checksums || !verifies(buf, nh, p, all)) {
                    verify(buf, nh, p, len, MobilityHeaderCodec.CHECKSUM_OFFSET);
                } // else a checksum over every octet after the extension headers, as Linux's raw sockets verify one
                  // and Scapy computes one: a Header Len below what was sent then gets its Parameter Problem
                MobilityHeaderCodec.check(buf, p, len, alignment);
            }
            case Wire.ICMPV6 -> {
                Wire.need(p, 4, end, "ICMPv6 header");
                verify(buf, nh, p, len, Icmpv6Codec.CHECKSUM_OFFSET);
                Icmpv6Codec.check(buf, p, len);
            }
            case Wire.UDP -> {
                Wire.need(p, 8, end, "UDP header");
                if (u16(buf, p + 4) != len || checksums && u16(buf, p + 6) == 0) {
                    throw badUdp(buf, p, len);
                }
                verify(buf, nh, p, len, 6);
            }
            case Wire.IPV6 -> tunnel(buf, p, len);
            case Wire.ESP -> Wire.need(p, 8, end, "ESP header");
            default -> {
            }
        }
    }

    private void tunnel(byte[] buf, int p, int len) throws DecodeException {
        if (depth >= PacketCodec.MAX_TUNNEL_DEPTH) {
            throw new DecodeException(DecodeReason.BAD_FIELD, p,
                    "IPv6-in-IPv6 nested deeper than " + PacketCodec.MAX_TUNNEL_DEPTH);
        }
        if (inner == null) {
            inner = new PacketView();
        }
        inner.reset(buf);
        inner.checksums = checksums;
        inner.alignment = alignment;
        inner.ipv6(buf, p, len, false, depth + 1);
        inner.valid = true;
        tunnel = true;
    }

    /** Verifies an upper-layer checksum with the RFC 6275 pseudo-header (HAO source, RH2 final destination). */
    private void verify(byte[] buf, int nh, int p, int len, int checksumOffset) throws DecodeException {
        if (!checksums) {
            return;
        }
        if (!verifies(buf, nh, p, len)) {
            throw badChecksum(buf, nh, p + checksumOffset, effectiveSourceAt(), finalDestinationAt);
        }
    }

    /** Whether {@code len} octets at {@code p} verify under the RFC 6275 pseudo-header (HAO source, RH2 final destination). */
    private boolean verifies(byte[] buf, int nh, int p, int len) {
        return Checksum.verify(buf, effectiveSourceAt(), finalDestinationAt, nh, buf, p, len);
    }

    private static DecodeException badUdp(byte[] buf, int p, int len) {
        int ulen = u16(buf, p + 4);
        if (ulen != len) {
            return new DecodeException(DecodeReason.BAD_LENGTH, p + 4,
                    "UDP length " + ulen + " but " + len + " bytes remain in the IPv6 payload");
        }
        return new DecodeException(DecodeReason.BAD_CHECKSUM, p + 6,
                "UDP checksum zero is not allowed over IPv6 (RFC 8200 §8.1)");
    }

    private static DecodeException badChecksum(byte[] buf, int nh, int checksumAt, int srcAt, int dstAt) {
        String what = nh == Wire.MOBILITY ? "Mobility Header" : nh == Wire.ICMPV6 ? "ICMPv6" : "UDP";
        return new DecodeException(DecodeReason.BAD_CHECKSUM, checksumAt, what + " checksum 0x"
                + Integer.toHexString(u16(buf, checksumAt)) + " does not verify (pseudo-header "
                + Ipv6Address.read(buf, srcAt) + " -> " + Ipv6Address.read(buf, dstAt) + ")");
    }

    // ==========================================================================================
    // Accessors

    private void requireValid() {
        if (!valid) {
            throw new IllegalStateException("no packet: the view was never wrapped or its last wrap failed");
        }
    }

    public byte[] buffer() {
        requireValid();
        return buf;
    }

    /** Start of the Ethernet header, or -1 when the view wraps a bare IPv6 packet. */
    public int frameOffset() {
        requireValid();
        return frameStart;
    }

    /** The EtherType, or -1 when the view wraps a bare IPv6 packet. */
    public int etherType() {
        requireValid();
        return etherType;
    }

    /** True unless this is an Ethernet frame of another EtherType. */
    public boolean isIpv6() {
        requireValid();
        return ipStart >= 0;
    }

    private void requireIpv6() {
        requireValid();
        if (ipStart < 0) {
            throw new IllegalStateException("EtherType 0x" + Integer.toHexString(etherType) + " frame: no IPv6 packet");
        }
    }

    public int ipv6Offset() {
        requireIpv6();
        return ipStart;
    }

    /** End of the IPv6 packet (its Payload Length); Ethernet padding after it is not part of it. */
    public int ipv6End() {
        requireIpv6();
        return ipEnd;
    }

    public int trafficClass() {
        requireIpv6();
        return (int) (u32(buf, ipStart) >>> 20) & 0xff;
    }

    public int flowLabel() {
        requireIpv6();
        return (int) u32(buf, ipStart) & 0xfffff;
    }

    public int hopLimit() {
        requireIpv6();
        return u8(buf, ipStart + 7);
    }

    public int sourceOffset() {
        requireIpv6();
        return ipStart + 8;
    }

    public int destinationOffset() {
        requireIpv6();
        return ipStart + 24;
    }

    /** The IPv6 Source Address (allocates). */
    public Ipv6Address source() {
        return Ipv6Address.read(buf, sourceOffset());
    }

    /** The IPv6 Destination Address (allocates). */
    public Ipv6Address destination() {
        return Ipv6Address.read(buf, destinationOffset());
    }

    /** Offset of the Home Address option's address (RFC 6275 §6.3), or -1. */
    public int homeAddressOffset() {
        requireIpv6();
        return homeAddressAt;
    }

    /** Offset of the Type 2 Routing Header (RFC 6275 §6.4), or -1. */
    public int type2RoutingHeaderOffset() {
        requireIpv6();
        return routingHeaderAt;
    }

    /**
     * Offset of the first option, in header order, that is not Pad1, PadN or a Home Address option and
     * whose two high-order type bits ask the destination to act (01: discard; 10, 11: discard and send a
     * Parameter Problem, RFC 8200 §4.2), or -1.
     */
    public int unrecognizedOptionOffset() {
        requireIpv6();
        return unrecognizedOptionAt;
    }

    /** Offset of the first Routing header of a type other than 2 with Segments Left above zero (RFC 8200 §4.4), or -1. */
    public int unrecognizedRoutingHeaderOffset() {
        requireIpv6();
        return unrecognizedRoutingAt;
    }

    /** Offset of the source the upper layer sees: the home address when a Home Address option is present. */
    public int effectiveSourceOffset() {
        requireIpv6();
        return effectiveSourceAt();
    }

    private int effectiveSourceAt() {
        return homeAddressAt >= 0 ? homeAddressAt : ipStart + 8;
    }

    /** Offset of the final destination: the Type 2 Routing Header's address while Segments Left is 1. */
    public int finalDestinationOffset() {
        requireIpv6();
        return finalDestinationAt;
    }

    /** Extension headers before the payload (a fragment's Fragment header included). */
    public int extensionHeaderCount() {
        requireIpv6();
        return extensionHeaders;
    }

    /** Protocol of the payload (the last Next Header value): 135 Mobility, 58 ICMPv6, 41 IPv6, .... */
    public int nextHeader() {
        requireIpv6();
        return payloadNextHeader;
    }

    /** Offset of the Next Header field that names the payload (for an ICMPv6 Parameter Problem pointer). */
    public int nextHeaderFieldOffset() {
        requireIpv6();
        return payloadNextHeaderAt;
    }

    public int payloadOffset() {
        requireIpv6();
        return payloadAt;
    }

    /**
     * The payload's length: to the packet's end, but a Mobility Header's is its own (Header Len): octets
     * after it are ignored, as after any header whose Next Header is 59 (RFC 8200 §4.7).
     */
    public int payloadLength() {
        requireIpv6();
        return payloadEnd - payloadAt;
    }

    /**
     * A new Ethernet frame carrying this packet with {@code payload} of protocol {@code nextHeader} in place of
     * its own: the Ethernet header the buffer begins with (a view of a tunnelled packet has none of its own),
     * this packet's IPv6 header and extension headers with the Next Header naming the payload and the Payload
     * Length patched, then {@code payload}. What a node receives once ESP is opened (RFC 4303 §3.4.4); the
     * packet outside a tunnel is left out.
     */
    public byte[] withPayload(int nextHeader, byte[] payload) {
        requireIpv6();
        int ip = ipv6Offset();
        int headers = payloadAt - ip;
        int eth = PacketCodec.ETHERNET_HEADER_LENGTH;
        byte[] f = new byte[eth + headers + payload.length];
        System.arraycopy(buf, Math.max(0, frameStart), f, 0, eth);
        System.arraycopy(buf, ip, f, eth, headers);
        System.arraycopy(payload, 0, f, eth + headers, payload.length);
        f[eth + payloadNextHeaderAt - ip] = (byte) nextHeader;
        int length = headers - PacketCodec.IPV6_HEADER_LENGTH + payload.length;
        f[eth + 4] = (byte) (length >>> 8);
        f[eth + 5] = (byte) length;
        return f;
    }

    /** True for a fragment other than an atomic one: its payload is kept opaque, never checked or reassembled. */
    public boolean isFragment() {
        requireIpv6();
        return fragment;
    }

    /**
     * True when the payload was not checked: a fragment's ({@link #isFragment}), or, in a receiver's view,
     * what follows the header where the destination stops processing the packet — a Routing header of a
     * type other than 2 with Segments Left above zero ({@link #unrecognizedRoutingHeaderOffset}, RFC 8200
     * §4.4), or an options header holding an option whose type says to discard the packet
     * ({@link #unrecognizedOptionOffset}, §4.2). An analyser's view ({@code verifyingChecksums(false)}) walks
     * on past them.
     */
    public boolean isPayloadOpaque() {
        requireIpv6();
        return opaque;
    }

    /** The tunnelled packet of an IPv6-in-IPv6 payload (a view owned by this one), or null. */
    public PacketView tunnelled() {
        requireIpv6();
        return tunnel ? inner : null;
    }

    private boolean carries(int protocol) {
        requireIpv6();
        return !opaque && payloadNextHeader == protocol;
    }

    /** MH Type of a Mobility Header payload, or -1. */
    public int mobilityType() {
        return carries(Wire.MOBILITY) ? u8(buf, payloadAt + 2) : -1;
    }

    /** ICMPv6 Type of an ICMPv6 payload, or -1. */
    public int icmpv6Type() {
        return carries(Wire.ICMPV6) ? u8(buf, payloadAt) : -1;
    }

    /** ICMPv6 Code of an ICMPv6 payload, or -1. */
    public int icmpv6Code() {
        return carries(Wire.ICMPV6) ? u8(buf, payloadAt + 1) : -1;
    }

    // ==========================================================================================
    // Records

    /** The frame as records; the same value {@link PacketCodec#decodeEthernet} returns. */
    public EthernetFrame toFrame() {
        requireValid();
        if (frameStart < 0) {
            throw new IllegalStateException("the view wraps a bare IPv6 packet, not a frame");
        }
        return PacketCodec.frame(this);
    }

    /** The IPv6 packet as records; the same value {@link PacketCodec#decodeIpv6} returns. */
    public Ipv6Packet toPacket() {
        requireIpv6();
        return PacketCodec.packet(this);
    }

    int frameEnd() {
        return frameEnd;
    }

    @Override
    public String toString() {
        if (!valid) {
            return "PacketView[empty]";
        }
        if (ipStart < 0) {
            return "PacketView[EtherType 0x" + Integer.toHexString(etherType) + "]";
        }
        return "PacketView[" + source() + " -> " + destination() + ", next header " + payloadNextHeader
                + (tunnel ? ", tunnel " + inner : "") + "]";
    }
}
