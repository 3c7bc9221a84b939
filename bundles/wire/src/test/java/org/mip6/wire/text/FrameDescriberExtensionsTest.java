package org.mip6.wire.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.mh.MobilityMessageCodec;
import org.mip6.wire.mh.MobilityOptionCodec;
import org.mip6.wire.pcap.PcapRecord;

/** Mobility Header types and mobility options decoded by codecs deployed at runtime (frames built by Scapy). */
class FrameDescriberExtensionsTest {

    /** ar-cn -> cn, MH type 11 (RFC 5096), Message Data 01 00 1234 0003 abcdef 00. */
    static final byte[] EXPERIMENTAL_MH = HexFormat.of().parseHex("02000000000902000000000186dd600000000010874020010db80004"
            + "0000000000000000000120010db800040000000000fffe0000093b010b00b0dd010012340003abcdef00");
    /** A home BU with a Home Address option and an Experimental Mobility Option (type 18, data 0102deadbeef), then PadN. */
    static final byte[] BU_WITH_OPTION_18 = HexFormat.of().parseHex("02000000000a02000000000386dd6000000000303c4020010db80002"
            + "0000000000000000000b20010db8000100000000000000000002870201020000c91020010db800010000000000000000000b3b020500f19d"
            + "0001c000009612060102deadbeef01020000");

    record Tagged(int tag, Bytes value) {
    }

    static final MobilityOptionCodec<Tagged> OPTION = new MobilityOptionCodec<>() {
        @Override
        public String name(Tagged o) {
            return "Experimental Tag";
        }

        @Override
        public Tagged decode(Bytes d) throws DecodeException {
            if (d.length() < 1) {
                throw new DecodeException(DecodeReason.TRUNCATED, 0, "no tag");
            }
            return new Tagged(d.get(0), Bytes.copyOf(d.toArray(), 1, d.length() - 1));
        }

        @Override
        public Bytes encode(Tagged o) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> describe(Tagged o) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tag", o.tag());
            m.put("value", o.value().hex());
            return m;
        }
    };

    static final MobilityMessageCodec<Bytes> MESSAGE = new MobilityMessageCodec<>() {
        @Override
        public String name(Bytes m) {
            return "Experimental Echo";
        }

        @Override
        public Bytes decode(Bytes d) throws DecodeException {
            if (d.get(0) != 1) {
                throw new DecodeException(DecodeReason.BAD_LENGTH, 0, "kind " + d.get(0));
            }
            return d;
        }

        @Override
        public Bytes encode(Bytes m) {
            return m;
        }

        @Override
        public Map<String, Object> describe(Bytes m) {
            return Map.of("kind", m.get(0));
        }
    };

    static final FrameDescriber.Extensions BOTH = new FrameDescriber.Extensions() {
        @Override
        public MobilityMessageCodec<?> mobilityMessage(int mhType) {
            return mhType == 11 ? MESSAGE : null;
        }

        @Override
        public MobilityOptionCodec<?> mobilityOption(int optionType) {
            return optionType == 18 ? OPTION : null;
        }
    };

    static Map<String, Object> describe(byte[] frame, FrameDescriber.Extensions x) {
        return FrameDescriber.describe(1, new PcapRecord(0, PcapRecord.LINKTYPE_ETHERNET, frame, frame.length), x);
    }

    @Test
    void withoutCodecsBothAreUnknown() {
        String mh = FrameDescriber.line(describe(EXPERIMENTAL_MH, FrameDescriber.NO_EXTENSIONS));
        assertTrue(mh.endsWith("MH Experimental Mobility Header"), mh);
        String bu = FrameDescriber.line(describe(BU_WITH_OPTION_18, FrameDescriber.NO_EXTENSIONS));
        assertTrue(bu.contains("[Experimental Mobility Option unknown=true data=0102deadbeef]"), bu);
    }

    @Test
    void withCodecsTheirFieldsAreShown() {
        String mh = FrameDescriber.line(describe(EXPERIMENTAL_MH, BOTH));
        assertTrue(mh.endsWith("MH Experimental Echo kind=1"), mh);
        String bu = FrameDescriber.line(describe(BU_WITH_OPTION_18, BOTH));
        assertTrue(bu.contains("MH Binding Update seq=1 flags=AH lifetime=600s [Experimental Tag tag=1 value=02deadbeef]"), bu);
        String json = Json.write(describe(BU_WITH_OPTION_18, BOTH));
        assertTrue(json.contains("{\"type\":18,\"name\":\"Experimental Tag\",\"extension\":true,\"tag\":1,\"value\":\"02deadbeef\","
                + "\"data\":\"0102deadbeef\"}"), json);
    }

    @Test
    void whatACodecRejectsIsFlaggedNotLost() {
        // the same with kind 3, which the codec rejects (checksum recomputed by Scapy)
        byte[] f = HexFormat.of().parseHex("02000000000902000000000186dd600000000010874020010db800040000000000000000000120010db8"
                + "00040000000000fffe0000093b010b00aedd030012340003abcdef00");
        Map<String, Object> d = describe(f, BOTH);
        @SuppressWarnings("unchecked")
        Map<String, Object> mh = (Map<String, Object>) d.get("mh");
        assertEquals(null, d.get("error"), String.valueOf(d));
        assertEquals("BAD_LENGTH at offset 6: kind 3", mh.get("malformed"));
        assertEquals("030012340003abcdef00", mh.get("body"));
    }
}
