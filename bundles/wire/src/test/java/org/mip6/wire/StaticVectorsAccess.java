package org.mip6.wire;

/** Lets tests in sub-packages read {@link StaticVectors}, and tag frames for VLANs. */
public final class StaticVectorsAccess {
    private StaticVectorsAccess() {
    }

    public static String hex(String name) {
        return StaticVectors.HEX.get(name);
    }

    /** An Ethernet frame with VLAN tags inserted after its MAC addresses: TPID, TCI pairs, outermost first. */
    public static byte[] tagged(byte[] frame, int... tpidAndTci) {
        byte[] b = new byte[frame.length + 2 * tpidAndTci.length];
        System.arraycopy(frame, 0, b, 0, 12);
        for (int k = 0; k < tpidAndTci.length; k++) {
            b[12 + 2 * k] = (byte) (tpidAndTci[k] >>> 8);
            b[13 + 2 * k] = (byte) tpidAndTci[k];
        }
        System.arraycopy(frame, 12, b, 12 + 2 * tpidAndTci.length, frame.length - 12);
        return b;
    }

    /**
     * An Ethernet frame from {@code src} to {@code dst} carrying a TCP segment (ports 30000 → 80, sequence 1, the
     * control bits {@code flags}, window 8192, no data), with a Home Address option holding {@code hoa} unless
     * null; its checksum computed as RFC 6275 §6.3 says (the home address as source), then XORed with {@code xor}.
     */
    public static byte[] tcpFrame(org.mip6.net.Ipv6Address src, org.mip6.net.Ipv6Address dst, org.mip6.net.Ipv6Address hoa,
                                  int flags, int xor) {
        byte[] tcp = new byte[20];
        Wire.put16(tcp, 0, 30000);
        Wire.put16(tcp, 2, 80);
        Wire.put32(tcp, 4, 1);
        tcp[12] = 0x50;
        tcp[13] = (byte) flags;
        Wire.put16(tcp, 14, 8192);
        Wire.put16(tcp, 16, Checksum.compute(hoa == null ? src : hoa, dst, Wire.TCP, tcp, 0, 20) ^ xor);
        Ipv6Packet p = new Ipv6Packet(0, 0, 64, src, dst,
                hoa == null ? java.util.List.of() : java.util.List.of(ExtensionHeader.DestinationOptions.homeAddress(hoa)),
                new Payload.Opaque(Wire.TCP, Bytes.of(tcp)));
        return PacketCodec.encodeEthernet(EthernetFrame.ipv6(org.mip6.net.MacAddress.parse("02:00:00:00:00:01"),
                org.mip6.net.MacAddress.parse("02:00:00:00:00:02"), p));
    }

    /**
     * An IPv6 packet as a Wi-Fi capture holds it: an 802.11 data frame (Frame Control {@code fc0}, {@code fc1}; a
     * fourth address when both DS bits are set, QoS Control for a QoS subtype), LLC/SNAP with EtherType 0x86DD,
     * behind an 8-octet radiotap header when {@code radiotap}.
     */
    /** An IPv6 packet in an Ethernet frame of PPPoE session 0x1234 (RFC 2516 §4), PPP protocol 0x0057 in two octets. */
    public static byte[] pppoe(byte[] ipv6) {
        byte[] f = new byte[14 + 8 + ipv6.length];
        f[0] = 2;
        f[6] = 2;
        f[12] = (byte) 0x88;
        f[13] = 0x64;
        f[14] = 0x11; // version 1, type 1; code 0: session data
        f[16] = 0x12;
        f[17] = 0x34;
        f[18] = (byte) ((2 + ipv6.length) >>> 8); // the PPP protocol and its payload
        f[19] = (byte) (2 + ipv6.length);
        f[21] = 0x57;
        System.arraycopy(ipv6, 0, f, 22, ipv6.length);
        return f;
    }

    public static byte[] wifi(byte[] ipv6, boolean radiotap, int fc0, int fc1) {
        int header = 24 + ((fc1 & 3) == 3 ? 6 : 0) + ((fc0 >>> 4 & 8) != 0 ? 2 : 0);
        int rt = radiotap ? 8 : 0;
        byte[] b = new byte[rt + header + 8 + ipv6.length];
        if (radiotap) {
            b[2] = 8; // it_version 0, it_len 8 (little-endian), nothing present
        }
        b[rt] = (byte) fc0;
        b[rt + 1] = (byte) fc1;
        for (int k = 4; k < 24; k++) {
            b[rt + k] = (byte) (k < 10 ? 0x02 : k < 16 ? 0x04 : k < 22 ? 0x06 : 0); // three addresses, sequence 0
        }
        int llc = rt + header;
        b[llc] = (byte) 0xaa;
        b[llc + 1] = (byte) 0xaa;
        b[llc + 2] = 3;
        b[llc + 6] = (byte) 0x86;
        b[llc + 7] = (byte) 0xdd;
        System.arraycopy(ipv6, 0, b, llc + 8, ipv6.length);
        return b;
    }

    /**
     * An Ethernet frame with an Authentication Header (RFC 4302) put before its upper layer, as transport-mode AH
     * goes (after a Home Address option's Destination Options header, RFC 6275 §6.3): SPI {@code spi}, sequence
     * {@code seq}, an ICV of {@code icvLength} bytes 0xA0, 0xA1, …; Payload Len as §2.2 counts it.
     */
    public static byte[] withAh(byte[] frame, long spi, long seq, int icvLength) throws DecodeException {
        PacketView v = new PacketView().verifyingChecksums(false).verifyingAlignment(false).wrapEthernet(frame, 0, frame.length);
        int length = 12 + icvLength;
        byte[] payload = new byte[length + v.payloadLength()];
        payload[0] = (byte) v.nextHeader();
        payload[1] = (byte) (length / 4 - 2);
        for (int k = 0; k < 4; k++) {
            payload[4 + k] = (byte) (spi >>> 24 - 8 * k);
            payload[8 + k] = (byte) (seq >>> 24 - 8 * k);
        }
        for (int k = 0; k < icvLength; k++) {
            payload[12 + k] = (byte) (0xa0 + k);
        }
        System.arraycopy(frame, v.payloadOffset(), payload, length, v.payloadLength());
        return v.withPayload(51, payload);
    }

    /**
     * MLD messages in Ethernet frames (from fe80::1, Hop Limit 1, a Router Alert): an MLDv2 Report with three
     * records (CHANGE_TO_EXCLUDE_MODE ff02::2; MODE_IS_INCLUDE ff02::1:ff00:1 from 2001:db8::a and ::b;
     * ALLOW_NEW_SOURCES ff3e::1234 from 2001:db8::c with one word of auxiliary data), an MLDv2 Query
     * (Maximum Response Code 0x8001, ff02::1:ff00:1, S, QRV 2, QQIC 125, source 2001:db8::a), an MLDv1 Query
     * (1000 ms, general), an MLDv1 Report and Done of ff02::1:ff00:1.
     */
    public static java.util.List<byte[]> mldFrames() {
        org.mip6.net.Ipv6Address g = org.mip6.net.Ipv6Address.parse("ff02::1:ff00:1");
        String a = "20010db800000000000000000000000a";
        String b = "20010db800000000000000000000000b";
        String c = "20010db800000000000000000000000c";
        String report = "00000003" + "04000000ff020000000000000000000000000002"
                + "01000002ff0200000000000000000001ff000001" + a + b
                + "05010001ff3e0000000000000000000000001234" + c + "deadbeef";
        String query2 = "80010000" + "ff0200000000000000000001ff000001" + "0a7d0001" + a; // S 1, QRV 2 in one byte
        return java.util.List.of(mld(143, report, org.mip6.net.Ipv6Address.parse("ff02::16")),
                mld(130, query2, g),
                mld(130, "03e80000" + "00000000000000000000000000000000", org.mip6.net.Ipv6Address.ALL_NODES),
                mld(131, "00000000ff0200000000000000000001ff000001", g),
                mld(132, "00000000ff0200000000000000000001ff000001", org.mip6.net.Ipv6Address.ALL_ROUTERS));
    }

    private static byte[] mld(int type, String bodyHex, org.mip6.net.Ipv6Address to) {
        Ipv6Packet p = new Ipv6Packet(0, 0, 1, org.mip6.net.Ipv6Address.parse("fe80::1"), to,
                java.util.List.of(new ExtensionHeader.HopByHopOptions(java.util.List.of(new Ipv6Option.UnknownOption(5, Bytes.of(new byte[2]))))),
                new Payload.Icmpv6(new org.mip6.wire.icmp.Icmpv6Message.UnknownIcmpv6(type, 0, Bytes.fromHex(bodyHex))));
        return PacketCodec.encodeEthernet(EthernetFrame.ipv6(org.mip6.net.MacAddress.ofMulticast(to),
                org.mip6.net.MacAddress.parse("02:00:00:00:00:01"), p));
    }
}
