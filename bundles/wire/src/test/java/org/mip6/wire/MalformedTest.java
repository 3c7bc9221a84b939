package org.mip6.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.wire.ExtensionHeader.DestinationOptions;
import org.mip6.wire.mh.EncodeOptions;
import org.mip6.wire.mh.MobilityHeaderCodec;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityMessage.HomeTest;
import org.mip6.wire.mh.MobilityOption;

/** Every decode reason from deliberately invalid bytes (made through encode options), and its RFC 6275 §9.2 reaction. */
class MalformedTest {

    static final Ipv6Packet BU = new Ipv6Packet(0, 0, 64, Vectors.COA, Vectors.HA,
            List.of(DestinationOptions.homeAddress(Vectors.HOA)),
            new Payload.Mobility(new BindingUpdate(1, BindingUpdate.A | BindingUpdate.H, 100,
                    List.of(new MobilityOption.AlternateCareOfAddress(Vectors.COA)))));
    static final int MH = 40 + 24;

    static DecodeException decodeWith(Ipv6Packet p, EncodeOptions eo, int checksumXor) {
        byte[] b = new byte[PacketCodec.encodedLength(p, eo)];
        PacketCodec.encode(p, b, 0, eo, checksumXor);
        return assertThrows(DecodeException.class, () -> PacketCodec.decodeIpv6(b, 0, b.length));
    }

    /** Rewrites the MH checksum after a test patched bytes, so the structural check is what fails. */
    static void rechecksumMh(byte[] b, int ipOff, org.mip6.net.Ipv6Address src, org.mip6.net.Ipv6Address dst, int mhOff) {
        int len = b.length - mhOff;
        b[mhOff + 4] = 0;
        b[mhOff + 5] = 0;
        int c = Checksum.compute(src, dst, Wire.MOBILITY, b, mhOff, len);
        b[mhOff + 4] = (byte) (c >>> 8);
        b[mhOff + 5] = (byte) c;
    }

    static DecodeException decodeBytes(byte[] b) {
        return assertThrows(DecodeException.class, () -> PacketCodec.decodeIpv6(b, 0, b.length));
    }

    @Test
    void badChecksumIsSilentlyDiscarded() {
        DecodeException e = decodeWith(BU, EncodeOptions.DEFAULT, 0x0100);
        assertEquals(DecodeReason.BAD_CHECKSUM, e.reason());
        assertEquals(MH + 4, e.offset());
        assertEquals(Reaction.SILENT_DISCARD, e.reaction());
    }

    @Test
    void theChecksumIsCheckedBeforePayloadProtoSoBothWrongIsSilent() {
        DecodeException e = decodeWith(BU, EncodeOptions.DEFAULT.withPayloadProto(6), 0x0001);
        assertEquals(DecodeReason.BAD_CHECKSUM, e.reason());
        assertEquals(Reaction.SILENT_DISCARD, e.reaction());
    }

    @Test
    void checksumUsesTheHomeAddressFromTheHao() {
        // the same BU without the HAO swap would verify only with CoA in the pseudo-header: flip HAO to CoA
        byte[] b = PacketCodec.encode(BU);
        Vectors.COA.write(b, 40 + 8);
        assertEquals(DecodeReason.BAD_CHECKSUM, decodeBytes(b).reason());
    }

    @Test
    void payloadProtoOtherThan59GetsParameterProblemAtIt() {
        DecodeException e = decodeWith(BU, EncodeOptions.DEFAULT.withPayloadProto(6), 0);
        assertEquals(DecodeReason.BAD_PAYLOAD_PROTO, e.reason());
        assertEquals(Reaction.parameterProblem(0, MH), e.reaction());
    }

    @Test
    void headerLenBelowTheMinimumGetsParameterProblemAtHeaderLen() {
        // a Home Test needs Header Len >= 2; write 1 and cut the packet to match
        Ipv6Packet hot = Ipv6Packet.of(Vectors.CN, Vectors.HOA, 64, new Payload.Mobility(new HomeTest(1, 2, 3)));
        byte[] full = PacketCodec.encode(hot);
        byte[] b = java.util.Arrays.copyOf(full, 40 + 16);
        b[5] = 16;
        b[40 + 1] = 1;
        b[40 + 4] = 0;
        b[40 + 5] = 0;
        int c = Checksum.compute(Vectors.CN, Vectors.HOA, Wire.MOBILITY, b, 40, 16);
        b[40 + 4] = (byte) (c >>> 8);
        b[40 + 5] = (byte) c;
        DecodeException e = decodeBytes(b);
        assertEquals(DecodeReason.BAD_HEADER_LEN, e.reason());
        assertEquals(Reaction.parameterProblem(0, 41), e.reaction());
    }

    /**
     * A Header Len below the minimum with every octet of the message still sent (Scapy's {@code MIP6MH_HoTI(len=0)},
     * a conformance suite's frame): its checksum covers all octets after the extension headers, as Scapy computes it
     * and Linux verifies it on a raw socket, so the reaction is still §9.2's Parameter Problem at Header Len.
     */
    @Test
    void headerLenBelowTheMinimumWithTheWholeMessageSentGetsParameterProblem() {
        byte[] b = PacketCodec.encode(Ipv6Packet.of(Vectors.CN, Vectors.HOA, 64, new Payload.Mobility(new HomeTest(1, 2, 3))));
        assertEquals(2, b[40 + 1], "a Home Test's Header Len");
        b[40 + 1] = 1;
        rechecksumMh(b, 0, Vectors.CN, Vectors.HOA, 40); // over all 24 octets, not the 16 Header Len gives
        DecodeException e = decodeBytes(b);
        assertEquals(DecodeReason.BAD_HEADER_LEN, e.reason());
        assertEquals(Reaction.parameterProblem(0, 41), e.reaction());
        b[40 + 5] ^= 1; // verifying over neither length: silent, as before
        assertEquals(DecodeReason.BAD_CHECKSUM, decodeBytes(b).reason());
    }

    /**
     * An unknown type sent with a Header Len short of its octets (Scapy's {@code MIP6MH_Generic} with six octets of
     * message data writes Header Len 0) and a checksum over all of them is decoded, so that its receiver answers
     * Binding Error status 2 (§9.2) rather than discarding it.
     */
    @Test
    void anUnknownTypeWithOctetsPastItsHeaderLenIsDecoded() throws Exception {
        byte[] u = PacketCodec.encode(Ipv6Packet.of(Vectors.COA, Vectors.CN, 64, new Payload.Opaque(Wire.MOBILITY,
                Bytes.of(new byte[] {59, 0, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0})))); // Header Len 0, 12 octets sent
        rechecksumMh(u, 0, Vectors.COA, Vectors.CN, 40);
        Ipv6Packet p = PacketCodec.decodeIpv6(u, 0, u.length);
        assertEquals(50, ((Payload.Mobility) p.payload()).message().mhType());
    }

    @Test
    void headerLenPastThePacketIsTruncated() {
        DecodeException e = decodeWith(BU, EncodeOptions.DEFAULT.withHeaderLenDelta(1), 0);
        assertEquals(DecodeReason.TRUNCATED, e.reason());
    }

    @Test
    void misalignedOptionIsRejected() {
        DecodeException e = decodeWith(BU, EncodeOptions.DEFAULT.withoutPadding(), 0);
        assertEquals(DecodeReason.BAD_OPTION_ALIGNMENT, e.reason());
        assertEquals(Reaction.SILENT_DISCARD, e.reaction());
    }

    /**
     * Options at their alignment far into a long Mobility Header (past octet 512, where an option's
     * length must not leak into the alignment test): a BRA at offset 526 (2n) after two PadN of 255.
     */
    @Test
    void alignedOptionsPastOctet512AreAccepted() throws Exception {
        int len = 536; // 12 fixed + 257 + 257 + BRA 4 + PadN 6
        byte[] b = new byte[40 + len];
        Ipv6Packet header = Ipv6Packet.of(Vectors.HOA, Vectors.HA, 64, new Payload.Opaque(Wire.MOBILITY, Bytes.of(new byte[len])));
        PacketCodec.encode(header, b, 0);
        int mh = 40;
        b[mh] = 59;
        b[mh + 1] = (byte) (len / 8 - 1);
        b[mh + 2] = (byte) org.mip6.wire.mh.MobilityMessage.BINDING_UPDATE;
        Wire.put16(b, mh + 6, 1); // sequence
        Wire.put16(b, mh + 10, 100); // lifetime
        int o = mh + 12;
        for (int k = 0; k < 2; k++) { // PadN of 255 octets of data
            b[o] = 1;
            b[o + 1] = (byte) 255;
            o += 257;
        }
        assertEquals(mh + 526, o);
        b[o] = 2; // Binding Refresh Advice, 2n
        b[o + 1] = 2;
        Wire.put16(b, o + 2, 30);
        b[o + 4] = 1; // PadN of 4 to the end
        b[o + 5] = 4;
        rechecksumMh(b, 0, Vectors.HOA, Vectors.HA, mh);
        BindingUpdate bu = (BindingUpdate) ((Payload.Mobility) PacketCodec.decodeIpv6(b, 0, b.length).payload()).message();
        assertEquals(List.of(new MobilityOption.BindingRefreshAdvice(30)), bu.options());
        // the same option at 525 (the second PadN one octet shorter, the last one longer): off its alignment
        java.util.Arrays.fill(b, o - 255, b.length, (byte) 0);
        b[o - 256] = (byte) 254;
        b[o - 1] = 2;
        b[o] = 2;
        Wire.put16(b, o + 1, 30);
        b[o + 3] = 1;
        b[o + 4] = 5;
        rechecksumMh(b, 0, Vectors.HOA, Vectors.HA, mh);
        assertEquals(DecodeReason.BAD_OPTION_ALIGNMENT, decodeBytes(b).reason());
    }

    @Test
    void duplicateOptionIsRejected() {
        DecodeException e = decodeWith(BU, EncodeOptions.DEFAULT.withExtraOptions(new MobilityOption.AlternateCareOfAddress(Vectors.HOA)), 0);
        assertEquals(DecodeReason.DUPLICATE_OPTION, e.reason());
    }

    @Test
    void bindingAuthorizationDataMustBeLast() {
        Ipv6Packet p = BU.withPayload(new Payload.Mobility(new BindingUpdate(1, 0, 1,
                List.of(MobilityOption.BindingAuthorizationData.placeholder()))));
        DecodeException e = decodeWith(p, EncodeOptions.DEFAULT.withExtraOptions(new MobilityOption.NonceIndices(1, 2)), 0);
        assertEquals(DecodeReason.BAD_OPTION_ORDER, e.reason());
        assertThrows(IllegalArgumentException.class, () -> new BindingUpdate(1, 0, 1,
                List.of(MobilityOption.BindingAuthorizationData.placeholder(), new MobilityOption.NonceIndices(1, 2))));
    }

    @Test
    void wrongOptionLengthIsRejected() {
        byte[] b = PacketCodec.encode(BU);
        int opt = MH + 14; // after the BU fixed part (12 bytes), PadN(2), then AltCoA at 8n+6
        assertEquals(3, b[opt]);
        b[opt + 1] = 15;
        rechecksumMh(b, 0, Vectors.HOA, Vectors.HA, MH);
        DecodeException e = decodeBytes(b);
        assertEquals(DecodeReason.BAD_OPTION_LENGTH, e.reason());
        assertEquals(opt + 1, e.offset());
    }

    @Test
    void type2RoutingHeaderWithSegmentsLeft2GetsParameterProblem() {
        Ipv6Packet p = Ipv6Packet.of(Vectors.HA, Vectors.COA, 64, new Payload.NoNextHeader())
                .withExtensionHeaders(List.of(new ExtensionHeader.Type2RoutingHeader(Vectors.HOA)));
        byte[] b = PacketCodec.encode(p);
        b[40 + 3] = 2;
        DecodeException e = decodeBytes(b);
        assertEquals(DecodeReason.BAD_ROUTING_HEADER, e.reason());
        assertEquals(Reaction.parameterProblem(0, 43), e.reaction());
    }

    @Test
    void hopByHopAfterAnotherHeaderGetsParameterProblemCode1AtTheNextHeaderField() {
        Ipv6Packet p = Ipv6Packet.of(Vectors.COA, Vectors.HA, 64, new Payload.NoNextHeader())
                .withExtensionHeaders(List.of(DestinationOptions.homeAddress(Vectors.HOA)));
        byte[] b = PacketCodec.encode(p);
        b[40] = 0; // the Destination Options header's Next Header now names Hop-by-Hop
        byte[] longer = java.util.Arrays.copyOf(b, b.length + 8);
        longer[5] = (byte) (b[5] + 8);
        longer[b.length] = 59;
        DecodeException e = decodeBytes(longer);
        assertEquals(DecodeReason.BAD_EXTENSION_HEADER, e.reason());
        assertEquals(Reaction.parameterProblem(1, 40), e.reaction());
    }

    @Test
    void unknownMhTypeDecodesAndMapsToBindingErrorStatus2() throws DecodeException {
        byte[] mh = {59, 0, 42, 0, 0, 0, 0, 0};
        var m = MobilityHeaderCodec.decode(mh, 0, mh.length);
        assertTrue(m instanceof org.mip6.wire.mh.MobilityMessage.UnknownMobilityMessage);
        assertEquals(42, m.mhType());
        assertEquals(Reaction.BE_UNRECOGNIZED_MH_TYPE, Reaction.UNRECOGNIZED_MH_TYPE.code());
        assertEquals(Reaction.Kind.BINDING_ERROR, Reaction.UNRECOGNIZED_MH_TYPE.kind());
    }

    @Test
    void octetsAfterTheMobilityHeaderAreIgnoredWhicheverLengthItsChecksumCovers() throws DecodeException {
        // RFC 8200 §4.7: octets past a header whose Next Header (here Payload Proto) is 59 are ignored;
        // RFC 6275 §6.1.1: the checksum covers the Mobility Header, its length in the pseudo-header
        byte[] bu = PacketCodec.encode(BU);
        int mhLen = bu.length - MH;
        byte[] b = java.util.Arrays.copyOf(bu, bu.length + 8);
        java.util.Arrays.fill(b, bu.length, b.length, (byte) 0xa5);
        Wire.put16(b, 4, Wire.u16(b, 4) + 8);
        PacketView v = new PacketView();
        v.wrapIpv6(b, 0, b.length);
        assertEquals(MH, v.payloadOffset());
        assertEquals(mhLen, v.payloadLength());
        assertEquals(b.length, v.ipv6End());
        assertEquals(BU, PacketCodec.decodeIpv6(b, 0, b.length));
        // a checksum over the trailing octets too, as Scapy computes it and Linux verifies it on a raw socket: accepted
        rechecksumMh(b, 0, Vectors.HOA, Vectors.HA, MH);
        assertEquals(BU, PacketCodec.decodeIpv6(b, 0, b.length));
        b[MH + 5] ^= 1; // over neither: silently discarded
        assertEquals(DecodeReason.BAD_CHECKSUM, decodeBytes(b).reason());
    }

    @Test
    void multicastHomeAddressOptionIsRejected() {
        Ipv6Packet p = Ipv6Packet.of(Vectors.COA, Vectors.CN, 64, new Payload.NoNextHeader())
                .withExtensionHeaders(List.of(DestinationOptions.homeAddress(org.mip6.net.Ipv6Address.ALL_NODES)));
        DecodeException e = decodeBytes(PacketCodec.encode(p));
        assertEquals(DecodeReason.BAD_FIELD, e.reason());
    }

    @Test
    void badVersionAndUdpZeroChecksum() {
        byte[] b = PacketCodec.encode(Ipv6Packet.of(Vectors.COA, Vectors.CN, 64, new Payload.Udp(1, 2, Bytes.EMPTY)));
        byte[] v4 = b.clone();
        v4[0] = 0x40;
        assertEquals(DecodeReason.BAD_VERSION, decodeBytes(v4).reason());
        b[40 + 6] = 0;
        b[40 + 7] = 0;
        assertEquals(DecodeReason.BAD_CHECKSUM, decodeBytes(b).reason());
    }
}
