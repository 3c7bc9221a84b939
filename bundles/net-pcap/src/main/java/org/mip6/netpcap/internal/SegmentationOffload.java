package org.mip6.netpcap.internal;

import java.util.ArrayList;
import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Checksum;
import org.mip6.wire.PacketView;
import org.mip6.wire.Wire;

/**
 * Cuts the TCP segments a Linux host leaves to its NIC to cut. A veth offers TCP segmentation offload, so the
 * host's TCP hands it one "super-packet" of up to 64 KB (a TSO/GSO packet: one IPv6 header, one TCP header, many
 * segments' data, the checksum left to the hardware), and a capture on the far end takes it whole. The world's
 * links carry no frame above their MTU, so the bridge does what the NIC would have: segments of at most the
 * link's MTU, each with the super-packet's IPv6 and extension headers (Payload Length set), its TCP header with the
 * sequence number advanced by the data before it (RFC 9293 §3.4), FIN and PSH only on the last, CWR only on the
 * first (RFC 3168 §6.1.2; as Linux's own software segmentation does), and a full checksum. A TCP segment whose
 * data already fits, one with URG set, or anything but TCP (a UDP GSO packet's segment size is not in the capture)
 * is not cut: the bridge drops it as too big, as before.
 */
final class SegmentationOffload {

    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int URG = 0x20;
    private static final int CWR = 0x80;

    private SegmentationOffload() {
    }

    /**
     * The segments of {@code frame} (an Ethernet frame with an IPv6 TCP super-packet) that fit a link of this
     * MTU, or null when it is not one this cuts.
     */
    static List<byte[]> segment(byte[] frame, int mtu) {
        PacketView v = ChecksumOffload.upperLayerView(frame);
        if (v == null || v.nextHeader() != Wire.TCP) {
            return null;
        }
        int ip = v.ipv6Offset();
        int tcp = v.payloadOffset();
        int len = v.payloadLength();
        if (len < 20) {
            return null;
        }
        int header = ((frame[tcp + 12] & 0xff) >>> 4) * 4;
        int flags = frame[tcp + 13] & 0xff;
        if (header < 20 || header > len || (flags & URG) != 0) {
            return null;
        }
        int dataAt = tcp + header;
        int data = len - header;
        int mss = mtu - (dataAt - ip); // what of the link's MTU the IPv6, extension and TCP headers leave
        if (mss < 1 || data <= mss) {
            return null;
        }
        Ipv6Address src = Ipv6Address.read(frame, v.effectiveSourceOffset());
        Ipv6Address dst = Ipv6Address.read(frame, v.finalDestinationOffset());
        long seq = Wire.u32(frame, tcp + 4);
        List<byte[]> out = new ArrayList<>(data / mss + 1);
        for (int off = 0; off < data; off += mss) {
            int n = Math.min(mss, data - off);
            byte[] s = new byte[dataAt + n];
            System.arraycopy(frame, 0, s, 0, dataAt);
            System.arraycopy(frame, dataAt + off, s, dataAt, n);
            Wire.put16(s, ip + 4, dataAt - ip - 40 + n);
            Wire.put32(s, tcp + 4, seq + off & 0xffff_ffffL); // modulo 2^32 (RFC 9293 §3.4)
            int f = flags;
            if (off + n < data) {
                f &= ~(FIN | PSH);
            }
            if (off > 0) {
                f &= ~CWR;
            }
            s[tcp + 13] = (byte) f;
            s[tcp + 16] = 0;
            s[tcp + 17] = 0;
            Wire.put16(s, tcp + 16, Checksum.compute(src, dst, Wire.TCP, s, tcp, header + n));
            out.add(s);
        }
        return out;
    }
}
