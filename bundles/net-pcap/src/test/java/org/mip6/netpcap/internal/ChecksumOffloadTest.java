package org.mip6.netpcap.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Checksums left to the NIC, with the values of tcpdump's captures of such senders (quic_handshake.pcap: UDP on
 * loopback, 0x04cb; gso-ipv6.pcap: TCP, 0xac4e); the checksums written are computed here independently (Python).
 */
class ChecksumOffloadTest {

    /** An Ethernet frame: IPv6 from {@code src} to {@code dst} (last bytes given), next header {@code nh}, {@code len} bytes of it. */
    static byte[] frame(byte[] prefix, int srcLow, int dstLow, int nh, int len) {
        byte[] f = new byte[14 + 40 + len];
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        f[14] = 0x60;
        f[18] = (byte) (len >>> 8);
        f[19] = (byte) len;
        f[20] = (byte) nh;
        f[21] = 64;
        System.arraycopy(prefix, 0, f, 22, prefix.length);
        f[37] = (byte) srcLow;
        System.arraycopy(prefix, 0, f, 38, prefix.length);
        f[53] = (byte) dstLow;
        return f;
    }

    @Test
    void aUdpChecksumLeftToTheNicIsWritten() {
        byte[] f = frame(new byte[0], 1, 1, 17, 1208); // ::1 → ::1
        f[54] = (byte) 0xc5; // 50606 → 443, length 1208
        f[55] = (byte) 0xae;
        f[56] = 1;
        f[57] = (byte) 0xbb;
        f[58] = (byte) (1208 >>> 8);
        f[59] = (byte) 1208;
        f[60] = 0x04; // the pseudo-header's sum alone
        f[61] = (byte) 0xcb;
        assertTrue(ChecksumOffload.complete(f));
        assertEquals(0x2f13, (f[60] & 0xff) << 8 | f[61] & 0xff);
        byte[] done = f.clone();
        assertFalse(ChecksumOffload.complete(f), "a good checksum is left as it is");
        assertArrayEquals(done, f);
    }

    @Test
    void aTcpChecksumLeftToTheNicIsWrittenAndAnyOtherBadOneIsLeft() {
        byte[] prefix = {0x26, 0x04, 0x13, (byte) 0x80, 0x40, (byte) 0x91, (byte) 0xce, 0x00};
        byte[] f = frame(prefix, 0x0b, 0x0d, 6, 7172);
        f[54 + 12] = 0x50;
        f[54 + 13] = 0x18;
        f[54 + 16] = (byte) 0xac;
        f[54 + 17] = 0x4e;
        byte[] wrong = f.clone();
        wrong[54 + 17] = 0x4d; // neither right nor the pseudo-header's sum: the node refuses it, as a NIC would not mend it
        assertTrue(ChecksumOffload.complete(f));
        assertEquals(0x0399, (f[54 + 16] & 0xff) << 8 | f[54 + 17] & 0xff);
        byte[] before = wrong.clone();
        assertFalse(ChecksumOffload.complete(wrong));
        assertArrayEquals(before, wrong);
        byte[] notIp = new byte[60];
        notIp[12] = 0x08; // IPv4: not read
        assertFalse(ChecksumOffload.complete(notIp));
        assertFalse(ChecksumOffload.complete(new byte[5]));
    }
}
