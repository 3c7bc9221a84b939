package org.mip6.wire.text;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.wire.DecodeException;
import org.mip6.wire.PacketView;
import org.mip6.wire.Wire;
import org.mip6.wire.pcap.PcapRecord;

/**
 * The IP Authentication Header (RFC 4302) as the analyser shows it. The codecs keep it opaque, as a node
 * without its SA must (RFC 4301 §5.2: discarded), but AH leaves what it protects in the clear, so the
 * analyser shows the header's fields and decodes what follows: a Binding Update under AH (RFC 3776 §4.1
 * allows it for MN–HA signalling), OSPFv3 under AH (RFC 4552).
 */
final class AuthenticationHeader {

    /** IANA protocol number of AH. */
    static final int AH = 51;
    /** Next Header, Payload Len, Reserved, SPI, Sequence Number: the header before its ICV (RFC 4302 §2). */
    private static final int FIXED = 12;

    private AuthenticationHeader() {
    }

    /**
     * Describes into {@code m} the packet at {@code ip} in the record whose upper layer (the receiver's decode
     * walked to it) is AH: the header's fields in {@code ah} (a list, outermost first), placed after
     * {@code hopLimit}, and what follows described as {@link FrameDescriber#describe} does the packet with the
     * AH cut out (its Next Header moved into the field that named AH, the Payload Length less the AH's);
     * offsets still count from the record's start. False, {@code m} untouched, when the packet is not such
     * (a fragment's payload is not read).
     */
    static boolean describe(PcapRecord r, int ip, Map<String, Object> m, FrameDescriber.Extensions extensions) {
        byte[] d = r.data();
        PacketView v;
        try {
            v = new PacketView().verifyingChecksums(false).verifyingAlignment(false).wrapIpv6(d, ip, d.length - ip);
        } catch (DecodeException | RuntimeException e) {
            return false;
        }
        if (v.nextHeader() != AH || v.isFragment()) {
            return false;
        }
        int at = v.payloadOffset();
        int left = v.payloadLength();
        if (left < FIXED) {
            return false; // shown as "next header 51"
        }
        int length = (Wire.u8(d, at + 1) + 2) * 4;
        if (length > left || length < FIXED) {
            return false;
        }
        Map<String, Object> ah = new LinkedHashMap<>();
        ah.put("nextHeader", Wire.u8(d, at));
        ah.put("length", length);
        ah.put("spi", String.format("0x%08x", Wire.u32(d, at + 4)));
        ah.put("seq", Wire.u32(d, at + 8));
        ah.put("icv", HexFormat.of().formatHex(d, at + FIXED, at + length));

        int end = at + left;
        byte[] cut = new byte[end - ip - length];
        System.arraycopy(d, ip, cut, 0, at - ip);
        System.arraycopy(d, at + length, cut, at - ip, end - at - length);
        cut[v.nextHeaderFieldOffset() - ip] = d[at];
        int payloadLength = Wire.u16(d, ip + 4) - length;
        cut[4] = (byte) (payloadLength >>> 8);
        cut[5] = (byte) payloadLength;
        Map<String, Object> rest = FrameDescriber.describe(0, new PcapRecord(r.timestampNanos(), PcapRecord.LINKTYPE_IPV6,
                cut, cut.length), extensions);
        rest.remove("frame");
        rest.remove("time");
        rest.remove("length");
        if (rest.get("error") instanceof Map<?, ?> e && e.get("offset") instanceof Integer o) {
            @SuppressWarnings("unchecked")
            Map<String, Object> err = (Map<String, Object>) e;
            err.put("offset", ip + o + (o >= at - ip ? length : 0));
            if (err.containsKey("captured")) {
                err.put("captured", d.length);
                err.put("original", r.originalLength());
            }
        }
        List<Object> headers = new ArrayList<>();
        headers.add(ah);
        if (rest.remove("ah") instanceof List<?> inner) {
            headers.addAll(inner); // AH under AH
        }
        rest.forEach((k, x) -> {
            m.put(k, x);
            if (k.equals("hopLimit")) {
                m.put("ah", headers);
            }
        });
        m.putIfAbsent("ah", headers);
        if (Wire.u16(d, at + 2) != 0) {
            ah.put("reserved", Wire.u16(d, at + 2)); // RFC 4302 §2.3: zero on sending, ignored on receipt
        }
        if (length % 8 != 0) { // RFC 4302 §2.2: a multiple of 8 octets in IPv6
            m.putIfAbsent("error", FrameDescriber.error("BAD_HEADER_LEN", at + 1, "Authentication Header length "
                    + length + " is not a multiple of 8 octets (RFC 4302 §2.2)"));
        }
        return true;
    }
}
