package org.mip6.netpcap.internal;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Checksum;
import org.mip6.wire.DecodeException;
import org.mip6.wire.PacketView;
import org.mip6.wire.Wire;

/**
 * Completes the TCP and UDP checksums a Linux host leaves to its NIC. A sender with checksum offload (a veth's
 * default) hands its packet down with CHECKSUM_PARTIAL: the field holds the pseudo-header's sum alone, folded and
 * not complemented, for the hardware to finish, and a capture on the far end of the veth takes it so (tshark:
 * "maybe caused by checksum offload"). The receiving kernel trusts such a packet; the world's nodes verify every
 * checksum (RFC 8200 §8.1) and would drop it. So the bridge does what the NIC would have: where the checksum
 * does not verify and the field is exactly that sum, it writes the checksum. Any other wrong checksum is left
 * for the node to refuse.
 */
final class ChecksumOffload {

    private ChecksumOffload() {
    }

    /**
     * {@code frame} as an unfragmented IPv6 packet whose upper layer can be reached, its checksums not verified (what
     * a NIC finishes is not done yet), or null: what both offloads work on.
     */
    static PacketView upperLayerView(byte[] frame) {
        PacketView v;
        try {
            v = new PacketView().verifyingChecksums(false).verifyingAlignment(false).wrapEthernet(frame, 0, frame.length);
        } catch (DecodeException | RuntimeException e) {
            return null; // not a packet the node will read either
        }
        return !v.isIpv6() || v.isFragment() || v.unrecognizedRoutingHeaderOffset() >= 0 ? null : v;
    }

    /** Completes {@code frame}'s checksum in place when it is one left to the NIC; true when it did. */
    static boolean complete(byte[] frame) {
        PacketView v = upperLayerView(frame);
        if (v == null) {
            return false;
        }
        int nh = v.nextHeader();
        int field = nh == Wire.TCP ? 16 : nh == Wire.UDP ? 6 : -1;
        int from = v.payloadOffset();
        int len = v.payloadLength();
        if (field < 0 || len < field + 2) {
            return false;
        }
        int src = v.effectiveSourceOffset();
        int dst = v.finalDestinationOffset();
        if (Checksum.verify(frame, src, dst, nh, frame, from, len)) {
            return false;
        }
        int at = from + field;
        Ipv6Address s = Ipv6Address.read(frame, src);
        Ipv6Address d = Ipv6Address.read(frame, dst);
        int received = Wire.u16(frame, at);
        if (received != Checksum.leftToNic(s, d, len, nh)) {
            return false;
        }
        frame[at] = 0;
        frame[at + 1] = 0;
        int sum = Checksum.compute(s, d, nh, frame, from, len);
        if (sum == 0 && nh == Wire.UDP) {
            sum = 0xffff; // RFC 8200 §8.1: a computed zero is sent as all ones
        }
        frame[at] = (byte) (sum >>> 8);
        frame[at + 1] = (byte) sum;
        return true;
    }
}
