package org.mip6.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.net.Ipv6Address;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.NdOption;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.mh.MobilityOption;
import org.mip6.wire.pcap.PcapRecord;
import org.mip6.wire.pcap.PcapWriter;

/**
 * Every vector the codec encodes, written to a pcap, is dissected by tshark with the values of our
 * records, valid ICMPv6 and UDP checksums (tshark does not verify the MH checksum: Scapy does, see
 * {@link ScapyCrossCheckTest}) and not a single malformed or expert warning.
 */
class TsharkCrossCheckTest {

    static final List<String> FIELDS = List.of("frame.number", "mip6.mhtype", "mip6.bu.seqnr", "mip6.bu.a_flag",
            "mip6.bu.h_flag", "mip6.bu.l_flag", "mip6.bu.k_flag", "mip6.bu.lifetime", "mip6.ba.status",
            "mip6.ba.seqnr", "mip6.ba.lifetime", "mip6.ba.k_flag", "mip6.be.status", "mip6.be.haddr",
            "mip6.hoti.cookie", "mip6.coti.cookie", "mip6.hot.nindex", "mip6.hot.cookie", "mip6.hot.token",
            "mip6.cot.nindex", "mip6.cot.cookie", "mip6.acoa.acoa", "mip6.ni.hni", "mip6.ni.cni", "mip6.bad.auth",
            "mip6.bra.interval", "ipv6.opt.mipv6.home_address", "ipv6.routing.mipv6.home_address",
            "icmpv6.mip6.identifier", "icmpv6.mip6.home_agent_address", "icmpv6.type", "icmpv6.code",
            "icmpv6.checksum.status", "udp.checksum.status", "icmpv6.nd.ra.flag.h", "icmpv6.opt.home_agent_preference",
            "icmpv6.opt.home_agent_lifetime", "icmpv6.opt.advertisement_interval", "icmpv6.opt.prefix.flag.r",
            "icmpv6.opt.prefix", "ipv6.src", "ipv6.dst");

    @TempDir
    static Path dir;
    static Path pcap;
    static List<Vectors.Vector> vectors;

    @BeforeAll
    static void writeCapture() throws Exception {
        ExternalTools.assumeTshark();
        vectors = Vectors.all();
        pcap = dir.resolve("vectors.pcap");
        try (PcapWriter w = PcapWriter.create(pcap, PcapRecord.LINKTYPE_ETHERNET)) {
            long t = 0;
            for (Vectors.Vector v : vectors) {
                w.write(t += 1_000_000, PacketCodec.encodeEthernet(v.frame()));
            }
        }
    }

    /** Vectors that carry a deliberately unknown type, for which tshark adds a Note ("not dissected"). */
    static final java.util.Set<String> UNKNOWN_BY_DESIGN = java.util.Set.of("bu-unknown-option", "dest-unknown-option",
            "routing-type-253", "ra-unknown-nd-option");

    @Test
    void noMalformedOrExpertWarnings() throws Exception {
        // Note: tshark 4.0.17 itself reports a Pad1 that follows an odd-length unknown option
        // (3b000a0301020300, which Scapy builds byte for byte the same) as malformed; no vector has that shape.
        var r = ExternalTools.run(List.of("tshark", "-r", pcap.toString(), "-o", "udp.check_checksum:TRUE",
                "-Y", "_ws.expert || _ws.malformed", "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.severity",
                "-e", "_ws.malformed", "-e", "_ws.expert.message"));
        assertEquals(0, r.exit(), r.err());
        StringBuilder bad = new StringBuilder();
        for (String line : r.out().strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String name = vectors.get(Integer.parseInt(f[0]) - 1).name();
            boolean severe = !f[2].isEmpty();
            for (String s : f[1].split(",")) {
                if (!s.isBlank() && Long.decode(s.strip()) >= 0x00600000L) { // Warning or Error
                    severe = true;
                }
            }
            if (severe || !UNKNOWN_BY_DESIGN.contains(name)) {
                bad.append(name).append(": ").append(line).append('\n');
            }
        }
        assertEquals("", bad.toString(), "frames with warnings");
    }

    /**
     * 802.1Q and 802.1ad tagged frames (as captured on a trunk port): the VLAN tags (tshark's {@code ieee8021ad} for a
     * service tag, {@code vlan} for a customer tag) and the IPv6 packet behind them, as
     * {@code mip6:decode} shows them ({@link org.mip6.wire.text.FrameDescriber}), are what tshark dissects.
     */
    @Test
    void vlanTaggedFramesAsTsharkDissectsThem() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (Vectors.Vector v : vectors) {
            if (UNKNOWN_BY_DESIGN.contains(v.name())) {
                continue; // tshark's Note on them is checked above
            }
            byte[] plain = PacketCodec.encodeEthernet(v.frame());
            int id = frames.size() + 1; // each vector once (an ESP vector twice would be a replay to tshark)
            frames.add(id % 2 == 1 ? StaticVectorsAccess.tagged(plain, 0x8100, 3 << 13 | id)
                    : StaticVectorsAccess.tagged(plain, 0x88a8, 1 << 12 | 4000, 0x8100, id));
        }
        Path tagged = written("tagged.pcap", PcapRecord.LINKTYPE_ETHERNET, frames);
        var r = ExternalTools.run(List.of("tshark", "-r", tagged.toString(), "-T", "fields", "-E", "occurrence=a",
                "-E", "aggregator=/", "-e", "ieee8021ad.id", "-e", "ieee8021ad.priority", "-e", "ieee8021ad.dei",
                "-e", "vlan.id", "-e", "vlan.priority", "-e", "vlan.dei", "-e", "ipv6.src", "-e", "ipv6.dst",
                "-e", "mip6.mhtype", "-e", "icmpv6.type", "-e", "_ws.malformed", "-e", "_ws.expert"));
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().replaceAll("\n+$", "").split("\n"); // leading empty fields kept
        assertEquals(frames.size(), lines.length, r.out());
        for (int k = 0; k < frames.size(); k++) {
            byte[] f = frames.get(k);
            Map<String, Object> d = org.mip6.wire.text.FrameDescriber.describe(k + 1, new PcapRecord(0, 1, f, f.length));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tags = (List<Map<String, Object>>) d.get("vlan");
            List<Map<String, Object>> service = tags.stream().filter(t -> t.get("tpid").equals("0x88a8")).toList();
            List<Map<String, Object>> customer = tags.stream().filter(t -> !t.get("tpid").equals("0x88a8")).toList();
            String ours = String.join("\t", join(service, "id"), join(service, "priority"), join(service, "dei"),
                    join(customer, "id"), join(customer, "priority"), join(customer, "dei"),
                    String.valueOf(d.get("src")), String.valueOf(d.get("dst")),
                    d.get("mh") instanceof Map<?, ?> mh ? String.valueOf(mh.get("type")) : "",
                    d.get("icmpv6") instanceof Map<?, ?> ic ? String.valueOf(ic.get("type")) : "", "", "");
            String theirs = lines[k].replaceAll("\t+$", "");
            if (theirs.split("\t", -1)[6].contains(",") || theirs.split("\t", -1)[6].contains("\\")) {
                // two IPv6 headers (a tunnel, an ICMPv6 error's invoking packet), which tshark lists in an order
                // of its own: the tags, and that the packet behind them is IPv6 and dissected
                assertEquals(String.join("\t", java.util.Arrays.copyOf(theirs.split("\t", -1), 6)),
                        String.join("\t", java.util.Arrays.copyOf(ours.split("\t", -1), 6)), "frame " + (k + 1));
                assertTrue(d.containsKey("src") && !d.containsKey("error"), "frame " + (k + 1) + ": " + d);
                continue;
            }
            assertEquals(theirs, ours.replaceAll("\t+$", ""), "frame " + (k + 1));
        }
    }

    /**
     * Every codec vector's IPv6 packet as a Wi-Fi capture holds it (802.11 QoS data frames behind radiotap): tshark
     * finds the addresses and types {@code mip6:decode} shows, and no malformed packet.
     */
    @Test
    void wifiCapturesAsTsharkDissectsThem() throws Exception {
        assertAddressesAndTypesAsTshark("wifi.pcap", PcapRecord.LINKTYPE_IEEE802_11_RADIOTAP,
                (ip, k) -> StaticVectorsAccess.wifi(ip, true, 0x88, k % 2 == 0 ? 0x01 : 0x03), "");
    }

    /**
     * Every codec vector's IPv6 packet (but those unknown by design) framed by {@code frame} (the packet and its index)
     * in a capture of {@code linkType}: tshark finds the addresses and MH types {@code mip6:decode} shows, and nothing
     * malformed.
     */
    private static void assertAddressesAndTypesAsTshark(String name, int linkType,
                                                        java.util.function.BiFunction<byte[], Integer, byte[]> frame,
                                                        String what) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        List<Map<String, Object>> ours = new ArrayList<>();
        for (Vectors.Vector v : vectors) {
            if (UNKNOWN_BY_DESIGN.contains(v.name())) {
                continue;
            }
            byte[] f = frame.apply(PacketCodec.encode(v.frame().packet()), frames.size());
            frames.add(f);
            ours.add(org.mip6.wire.text.FrameDescriber.describe(frames.size(), new PcapRecord(0, linkType, f, f.length)));
        }
        assertAddressesAndTypesAsTshark(written(name, linkType, frames), ours, what);
    }

    /**
     * tshark's source, destination and MH type of every frame of {@code capture} are those in {@code ours}, and it
     * finds nothing malformed.
     */
    private static void assertAddressesAndTypesAsTshark(Path capture, List<Map<String, Object>> ours, String what)
            throws Exception {
        var r = ExternalTools.run(List.of("tshark", "-r", capture.toString(), "-T", "fields", "-E", "occurrence=f",
                "-e", "ipv6.src", "-e", "ipv6.dst", "-e", "mip6.mhtype", "-e", "_ws.malformed"));
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().replaceAll("\n+$", "").split("\n");
        assertEquals(ours.size(), lines.length, r.out());
        for (int k = 0; k < ours.size(); k++) {
            Map<String, Object> d = ours.get(k);
            String expected = String.join("\t", String.valueOf(d.get("src")), String.valueOf(d.get("dst")),
                    d.get("mh") instanceof Map<?, ?> mh ? String.valueOf(mh.get("type")) : "");
            assertEquals(expected.replaceAll("\t+$", ""), lines[k].replaceAll("\t+$", ""), what + "frame " + (k + 1) + ": " + d);
        }
    }

    /**
     * Every codec vector's IPv6 packet as serial links carry it, each in a capture of its link type: PPP (with and
     * without address and control, its protocol compressed), PPP in HDLC-like framing, Cisco HDLC, and Frame Relay
     * (Cisco's encapsulation, RFC 2427's NLPID and SNAP header, a three-octet address), and PPP over Ethernet: tshark
     * finds the addresses and types {@code mip6:decode} shows, and no malformed packet.
     */
    @Test
    void serialLinkCapturesAsTsharkDissectsThem() throws Exception {
        Object[][] links = {
                {PcapRecord.LINKTYPE_PPP, new byte[] {(byte) 0xff, 3, 0, 0x57}},
                {PcapRecord.LINKTYPE_PPP, new byte[] {0x57}},
                {PcapRecord.LINKTYPE_PPP_HDLC, new byte[] {(byte) 0xff, 3, 0, 0x57}},
                {PcapRecord.LINKTYPE_C_HDLC, new byte[] {0x0f, 0, (byte) 0x86, (byte) 0xdd}},
                {PcapRecord.LINKTYPE_FRELAY, new byte[] {0x48, (byte) 0xe1, (byte) 0x86, (byte) 0xdd}},
                {PcapRecord.LINKTYPE_FRELAY, new byte[] {0x48, (byte) 0xe1, 3, (byte) 0x8e}},
                {PcapRecord.LINKTYPE_FRELAY, new byte[] {0x48, (byte) 0xe1, 3, 0, (byte) 0x80, 0, 0, 0, (byte) 0x86, (byte) 0xdd}},
                {PcapRecord.LINKTYPE_FRELAY, new byte[] {0x48, 0x60, 1, 3, (byte) 0x8e}}};
        for (int l = 0; l < links.length; l++) {
            int linkType = (Integer) links[l][0];
            byte[] head = (byte[]) links[l][1];
            assertAddressesAndTypesAsTshark("serial-" + l + ".pcap", linkType, (ip, k) -> {
                byte[] f = java.util.Arrays.copyOf(head, head.length + ip.length);
                System.arraycopy(ip, 0, f, head.length, ip.length);
                return f;
            }, "link type " + linkType + " (header " + l + "), ");
        }
        // PPP over Ethernet (RFC 2516): a PPPoE session's frames, as a broadband link carries IPv6
        assertAddressesAndTypesAsTshark("pppoe.pcap", PcapRecord.LINKTYPE_ETHERNET,
                (ip, k) -> StaticVectorsAccess.pppoe(ip), "PPPoE, ");
    }

    /**
     * Every codec vector with an Authentication Header before its upper layer (RFC 4302, transport mode; ICV of
     * HMAC-SHA1-96's 12 bytes): tshark's AH fields, addresses and types are what {@code mip6:decode} shows, and
     * tshark finds nothing malformed.
     */
    @Test
    void authenticationHeadersAsTsharkDissectsThem() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        List<Map<String, Object>> ours = new ArrayList<>();
        for (Vectors.Vector v : vectors) {
            if (UNKNOWN_BY_DESIGN.contains(v.name()) || v.frame().packet().payload() instanceof Payload.Esp) {
                continue;
            }
            PacketView view = new PacketView().verifyingChecksums(false).wrapEthernet(PacketCodec.encodeEthernet(v.frame()), 0,
                    PacketCodec.encodeEthernet(v.frame()).length);
            if (view.isFragment()) {
                continue; // AH precedes the Fragment header's payload, which is not an upper layer
            }
            byte[] f = StaticVectorsAccess.withAh(PacketCodec.encodeEthernet(v.frame()), 0x1000 + frames.size(), frames.size() + 1, 12);
            frames.add(f);
            ours.add(org.mip6.wire.text.FrameDescriber.describe(frames.size(), new PcapRecord(0, 1, f, f.length)));
        }
        Path ah = written("ah.pcap", PcapRecord.LINKTYPE_ETHERNET, frames);
        var r = ExternalTools.run(List.of("tshark", "-r", ah.toString(), "-T", "fields", "-E", "occurrence=f",
                "-e", "ah.spi", "-e", "ah.sequence", "-e", "ah.next_header", "-e", "ipv6.src", "-e", "ipv6.dst",
                "-e", "mip6.mhtype", "-e", "icmpv6.type", "-e", "_ws.malformed"));
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().replaceAll("\n+$", "").split("\n");
        assertEquals(frames.size(), lines.length, r.out());
        for (int k = 0; k < frames.size(); k++) {
            Map<String, Object> d = ours.get(k);
            assertTrue(!d.containsKey("error"), "frame " + (k + 1) + ": " + d);
            Map<?, ?> a = (Map<?, ?>) ((List<?>) d.get("ah")).get(0);
            String expected = String.join("\t", (String) a.get("spi"), // tshark: 0x and eight digits, as ours
                    String.valueOf(a.get("seq")), String.valueOf(a.get("nextHeader")), String.valueOf(d.get("src")),
                    String.valueOf(d.get("dst")), d.get("mh") instanceof Map<?, ?> mh ? String.valueOf(mh.get("type")) : "",
                    d.get("icmpv6") instanceof Map<?, ?> ic ? String.valueOf(ic.get("type")) : "");
            assertEquals(expected.replaceAll("\t+$", ""), lines[k].replaceAll("\t+$", ""), "frame " + (k + 1) + ": " + d);
        }
        assertTrue(frames.size() > 30, frames.size() + " frames");
    }

    /** MLD messages (RFC 3810, RFC 2710): tshark's fields are what {@code mip6:decode} shows, with no expert info. */
    @Test
    void multicastListenerMessagesAsTsharkDissectsThem() throws Exception {
        List<byte[]> frames = StaticVectorsAccess.mldFrames();
        Path mld = written("mld.pcap", PcapRecord.LINKTYPE_ETHERNET, frames);
        var r = ExternalTools.run(List.of("tshark", "-r", mld.toString(), "-T", "fields", "-E", "occurrence=a",
                "-E", "aggregator=,", "-e", "icmpv6.type", "-e", "icmpv6.mld.maximum_response_delay",
                "-e", "icmpv6.mld.maximum_response_code", "-e", "icmpv6.mld.multicast_address", "-e", "icmpv6.mld.flag.s",
                "-e", "icmpv6.mld.flag.qrv", "-e", "icmpv6.mld.qqi", "-e", "icmpv6.mld.source_address",
                "-e", "icmpv6.mldr.mar.record_type", "-e", "icmpv6.mldr.mar.multicast_address",
                "-e", "icmpv6.mldr.mar.source_address", "-e", "icmpv6.checksum.status", "-e", "_ws.malformed", "-e", "_ws.expert"));
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().replaceAll("\n+$", "").split("\n");
        assertEquals(frames.size(), lines.length, r.out());
        for (int k = 0; k < frames.size(); k++) {
            byte[] f = frames.get(k);
            Map<String, Object> d = org.mip6.wire.text.FrameDescriber.describe(k + 1, new PcapRecord(0, 1, f, f.length));
            Map<?, ?> ic = (Map<?, ?>) d.get("icmpv6");
            boolean v2Query = Integer.valueOf(2).equals(ic.get("version"));
            List<String> types = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            if (ic.get("records") instanceof List<?> records) {
                for (Object o : records) {
                    Map<?, ?> x = (Map<?, ?>) o;
                    types.add(String.valueOf(x.get("type")));
                    groups.add(String.valueOf(x.get("group")));
                    ((List<?>) x.get("sources")).forEach(a -> sources.add(String.valueOf(a)));
                }
            }
            String ours = String.join("\t", String.valueOf(ic.get("type")),
                    ic.containsKey("maxResponseDelay") && !v2Query ? String.valueOf(ic.get("maxResponseDelay")) : "",
                    v2Query ? String.valueOf(ic.get("maxResponseDelay")) : "", // code 0x8001: tshark decodes it too
                    ic.containsKey("group") ? String.valueOf(ic.get("group")) : "",
                    v2Query ? "1" : "", v2Query ? String.valueOf(ic.get("qrv")) : "", v2Query ? String.valueOf(ic.get("qqic")) : "",
                    v2Query ? String.join(",", ((List<?>) ic.get("sources")).stream().map(String::valueOf).toList()) : "",
                    String.join(",", types), String.join(",", groups), String.join(",", sources), "1", "", "");
            assertEquals(ours.replaceAll("\t+$", ""), lines[k].replaceAll("\t+$", ""), "frame " + (k + 1) + ": " + d);
        }
        assertEquals("32776", String.valueOf(((Map<?, ?>) org.mip6.wire.text.FrameDescriber.describe(2,
                new PcapRecord(0, 1, frames.get(1), frames.get(1).length)).get("icmpv6")).get("maxResponseDelay")));
    }

    /** TCP segments, with and without a Home Address option, good and bad: tshark's checksum verdict is ours. */
    @Test
    void tcpChecksumsAsTsharkVerifiesThem() throws Exception {
        Ipv6Address coa = Ipv6Address.parse("2001:db8:2::100");
        Ipv6Address cn = Ipv6Address.parse("2001:db8:4::9");
        Ipv6Address hoa = Ipv6Address.parse("2001:db8:1::100");
        List<byte[]> frames = List.of(StaticVectorsAccess.tcpFrame(coa, cn, null, 0x02, 0),
                StaticVectorsAccess.tcpFrame(coa, cn, null, 0x12, 0x0101), StaticVectorsAccess.tcpFrame(coa, cn, hoa, 0x10, 0),
                StaticVectorsAccess.tcpFrame(coa, cn, hoa, 0x11, 0x8000), StaticVectorsAccess.tcpFrame(cn, hoa, null, 0x19, 0));
        Path tcp = written("tcp.pcap", PcapRecord.LINKTYPE_ETHERNET, frames);
        var r = ExternalTools.run(List.of("tshark", "-r", tcp.toString(), "-o", "tcp.check_checksum:TRUE", "-T", "fields",
                "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "tcp.flags.syn", "-e", "tcp.flags.ack", "-e", "tcp.flags.fin",
                "-e", "tcp.flags.push", "-e", "tcp.checksum.status"));
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        for (int k = 0; k < frames.size(); k++) {
            byte[] f = frames.get(k);
            Map<String, Object> d = org.mip6.wire.text.FrameDescriber.describe(k + 1, new PcapRecord(0, 1, f, f.length));
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) d.get("tcp");
            List<String> flags = List.of(((String) t.get("flags")).split(","));
            String ours = String.join("\t", String.valueOf(t.get("srcPort")), String.valueOf(t.get("dstPort")),
                    bit(flags, "SYN"), bit(flags, "ACK"), bit(flags, "FIN"), bit(flags, "PSH"),
                    d.containsKey("error") ? "0" : "1"); // tshark: 1 good, 0 bad
            assertEquals(lines[k], ours, "frame " + (k + 1) + ": " + d);
        }
    }

    /** {@code frames} in a capture of that name and link type, a millisecond apart. */
    private static Path written(String name, int linkType, List<byte[]> frames) throws java.io.IOException {
        Path file = dir.resolve(name);
        try (PcapWriter w = PcapWriter.create(file, linkType)) {
            long t = 0;
            for (byte[] f : frames) {
                w.write(t += 1_000_000, f);
            }
        }
        return file;
    }

    private static String bit(List<String> flags, String name) {
        return flags.contains(name) ? "1" : "0";
    }

    private static String join(List<Map<String, Object>> tags, String key) {
        return String.join("/", tags.stream().map(t -> String.valueOf(t.get(key))).toList());
    }

    @Test
    void fieldsMatchOurRecords() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-o", "udp.check_checksum:TRUE",
                "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        var r = ExternalTools.run(cmd);
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(vectors.size(), lines.length);
        int checked = 0;
        for (int i = 0; i < vectors.size(); i++) {
            String[] cols = lines[i].split("\t", -1);
            Map<String, String> got = new LinkedHashMap<>();
            for (int c = 0; c < FIELDS.size(); c++) {
                got.put(FIELDS.get(c), c < cols.length ? cols[c] : "");
            }
            Map<String, String> want = expected(vectors.get(i).frame().packet());
            for (var e : want.entrySet()) {
                assertEquals(e.getValue(), got.get(e.getKey()), vectors.get(i).name() + " " + e.getKey());
                checked++;
            }
        }
        assertTrue(checked > 150, "compared " + checked + " field values");
    }

    static String hex64(long v) {
        return "0x" + HexFormat.of().toHexDigits(v);
    }

    static String flag(boolean b) {
        return b ? "1" : "0";
    }

    /** What tshark must show for a packet, derived from our record. */
    static Map<String, String> expected(Ipv6Packet p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ipv6.src", p.source().toString());
        m.put("ipv6.dst", p.destination().toString());
        if (p.homeAddressOption() != null) {
            m.put("ipv6.opt.mipv6.home_address", p.homeAddressOption().toString());
        }
        if (p.type2RoutingHeader() != null) {
            m.put("ipv6.routing.mipv6.home_address", p.type2RoutingHeader().homeAddress().toString());
        }
        Payload pl = p.payload();
        if (pl instanceof Payload.Tunnel t) {
            // tshark shows both headers; the inner payload's fields are checked through it
            Map<String, String> inner = expected(t.inner());
            inner.remove("ipv6.src");
            inner.remove("ipv6.dst");
            m.putAll(inner);
            m.put("ipv6.src", p.source() + "," + t.inner().source());
            m.put("ipv6.dst", p.destination() + "," + t.inner().destination());
            return m;
        }
        if (pl instanceof Payload.Udp) {
            m.put("udp.checksum.status", "1");
        }
        if (pl instanceof Payload.Mobility mob) {
            MobilityMessage msg = mob.message();
            m.put("mip6.mhtype", Integer.toString(msg.mhType()));
            if (msg instanceof MobilityMessage.BindingUpdate bu) {
                m.put("mip6.bu.seqnr", Integer.toString(bu.sequence()));
                m.put("mip6.bu.a_flag", flag(bu.acknowledge()));
                m.put("mip6.bu.h_flag", flag(bu.homeRegistration()));
                m.put("mip6.bu.l_flag", flag(bu.linkLocalCompatibility()));
                m.put("mip6.bu.k_flag", flag(bu.keyManagementCompatibility()));
                m.put("mip6.bu.lifetime", Integer.toString(bu.lifetime()));
            } else if (msg instanceof MobilityMessage.BindingAcknowledgement ba) {
                m.put("mip6.ba.status", Integer.toString(ba.status()));
                m.put("mip6.ba.seqnr", Integer.toString(ba.sequence()));
                m.put("mip6.ba.lifetime", Integer.toString(ba.lifetime()));
                m.put("mip6.ba.k_flag", flag((ba.flags() & MobilityMessage.BindingAcknowledgement.K) != 0));
            } else if (msg instanceof MobilityMessage.BindingError be) {
                m.put("mip6.be.status", Integer.toString(be.status()));
                m.put("mip6.be.haddr", be.homeAddress().toString());
            } else if (msg instanceof MobilityMessage.HomeTestInit h) {
                m.put("mip6.hoti.cookie", hex64(h.cookie()));
            } else if (msg instanceof MobilityMessage.CareOfTestInit c) {
                m.put("mip6.coti.cookie", hex64(c.cookie()));
            } else if (msg instanceof MobilityMessage.HomeTest h) {
                m.put("mip6.hot.nindex", Integer.toString(h.nonceIndex()));
                m.put("mip6.hot.cookie", hex64(h.cookie()));
                m.put("mip6.hot.token", hex64(h.keygenToken()));
            } else if (msg instanceof MobilityMessage.CareOfTest c) {
                m.put("mip6.cot.nindex", Integer.toString(c.nonceIndex()));
                m.put("mip6.cot.cookie", hex64(c.cookie()));
                m.put("mip6.hot.token", hex64(c.keygenToken())); // tshark 4.0 files the CoT token here
            }
            for (MobilityOption o : msg.options()) {
                if (o instanceof MobilityOption.AlternateCareOfAddress a) {
                    m.put("mip6.acoa.acoa", a.address().toString());
                } else if (o instanceof MobilityOption.NonceIndices n) {
                    m.put("mip6.ni.hni", Integer.toString(n.homeNonceIndex()));
                    m.put("mip6.ni.cni", Integer.toString(n.careOfNonceIndex()));
                } else if (o instanceof MobilityOption.BindingAuthorizationData b) {
                    m.put("mip6.bad.auth", b.authenticator().hex());
                } else if (o instanceof MobilityOption.BindingRefreshAdvice b) {
                    m.put("mip6.bra.interval", Integer.toString(b.interval()));
                }
            }
        }
        if (pl instanceof Payload.Icmpv6 ic) {
            Icmpv6Message msg = ic.message();
            m.put("icmpv6.type", Integer.toString(msg.type()));
            m.put("icmpv6.checksum.status", "1");
            if (msg instanceof Icmpv6Message.DhaadRequest d) {
                m.put("icmpv6.mip6.identifier", Integer.toString(d.identifier()));
            } else if (msg instanceof Icmpv6Message.DhaadReply d) {
                m.put("icmpv6.mip6.identifier", Integer.toString(d.identifier()));
                m.put("icmpv6.mip6.home_agent_address", String.join(",",
                        d.homeAgents().stream().map(Ipv6Address::toString).toList()));
            } else if (msg instanceof Icmpv6Message.MobilePrefixSolicitation s) {
                m.put("icmpv6.mip6.identifier", Integer.toString(s.identifier()));
            } else if (msg instanceof Icmpv6Message.MobilePrefixAdvertisement a) {
                m.put("icmpv6.mip6.identifier", Integer.toString(a.identifier()));
                ndOptions(a.options(), m);
            } else if (msg instanceof Icmpv6Message.RouterAdvertisement ra) {
                m.put("icmpv6.nd.ra.flag.h", flag(ra.homeAgent()));
                ndOptions(ra.options(), m);
            } else if (msg instanceof Icmpv6Message.DestinationUnreachable
                    || msg instanceof Icmpv6Message.PacketTooBig || msg instanceof Icmpv6Message.TimeExceeded
                    || msg instanceof Icmpv6Message.ParameterProblem) {
                m.put("udp.checksum.status", "1"); // the invoking packet's UDP checksum is valid too
                m.put("icmpv6.code", Integer.toString(msg.code()));
                byte[] inv = invoking(msg).toArray(); // tshark dissects the invoking packet's header too
                m.put("ipv6.src", p.source() + "," + Ipv6Address.read(inv, 8));
                m.put("ipv6.dst", p.destination() + "," + Ipv6Address.read(inv, 24));
            }
        }
        return m;
    }

    static Bytes invoking(Icmpv6Message m) {
        if (m instanceof Icmpv6Message.DestinationUnreachable d) {
            return d.invokingPacket();
        } else if (m instanceof Icmpv6Message.PacketTooBig t) {
            return t.invokingPacket();
        } else if (m instanceof Icmpv6Message.TimeExceeded t) {
            return t.invokingPacket();
        }
        return ((Icmpv6Message.ParameterProblem) m).invokingPacket();
    }

    static void ndOptions(List<NdOption> options, Map<String, String> m) {
        for (NdOption o : options) {
            if (o instanceof NdOption.PrefixInformation pi) {
                m.put("icmpv6.opt.prefix", pi.address().toString());
                m.put("icmpv6.opt.prefix.flag.r", flag(pi.routerAddress()));
            } else if (o instanceof NdOption.HomeAgentInformation h) {
                m.put("icmpv6.opt.home_agent_preference", Integer.toString(h.preference()));
                m.put("icmpv6.opt.home_agent_lifetime", Integer.toString(h.lifetime()));
            } else if (o instanceof NdOption.AdvertisementInterval a) {
                m.put("icmpv6.opt.advertisement_interval", Long.toString(a.intervalMillis()));
            }
        }
    }
}
