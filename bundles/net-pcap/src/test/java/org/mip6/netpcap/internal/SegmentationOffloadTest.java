package org.mip6.netpcap.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.wire.Checksum;
import org.mip6.wire.Wire;

/**
 * A TCP super-packet (TSO/GSO) cut into segments that fit the link, as a NIC cuts it: headers copied, lengths,
 * sequence numbers and flags set per segment, each checksum complete; whatever it does not cut, left alone.
 */
class SegmentationOffloadTest {

    static final Ipv6Address HOST = Ipv6Address.parse("2001:db8:1::99");
    static final Ipv6Address PEER = Ipv6Address.parse("2001:db8:4::99");
    static final Ipv6Address CARE_OF = Ipv6Address.parse("2001:db8:2::99");

    /**
     * An Ethernet frame from {@code src} to {@code dst}: IPv6, the given extension headers' bytes (their first
     * next header is TCP's or the next one's), a TCP header of 32 bytes (timestamps) with {@code flags},
     * sequence number {@code seq}, and {@code data}; the checksum the pseudo-header's sum alone, as a host
     * leaves it to its NIC.
     */
    static byte[] superPacket(Ipv6Address src, Ipv6Address dst, int firstNextHeader, byte[] ext, int flags, long seq,
                              byte[] data, Ipv6Address checksumSource) {
        int tcpLen = 32 + data.length;
        int len = ext.length + tcpLen;
        byte[] f = new byte[14 + 40 + len];
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        f[14] = 0x60;
        Wire.put16(f, 18, len);
        f[20] = (byte) firstNextHeader;
        f[21] = 64;
        src.write(f, 22);
        dst.write(f, 38);
        System.arraycopy(ext, 0, f, 54, ext.length);
        int t = 54 + ext.length;
        Wire.put16(f, t, 40_000);
        Wire.put16(f, t + 2, 5001);
        Wire.put32(f, t + 4, seq);
        Wire.put32(f, t + 8, 777);
        f[t + 12] = (byte) 0x80; // 8 words
        f[t + 13] = (byte) flags;
        Wire.put16(f, t + 14, 512);
        f[t + 20] = 1; // NOP, NOP, timestamps
        f[t + 21] = 1;
        f[t + 22] = 8;
        f[t + 23] = 10;
        Wire.put32(f, t + 24, 0x01020304L);
        Wire.put32(f, t + 28, 0x05060708L);
        System.arraycopy(data, 0, f, t + 32, data.length);
        Wire.put16(f, t + 16, Checksum.leftToNic(checksumSource, dst, tcpLen, Wire.TCP));
        return f;
    }

    static byte[] data(int n) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (i * 31 + 7);
        }
        return d;
    }

    @Test
    void aSuperPacketIsCutIntoSegmentsThatFitTheLink() {
        byte[] data = data(5000);
        long seq = 0xffff_f000L; // the data crosses 2^32: sequence numbers wrap
        byte[] f = superPacket(HOST, PEER, Wire.TCP, new byte[0], 0x80 | 0x10 | 0x08 | 0x01, seq, data, HOST); // CWR ACK PSH FIN
        List<byte[]> s = SegmentationOffload.segment(f, 1500);
        int mss = 1500 - 40 - 32;
        assertEquals(4, s.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int k = 0; k < s.size(); k++) {
            byte[] g = s.get(k);
            int n = Math.min(mss, data.length - k * mss);
            assertEquals(14 + 40 + 32 + n, g.length);
            assertTrue(g.length - 14 <= 1500);
            assertArrayEquals(java.util.Arrays.copyOfRange(f, 0, 18), java.util.Arrays.copyOfRange(g, 0, 18));
            assertEquals(32 + n, Wire.u16(g, 18), "Payload Length");
            assertArrayEquals(java.util.Arrays.copyOfRange(f, 20, 54 + 4), java.util.Arrays.copyOfRange(g, 20, 54 + 4),
                    "addresses and ports");
            assertEquals(seq + (long) k * mss & 0xffff_ffffL, Wire.u32(g, 58), "sequence number");
            int flags = g[54 + 13] & 0xff;
            assertEquals(0x10, flags & 0x10, "ACK on every segment");
            assertEquals(k == 0 ? 0x80 : 0, flags & 0x80, "CWR on the first only");
            assertEquals(k == 3 ? 0x09 : 0, flags & 0x09, "FIN and PSH on the last only");
            assertArrayEquals(java.util.Arrays.copyOfRange(f, 54 + 14, 54 + 16), java.util.Arrays.copyOfRange(g, 54 + 14, 54 + 16));
            assertArrayEquals(java.util.Arrays.copyOfRange(f, 54 + 18, 54 + 32), java.util.Arrays.copyOfRange(g, 54 + 18, 54 + 32),
                    "urgent pointer and options");
            assertTrue(Checksum.verify(g, 22, 38, Wire.TCP, g, 54, 32 + n), "segment " + k + "'s checksum");
            joined.write(g, 54 + 32, n);
        }
        assertArrayEquals(data, joined.toByteArray());
    }

    /** A mobile node's TCP with a Home Address option (RFC 6275 §6.3): its checksum is the home address's. */
    @Test
    void extensionHeadersAreCopiedAndAHomeAddressIsTheChecksumsSource() {
        byte[] dstOpts = new byte[24];
        dstOpts[0] = (byte) Wire.TCP;
        dstOpts[1] = 2; // 24 bytes
        dstOpts[2] = 1; // PadN of 4
        dstOpts[3] = 2;
        dstOpts[6] = (byte) 201; // Home Address option
        dstOpts[7] = 16;
        HOST.write(dstOpts, 8);
        byte[] data = data(3000);
        byte[] f = superPacket(CARE_OF, PEER, 60, dstOpts, 0x18, 1, data, HOST);
        List<byte[]> s = SegmentationOffload.segment(f, 1280);
        int mss = 1280 - 40 - 24 - 32;
        assertEquals(3, s.size());
        for (int k = 0; k < s.size(); k++) {
            byte[] g = s.get(k);
            int n = Math.min(mss, data.length - k * mss);
            assertEquals(24 + 32 + n, Wire.u16(g, 18));
            assertArrayEquals(dstOpts, java.util.Arrays.copyOfRange(g, 54, 78));
            assertTrue(Checksum.verify(g, 62, 38, Wire.TCP, g, 78, 32 + n), "with the home address: segment " + k);
            assertEquals(1 + (long) k * mss, Wire.u32(g, 78 + 4));
        }
    }

    @Test
    void whatIsNotACuttableTcpSuperPacketIsLeftAlone() {
        assertNull(SegmentationOffload.segment(superPacket(HOST, PEER, Wire.TCP, new byte[0], 0x10, 1, data(1000), HOST), 1500),
                "its data fits already");
        assertNull(SegmentationOffload.segment(superPacket(HOST, PEER, Wire.TCP, new byte[0], 0x30, 1, data(5000), HOST), 1500),
                "URG");
        byte[] udp = superPacket(HOST, PEER, Wire.TCP, new byte[0], 0x10, 1, data(5000), HOST);
        udp[20] = (byte) Wire.UDP;
        assertNull(SegmentationOffload.segment(udp, 1500), "UDP: the segment size is not in the capture");
        byte[] shortHeader = superPacket(HOST, PEER, Wire.TCP, new byte[0], 0x10, 1, data(5000), HOST);
        shortHeader[54 + 12] = 0x40; // 16 bytes: below TCP's least
        assertNull(SegmentationOffload.segment(shortHeader, 1500));
        assertNull(SegmentationOffload.segment(new byte[3000], 1500), "not IPv6");
        byte[] truncated = java.util.Arrays.copyOf(superPacket(HOST, PEER, Wire.TCP, new byte[0], 0x10, 1, data(5000), HOST), 2000);
        assertNull(SegmentationOffload.segment(truncated, 1500), "shorter than its Payload Length says");
    }
}
