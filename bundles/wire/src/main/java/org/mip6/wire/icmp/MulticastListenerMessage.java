package org.mip6.wire.icmp;

import static org.mip6.wire.Wire.checkRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.Ipv6Option;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Message.UnknownIcmpv6;

/**
 * A Multicast Listener Discovery message: MLDv1 (RFC 2710 §3) or MLDv2 (RFC 3810 §5). The ICMPv6 codec checks and
 * checksums MLD as any ICMPv6 message and keeps it as an {@link UnknownIcmpv6}; this reads such a message's body
 * (after Type, Code and Checksum) into records ({@link #decode}) and writes records back ({@link #encode},
 * {@link #toIcmpv6}). Code and the Reserved fields are written as zero and ignored when read; octets after the fields
 * are ignored (RFC 3810 §5.1.12, §5.2.11). Every MLD message goes with Hop Limit 1 and a {@link #ROUTER_ALERT}.
 * Offsets in decode errors count from the ICMPv6 message's first octet.
 */
public sealed interface MulticastListenerMessage {

    int QUERY = 130;
    int V1_REPORT = 131;
    int V1_DONE = 132;
    int V2_REPORT = 143;

    /** The Hop-by-Hop Router Alert option (RFC 2711) with value 0, "the datagram contains an MLD message". */
    Ipv6Option ROUTER_ALERT = new Ipv6Option.UnknownOption(5, Bytes.of(new byte[2]));

    /** All MLDv2-capable routers, where MLDv2 Reports go (RFC 3810 §5.2.14). */
    Ipv6Address ALL_MLDV2_ROUTERS = Ipv6Address.parse("ff02::16");

    /** The body's offset in the ICMPv6 message (Type, Code, Checksum before it). */
    int BODY_OFFSET = 4;

    int type();

    /**
     * A Multicast Listener Query (type 130): MLDv1's when {@code version} is 1 (RFC 2710 §3: its 20-octet body,
     * Maximum Response Delay in ms, no sources, S, QRV or QQIC), else MLDv2's (RFC 3810 §5.1). {@code group} unspecified:
     * a General Query.
     */
    record Query(int version, int maximumResponseCode, Ipv6Address group, boolean suppressRouterSideProcessing,
                 int robustness, int queryIntervalCode, List<Ipv6Address> sources) implements MulticastListenerMessage {
        public Query {
            checkRange("version", version, 1, 2);
            checkRange("Maximum Response Code", maximumResponseCode, 0, 0xffff);
            Objects.requireNonNull(group, "group");
            checkRange("QRV", robustness, 0, 7);
            checkRange("QQIC", queryIntervalCode, 0, 0xff);
            sources = List.copyOf(sources);
            checkRange("Number of Sources", sources.size(), 0, 0xffff);
            if (version == 1 && (suppressRouterSideProcessing || robustness != 0 || queryIntervalCode != 0
                    || !sources.isEmpty())) {
                throw new IllegalArgumentException("an MLDv1 Query has no S, QRV, QQIC or sources");
            }
        }

        /** An MLDv2 General Query (RFC 3810 §5.1.10.1): no group, no sources, S clear. */
        public static Query general(int maximumResponseCode, int robustness, int queryIntervalCode) {
            return new Query(2, maximumResponseCode, Ipv6Address.UNSPECIFIED, false, robustness, queryIntervalCode,
                    List.of());
        }

        /** The Maximum Response Delay in ms: MLDv1's field, or MLDv2's code read as §5.1.3 says. */
        public long maximumResponseDelayMillis() {
            return version == 1 ? maximumResponseCode : MulticastListenerMessage.maximumResponseDelayMillis(maximumResponseCode);
        }

        /** The Querier's Query Interval in seconds (§5.1.9). */
        public int queryIntervalSeconds() {
            return MulticastListenerMessage.queryIntervalSeconds(queryIntervalCode);
        }

        @Override
        public int type() {
            return QUERY;
        }
    }

    /** An MLDv1 Multicast Listener Report (type 131, RFC 2710 §3): a listener of {@code group}. */
    record Report(Ipv6Address group) implements MulticastListenerMessage {
        public Report {
            Objects.requireNonNull(group, "group");
        }

        @Override
        public int type() {
            return V1_REPORT;
        }
    }

    /** An MLDv1 Multicast Listener Done (type 132, RFC 2710 §3): the last listener of {@code group} left. */
    record Done(Ipv6Address group) implements MulticastListenerMessage {
        public Done {
            Objects.requireNonNull(group, "group");
        }

        @Override
        public int type() {
            return V1_DONE;
        }
    }

    /** An MLDv2 Multicast Listener Report (type 143, RFC 3810 §5.2). */
    record ReportV2(List<AddressRecord> records) implements MulticastListenerMessage {
        public ReportV2 {
            records = List.copyOf(records);
            checkRange("Nr of Mcast Address Records", records.size(), 0, 0xffff);
        }

        @Override
        public int type() {
            return V2_REPORT;
        }
    }

    /**
     * A Multicast Address Record (RFC 3810 §5.2.4): its Record Type (§5.2.12), the group, the sources and the
     * auxiliary data (a multiple of 4 octets: its length field counts 32-bit words, §5.2.6).
     */
    record AddressRecord(int type, Ipv6Address group, List<Ipv6Address> sources, Bytes auxiliaryData) {
        public static final int MODE_IS_INCLUDE = 1;
        public static final int MODE_IS_EXCLUDE = 2;
        public static final int CHANGE_TO_INCLUDE_MODE = 3;
        public static final int CHANGE_TO_EXCLUDE_MODE = 4;
        public static final int ALLOW_NEW_SOURCES = 5;
        public static final int BLOCK_OLD_SOURCES = 6;

        public AddressRecord {
            checkRange("Record Type", type, 0, 0xff);
            Objects.requireNonNull(group, "group");
            sources = List.copyOf(sources);
            checkRange("Number of Sources", sources.size(), 0, 0xffff);
            Objects.requireNonNull(auxiliaryData, "auxiliaryData");
            if (auxiliaryData.length() % 4 != 0 || auxiliaryData.length() > 4 * 0xff) {
                throw new IllegalArgumentException("auxiliary data is 4-octet words, at most 255: "
                        + auxiliaryData.length() + " octets");
            }
        }

        /** A record without sources or auxiliary data. */
        public AddressRecord(int type, Ipv6Address group) {
            this(type, group, List.of(), Bytes.EMPTY);
        }

        int encodedLength() {
            return 20 + 16 * sources.size() + auxiliaryData.length();
        }
    }

    /** The message as the ICMPv6 codec carries it (code 0). */
    default UnknownIcmpv6 toIcmpv6() {
        byte[] body = new byte[encodedLength(this)];
        encode(this, body, 0);
        return new UnknownIcmpv6(type(), 0, Bytes.of(body));
    }

    /** An MLDv2 Maximum Response Code in ms: the code itself below 32768, else its exponent form (RFC 3810 §5.1.3). */
    static long maximumResponseDelayMillis(int code) {
        return code < 32768 ? code : (long) (code & 0x0fff | 0x1000) << ((code >>> 12 & 7) + 3);
    }

    /** A QQIC in seconds: the code itself below 128, else its exponent form (RFC 3810 §5.1.9). */
    static int queryIntervalSeconds(int code) {
        return code < 128 ? code : (code & 0x0f | 0x10) << ((code >>> 4 & 7) + 3);
    }

    /** Whether {@code type} is an MLD message's. */
    static boolean isMulticastListenerType(int type) {
        return type == QUERY || type == V1_REPORT || type == V1_DONE || type == V2_REPORT;
    }

    /** The octets of {@code m}'s body (after Type, Code and Checksum). */
    static int encodedLength(MulticastListenerMessage m) {
        if (m instanceof Query q) {
            return q.version() == 1 ? 20 : 24 + 16 * q.sources().size();
        }
        if (m instanceof ReportV2 r) {
            int n = 4;
            for (AddressRecord a : r.records()) {
                n += a.encodedLength();
            }
            return n;
        }
        return 20;
    }

    /** Writes {@code m}'s body at {@code off}, every octet of it (reserved ones as zero); returns its length. */
    static int encode(MulticastListenerMessage m, byte[] b, int off) {
        int n = encodedLength(m);
        java.util.Arrays.fill(b, off, off + n, (byte) 0);
        if (m instanceof Query q) {
            Wire.put16(b, off, q.maximumResponseCode());
            q.group().write(b, off + 4);
            if (q.version() == 2) {
                b[off + 20] = (byte) ((q.suppressRouterSideProcessing() ? 0x08 : 0) | q.robustness());
                b[off + 21] = (byte) q.queryIntervalCode();
                Wire.put16(b, off + 22, q.sources().size());
                for (int k = 0; k < q.sources().size(); k++) {
                    q.sources().get(k).write(b, off + 24 + 16 * k);
                }
            }
        } else if (m instanceof Report r) {
            r.group().write(b, off + 4);
        } else if (m instanceof Done d) {
            d.group().write(b, off + 4);
        } else if (m instanceof ReportV2 r) {
            Wire.put16(b, off + 2, r.records().size());
            int p = off + 4;
            for (AddressRecord a : r.records()) {
                b[p] = (byte) a.type();
                b[p + 1] = (byte) (a.auxiliaryData().length() / 4);
                Wire.put16(b, p + 2, a.sources().size());
                a.group().write(b, p + 4);
                p += 20;
                for (Ipv6Address s : a.sources()) {
                    s.write(b, p);
                    p += 16;
                }
                a.auxiliaryData().copyTo(b, p);
                p += a.auxiliaryData().length();
            }
        }
        return n;
    }

    /**
     * The MLD message {@code m} holds. A Query's body of 20 octets is MLDv1's, of 24 or more MLDv2's (RFC 3810 §8.1;
     * 21 to 23 is neither: {@link DecodeReason#BAD_LENGTH}); a body too short for what its counts say is
     * {@link DecodeReason#TRUNCATED}; a type that is not MLD's {@link DecodeReason#BAD_FIELD}.
     */
    static MulticastListenerMessage decode(UnknownIcmpv6 m) throws DecodeException {
        byte[] b = m.body().toArray();
        switch (m.type()) {
            case QUERY -> {
                need(b, 20, "Query");
                int code = Wire.u16(b, 0);
                Ipv6Address group = Ipv6Address.read(b, 4);
                if (b.length == 20) {
                    return new Query(1, code, group, false, 0, 0, List.of());
                }
                if (b.length < 24) {
                    throw new DecodeException(DecodeReason.BAD_LENGTH, BODY_OFFSET + 20,
                            "a Query of " + (b.length + 4) + " octets is neither MLDv1's 24 nor MLDv2's 28 or more");
                }
                int n = Wire.u16(b, 22);
                need(b, 24 + 16 * n, "Query with " + n + " sources");
                List<Ipv6Address> sources = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    sources.add(Ipv6Address.read(b, 24 + 16 * k));
                }
                return new Query(2, code, group, (b[20] & 0x08) != 0, b[20] & 0x07, b[21] & 0xff, sources);
            }
            case V1_REPORT -> {
                need(b, 20, "Report");
                return new Report(Ipv6Address.read(b, 4));
            }
            case V1_DONE -> {
                need(b, 20, "Done");
                return new Done(Ipv6Address.read(b, 4));
            }
            case V2_REPORT -> {
                need(b, 4, "Version 2 Report");
                int n = Wire.u16(b, 2);
                List<AddressRecord> records = new ArrayList<>(Math.min(n, b.length / 20));
                int p = 4;
                for (int k = 0; k < n; k++) {
                    need(b, p + 20, "Multicast Address Record " + (k + 1) + " of " + n);
                    int sources = Wire.u16(b, p + 2);
                    int aux = 4 * Wire.u8(b, p + 1);
                    int end = p + 20 + 16 * sources + aux;
                    need(b, end, "Multicast Address Record " + (k + 1) + " with " + sources + " sources and "
                            + aux + " octets of auxiliary data");
                    List<Ipv6Address> s = new ArrayList<>(sources);
                    for (int j = 0; j < sources; j++) {
                        s.add(Ipv6Address.read(b, p + 20 + 16 * j));
                    }
                    records.add(new AddressRecord(Wire.u8(b, p), Ipv6Address.read(b, p + 4), s,
                            Bytes.copyOf(b, end - aux, aux)));
                    p = end;
                }
                return new ReportV2(records);
            }
            default -> throw new DecodeException(DecodeReason.BAD_FIELD, 0, "ICMPv6 type " + m.type() + " is not MLD's");
        }
    }

    private static void need(byte[] body, int length, String what) throws DecodeException {
        if (body.length < length) {
            throw new DecodeException(DecodeReason.TRUNCATED, BODY_OFFSET + body.length,
                    "a " + what + " needs " + (length + BODY_OFFSET) + " octets, got " + (body.length + BODY_OFFSET));
        }
    }
}
