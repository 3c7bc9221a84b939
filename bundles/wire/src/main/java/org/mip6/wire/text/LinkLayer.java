package org.mip6.wire.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.wire.DecodeException;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.Wire;
import org.mip6.wire.pcap.PcapRecord;

/** What a capture's link-layer header says beside the IPv6 packet: VLAN tags, or the protocol carried instead. */
final class LinkLayer {

    private LinkLayer() {
    }

    /** The VLAN tags of an Ethernet record, outermost first (IEEE 802.1Q: priority, DEI, identifier). */
    static List<Map<String, Object>> vlanTags(byte[] d, int etherTypeOffset) {
        List<Map<String, Object>> tags = new ArrayList<>();
        for (int at = 12; at < etherTypeOffset; at += 4) {
            int tci = Wire.u16(d, at + 2);
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("tpid", String.format("0x%04x", Wire.u16(d, at)));
            tag.put("priority", tci >>> 13);
            tag.put("dei", tci >>> 12 & 1);
            tag.put("id", tci & 0xfff);
            tags.add(tag);
        }
        return tags;
    }

    /**
     * Where the IPv6 packet starts in a record of a loopback, Linux cooked, 802.11 or serial link capture; -1
     * with the protocol named in {@code m} ({@code etherType}, {@code addressFamily} for loopback,
     * {@code pppProtocol} for PPP, {@code nlpid} for Frame Relay's RFC 2427 encapsulation) when it carries another.
     *
     * @throws DecodeException TRUNCATED when the record is shorter than its link-layer header
     */
    static int ipv6Start(PcapRecord r, Map<String, Object> m) throws DecodeException {
        int ip = r.ipv6Offset();
        if (ip >= 0) {
            return ip;
        }
        byte[] d = r.data();
        switch (r.linkType()) {
            case PcapRecord.LINKTYPE_NULL, PcapRecord.LINKTYPE_LOOP -> {
                Wire.need(0, 4, d.length, "loopback header");
                m.put("addressFamily", r.addressFamily());
            }
            case PcapRecord.LINKTYPE_IEEE802_11, PcapRecord.LINKTYPE_IEEE802_11_RADIOTAP -> {
                int llc = r.llcOffset();
                if (llc < 0) {
                    m.put("wlan", "not an unprotected data frame"); // management, control, null or encrypted
                } else {
                    Wire.need(llc, 8, d.length, "802.2 LLC/SNAP header");
                    if (Wire.u16(d, llc) == 0xaaaa && d[llc + 2] == 3) {
                        m.put("etherType", String.format("0x%04x", Wire.u16(d, llc + 6)));
                    } else {
                        m.put("wlan", "802.2 LLC without SNAP");
                    }
                }
            }
            case PcapRecord.LINKTYPE_LINUX_SLL, PcapRecord.LINKTYPE_LINUX_SLL2 -> {
                boolean v2 = r.linkType() == PcapRecord.LINKTYPE_LINUX_SLL2;
                Wire.need(0, v2 ? 20 : 16, d.length, v2 ? "Linux cooked v2 header" : "Linux cooked header");
                m.put("etherType", String.format("0x%04x", Wire.u16(d, v2 ? 0 : 14)));
            }
            case PcapRecord.LINKTYPE_PPP, PcapRecord.LINKTYPE_PPP_HDLC, PcapRecord.LINKTYPE_C_HDLC,
                    PcapRecord.LINKTYPE_FRELAY -> {
                int at = r.serialProtocolOffset();
                if (at < 0) {
                    throw serialHeaderRefused(r);
                }
                switch (r.serialProtocolKind()) {
                    case PPP_PROTOCOL -> pppProtocol(d, at, m);
                    case ETHER_TYPE -> {
                        Wire.need(at, 2, d.length, "EtherType");
                        m.put("etherType", String.format("0x%04x", Wire.u16(d, at)));
                    }
                    case NLPID -> m.put("nlpid", String.format("0x%02x", d[at] & 0xff));
                }
            }
            default -> {
            }
        }
        return -1;
    }

    /**
     * Names the PPP protocol at {@code at} in {@code m} (a serial link's, or a PPPoE session's that carries no IPv6).
     *
     * @throws DecodeException TRUNCATED when the record ends inside a two-octet protocol
     */
    static void pppProtocol(byte[] d, int at, Map<String, Object> m) throws DecodeException {
        int protocol = PcapRecord.pppProtocol(d, at);
        if (protocol < 0) {
            Wire.need(at, 2, d.length, "PPP protocol");
        }
        m.put("pppProtocol", String.format("0x%04x", protocol));
    }

    /** Why a serial link's record has no protocol to show: a Q.922 address of one octet or of more than four, or cut. */
    private static DecodeException serialHeaderRefused(PcapRecord r) {
        byte[] d = r.data();
        if (r.linkType() == PcapRecord.LINKTYPE_FRELAY) {
            if (d.length >= 1 && (d[0] & 1) != 0) {
                return new DecodeException(DecodeReason.BAD_FIELD, 0,
                        "Frame Relay address ends with its first octet (EA set): ITU-T Q.922 has two to four");
            }
            if (d.length >= 4 && (d[1] & 1) == 0 && (d[2] & 1) == 0 && (d[3] & 1) == 0) {
                return new DecodeException(DecodeReason.BAD_FIELD, 3,
                        "Frame Relay address goes on past four octets (no EA bit set): ITU-T Q.922 has two to four");
            }
            return new DecodeException(DecodeReason.TRUNCATED, d.length, "Frame Relay header cut short");
        }
        return new DecodeException(DecodeReason.TRUNCATED, d.length, "serial link header cut short");
    }
}
