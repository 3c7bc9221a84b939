package org.mip6.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mip6.wire.mh.MobilityHeaderCodec;
import org.mip6.wire.mh.MobilityOption;

/** Static bytes <-> records, for every vector; 0xFF-filled encode; every truncation. */
class CodecVectorsTest {

    static Stream<Arguments> vectors() {
        return Vectors.all().stream().map(v -> Arguments.of(v.name(), v.frame(), Bytes.fromHex(StaticVectors.HEX.get(v.name())).toArray()));
    }

    @Test
    void everyVectorHasStaticBytes() {
        assertEquals(Vectors.all().size(), StaticVectors.HEX.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesStaticBytesToTheRecord(String name, EthernetFrame frame, byte[] bytes) throws DecodeException {
        assertEquals(frame, PacketCodec.decodeEthernet(bytes, 0, bytes.length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodesTheRecordToStaticBytes(String name, EthernetFrame frame, byte[] bytes) {
        assertEquals(Bytes.of(bytes), Bytes.of(PacketCodec.encodeEthernet(frame)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodingIntoA0xFfBufferClearsEveryReservedBitAndStaysInBounds(String name, EthernetFrame frame, byte[] bytes) {
        byte[] buf = new byte[bytes.length + 16];
        Arrays.fill(buf, (byte) 0xff);
        int n = PacketCodec.encodeEthernet(frame, buf, 8);
        assertEquals(bytes.length, n);
        assertArrayEquals(bytes, Arrays.copyOfRange(buf, 8, 8 + n));
        for (int i = 0; i < 8; i++) {
            assertEquals((byte) 0xff, buf[i]);
            assertEquals((byte) 0xff, buf[8 + n + i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyTruncationIsRejectedAsTruncated(String name, EthernetFrame frame, byte[] bytes) {
        for (int k = 0; k < bytes.length; k++) {
            byte[] cut = Arrays.copyOf(bytes, k);
            try {
                PacketCodec.decodeEthernet(cut, 0, k);
                fail(name + " truncated to " + k + " bytes decoded");
            } catch (DecodeException e) {
                assertEquals(DecodeReason.TRUNCATED, e.reason(), name + " at " + k + ": " + e);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyTruncationOfAMobilityHeaderAloneIsTruncated(String name, EthernetFrame frame, byte[] bytes) throws DecodeException {
        if (!(frame.packet().payload() instanceof Payload.Mobility)) {
            return;
        }
        int mhLen = MobilityHeaderCodec.encodedLength(((Payload.Mobility) frame.packet().payload()).message());
        byte[] mh = Arrays.copyOfRange(bytes, bytes.length - mhLen, bytes.length);
        assertEquals(((Payload.Mobility) frame.packet().payload()).message(), MobilityHeaderCodec.decode(mh, 0, mh.length));
        for (int k = 0; k < mhLen; k++) {
            int kk = k;
            DecodeException e = assertThrows(DecodeException.class, () -> MobilityHeaderCodec.decode(mh, 0, kk));
            assertEquals(DecodeReason.TRUNCATED, e.reason(), name + " MH at " + k);
        }
    }

    @Test
    void offsetsAreReportedFromTheFrameAndFromTheIpv6Header() {
        byte[] b = Bytes.fromHex(StaticVectors.HEX.get("bu-hao-altcoa")).toArray();
        int mh = 14 + 40 + 24;
        b[mh] = 6; // Payload Proto
        MalformedTest.rechecksumMh(b, 14, Vectors.HOA, Vectors.HA, mh);
        DecodeException e = assertThrows(DecodeException.class, () -> PacketCodec.decodeEthernet(b, 0, b.length));
        assertEquals(DecodeReason.BAD_PAYLOAD_PROTO, e.reason());
        assertEquals(mh, e.offset());
        assertEquals(40 + 24, e.ipv6Offset());
        assertEquals(Reaction.parameterProblem(0, 64), e.reaction());
    }
    @Test
    void optionsAreFoundInPlaceWithTheirPaddingStepped() {
        byte[] bu = Bytes.fromHex(StaticVectors.HEX.get("bu-hao-altcoa")).toArray();
        int mh = 14 + 40 + 24;
        int len = MobilityHeaderCodec.headerLength(bu, mh);
        int at = MobilityHeaderCodec.optionOffset(bu, mh, len, MobilityOption.ALTERNATE_CARE_OF_ADDRESS);
        assertEquals(mh + 12 + 2, at, "after a PadN for the 8n+6 alignment (RFC 6275 §6.2.5)");
        assertEquals(Vectors.COA, org.mip6.net.Ipv6Address.read(bu, at + 2));
        assertEquals(-1, MobilityHeaderCodec.optionOffset(bu, mh, len, MobilityOption.NONCE_INDICES));
        assertEquals(-1, MobilityHeaderCodec.optionOffset(bu, mh, len, MobilityOption.PADN + 100));
        assertEquals(mh + 12, MobilityHeaderCodec.optionsStart(bu, mh), "after the Binding Update's 6 octets");
        assertEquals(at, MobilityHeaderCodec.nextOption(bu, MobilityHeaderCodec.optionsStart(bu, mh)), "over the PadN");
        assertEquals(mh + len, MobilityHeaderCodec.nextOption(bu, at), "the Alternate Care-of Address is the last");

        byte[] rr = Bytes.fromHex(StaticVectors.HEX.get("bu-cn-rr")).toArray();
        int nonce = MobilityHeaderCodec.optionOffset(rr, mh, MobilityHeaderCodec.headerLength(rr, mh), MobilityOption.NONCE_INDICES);
        int bad = MobilityHeaderCodec.optionOffset(rr, mh, MobilityHeaderCodec.headerLength(rr, mh),
                MobilityOption.BINDING_AUTHORIZATION_DATA);
        assertEquals(List.of(7, 8), List.of(Wire.u16(rr, nonce + 2), Wire.u16(rr, nonce + 4)));
        assertEquals(12, Wire.u8(rr, bad + 1));
        assertTrue(nonce < bad);

        byte[] be = Bytes.fromHex(StaticVectors.HEX.get("mh-unknown-type")).toArray();
        assertThrows(IllegalArgumentException.class, () -> MobilityHeaderCodec.optionOffset(be, 14 + 40, 8, 1));
        assertThrows(IllegalArgumentException.class, () -> MobilityHeaderCodec.optionsStart(be, 14 + 40));
    }
}
