package org.mip6.wire.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mip6.wire.Bytes;
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
}
