package org.mip6.wire.pcap;

import java.util.Objects;

/**
 * One captured frame: timestamp in nanoseconds since the epoch (or since the start of a virtual-time
 * network), the link type of its interface (the workbench writes 1, Ethernet; {@code mip6:decode} also
 * reads 101 raw IP, 229 raw IPv6, 0 BSD loopback, 108 OpenBSD loopback, 113 and 276 Linux cooked
 * captures, 105 IEEE 802.11 and 127 802.11 behind radiotap, and the serial links 9 PPP, 50 PPP in HDLC-like framing,
 * 104 Cisco HDLC and 107 Frame Relay), the captured bytes and the original length on the wire.
 */
public record PcapRecord(long timestampNanos, int linkType, byte[] data, int originalLength) {

    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_IPV6 = 229;
    /** Raw IPv4 (tcpdump.org link-layer header types): no IPv6 in it. */
    public static final int LINKTYPE_IPV4 = 228;
    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    public static final int LINKTYPE_NULL = 0;
    /** OpenBSD loopback: a 4-byte address family in network byte order. */
    public static final int LINKTYPE_LOOP = 108;
    /** Linux cooked capture v1 ({@code tcpdump -i any} before libpcap 1.10): 16 bytes, the protocol at 14. */
    public static final int LINKTYPE_LINUX_SLL = 113;
    /** Linux cooked capture v2 ({@code tcpdump -i any}): 20 bytes, the protocol first. */
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    /** IEEE 802.11 frames without a radio header. */
    public static final int LINKTYPE_IEEE802_11 = 105;
    /** IEEE 802.11 frames behind a radiotap header (a Wi-Fi capture in monitor mode). */
    public static final int LINKTYPE_IEEE802_11_RADIOTAP = 127;

    /** PPP (RFC 1661), with or without RFC 1662's address and control octets (0xff 0x03) before its protocol. */
    public static final int LINKTYPE_PPP = 9;
    /** PPP in HDLC-like framing (RFC 1662), or Cisco HDLC (an address of 0x0f or 0x8f): libpcap writes both so. */
    public static final int LINKTYPE_PPP_HDLC = 50;
    /** Cisco HDLC (RFC 1547 §4.3.1): an address of 0x0f (unicast) or 0x8f (multicast), control 0, an EtherType. */
    public static final int LINKTYPE_C_HDLC = 104;
    /** Frame Relay: an ITU-T Q.922 address, then an EtherType (Cisco's encapsulation) or RFC 2427's NLPID. */
    public static final int LINKTYPE_FRELAY = 107;
    /** PPP's protocol number for IPv6 (RFC 5072 §2). */
    public static final int PPP_IPV6 = 0x0057;
    /** The ISO/IEC TR 9577 NLPID of IPv6, as Frame Relay carries it (RFC 2590). */
    public static final int NLPID_IPV6 = 0x8e;
    /** The NLPID of a SNAP header (RFC 2427 §3): an OUI and a PID, an EtherType when the OUI is 0. */
    private static final int NLPID_SNAP = 0x80;

    public PcapRecord {
        Objects.requireNonNull(data, "data");
    }

    /**
     * Where the record's IPv6 packet starts: after the Ethernet header and its VLAN tags, if any (EtherType
     * 0x86DD, {@link #etherTypeOffset}, or a PPPoE session's PPP protocol 0x0057, {@link #pppoeProtocolOffset}), the loopback
     * header (an IPv6 address family: 24, 28, 30 or 10, in either byte order for link type 0) or the Linux
     * cooked header (protocol 0x86DD), an 802.11 data frame's LLC/SNAP header (EtherType 0x86DD,
     * {@link #llcOffset}); after a serial link's header: PPP's protocol 0x0057 (RFC 5072), Cisco HDLC's or
     * Frame Relay's EtherType 0x86DD, Frame Relay's NLPID 0x8E (RFC 2590) or SNAP header with EtherType 0x86DD
     * ({@link #serialProtocolOffset}); at 0 in a raw record of IP version 6. -1 when the record carries
     * something else or is shorter than its link-layer header.
     */
    public int ipv6Offset() {
        byte[] d = data;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                int t = etherTypeOffset();
                if (d.length >= t + 2 && u16(d, t) == 0x86dd) {
                    return t + 2;
                }
                int ppp = pppoeProtocolOffset();
                return ppp < 0 ? -1 : afterPppIpv6(d, ppp);
            }
            case LINKTYPE_RAW -> {
                return d.length >= 1 && (d[0] & 0xf0) == 0x60 ? 0 : -1;
            }
            case LINKTYPE_IPV6 -> {
                return 0;
            }
            case LINKTYPE_NULL, LINKTYPE_LOOP -> {
                int f = addressFamily();
                return f == 24 || f == 28 || f == 30 || f == 10 ? 4 : -1;
            }
            case LINKTYPE_LINUX_SLL -> {
                return d.length >= 16 && u16(d, 14) == 0x86dd ? 16 : -1;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                return d.length >= 20 && u16(d, 0) == 0x86dd ? 20 : -1;
            }
            case LINKTYPE_IEEE802_11, LINKTYPE_IEEE802_11_RADIOTAP -> {
                int llc = llcOffset();
                return llc >= 0 && d.length >= llc + 8 && u16(d, llc) == 0xaaaa && d[llc + 2] == 3 && d[llc + 3] == 0
                        && d[llc + 4] == 0 && d[llc + 5] == 0 && u16(d, llc + 6) == 0x86dd ? llc + 8 : -1;
            }
            case LINKTYPE_PPP, LINKTYPE_PPP_HDLC, LINKTYPE_C_HDLC, LINKTYPE_FRELAY -> {
                int s = serialProtocol();
                if (s < 0) {
                    return -1;
                }
                int at = s >>> 2;
                return switch (SerialProtocol.values()[s & 3]) {
                    case ETHER_TYPE -> d.length >= at + 2 && u16(d, at) == 0x86dd ? at + 2 : -1;
                    case PPP_PROTOCOL -> afterPppIpv6(d, at);
                    case NLPID -> (d[at] & 0xff) == NLPID_IPV6 ? at + 1 : -1;
                };
            }
            default -> {
                return -1;
            }
        }
    }

    /**
     * Where an 802.11 record's LLC header starts (the radiotap header, its length little-endian at 2, skipped
     * first): after the MAC header of a data frame that is not protected — 24 octets, a fourth address when it
     * goes from one distribution system to another (To DS and From DS), QoS Control (2) for a QoS subtype, and HT
     * Control (4) when the Order bit is set on one (IEEE 802.11-2020 §9.2.4). -1 for another link type, a
     * management, control, null or protected frame, or one shorter than its headers.
     */
    public int llcOffset() {
        byte[] d = data;
        int at;
        if (linkType == LINKTYPE_IEEE802_11_RADIOTAP) {
            if (d.length < 4 || d[0] != 0) {
                return -1;
            }
            at = (d[2] & 0xff) | (d[3] & 0xff) << 8;
        } else if (linkType == LINKTYPE_IEEE802_11) {
            at = 0;
        } else {
            return -1;
        }
        if (d.length < at + 24) {
            return -1;
        }
        int fc0 = d[at] & 0xff;
        int fc1 = d[at + 1] & 0xff;
        int type = fc0 >>> 2 & 3;
        int subtype = fc0 >>> 4;
        if ((fc0 & 3) != 0 || type != 2 || (subtype & 4) != 0 || (fc1 & 0x40) != 0) {
            return -1; // not a version-0 data frame with data, or protected
        }
        int header = 24 + ((fc1 & 3) == 3 ? 6 : 0);
        if ((subtype & 8) != 0) {
            header += 2 + ((fc1 & 0x80) != 0 ? 4 : 0);
        }
        return d.length >= at + header ? at + header : -1;
    }

    /** What {@link #serialProtocolOffset} points at. */
    public enum SerialProtocol {
        /** PPP's protocol field: two octets, or one when compressed (its low bit set, RFC 1661 §6.5). */
        PPP_PROTOCOL,
        /** An EtherType: Cisco HDLC's, Frame Relay's in Cisco's encapsulation, or a SNAP header's PID. */
        ETHER_TYPE,
        /** An NLPID (ISO/IEC TR 9577) after Frame Relay's control octet 0x03 (RFC 2427 §3). */
        NLPID
    }

    /**
     * Where a serial link's record says what it carries ({@link #serialProtocolKind}): PPP's protocol after the
     * address and control octets, when there (0xff 0x03, link types 9 and 50); Cisco HDLC's EtherType after its
     * address 0x0f or 0x8f and control (104, and 50 when the address says so); on Frame Relay (107) past the Q.922
     * address (two to four octets, the last with its EA bit set), the EtherType of Cisco's encapsulation, or after
     * RFC 2427's control octet 0x03 (and a pad octet 0x00, if any) the NLPID, or a SNAP header's EtherType when the
     * NLPID is 0x80 and the OUI 0. -1 for another link type or a record shorter than its header (a Frame Relay
     * address longer than four octets too).
     */
    public int serialProtocolOffset() {
        int s = serialProtocol();
        return s < 0 ? -1 : s >>> 2;
    }

    /** How to read what {@link #serialProtocolOffset} points at; null for another link type or a short record. */
    public SerialProtocol serialProtocolKind() {
        int s = serialProtocol();
        return s < 0 ? null : SerialProtocol.values()[s & 3];
    }

    /** {@link #serialProtocolOffset} shifted left by 2, or'ed with its {@link SerialProtocol}'s ordinal; -1 for none. */
    private int serialProtocol() {
        byte[] d = data;
        switch (linkType) {
            case LINKTYPE_PPP, LINKTYPE_PPP_HDLC -> {
                if (linkType == LINKTYPE_PPP_HDLC && ciscoHdlc()) {
                    return d.length >= 4 ? serial(2, SerialProtocol.ETHER_TYPE) : -1;
                }
                // address 0xff and control (0x03; in link type 50 taken as it is, as tshark does); they may be left
                // out (RFC 1661 §6.6)
                int at = d.length >= 2 && (d[0] & 0xff) == 0xff && (linkType == LINKTYPE_PPP_HDLC || d[1] == 3) ? 2 : 0;
                return d.length > at ? serial(at, SerialProtocol.PPP_PROTOCOL) : -1;
            }
            case LINKTYPE_C_HDLC -> {
                return d.length >= 4 ? serial(2, SerialProtocol.ETHER_TYPE) : -1;
            }
            case LINKTYPE_FRELAY -> {
                int at = 0;
                while (at < d.length && at < 4 && (d[at] & 1) == 0) {
                    at++;
                }
                at++; // past the address's last octet, the one with EA set
                if (at < 2 || at > 4 || d.length < at + 2) {
                    return -1;
                }
                if (d[at] != 3) {
                    return serial(at, SerialProtocol.ETHER_TYPE); // Cisco's: never 0x03xx (a length, to Ethernet)
                }
                int nlpid = d[at + 1] == 0 ? at + 2 : at + 1; // RFC 2427 §3: a pad octet may align what follows
                if (d.length <= nlpid) {
                    return -1;
                }
                if ((d[nlpid] & 0xff) == NLPID_SNAP && d.length >= nlpid + 6 && d[nlpid + 1] == 0 && d[nlpid + 2] == 0
                        && d[nlpid + 3] == 0) {
                    return serial(nlpid + 4, SerialProtocol.ETHER_TYPE); // OUI 0: the PID is an EtherType
                }
                return serial(nlpid, SerialProtocol.NLPID);
            }
            default -> {
                return -1;
            }
        }
    }

    /**
     * The PPP protocol at {@code at}: one octet when compressed (its low bit set, RFC 1661 §6.5), else two; -1 when the
     * record ends inside it.
     */
    public static int pppProtocol(byte[] d, int at) {
        if ((d[at] & 1) != 0) {
            return d[at] & 0xff;
        }
        return d.length >= at + 2 ? u16(d, at) : -1;
    }

    /** Where the IPv6 packet starts after a PPP protocol of 0x0057 at {@code at}; -1 for another protocol. */
    private static int afterPppIpv6(byte[] d, int at) {
        return pppProtocol(d, at) == PPP_IPV6 ? at + ((d[at] & 1) != 0 ? 1 : 2) : -1;
    }

    private static int serial(int offset, SerialProtocol kind) {
        return offset << 2 | kind.ordinal();
    }

    /** Whether a link type 50 record is Cisco HDLC (its address 0x0f or 0x8f) rather than PPP. */
    private boolean ciscoHdlc() {
        return data.length >= 1 && ((data[0] & 0xff) == 0x0f || (data[0] & 0xff) == 0x8f);
    }

    /** The EtherType of a PPPoE session's frames (RFC 2516 §4). */
    public static final int ETHERTYPE_PPPOE_SESSION = 0x8864;

    /**
     * Where the PPP protocol of an Ethernet record's PPPoE session frame is (RFC 2516 §4: EtherType 0x8864, behind
     * VLAN tags too; version and type 1, code 0, then the session id and length): the IPv6 a broadband link carries.
     * -1 for another link type or EtherType, or a record shorter than the PPPoE header and a protocol octet.
     */
    public int pppoeProtocolOffset() {
        int t = etherTypeOffset();
        byte[] d = data;
        if (t < 0 || d.length < t + 2 + 6 + 1 || u16(d, t) != ETHERTYPE_PPPOE_SESSION || (d[t + 2] & 0xff) != 0x11
                || d[t + 3] != 0) {
            return -1;
        }
        return t + 2 + 6;
    }

    /** Most VLAN tags an Ethernet record's EtherType is looked for behind (802.1ad's two and more). */
    public static final int MAX_VLAN_TAGS = 4;

    /**
     * Whether an EtherType names a VLAN tag: IEEE 802.1Q's customer tag (0x8100), 802.1ad's service tag
     * (0x88a8) and the QinQ service tag used before it (0x9100), as tshark decodes them.
     */
    public static boolean isVlanTag(int etherType) {
        return etherType == 0x8100 || etherType == 0x88a8 || etherType == 0x9100;
    }

    /**
     * Where an Ethernet record's EtherType is: 12, or past its VLAN tags (four octets each: the tag's
     * EtherType, then priority, DEI and VLAN identifier), at most {@link #MAX_VLAN_TAGS}; a tag cut short
     * by the record's end is not skipped. -1 for another link type.
     */
    public int etherTypeOffset() {
        if (linkType != LINKTYPE_ETHERNET) {
            return -1;
        }
        byte[] d = data;
        int at = 12;
        for (int k = 0; k < MAX_VLAN_TAGS && d.length >= at + 6 && isVlanTag(u16(d, at)); k++) {
            at += 4;
        }
        return at;
    }

    /**
     * A loopback record's address family: in network byte order for link type 108, in the capturing
     * host's for link type 0 (either order is taken, as tshark does); -1 for a shorter record.
     */
    public int addressFamily() {
        if (data.length < 4) {
            return -1;
        }
        int be = (data[0] & 0xff) << 24 | (data[1] & 0xff) << 16 | u16(data, 2);
        return linkType == LINKTYPE_LOOP || (be & 0xffff0000) == 0 ? be : Integer.reverseBytes(be);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    /** True when fewer bytes were captured than were on the wire (snap length). */
    public boolean truncated() {
        return data.length < originalLength;
    }
}
