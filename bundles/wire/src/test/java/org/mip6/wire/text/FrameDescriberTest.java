package org.mip6.wire.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mip6.wire.Bytes;
import org.mip6.wire.Checksum;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Vectors;
import org.mip6.wire.pcap.PcapRecord;

class FrameDescriberTest {

    static String json(String vector) {
        byte[] b = PacketCodec.encodeEthernet(Vectors.all().stream().filter(v -> v.name().equals(vector)).findFirst()
                .orElseThrow().frame());
        return Json.write(FrameDescriber.describe(7, new PcapRecord(1_500_000_000L, 1, b, b.length)));
    }

    @Test
    void bindingUpdateWithHaoAndAltCoa() {
        String j = json("bu-hao-altcoa");
        assertTrue(j.startsWith("{\"frame\":7,\"time\":\"1.500000000\""), j);
        assertTrue(j.contains("\"src\":\"2001:db8:2::100\",\"dst\":\"2001:db8:1::1\",\"hao\":\"2001:db8:1::100\""), j);
        assertTrue(j.contains("\"mh\":{\"type\":5,\"name\":\"Binding Update\",\"seq\":1,\"flags\":\"AHL\",\"lifetime\":600,"
                + "\"options\":[{\"type\":3,\"name\":\"Alternate Care-of Address\",\"address\":\"2001:db8:2::100\"}]}"), j);
    }

    @Test
    void returnRoutabilityAndBindingAck() {
        String j = json("bu-cn-rr");
        assertTrue(j.contains("{\"type\":4,\"name\":\"Nonce Indices\",\"homeNonceIndex\":7,\"careOfNonceIndex\":8}"), j);
        assertTrue(j.contains("\"authenticator\":\"0064da8f2fb3cdef5278ac10\""), j);
        String ba = json("ba-rh2-bra");
        assertTrue(ba.contains("\"rh2\":\"2001:db8:1::100\""), ba);
        assertTrue(ba.contains("\"status\":0,\"seq\":1,\"flags\":\"\",\"lifetime\":600"), ba);
        assertTrue(ba.contains("{\"type\":2,\"name\":\"Binding Refresh Advice\",\"interval\":300}"), ba);
        assertTrue(json("hot").contains("\"nonceIndex\":7,\"cookie\":\"1122334455667788\",\"token\":\"b62e649990b1ed29\""));
        assertTrue(json("mh-unknown-type").contains("\"unknown\":true"));
    }

    @Test
    void icmpv6AndTunnel() {
        String ra = json("ra-mipv6");
        assertTrue(ra.contains("\"homeAgent\":true"), ra);
        assertTrue(ra.contains("\"prefixes\":[\"2001:db8:1::/64\"]"), ra);
        assertTrue(ra.contains("\"advertisementInterval\":70"), ra);
        assertTrue(ra.contains("\"homeAgentPreference\":10,\"homeAgentLifetime\":1800"), ra);
        assertTrue(json("dhaad-reply").contains("\"identifier\":4660,\"addresses\":[\"2001:db8:1::1\",\"2001:db8:1::2\"]"));
        String t = json("echo-request-tunnelled");
        assertTrue(t.contains("\"src\":\"2001:db8:1::1\",\"dst\":\"2001:db8:2::100\""), t);
        assertTrue(t.contains("\"tunnel\":{\"src\":\"2001:db8:3::3\",\"dst\":\"2001:db8:1::100\"}"), t);
        assertTrue(t.contains("\"icmpv6\":{\"type\":128"), t);
    }

    /**
     * Scapy's Segment Routing Header vector (PacketViewTest): a receiver stops at the header it refuses, an
     * analyser shows what follows (here UDP), with no error: its checksum covers the last segment.
     */
    @Test
    void whatFollowsARoutingHeaderTheDestinationRefusesIsShown() {
        byte[] b = Bytes.fromHex("6000000000362b40fc000000000000000000000000000001fd000000000000000000000000000042"
                + "1104040101000000fc130000000000000000000000001337fd000000000000000000000000000042"
                + "2af81092000e81b7666f6f626172").toArray();
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_RAW, b, b.length));
        String j = Json.write(d);
        assertTrue(j.contains("\"udp\""), j);
        assertTrue(j.contains("11000"), j);
        assertTrue(!j.contains("\"error\""), j + ": the checksum verifies against the last segment, fc13::1337");
        assertTrue(j.contains("\"routing\":{\"type\":4,\"segmentsLeft\":1,\"segments\":[\"fc13::1337\",\"fd00::42\"]}"), j);
        assertTrue(FrameDescriber.line(d).contains("RH type 4 segleft 1"), FrameDescriber.line(d));
        b[b.length - 1] ^= 1;
        j = Json.write(FrameDescriber.describe(2, new PcapRecord(0, PcapRecord.LINKTYPE_RAW, b, b.length)));
        assertTrue(j.contains("\"reason\":\"BAD_CHECKSUM\",\"offset\":86"), j);
        assertTrue(j.contains("fc13::1337"), j);
        assertTrue(j.contains("\"received\":\"0x81b7\""), j);
        assertTrue(j.contains("\"udp\""), j);
    }

    @Test
    void decodeErrorsAreReportedWithReasonAndOffset() {
        byte[] b = Bytes.fromHex(org.mip6.wire.StaticVectorsAccess.hex("bu-hao-altcoa")).toArray();
        b[b.length - 1] ^= 1;
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, 1, b, b.length));
        String j = Json.write(d);
        assertTrue(j.contains("\"error\":{\"reason\":\"BAD_CHECKSUM\",\"offset\":82"), j);
        assertTrue(FrameDescriber.line(d).contains("ERROR BAD_CHECKSUM at offset 82"), FrameDescriber.line(d));
        String line = FrameDescriber.line(FrameDescriber.describe(2, new PcapRecord(0, 147, b, b.length)));
        assertTrue(line.contains("UNSUPPORTED_LINK_TYPE"), line);
    }

    /**
     * Scapy's own vectors (test/scapy/layers/inet6.uts): a Binding Refresh Request with Payload Proto 0xff
     * ("MIP6MH_BRR - Build with specific values") and a Binding Update whose Home Address option holds ::
     * ("MIP6MH_BU - build (default values)"). Receivers refuse both (RFC 6275 §6.1.1, §6.3); the analyser says
     * why and still names the packet's endpoints.
     */
    @Test
    void aDefectPastTheFixedHeaderStillShowsWhoSentItToWhom() {
        byte[] brr = Bytes.fromHex("600000000028874020010db800000000000000000000000120010db8000000000000000000000002"
                + "ff0400eeec24aaaa0707020000000000000001020000031000000000000000000000000000000000").toArray();
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, brr, brr.length));
        String j = Json.write(d);
        assertTrue(j.contains("\"src\":\"2001:db8::1\",\"dst\":\"2001:db8::2\",\"hopLimit\":64,\"nextHeader\":135"), j);
        assertTrue(j.contains("\"error\":{\"reason\":\"BAD_PAYLOAD_PROTO\",\"offset\":40"), j);
        String line = FrameDescriber.line(d);
        assertTrue(line.contains("2001:db8::1 → 2001:db8::2") && line.contains("ERROR BAD_PAYLOAD_PROTO"), line);

        byte[] bu = Bytes.fromHex("6000000000283c40000000000000000000000000000000010000000000000000000000000000000187"
                + "0201020000c910000000000000000000000000000000003b010500ee600000d000000301020000").toArray();
        d = FrameDescriber.describe(2, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, bu, bu.length));
        j = Json.write(d);
        assertTrue(j.contains("\"src\":\"::1\",\"dst\":\"::1\",\"hopLimit\":64,\"nextHeader\":60"), j);
        assertTrue(j.contains("\"error\":{\"reason\":\"BAD_FIELD\",\"offset\":48"), j);
    }

    @Test
    void aWrongChecksumStillShowsTheFieldsAndTheChecksumExpected() throws Exception {
        byte[] b = Bytes.fromHex(org.mip6.wire.StaticVectorsAccess.hex("bu-hao-altcoa")).toArray();
        b[82] ^= 0x5a; // as a host with checksum offload captures its own packets
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, 1, b, b.length));
        String j = Json.write(d);
        assertTrue(j.contains("\"src\":\"2001:db8:2::100\""), j);
        assertTrue(j.contains("\"name\":\"Binding Update\",\"seq\":1,\"flags\":\"AHL\""), j);
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) d.get("error");
        assertEquals("BAD_CHECKSUM", e.get("reason"));
        String expected = (String) e.get("expected");
        assertEquals(String.format("0x%04x", ((b[82] & 0xff) << 8) | (b[83] & 0xff)), e.get("received"));
        int x = Integer.parseInt(expected.substring(2), 16);
        b[82] = (byte) (x >>> 8);
        b[83] = (byte) x;
        org.mip6.wire.PacketCodec.decodeEthernet(b, 0, b.length); // the expected checksum verifies
        String line = FrameDescriber.line(d);
        assertTrue(line.contains("MH Binding Update") && line.contains("ERROR BAD_CHECKSUM at offset 82 (checksum 0x")
                && line.contains(", expected " + expected + ")"), line);
    }

    @Test
    void aFrameCutByTheSnapLengthShowsItsIpv6HeaderAndWhereItWasCut() {
        byte[] full = Bytes.fromHex(org.mip6.wire.StaticVectorsAccess.hex("bu-hao-altcoa")).toArray();
        byte[] cut = java.util.Arrays.copyOf(full, 64);
        Map<String, Object> d = FrameDescriber.describe(3, new PcapRecord(0, 1, cut, full.length));
        String j = Json.write(d);
        assertTrue(j.contains("\"src\":\"2001:db8:2::100\",\"dst\":\"2001:db8:1::1\""), j);
        assertTrue(j.contains("\"reason\":\"TRUNCATED\""), j);
        assertTrue(j.contains("\"captured\":64,\"original\":" + full.length), j);
        String line = FrameDescriber.line(d);
        assertTrue(line.contains("2001:db8:2::100 → 2001:db8:1::1") && line.contains("(captured 64 of " + full.length + " bytes)"), line);
    }

    @Test
    void jsonEscapes() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("a", "q\"\\\n\u0001");
        m.put("b", java.util.Arrays.asList(1, true, null));
        assertEquals("{\"a\":\"q\\\"\\\\\\n\\u0001\",\"b\":[1,true,null]}", Json.write(m));
    }

    /** A BU with a Home Address option and an Alternate Care-of Address option, as raw IPv6 bytes. */
    private static byte[] bindingUpdate(org.mip6.wire.mh.EncodeOptions eo) {
        org.mip6.net.Ipv6Address coa = org.mip6.net.Ipv6Address.parse("2001:db8:2::100");
        org.mip6.net.Ipv6Address hoa = org.mip6.net.Ipv6Address.parse("2001:db8:1::100");
        org.mip6.wire.Ipv6Packet p = new org.mip6.wire.Ipv6Packet(0, 0, 64, coa, org.mip6.net.Ipv6Address.parse("2001:db8:1::1"),
                java.util.List.of(org.mip6.wire.ExtensionHeader.DestinationOptions.homeAddress(hoa)),
                new org.mip6.wire.Payload.Mobility(new org.mip6.wire.mh.MobilityMessage.BindingUpdate(1000,
                        org.mip6.wire.mh.MobilityMessage.BindingUpdate.A, 3600,
                        java.util.List.of(new org.mip6.wire.mh.MobilityOption.AlternateCareOfAddress(coa)))));
        byte[] b = new byte[PacketCodec.encodedLength(p, eo)];
        PacketCodec.encode(p, b, 0, eo, 0);
        return b;
    }

    /** Every flag tshark shows is shown, in the field's order: Proxy Mobile IPv6's P, DSMIPv6's F, T and B too. */
    @Test
    void bindingUpdateAndAcknowledgementFlagsOfLaterRfcsAreShown() {
        org.mip6.wire.mh.MobilityMessage bu = new org.mip6.wire.mh.MobilityMessage.BindingUpdate(7, 0xffc0, 100, List.of());
        assertEquals("AHLKMRPFTB", FrameDescriber.flags(bu));
        assertEquals("PB", FrameDescriber.flags(new org.mip6.wire.mh.MobilityMessage.BindingUpdate(7, 0x0240, 100, List.of())));
        org.mip6.wire.mh.MobilityMessage ba = new org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement(0, 0xf8, 7, 25, List.of());
        assertEquals("KRPTB", FrameDescriber.flags(ba));
        assertEquals("", FrameDescriber.flags(new org.mip6.wire.mh.MobilityMessage.BindingUpdate(7, 0x003f, 100, List.of())),
                "reserved bits are no flags");
    }

    /** MH types and mobility options the codecs keep as unknown are named as IANA's registry names them (tshark too). */
    @Test
    void unknownMobilityHeaderTypesAndOptionsAreNamedAsTheRegistryNamesThem() {
        org.mip6.net.Ipv6Address a = org.mip6.net.Ipv6Address.parse("2001:db8:2::100");
        org.mip6.net.Ipv6Address b = org.mip6.net.Ipv6Address.parse("2001:db8:1::1");
        Object[][] types = {{8, "Fast Binding Update"}, {13, "Heartbeat"}, {16, "Binding Revocation"},
                {18, "Localized Routing Acknowledgment"}, {19, "Unknown MH Type 19"}, {200, "Unknown MH Type 200"}};
        for (Object[] t : types) {
            byte[] ip = PacketCodec.encode(org.mip6.wire.Ipv6Packet.of(a, b, 64, new org.mip6.wire.Payload.Mobility(
                    new org.mip6.wire.mh.MobilityMessage.UnknownMobilityMessage((Integer) t[0], Bytes.of(new byte[2])))));
            Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, ip, ip.length));
            Map<?, ?> mh = (Map<?, ?>) d.get("mh");
            assertEquals(t[1], mh.get("name"), d.toString());
            assertEquals(true, mh.get("unknown"), "still not decoded: " + d);
            assertTrue(FrameDescriber.line(d).endsWith("MH " + t[1]), FrameDescriber.line(d));
        }
        Object[][] options = {{7, "Mobility Header Link-Layer Address"}, {8, "Mobile Node Identifier"},
                {22, "Home Network Prefix"}, {33, "GRE Key"}, {52, "Access Network Identifier"}, {53, null}, {200, null}};
        for (Object[] o : options) {
            byte[] ip = PacketCodec.encode(org.mip6.wire.Ipv6Packet.of(a, b, 64, new org.mip6.wire.Payload.Mobility(
                    new org.mip6.wire.mh.MobilityMessage.BindingUpdate(7, org.mip6.wire.mh.MobilityMessage.BindingUpdate.A, 100,
                            java.util.List.of(new org.mip6.wire.mh.MobilityOption.UnknownMobilityOption((Integer) o[0],
                                    Bytes.of(new byte[] {1, 2})))))));
            Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, ip, ip.length));
            Map<?, ?> x = (Map<?, ?>) ((List<?>) ((Map<?, ?>) d.get("mh")).get("options")).get(0);
            assertEquals(o[1], x.get("name"), d.toString());
            assertEquals(true, x.get("unknown"), d.toString());
            String line = FrameDescriber.line(d);
            assertTrue(line.endsWith("[" + (o[1] != null ? o[1] : "option " + o[0]) + " unknown=true data=0102]"), line);
        }
    }

    @Test
    void optionsOffTheirAlignmentAreShownAsTcpdumpAndWiresharkShowThem() throws Exception {
        // tcpdump's test capture ipv6_mobility_1.pcap (built with Scapy) has such options, and a zero checksum
        byte[] b = bindingUpdate(org.mip6.wire.mh.EncodeOptions.DEFAULT.withoutPadding());
        org.mip6.wire.DecodeException strict = org.junit.jupiter.api.Assertions.assertThrows(org.mip6.wire.DecodeException.class,
                () -> PacketCodec.decodeIpv6(b, 0, b.length));
        assertEquals(org.mip6.wire.DecodeReason.BAD_OPTION_ALIGNMENT, strict.reason()); // a receiver discards it
        assertEquals(java.util.List.of(new org.mip6.wire.mh.MobilityOption.AlternateCareOfAddress(
                        org.mip6.net.Ipv6Address.parse("2001:db8:2::100"))),
                ((org.mip6.wire.mh.MobilityMessage.BindingUpdate) ((org.mip6.wire.Payload.Mobility)
                        PacketCodec.decodeIpv6Leniently(b, 0, b.length).payload()).message()).options());
        String j = Json.write(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, b, b.length)));
        assertTrue(j.contains("\"hao\":\"2001:db8:1::100\""), j);
        assertTrue(j.contains("\"seq\":1000,\"flags\":\"A\",\"lifetime\":14400,\"options\":[{\"type\":3,"
                + "\"name\":\"Alternate Care-of Address\",\"address\":\"2001:db8:2::100\"}]"), j);
        assertTrue(j.contains("\"error\":{\"reason\":\"BAD_OPTION_ALIGNMENT\",\"offset\":" + (40 + 24 + 12)), j);

        int mh = 40 + 24;
        b[mh + 4] = 0; // the checksum left out, as in that capture
        b[mh + 5] = 0;
        Map<String, Object> d = FrameDescriber.describe(2, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, b, b.length));
        j = Json.write(d);
        assertTrue(j.contains("\"error\":{\"reason\":\"BAD_CHECKSUM\"") && j.contains("\"expected\":\"0x"), j);
        assertTrue(j.contains("\"address\":\"2001:db8:2::100\""), j);
        assertTrue(FrameDescriber.line(d).contains("MH Binding Update seq=1000 flags=A lifetime=14400s"), FrameDescriber.line(d));

        // a Home Address option at 8n+2 (its PadN moved behind it): the same
        byte[] h = bindingUpdate(org.mip6.wire.mh.EncodeOptions.DEFAULT);
        byte[] moved = h.clone();
        System.arraycopy(h, 40 + 6, moved, 40 + 2, 18); // the option
        System.arraycopy(h, 40 + 2, moved, 40 + 20, 4); // PadN of 2
        assertEquals(org.mip6.wire.DecodeReason.BAD_OPTION_ALIGNMENT, org.junit.jupiter.api.Assertions.assertThrows(
                org.mip6.wire.DecodeException.class, () -> PacketCodec.decodeIpv6(moved, 0, moved.length)).reason());
        j = Json.write(FrameDescriber.describe(3, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, moved, moved.length)));
        assertTrue(j.contains("\"hao\":\"2001:db8:1::100\"") && j.contains("\"reason\":\"BAD_OPTION_ALIGNMENT\",\"offset\":42"), j);
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] b = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, b, head.length, tail.length);
        return b;
    }

    @Test
    void vlanTaggedFramesShowTheirIpv6PacketsBehindTheTags() {
        byte[] plain = Bytes.fromHex(org.mip6.wire.StaticVectorsAccess.hex("bu-hao-altcoa")).toArray();
        String untagged = Json.write(FrameDescriber.describe(1, new PcapRecord(0, 1, plain, plain.length)));
        byte[] q = org.mip6.wire.StaticVectorsAccess.tagged(plain, 0x8100, 5 << 13 | 100); // priority 5, VLAN 100
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, 1, q, q.length));
        assertEquals(untagged.replace("\"length\":" + plain.length + ",", "\"length\":" + q.length
                + ",\"vlan\":[{\"tpid\":\"0x8100\",\"priority\":5,\"dei\":0,\"id\":100}],"), Json.write(d));
        assertTrue(FrameDescriber.line(d).contains(" VLAN 100 2001:db8:2::100 → 2001:db8:1::1 HAO 2001:db8:1::100 MH Binding Update"),
                FrameDescriber.line(d));
        byte[] qinq = org.mip6.wire.StaticVectorsAccess.tagged(plain, 0x88a8, 1 << 12 | 300, 0x8100, 100); // 802.1ad: service tag (DEI set), then customer tag
        d = FrameDescriber.describe(1, new PcapRecord(0, 1, qinq, qinq.length));
        assertTrue(Json.write(d).contains("\"vlan\":[{\"tpid\":\"0x88a8\",\"priority\":0,\"dei\":1,\"id\":300},"
                + "{\"tpid\":\"0x8100\",\"priority\":0,\"dei\":0,\"id\":100}]"), Json.write(d));
        assertTrue(FrameDescriber.line(d).contains(" VLAN 300/100 2001:db8:2::100 → "), FrameDescriber.line(d));

        qinq[82 + 8] ^= 1; // the MH checksum, 8 octets further on: offsets count from the record's start
        String j = Json.write(FrameDescriber.describe(1, new PcapRecord(0, 1, qinq, qinq.length)));
        assertTrue(j.contains("\"reason\":\"BAD_CHECKSUM\",\"offset\":90") && j.contains("\"name\":\"Binding Update\""), j);
        byte[] cut = java.util.Arrays.copyOf(q, 70);
        j = Json.write(FrameDescriber.describe(1, new PcapRecord(0, 1, cut, q.length)));
        assertTrue(j.contains("\"src\":\"2001:db8:2::100\"") && j.contains("\"reason\":\"TRUNCATED\""), j);

        byte[] arp = org.mip6.wire.StaticVectorsAccess.tagged(java.util.Arrays.copyOf(plain, 42), 0x8100, 7);
        arp[16] = 0x08;
        arp[17] = 0x06;
        assertTrue(FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, 1, arp, arp.length)))
                .endsWith("VLAN 7 EtherType 0x0806"));
        byte[] shortTag = java.util.Arrays.copyOf(q, 16); // the tag's EtherType, its TCI cut off
        assertTrue(FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, 1, shortTag, q.length)))
                .endsWith("EtherType 0x8100"));
    }

    @Test
    void tcpSegmentsAreShownAndTheirChecksumVerifiedWithTheHomeAddress() throws Exception {
        org.mip6.net.Ipv6Address coa = org.mip6.net.Ipv6Address.parse("2001:db8:2::100");
        org.mip6.net.Ipv6Address cn = org.mip6.net.Ipv6Address.parse("2001:db8:4::9");
        org.mip6.net.Ipv6Address hoa = org.mip6.net.Ipv6Address.parse("2001:db8:1::100");
        byte[] syn = org.mip6.wire.StaticVectorsAccess.tcpFrame(coa, cn, hoa, 0x02, 0);
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, 1, syn, syn.length));
        String j = Json.write(d);
        assertTrue(j.contains("\"hao\":\"2001:db8:1::100\"") && j.contains("\"tcp\":{\"srcPort\":30000,\"dstPort\":80,"
                + "\"seq\":1,\"ack\":0,\"flags\":\"SYN\",\"window\":8192,\"length\":0}") && !j.contains("error"), j);
        assertTrue(FrameDescriber.line(d).endsWith("HAO 2001:db8:1::100 TCP 30000 → 80 [SYN] seq=1 ack=0 win=8192 len=0"),
                FrameDescriber.line(d));
        // computed with the care-of address instead (as a sender that ignores RFC 6275 §6.3 would): wrong
        byte[] withCoa = org.mip6.wire.StaticVectorsAccess.tcpFrame(coa, cn, null, 0x12, 0);
        byte[] bad = org.mip6.wire.StaticVectorsAccess.tcpFrame(coa, cn, hoa, 0x12, 0);
        int field = bad.length - 4;
        bad[field] = withCoa[withCoa.length - 4];
        bad[field + 1] = withCoa[withCoa.length - 3];
        d = FrameDescriber.describe(1, new PcapRecord(0, 1, bad, bad.length));
        j = Json.write(d);
        assertTrue(j.contains("\"flags\":\"SYN,ACK\"") && j.contains("\"reason\":\"BAD_CHECKSUM\",\"offset\":" + field)
                && j.contains("pseudo-header 2001:db8:1::100 -> 2001:db8:4::9"), j);
        assertTrue(FrameDescriber.line(d).contains("[SYN, ACK]") && FrameDescriber.line(d).contains("ERROR BAD_CHECKSUM"),
                FrameDescriber.line(d));
        // reverse-tunnelled (RFC 6275 §11.3.1): the inner segment, from the home address, shown and verified too
        for (int xor : new int[] {0, 0x0400}) {
            byte[] inner = org.mip6.wire.StaticVectorsAccess.tcpFrame(hoa, cn, null, 0x18, xor);
            org.mip6.wire.Ipv6Packet tunnelled = org.mip6.wire.Ipv6Packet.of(coa, org.mip6.net.Ipv6Address.parse("2001:db8:1::1"), 64,
                    new org.mip6.wire.Payload.Tunnel(PacketCodec.decodeEthernet(inner, 0, inner.length).packet()));
            byte[] outer = PacketCodec.encodeEthernet(org.mip6.wire.EthernetFrame.ipv6(org.mip6.net.MacAddress.parse("02:00:00:00:00:01"),
                    org.mip6.net.MacAddress.parse("02:00:00:00:00:02"), tunnelled));
            d = FrameDescriber.describe(1, new PcapRecord(0, 1, outer, outer.length));
            String line = FrameDescriber.line(d);
            assertTrue(line.contains("2001:db8:2::100 → 2001:db8:1::1 [tunnel 2001:db8:1::100 → 2001:db8:4::9] TCP 30000 → 80 [PSH, ACK]"), line);
            assertEquals(xor != 0, line.contains("ERROR BAD_CHECKSUM at offset " + (outer.length - 4)), line);
        }
        byte[] shortHeader = syn.clone(); // Data Offset 4: no TCP header to show
        shortHeader[syn.length - 20 + 12] = 0x40;
        assertTrue(FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, 1, shortHeader, syn.length)))
                .endsWith("next header 6"));
    }

    /** ICMPv6 types the codec keeps as Unknown are named as the IANA registry names them (MLD, Redirect, ...). */
    /**
     * A checksum that holds the pseudo-header's sum alone is named a sender's checksum offload, as tshark says
     * "maybe caused by checksum offload": the values are those of tcpdump's quic_handshake.pcap (UDP on
     * loopback) and gso-ipv6.pcap (TCP, GSO), 0x04cb and 0xac4e, which tshark shows as found there.
     */
    @Test
    void aChecksumLeftToTheNicIsNamedAnOffload() {
        byte[] udp = new byte[40 + 1208];
        udp[0] = 0x60;
        udp[4] = (byte) (1208 >> 8);
        udp[5] = (byte) 1208;
        udp[6] = 17;
        udp[7] = 64;
        udp[23] = 1; // ::1
        udp[39] = 1; // ::1
        udp[40] = (byte) 0xc5; // 50606 → 443
        udp[41] = (byte) 0xae;
        udp[42] = 1;
        udp[43] = (byte) 0xbb;
        udp[44] = (byte) (1208 >> 8);
        udp[45] = (byte) 1208;
        udp[46] = 0x04;
        udp[47] = (byte) 0xcb;
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, udp, udp.length));
        String j = Json.write(d);
        assertTrue(j.contains("\"reason\":\"BAD_CHECKSUM\",\"offset\":46") && j.contains("\"received\":\"0x04cb\"")
                && j.contains("\"offload\":true"), j);
        assertTrue(FrameDescriber.line(d).contains("(checksum 0x04cb, expected 0x2f13: the pseudo-header's sum alone,"
                + " a sender's checksum offload)"), FrameDescriber.line(d));

        byte[] tcp = new byte[40 + 7172];
        tcp[0] = 0x60;
        tcp[4] = (byte) (7172 >> 8);
        tcp[5] = (byte) 7172;
        tcp[6] = 6;
        tcp[7] = 61;
        byte[] prefix = {0x26, 0x04, 0x13, (byte) 0x80, 0x40, (byte) 0x91, (byte) 0xce, 0x00};
        System.arraycopy(prefix, 0, tcp, 8, 8);
        tcp[23] = 0x0b; // 2604:1380:4091:ce00::b
        System.arraycopy(prefix, 0, tcp, 24, 8);
        tcp[39] = 0x0d; // 2604:1380:4091:ce00::d
        tcp[40 + 12] = 0x50; // Data Offset 5
        tcp[40 + 13] = 0x18; // PSH, ACK
        tcp[40 + 16] = (byte) 0xac;
        tcp[40 + 17] = 0x4e;
        d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, tcp, tcp.length));
        j = Json.write(d);
        assertTrue(j.contains("\"reason\":\"BAD_CHECKSUM\",\"offset\":56") && j.contains("\"offload\":true"), j);
        tcp[40 + 17] = 0x4d; // wrong, and not the pseudo-header's sum
        d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, tcp, tcp.length));
        j = Json.write(d);
        assertTrue(j.contains("\"reason\":\"BAD_CHECKSUM\",\"offset\":56") && !j.contains("offload"), j);
        assertTrue(FrameDescriber.line(d).contains("(checksum 0xac4d, expected 0x") && !FrameDescriber.line(d).contains("offload"),
                FrameDescriber.line(d));
    }

    /**
     * What an Authentication Header protects is in the clear (RFC 4302): the AH's fields are shown and what follows
     * decoded, a Binding Update with its Home Address option as one without AH; offsets count in the frame.
     */
    @Test
    void whatAnAuthenticationHeaderProtectsIsShown() throws Exception {
        byte[] plain = PacketCodec.encodeEthernet(Vectors.all().stream().filter(v -> v.name().equals("bu-hao-altcoa"))
                .findFirst().orElseThrow().frame());
        byte[] f = org.mip6.wire.StaticVectorsAccess.withAh(plain, 0x1234, 7, 12); // HMAC-SHA1-96's ICV
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, 1, f, f.length));
        String j = Json.write(d);
        String without = Json.write(FrameDescriber.describe(1, new PcapRecord(0, 1, plain, plain.length)));
        assertTrue(j.contains("\"ah\":[{\"nextHeader\":135,\"length\":24,\"spi\":\"0x00001234\",\"seq\":7,"
                + "\"icv\":\"a0a1a2a3a4a5a6a7a8a9aaab\"}]"), j);
        assertEquals(without.replace("\"length\":" + plain.length, "\"length\":" + f.length),
                j.replaceAll(",\"ah\":\\[[^]]*]", ""), "the rest as without AH");
        String line = FrameDescriber.line(d);
        assertTrue(line.contains(" HAO 2001:db8:1::100 AH spi=0x00001234 seq=7 MH Binding Update seq=1"), line);

        f[14 + 40 + 24 + 24 + 4] ^= 1; // the MH checksum, after Ethernet, IPv6, the HAO's header and the AH
        j = Json.write(FrameDescriber.describe(1, new PcapRecord(0, 1, f, f.length)));
        assertTrue(j.contains("\"reason\":\"BAD_CHECKSUM\",\"offset\":" + (14 + 40 + 24 + 24 + 4)) && j.contains("\"ah\":[")
                && j.contains("\"name\":\"Binding Update\""), j);

        byte[] odd = org.mip6.wire.StaticVectorsAccess.withAh(plain, 1, 1, 8); // 20 octets: not a multiple of 8
        j = Json.write(FrameDescriber.describe(1, new PcapRecord(0, 1, odd, odd.length)));
        assertTrue(j.contains("\"reason\":\"BAD_HEADER_LEN\",\"offset\":" + (14 + 40 + 24 + 1)) && j.contains("\"mh\":"), j);

        byte[] cut = f.clone();
        cut[14 + 40 + 24 + 1] = 100; // an AH longer than the packet: no AH shown, the packet as it is
        String c = FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, 1, cut, cut.length)));
        assertTrue(c.endsWith("next header 51"), c);
    }

    /** MLD messages (RFC 3810, RFC 2710), which the codecs keep as unknown ICMPv6, show their fields and records. */
    @Test
    void multicastListenerMessagesShowTheirFields() {
        java.util.List<byte[]> f = org.mip6.wire.StaticVectorsAccess.mldFrames();
        String[] lines = new String[f.size()];
        String[] json = new String[f.size()];
        for (int k = 0; k < f.size(); k++) {
            Map<String, Object> d = FrameDescriber.describe(k + 1, new PcapRecord(0, 1, f.get(k), f.get(k).length));
            lines[k] = FrameDescriber.line(d);
            json[k] = Json.write(d);
            assertTrue(!json[k].contains("error"), json[k]);
        }
        assertTrue(lines[0].endsWith("ICMPv6 Version 2 Multicast Listener Report records=[CHANGE_TO_EXCLUDE_MODE ff02::2, "
                + "MODE_IS_INCLUDE ff02::1:ff00:1 2001:db8::a 2001:db8::b, ALLOW_NEW_SOURCES ff3e::1234 2001:db8::c]"), lines[0]);
        assertTrue(json[0].contains("\"records\":[{\"type\":4,\"name\":\"CHANGE_TO_EXCLUDE_MODE\",\"group\":\"ff02::2\",\"sources\":[]}"),
                json[0]);
        assertTrue(lines[1].endsWith("ICMPv6 Multicast Listener Query version=2 maxResponseDelay=32776 group=ff02::1:ff00:1"
                + " s=1 qrv=2 qqic=125 sources=[2001:db8::a]"), lines[1]);
        assertTrue(lines[2].endsWith("ICMPv6 Multicast Listener Query version=1 maxResponseDelay=1000 group=::"), lines[2]);
        assertTrue(lines[3].endsWith("ICMPv6 Multicast Listener Report maxResponseDelay=0 group=ff02::1:ff00:1"), lines[3]);
        assertTrue(lines[4].endsWith("ICMPv6 Multicast Listener Done maxResponseDelay=0 group=ff02::1:ff00:1"), lines[4]);
        byte[] cut = java.util.Arrays.copyOf(f.get(0), f.get(0).length - 24); // the last record's source and data gone
        cut[14 + 5] -= 24; // Payload Length
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, 1, cut, cut.length));
        assertTrue(Json.write(d).contains("\"truncated\":true"), Json.write(d));
    }

    @Test
    void icmpv6TypesOutsideTheCodecAreNamedOnce() {
        org.mip6.net.Ipv6Address src = org.mip6.net.Ipv6Address.parse("fe80::1");
        for (Object[] c : new Object[][] {{143, "ICMPv6 Version 2 Multicast Listener Report"}, {137, "ICMPv6 Redirect"},
                {130, "ICMPv6 Multicast Listener Query"}, {200, "ICMPv6 type 200"}}) {
            org.mip6.wire.Ipv6Packet p = org.mip6.wire.Ipv6Packet.of(src, org.mip6.net.Ipv6Address.parse("ff02::16"), 1,
                    new org.mip6.wire.Payload.Icmpv6(new org.mip6.wire.icmp.Icmpv6Message.UnknownIcmpv6((Integer) c[0], 0, Bytes.of(new byte[20]))));
            byte[] b = PacketCodec.encodeEthernet(org.mip6.wire.EthernetFrame.ipv6(org.mip6.net.MacAddress.parse("33:33:00:00:00:16"),
                    org.mip6.net.MacAddress.parse("02:00:00:00:00:01"), p));
            String line = FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, 1, b, b.length)));
            assertTrue(line.contains("fe80::1 → ff02::16 " + c[1]) && !line.contains("ICMPv6 ICMPv6"), line); // MLD: then its fields
        }
    }

    /** Wi-Fi captures (802.11 with and without radiotap): the IPv6 packet of an unprotected data frame, after LLC/SNAP. */
    @Test
    void wifiCapturesShowTheIpv6PacketsOfTheirDataFrames() {
        byte[] ip = bindingUpdate(org.mip6.wire.mh.EncodeOptions.DEFAULT);
        String raw = Json.write(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, ip, ip.length)));
        Object[][] cases = {
                {PcapRecord.LINKTYPE_IEEE802_11, false, 0x08, 0x01}, // data, To DS
                {PcapRecord.LINKTYPE_IEEE802_11_RADIOTAP, true, 0x88, 0x02}, // QoS data, From DS
                {PcapRecord.LINKTYPE_IEEE802_11_RADIOTAP, true, 0x88, 0x03}, // QoS data between distribution systems
                {PcapRecord.LINKTYPE_IEEE802_11_RADIOTAP, true, 0x08, 0x00}};
        for (Object[] c : cases) {
            byte[] rec = org.mip6.wire.StaticVectorsAccess.wifi(ip, (Boolean) c[1], (Integer) c[2], (Integer) c[3]);
            String j = Json.write(FrameDescriber.describe(1, new PcapRecord(0, (Integer) c[0], rec, rec.length)));
            assertEquals(raw.replace("\"length\":" + ip.length, "\"length\":" + rec.length), j, java.util.Arrays.toString(c));
            int header = rec.length - ip.length;
            rec[header + 40 + 24 + 4] ^= 1; // the MH checksum, offset from the record's start
            j = Json.write(FrameDescriber.describe(1, new PcapRecord(0, (Integer) c[0], rec, rec.length)));
            assertTrue(j.contains("\"reason\":\"BAD_CHECKSUM\",\"offset\":" + (header + 40 + 24 + 4)), j);
        }
        byte[] prot = org.mip6.wire.StaticVectorsAccess.wifi(ip, true, 0x88, 0x41); // protected: ciphertext
        assertTrue(FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, 127, prot, prot.length)))
                .endsWith("802.11 not an unprotected data frame"));
        byte[] beacon = org.mip6.wire.StaticVectorsAccess.wifi(ip, true, 0x80, 0x00);
        assertTrue(FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, 127, beacon, beacon.length)))
                .endsWith("802.11 not an unprotected data frame"));
        byte[] arp = org.mip6.wire.StaticVectorsAccess.wifi(new byte[28], false, 0x08, 0x01);
        arp[24 + 6] = 0x08;
        arp[24 + 7] = 0x06;
        assertTrue(FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, 105, arp, arp.length))).endsWith("EtherType 0x0806"));
        byte[] cut = java.util.Arrays.copyOf(org.mip6.wire.StaticVectorsAccess.wifi(ip, true, 0x08, 0x01), 8 + 24 + 4);
        String j = Json.write(FrameDescriber.describe(1, new PcapRecord(0, 127, cut, 200)));
        assertTrue(j.contains("\"reason\":\"TRUNCATED\""), j);
    }

    /** tcpdump's bigtcp-ipv6.pcap: Payload Length 0, TCP right after the header, 80,040 bytes of it ("presumed BIG TCP"). */
    @Test
    void aBigTcpPacketWithoutItsJumboOptionIsNamedAsAJumbogram() {
        byte[] f = new byte[14 + 40 + 20 + 100];
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        f[14] = 0x60;
        f[20] = 6; // TCP, Payload Length 0
        f[21] = 61;
        f[37] = 0x0b;
        f[53] = 0x0d;
        f[54 + 12] = 0x50;
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, 1, f, f.length));
        assertTrue(FrameDescriber.line(d).contains("ERROR JUMBOGRAM at offset 18"), FrameDescriber.line(d));
        assertTrue(Json.write(d).contains("Payload Length 0 and 120 bytes after the header"), Json.write(d));
        byte[] padded = java.util.Arrays.copyOf(f, 14 + 40 + 6); // an empty packet and Ethernet padding: not one
        d = FrameDescriber.describe(1, new PcapRecord(0, 1, padded, padded.length));
        assertTrue(!d.containsKey("error"), Json.write(d));
    }

    /**
     * An RFC 2675 jumbogram (Linux's BIG TCP, tcpdump's bigtcp-ipv6-hbh.pcap; ipv6_jumbogram_1.pcap's echo) is shown as
     * tshark shows it: its Jumbo Payload Length and its upper layer, the checksum verified with that length in the
     * pseudo-header (one left to the NIC named so); one that breaks RFC 2675 §3 or that the frame does not hold whole
     * is named as a jumbogram, not as a short packet.
     */
    @Test
    void aJumbogramIsShownAsAnalysersShowIt() {
        int payload = 8 + 20 + 65_600; // Hop-by-Hop with the Jumbo Payload option, a TCP header, data
        byte[] ip = jumbogram(payload, 6);
        ip[40 + 8 + 12] = 0x50;
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_RAW, ip, ip.length));
        assertEquals((long) payload, d.get("jumbo"));
        assertEquals(65_600, ((Map<?, ?>) d.get("tcp")).get("length"));
        Map<?, ?> err = (Map<?, ?>) d.get("error");
        assertEquals("BAD_CHECKSUM", err.get("reason"), "checksum 0 over 65,628 octets");
        assertEquals(40 + 8 + 16, err.get("offset"));
        int expected = Integer.parseInt(((String) err.get("expected")).substring(2), 16);
        org.mip6.wire.Wire.put16(ip, 40 + 8 + 16, expected);
        d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_RAW, ip, ip.length));
        assertFalse(d.containsKey("error"), String.valueOf(d.get("error")));
        String line = FrameDescriber.line(d);
        assertTrue(line.contains("::1 → ::2 jumbogram " + payload + " TCP"), line);
        org.mip6.wire.Wire.put16(ip, 40 + 8 + 16, Checksum.leftToNic(org.mip6.net.Ipv6Address.parse("::1"),
                org.mip6.net.Ipv6Address.parse("::2"), payload - 8, 6));
        err = (Map<?, ?>) FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_RAW, ip, ip.length)).get("error");
        assertEquals(true, err.get("offload"), "what a capture on the sending host holds");

        byte[] echo = jumbogram(8 + 70_000, 58);
        echo[48] = (byte) 128;
        org.mip6.wire.Wire.put16(echo, 48 + 4, 7);
        org.mip6.wire.Wire.put16(echo, 48 + 6, 9);
        org.mip6.wire.Wire.put16(echo, 48 + 2, Checksum.compute(org.mip6.net.Ipv6Address.parse("::1"),
                org.mip6.net.Ipv6Address.parse("::2"), 58, echo, 48, 70_000));
        d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_RAW, echo, echo.length));
        assertFalse(d.containsKey("error"), String.valueOf(d.get("error")));
        assertTrue(FrameDescriber.line(d).contains("jumbogram 70008 ICMPv6 Echo Request identifier=7 seq=9"), FrameDescriber.line(d));

        byte[] longer = java.util.Arrays.copyOf(ip, ip.length - 1); // Jumbo Payload Length past the frame
        line = FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_RAW, longer, longer.length)));
        assertTrue(line.contains("::1 → ::2 next header 0  ERROR JUMBOGRAM at offset 4") && line.contains("exceeds the"), line);
        byte[] small = jumbogram(8 + 20 + 100, 6); // RFC 2675 §3: a Jumbo Payload Length below 65,536
        line = FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_RAW, small, small.length)));
        assertTrue(line.contains("ERROR JUMBOGRAM") && line.contains("below 65,536"), line);
        byte[] fragment = jumbogram(8 + 8 + 70_000, 44); // RFC 2675 §3: no Fragment header
        line = FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_RAW, fragment, fragment.length)));
        assertTrue(line.contains("ERROR JUMBOGRAM") && line.contains("Fragment header"), line);
        ip[43] = 2; // no Jumbo Payload option of its length: a short packet, as before
        line = FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_RAW, ip, ip.length)));
        assertTrue(line.contains("ERROR TRUNCATED"), line);
    }

    /** ::1 → ::2, Payload Length 0, a Hop-by-Hop Options header with the Jumbo Payload option ({@code payload}), then {@code next}. */
    private static byte[] jumbogram(int payload, int next) {
        byte[] ip = new byte[40 + payload];
        ip[0] = 0x60;
        ip[6] = 0; // Hop-by-Hop Options; Payload Length 0
        ip[7] = 64;
        ip[23] = 1;
        ip[39] = 2;
        ip[40] = (byte) next; // Hdr Ext Len 0
        ip[42] = (byte) 0xc2;
        ip[43] = 4;
        org.mip6.wire.Wire.put32(ip, 44, payload);
        return ip;
    }

    /**
     * A packet cut by the capture's snap length shows what is left of its Mobility Header or ICMPv6 message, as
     * analysers show it: the type past the extension headers that are all there (tshark names the Binding Update
     * of such a frame too), marked truncated; nothing when the cut comes before it.
     */
    @Test
    void aCutPacketShowsTheTypeOfWhatItCarriesWhenItIsThere() throws Exception {
        byte[] bu = bindingUpdate(org.mip6.wire.mh.EncodeOptions.DEFAULT);
        int mh = 40 + 24; // the IPv6 header, the Destination Options header with the Home Address option
        byte[] cut = java.util.Arrays.copyOf(bu, mh + 4);
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, cut, bu.length));
        assertEquals("TRUNCATED", ((Map<?, ?>) d.get("error")).get("reason"));
        Map<?, ?> m = (Map<?, ?>) d.get("mh");
        assertEquals(List.of(5, "Binding Update", true), List.of(m.get("type"), m.get("name"), m.get("truncated")));
        String line = FrameDescriber.line(d);
        assertTrue(line.contains("2001:db8:2::100 → 2001:db8:1::1 MH Binding Update  ERROR TRUNCATED"), line);
        assertFalse(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, java.util.Arrays.copyOf(bu, mh + 2),
                bu.length)).containsKey("mh"), "cut before the MH Type");
        assertFalse(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, java.util.Arrays.copyOf(bu, 50),
                bu.length)).containsKey("mh"), "cut in the Destination Options header");

        byte[] echo = PacketCodec.encode(org.mip6.wire.Ipv6Packet.of(org.mip6.net.Ipv6Address.parse("2001:db8::1"),
                org.mip6.net.Ipv6Address.parse("2001:db8::2"), 64, new org.mip6.wire.Payload.Icmpv6(
                        new org.mip6.wire.icmp.Icmpv6Message.EchoRequest(1, 2, org.mip6.wire.Bytes.of(new byte[64])))));
        d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, java.util.Arrays.copyOf(echo, 44), echo.length));
        Map<?, ?> ic = (Map<?, ?>) d.get("icmpv6");
        assertEquals(List.of(128, 0, "Echo Request", true), List.of(ic.get("type"), ic.get("code"), ic.get("name"), ic.get("truncated")));

        byte[] tunnelled = PacketCodec.encode(org.mip6.wire.Ipv6Packet.of(org.mip6.net.Ipv6Address.parse("2001:db8:1::2"),
                org.mip6.net.Ipv6Address.parse("2001:db8:2::b"), 64, new org.mip6.wire.Payload.Tunnel(
                        PacketCodec.decodeIpv6(echo, 0, echo.length))));
        d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, java.util.Arrays.copyOf(tunnelled, 86),
                tunnelled.length));
        assertEquals(Map.of("src", "2001:db8::1", "dst", "2001:db8::2"), d.get("tunnel"), "the inner header, as tshark shows it");
        assertEquals(128, ((Map<?, ?>) d.get("icmpv6")).get("type"));
        assertTrue(FrameDescriber.line(d).contains("2001:db8:1::2 → 2001:db8:2::b [tunnel 2001:db8::1 → 2001:db8::2] ICMPv6 Echo Request"),
                FrameDescriber.line(d));
    }

    /**
     * Protocol 62, the draft-era Mobility Header (Wireshark's "Mobile IPv6 (old)", tcpdump's IPPROTO_MOBILITY_OLD; fuzzed
     * captures in tcpdump's tests use it): decoded as RFC 6275's message, named as such, its checksum not verified; cut or
     * malformed, its type still shown.
     */
    @Test
    void aDraftEraMobilityHeaderIsDecodedAsAnalysersDo() throws Exception {
        byte[] bu = bindingUpdate(org.mip6.wire.mh.EncodeOptions.DEFAULT);
        Map<String, Object> current = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, bu, bu.length));
        byte[] old = bu.clone();
        assertEquals(135, old[40] & 0xff, "the Destination Options header's Next Header");
        old[40] = 62; // the checksum stays what it was for 135: not verified
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, old, old.length));
        assertFalse(d.containsKey("error"), d.toString());
        assertFalse(d.containsKey("nextHeader"), "decoded, not opaque: " + d);
        Map<String, Object> mh = new java.util.LinkedHashMap<>((Map<String, Object>) current.get("mh"));
        mh.put("protocol", 62);
        assertEquals(mh, d.get("mh"));
        String line = FrameDescriber.line(d);
        assertTrue(line.contains("MH Binding Update (protocol 62) seq="), line);

        byte[] bad = old.clone();
        bad[64 + 1] = 0; // Header Len 0: shorter than a Binding Update
        d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, bad, bad.length));
        Map<?, ?> m = (Map<?, ?>) d.get("mh");
        assertEquals(List.of(5, "Binding Update", 62), List.of(m.get("type"), m.get("name"), m.get("protocol")));
        assertTrue(String.valueOf(m.get("malformed")).startsWith("BAD_"), m.toString());
        assertTrue(FrameDescriber.line(d).contains("MH Binding Update (protocol 62) malformed: BAD_"), FrameDescriber.line(d));

        byte[] cut = java.util.Arrays.copyOf(old, 40 + 24 + 4);
        d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, cut, old.length));
        m = (Map<?, ?>) d.get("mh");
        assertEquals(List.of(5, true, 62), List.of(m.get("type"), m.get("truncated"), m.get("protocol")));

        old[40] = 61; // any other protocol stays opaque
        assertEquals(61, FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, old, old.length)).get("nextHeader"));
    }

    /** Raw IP (link type 101) carries IPv4 as well; its packets are named, not called a bad IPv6 version. */
    @Test
    void aRawIpCapturesIpv4PacketIsNamedNotRefused() {
        byte[] v4 = {0x45, 0, 0, 20, 0, 0, 0x40, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1};
        for (int type : new int[] {PcapRecord.LINKTYPE_RAW, PcapRecord.LINKTYPE_IPV4}) {
            Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, type, v4, v4.length));
            assertEquals(4, d.get("ipVersion"), "link type " + type);
            assertFalse(d.containsKey("error"), d.toString());
            assertTrue(FrameDescriber.line(d).endsWith(" IPv4"), FrameDescriber.line(d));
        }
        byte[] v3 = java.util.Arrays.copyOf(v4, 40); // a whole IPv6 header's length, so that the version is what is wrong
        v3[0] = 0x35;
        Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_RAW, v3, v3.length));
        assertEquals("BAD_VERSION", ((Map<?, ?>) d.get("error")).get("reason"), "neither 4 nor 6: still refused");
        byte[] v4long = java.util.Arrays.copyOf(v4, 40);
        d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, v4long, v4long.length));
        assertEquals("BAD_VERSION", ((Map<?, ?>) d.get("error")).get("reason"), "the IPv6 link type holds IPv6 only");
    }

    @Test
    void loopbackLinuxCookedAndSerialLinkCapturesShowTheirIpv6Packets() {
        byte[] ip = bindingUpdate(org.mip6.wire.mh.EncodeOptions.DEFAULT);
        String raw = Json.write(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_IPV6, ip, ip.length)));
        assertTrue(raw.contains("\"mh\":{\"type\":5"), raw);
        byte[] sll = new byte[16];
        sll[14] = (byte) 0x86;
        sll[15] = (byte) 0xdd;
        byte[] sll2 = new byte[20];
        sll2[0] = (byte) 0x86;
        sll2[1] = (byte) 0xdd;
        Object[][] cases = {
                {PcapRecord.LINKTYPE_NULL, new byte[] {30, 0, 0, 0}}, // macOS, little-endian host
                {PcapRecord.LINKTYPE_NULL, new byte[] {0, 0, 0, 28}}, // FreeBSD, big-endian host
                {PcapRecord.LINKTYPE_NULL, new byte[] {24, 0, 0, 0}}, // NetBSD, OpenBSD
                {PcapRecord.LINKTYPE_LOOP, new byte[] {0, 0, 0, 24}},
                {PcapRecord.LINKTYPE_LINUX_SLL, sll},
                {PcapRecord.LINKTYPE_LINUX_SLL2, sll2},
                // serial links: PPP with and without address and control, its protocol compressed (RFC 1661 §6.5, §6.6)
                {PcapRecord.LINKTYPE_PPP, new byte[] {(byte) 0xff, 3, 0, 0x57}},
                {PcapRecord.LINKTYPE_PPP, new byte[] {0, 0x57}},
                {PcapRecord.LINKTYPE_PPP, new byte[] {0x57}},
                {PcapRecord.LINKTYPE_PPP_HDLC, new byte[] {(byte) 0xff, 3, 0, 0x57}},
                {PcapRecord.LINKTYPE_PPP_HDLC, new byte[] {0x0f, 0, (byte) 0x86, (byte) 0xdd}}, // Cisco HDLC in link type 50
                {PcapRecord.LINKTYPE_C_HDLC, new byte[] {(byte) 0x8f, 0, (byte) 0x86, (byte) 0xdd}},
                // Frame Relay, DLCI 302: Cisco's encapsulation, RFC 2427's NLPID 0x8e and SNAP, a three-octet address
                {PcapRecord.LINKTYPE_FRELAY, new byte[] {0x48, (byte) 0xe1, (byte) 0x86, (byte) 0xdd}},
                {PcapRecord.LINKTYPE_FRELAY, new byte[] {0x48, (byte) 0xe1, 3, (byte) 0x8e}},
                {PcapRecord.LINKTYPE_FRELAY, new byte[] {0x48, (byte) 0xe1, 3, 0, (byte) 0x80, 0, 0, 0, (byte) 0x86, (byte) 0xdd}},
                {PcapRecord.LINKTYPE_FRELAY, new byte[] {0x48, 0x60, 1, 3, (byte) 0x8e}}};
        for (Object[] c : cases) {
            byte[] head = (byte[]) c[1];
            byte[] rec = concat(head, ip);
            String j = Json.write(FrameDescriber.describe(1, new PcapRecord(0, (Integer) c[0], rec, rec.length)));
            assertEquals(raw.replace("\"length\":" + ip.length, "\"length\":" + rec.length), j, "link type " + c[0]);
            rec[head.length + 40 + 24 + 4] ^= 1; // the MH checksum: the offset counts from the record's start
            j = Json.write(FrameDescriber.describe(1, new PcapRecord(0, (Integer) c[0], rec, rec.length)));
            assertTrue(j.contains("\"reason\":\"BAD_CHECKSUM\",\"offset\":" + (head.length + 40 + 24 + 4)), j);
        }
        byte[] v4 = concat(new byte[] {2, 0, 0, 0}, new byte[20]);
        assertTrue(FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_NULL, v4, v4.length)))
                .endsWith("address family 2"));
        byte[] arp = sll.clone();
        arp[14] = 0x08;
        arp[15] = 0x06;
        assertTrue(FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_LINUX_SLL, arp, 16)))
                .endsWith("EtherType 0x0806"));
        // PPP over Ethernet (RFC 2516), untagged and behind a VLAN tag, the protocol in two octets or compressed
        byte[] eth = {2, 0, 0, 0, 0, 10, 2, 0, 0, 0, 0, 11};
        byte[] pppoe = {(byte) 0x88, 0x64, 0x11, 0, 0x12, 0x34, 0, 0};
        for (byte[] head : new byte[][] {concat(concat(eth, pppoe), new byte[] {0, 0x57}),
            concat(concat(concat(eth, new byte[] {(byte) 0x81, 0, 0, 7}), pppoe), new byte[] {0x57})}) {
            byte[] rec = concat(head, ip);
            Map<String, Object> d = FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_ETHERNET, rec, rec.length));
            assertEquals(0x1234, d.get("pppoe"), d.toString());
            assertTrue(Json.write(d).contains("\"mh\":{\"type\":5"), d.toString());
            assertTrue(FrameDescriber.line(d).contains("PPPoE 0x1234 2001:db8:2::100 → 2001:db8:1::1"), FrameDescriber.line(d));
        }
        byte[] pppoeV4 = concat(concat(concat(eth, pppoe), new byte[] {0, 0x21}), new byte[20]);
        assertTrue(FrameDescriber.line(FrameDescriber.describe(1,
                new PcapRecord(0, PcapRecord.LINKTYPE_ETHERNET, pppoeV4, pppoeV4.length))).endsWith("PPPoE 0x1234 PPP protocol 0x0021"));
        Object[][] others = {
                {PcapRecord.LINKTYPE_PPP, new byte[] {(byte) 0xff, 3, 0, 0x21}, "PPP protocol 0x0021"},
                {PcapRecord.LINKTYPE_PPP, new byte[] {0x21}, "PPP protocol 0x0021"},
                {PcapRecord.LINKTYPE_C_HDLC, new byte[] {0x0f, 0, (byte) 0x80, 0x35}, "EtherType 0x8035"},
                {PcapRecord.LINKTYPE_FRELAY, new byte[] {0x48, (byte) 0xe1, 3, (byte) 0xcc}, "NLPID 0xcc"},
                {PcapRecord.LINKTYPE_FRELAY, new byte[] {0x48, (byte) 0xe1, 8, 0}, "EtherType 0x0800"}};
        for (Object[] c : others) {
            byte[] rec = concat((byte[]) c[1], new byte[20]);
            assertTrue(FrameDescriber.line(FrameDescriber.describe(1, new PcapRecord(0, (Integer) c[0], rec, rec.length)))
                    .endsWith((String) c[2]), c[2] + ": link type " + c[0]);
        }
        Object[][] refused = { // cut, an address of one octet, an address of five
                {new byte[] {0x48}, "\"reason\":\"TRUNCATED\""},
                {new byte[] {0x49, 3, (byte) 0x8e, 0x60}, "\"reason\":\"BAD_FIELD\",\"offset\":0"},
                {new byte[] {0x48, 0x60, 0x60, 0x60, 0x01, 3, (byte) 0x8e}, "\"reason\":\"BAD_FIELD\",\"offset\":3"}};
        for (Object[] c : refused) {
            byte[] head = (byte[]) c[0];
            String j = Json.write(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_FRELAY, head, 60)));
            assertTrue(j.contains((String) c[1]), j);
        }
        byte[] cut = java.util.Arrays.copyOf(sll2, 10);
        String j = Json.write(FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_LINUX_SLL2, cut, 60)));
        assertTrue(j.contains("\"reason\":\"TRUNCATED\""), j);
    }
}
