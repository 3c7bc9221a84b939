package org.mip6.wire.icmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.icmp.Icmpv6Message.UnknownIcmpv6;
import org.mip6.wire.icmp.MulticastListenerMessage.AddressRecord;
import org.mip6.wire.icmp.MulticastListenerMessage.Done;
import org.mip6.wire.icmp.MulticastListenerMessage.Query;
import org.mip6.wire.icmp.MulticastListenerMessage.Report;
import org.mip6.wire.icmp.MulticastListenerMessage.ReportV2;

/**
 * MLD bodies against messages Scapy 2.5 built (whole ICMPv6 messages, checksum included, from an IPv6 packet fe80::1 →
 * ff02::1 or ff02::16): {@code ICMPv6MLQuery}, {@code ICMPv6MLReport}, {@code ICMPv6MLDone}, {@code ICMPv6MLQuery2},
 * {@code ICMPv6MLReport2} with {@code ICMPv6MLDMultAddrRec}s.
 */
class MulticastListenerMessageTest {

    static final Ipv6Address G1 = Ipv6Address.parse("ff0e::101");
    static final Ipv6Address G2 = Ipv6Address.parse("ff0e::102");
    static final Ipv6Address S1 = Ipv6Address.parse("2001:db8::1");
    static final Ipv6Address S2 = Ipv6Address.parse("2001:db8::2");

    /** Scapy's bytes, and the record they hold. */
    record Vector(String name, String hex, MulticastListenerMessage message) {
    }

    static final List<Vector> VECTORS = List.of(
            new Vector("ICMPv6MLQuery(mrd=10000)", "820059172710000000000000000000000000000000000000",
                    new Query(1, 10000, Ipv6Address.UNSPECIFIED, false, 0, 0, List.of())),
            new Vector("ICMPv6MLReport(mladdr=ff02::1:ff00:1)", "8300812100000000ff0200000000000000000001ff000001",
                    new Report(Ipv6Address.parse("ff02::1:ff00:1"))),
            new Vector("ICMPv6MLDone(mladdr=ff0e::101)", "84007e1700000000ff0e0000000000000000000000000101",
                    new Done(G1)),
            new Vector("ICMPv6MLQuery2(mrd=10000, QRV=2, QQIC=125)",
                    "820056962710000000000000000000000000000000000000027d0000", Query.general(10000, 2, 125)),
            new Vector("ICMPv6MLQuery2(mrd=40000, mladdr=ff0e::101, S=1, QRV=3, QQIC=200, two sources)",
                    "82007c739c400000ff0e00000000000000000000000001010bc8000220010db800000000000000000000000120010db8"
                            + "000000000000000000000002",
                    new Query(2, 40000, G1, true, 3, 200, List.of(S1, S2))),
            new Vector("ICMPv6MLReport2(CHANGE_TO_EXCLUDE ff0e::101; MODE_IS_INCLUDE ff0e::102 from 2001:db8::1, "
                    + "auxdata 01020304 with auxdata_len=1)",
                    "8f003c010000000204000000ff0e000000000000000000000000010101010001ff0e0000000000000000000000000102"
                            + "20010db800000000000000000000000101020304",
                    new ReportV2(List.of(new AddressRecord(AddressRecord.CHANGE_TO_EXCLUDE_MODE, G1),
                            new AddressRecord(AddressRecord.MODE_IS_INCLUDE, G2, List.of(S1), Bytes.of(new byte[] {1, 2, 3, 4}))))));

    static UnknownIcmpv6 icmp(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return new UnknownIcmpv6(b[0] & 0xff, b[1] & 0xff, Bytes.copyOf(b, 4, b.length - 4));
    }

    @Test
    void scapysMessagesDecodeToTheirRecordsAndEncodeToTheirBytes() throws Exception {
        for (Vector v : VECTORS) {
            UnknownIcmpv6 m = icmp(v.hex());
            assertEquals(v.message(), MulticastListenerMessage.decode(m), v.name());
            assertEquals(m.type(), v.message().type(), v.name());
            assertEquals(m.body(), v.message().toIcmpv6().body(), v.name());
            assertEquals(0, v.message().toIcmpv6().code(), v.name());
        }
    }

    @Test
    void encodingWritesEveryOctetOfAFilledBuffer() {
        for (Vector v : VECTORS) {
            byte[] want = icmp(v.hex()).body().toArray();
            byte[] b = new byte[want.length + 7];
            Arrays.fill(b, (byte) 0xff);
            assertEquals(want.length, MulticastListenerMessage.encodedLength(v.message()), v.name());
            assertEquals(want.length, MulticastListenerMessage.encode(v.message(), b, 3), v.name());
            assertArrayEquals(want, Arrays.copyOfRange(b, 3, 3 + want.length), v.name());
            for (int k : new int[] {0, 1, 2, b.length - 4, b.length - 1}) {
                assertEquals((byte) 0xff, b[k], v.name() + " octet " + k);
            }
        }
    }

    @Test
    void everyTruncationIsADecodeErrorAndNothingElse() {
        for (Vector v : VECTORS) {
            byte[] body = icmp(v.hex()).body().toArray();
            for (int n = 0; n < body.length; n++) {
                UnknownIcmpv6 cut = new UnknownIcmpv6(v.message().type(), 0, Bytes.copyOf(body, 0, n));
                boolean v1Query = v.message() instanceof Query q && q.version() == 1;
                if (n == 20 && v.message() instanceof Query) {
                    continue; // an MLDv2 Query cut to 20 octets is an MLDv1 Query (RFC 3810 §8.1)
                }
                DecodeException e = assertThrows(DecodeException.class, () -> MulticastListenerMessage.decode(cut),
                        v.name() + " cut to " + n);
                DecodeReason want = !v1Query && v.message() instanceof Query && n > 20 && n < 24
                        ? DecodeReason.BAD_LENGTH : DecodeReason.TRUNCATED;
                assertEquals(want, e.reason(), v.name() + " cut to " + n);
            }
        }
    }

    @Test
    void theExponentFormsOfTheQuerysCodesAreRead() {
        Query q = new Query(2, 40000, G1, true, 3, 200, List.of());
        // RFC 3810 §5.1.3: 0x9c40 = 1|001|1100 0100 0000, (0xc40 | 0x1000) << (1 + 3); §5.1.9: 200 = 1|100|1000
        assertEquals(0x1c40L << 4, q.maximumResponseDelayMillis());
        assertEquals((8 | 0x10) << (4 + 3), q.queryIntervalSeconds());
        assertEquals(40000, new Query(1, 40000, G1, false, 0, 0, List.of()).maximumResponseDelayMillis());
        assertEquals(125, Query.general(10000, 2, 125).queryIntervalSeconds());
        assertEquals(10000, Query.general(10000, 2, 125).maximumResponseDelayMillis());
    }

    @Test
    void octetsAfterTheFieldsAreIgnoredAndCodeAndReservedTooOnReading() throws Exception {
        for (Vector v : VECTORS) {
            byte[] body = icmp(v.hex()).body().toArray();
            byte[] longer = Arrays.copyOf(body, body.length + 8);
            Arrays.fill(longer, body.length, longer.length, (byte) 0xab);
            if (v.message() instanceof Query q && q.version() == 1) {
                continue; // 28 octets or more: an MLDv2 Query
            }
            assertEquals(v.message(), MulticastListenerMessage.decode(new UnknownIcmpv6(v.message().type(), 7,
                    Bytes.of(longer))), v.name());
        }
        byte[] report = icmp(VECTORS.get(1).hex()).body().toArray();
        report[0] = 0x12; // Maximum Response Delay of a Report: zero from its sender, not read
        report[3] = 0x34; // Reserved
        assertEquals(VECTORS.get(1).message(), MulticastListenerMessage.decode(new UnknownIcmpv6(131, 0, Bytes.of(report))));
    }

    @Test
    void scapysDefaultAuxiliaryDataLengthCountsOctetsWhereTheRfcCountsWords() {
        // ICMPv6MLDMultAddrRec(auxdata=b"\x01\x02\x03\x04") without auxdata_len: Scapy writes 4 (octets); RFC 3810
        // §5.2.6 counts 32-bit words, so the record claims 16 octets of auxiliary data that are not there
        byte[] b = icmp(VECTORS.get(5).hex()).body().toArray();
        b[4 + 20 + 1] = 4;
        DecodeException e = assertThrows(DecodeException.class,
                () -> MulticastListenerMessage.decode(new UnknownIcmpv6(143, 0, Bytes.of(b))));
        assertEquals(DecodeReason.TRUNCATED, e.reason());
        assertEquals(4 + b.length, e.offset());
    }

    @Test
    void otherTypesAndBadRecordsAreRefused() {
        DecodeException e = assertThrows(DecodeException.class,
                () -> MulticastListenerMessage.decode(new UnknownIcmpv6(200, 0, Bytes.of(new byte[24]))));
        assertEquals(DecodeReason.BAD_FIELD, e.reason());
        assertThrows(IllegalArgumentException.class, () -> new Query(1, 100, G1, true, 0, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new AddressRecord(1, G1, List.of(), Bytes.of(new byte[] {1, 2, 3})));
        assertEquals(true, MulticastListenerMessage.isMulticastListenerType(143));
        assertEquals(false, MulticastListenerMessage.isMulticastListenerType(133));
    }
}
