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
}
