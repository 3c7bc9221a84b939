package org.mip6.wire.mh;

import static org.mip6.wire.Wire.put16;
import static org.mip6.wire.Wire.put64;
import static org.mip6.wire.Wire.put8;
import static org.mip6.wire.Wire.u16;
import static org.mip6.wire.Wire.u64;
import static org.mip6.wire.Wire.u8;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.PacketView;
import org.mip6.wire.Wire;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityMessage.BindingError;
import org.mip6.wire.mh.MobilityMessage.BindingRefreshRequest;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityMessage.CareOfTest;
import org.mip6.wire.mh.MobilityMessage.CareOfTestInit;
import org.mip6.wire.mh.MobilityMessage.HomeTest;
import org.mip6.wire.mh.MobilityMessage.HomeTestInit;
import org.mip6.wire.mh.MobilityMessage.UnknownMobilityMessage;
import org.mip6.wire.mh.MobilityOption.AlternateCareOfAddress;
import org.mip6.wire.mh.MobilityOption.BindingAuthorizationData;
import org.mip6.wire.mh.MobilityOption.BindingRefreshAdvice;
import org.mip6.wire.mh.MobilityOption.MobileNetworkPrefix;
import org.mip6.wire.mh.MobilityOption.NonceIndices;
import org.mip6.wire.mh.MobilityOption.UnknownMobilityOption;

/**
 * Stateless codec of the Mobility Header (RFC 6275 §6.1): 6-byte common header (Payload Proto,
 * Header Len, MH Type, Reserved, Checksum), message data, options padded to their alignment, the
 * whole a multiple of 8 bytes. The checksum needs the IPv6 pseudo-header, so {@link #encode} writes
 * zero there and the packet codec fills it in (and verifies it on decode).
 */
public final class MobilityHeaderCodec {

    /** The only Payload Proto value allowed (IPPROTO_NONE, RFC 6275 §6.1.1). */
    public static final int PAYLOAD_PROTO_NONE = 59;
    /** The Experimental Mobility Header type (RFC 5096). */
    public static final int EXPERIMENTAL = 11;
    /** Offset of the checksum in the common header. */
    public static final int CHECKSUM_OFFSET = 4;

    private static final int[] MIN_HEADER_LEN = {0, 1, 1, 2, 2, 1, 1, 2};
    private static final String[] NAMES = {"Binding Refresh Request", "Home Test Init", "Care-of Test Init",
            "Home Test", "Care-of Test", "Binding Update", "Binding Acknowledgement", "Binding Error"};

    private MobilityHeaderCodec() {
    }

    public static String typeName(int mhType) {
        if (mhType == EXPERIMENTAL) {
            return "Experimental Mobility Header"; // RFC 5096: its Message Data is the experiment's own
        }
        return mhType >= 0 && mhType < NAMES.length ? NAMES[mhType] : "Unknown MH Type " + mhType;
    }

    /** Minimum Header Len of a known MH Type (RFC 6275 §6.1), 0 for unknown types. */
    public static int minimumHeaderLen(int mhType) {
        return mhType >= 0 && mhType < MIN_HEADER_LEN.length ? MIN_HEADER_LEN[mhType] : 0;
    }

    /** Copies and checks an option list: BRA, AltCoA, Nonce Indices and BAD at most once; BAD last. */
    static List<MobilityOption> checkOptions(List<MobilityOption> options) {
        List<MobilityOption> copy = List.copyOf(Objects.requireNonNull(options, "options"));
        int seen = 0;
        for (int i = 0; i < copy.size(); i++) {
            MobilityOption o = copy.get(i);
            if (o.type() <= MobilityOption.BINDING_AUTHORIZATION_DATA) {
                int bit = 1 << o.type();
                if ((seen & bit) != 0) {
                    throw new IllegalArgumentException("option type " + o.type() + " may appear only once (RFC 6275 §6.2)");
                }
                seen |= bit;
            }
            if (o instanceof BindingAuthorizationData && i != copy.size() - 1) {
                throw new IllegalArgumentException("Binding Authorization Data must be the last option (RFC 6275 §6.2.7)");
            }
        }
        return copy;
    }

    // ------------------------------------------------------------------------------------------
    // Encode

    public static int encodedLength(MobilityMessage m) {
        return encodedLength(m, EncodeOptions.DEFAULT);
    }

    public static int encodedLength(MobilityMessage m, EncodeOptions eo) {
        if (m instanceof UnknownMobilityMessage u) {
            return 6 + u.body().length();
        }
        int pos = 6 + m.fixedLength();
        if (eo.misalignOptions()) {
            pos++;
        }
        for (MobilityOption o : allOptions(m, eo)) {
            if (eo.padOptions()) {
                pos += padBefore(pos, o);
            }
            pos += 2 + o.dataLength();
        }
        return (pos + 7) & ~7;
    }

    private static List<MobilityOption> allOptions(MobilityMessage m, EncodeOptions eo) {
        if (eo.extraOptions().isEmpty()) {
            return m.options();
        }
        List<MobilityOption> all = new ArrayList<>(m.options());
        all.addAll(eo.extraOptions());
        return all;
    }

    static int padBefore(int pos, MobilityOption o) {
        return Wire.padding(pos, o.alignMultiple(), o.alignOffset());
    }

    public static int encode(MobilityMessage m, byte[] buf, int off) {
        return encode(m, buf, off, EncodeOptions.DEFAULT);
    }

    /**
     * Writes {@code m} at {@code off} with the checksum field zero and returns the number of bytes
     * written ({@link #encodedLength}). Reserved fields and padding are written as zero.
     */
    public static int encode(MobilityMessage m, byte[] buf, int off, EncodeOptions eo) {
        int len = encodedLength(m, eo);
        put8(buf, off, eo.payloadProto());
        put8(buf, off + 1, len / 8 - 1 + eo.headerLenDelta());
        put8(buf, off + 2, m.mhType());
        put8(buf, off + 3, 0);
        put16(buf, off + 4, 0);
        int p = off + 6;
        if (m instanceof BindingRefreshRequest r) {
            put16(buf, p, 0);
        } else if (m instanceof HomeTestInit h) {
            put16(buf, p, 0);
            put64(buf, p + 2, h.cookie());
        } else if (m instanceof CareOfTestInit c) {
            put16(buf, p, 0);
            put64(buf, p + 2, c.cookie());
        } else if (m instanceof HomeTest h) {
            put16(buf, p, h.nonceIndex());
            put64(buf, p + 2, h.cookie());
            put64(buf, p + 10, h.keygenToken());
        } else if (m instanceof CareOfTest c) {
            put16(buf, p, c.nonceIndex());
            put64(buf, p + 2, c.cookie());
            put64(buf, p + 10, c.keygenToken());
        } else if (m instanceof BindingUpdate u) {
            put16(buf, p, u.sequence());
            put16(buf, p + 2, u.flags());
            put16(buf, p + 4, u.lifetime());
        } else if (m instanceof BindingAcknowledgement a) {
            put8(buf, p, a.status());
            put8(buf, p + 1, a.flags());
            put16(buf, p + 2, a.sequence());
            put16(buf, p + 4, a.lifetime());
        } else if (m instanceof BindingError e) {
            put8(buf, p, e.status());
            put8(buf, p + 1, 0);
            e.homeAddress().write(buf, p + 2);
        } else if (m instanceof UnknownMobilityMessage u) {
            u.body().copyTo(buf, p);
            return len;
        }
        p += m.fixedLength();
        int end = off + len;
        if (eo.misalignOptions()) {
            buf[p++] = 0; // Pad1
        }
        for (MobilityOption o : allOptions(m, eo)) {
            if (eo.padOptions()) {
                p = Wire.writePadding(buf, p, padBefore(p - off, o));
            }
            p = writeOption(o, buf, p);
        }
        Wire.writePadding(buf, p, end - p);
        return len;
    }

    private static int writeOption(MobilityOption o, byte[] buf, int p) {
        put8(buf, p, o.type());
        put8(buf, p + 1, o.dataLength());
        int d = p + 2;
        if (o instanceof BindingRefreshAdvice b) {
            put16(buf, d, b.interval());
        } else if (o instanceof AlternateCareOfAddress a) {
            a.address().write(buf, d);
        } else if (o instanceof NonceIndices n) {
            put16(buf, d, n.homeNonceIndex());
            put16(buf, d + 2, n.careOfNonceIndex());
        } else if (o instanceof BindingAuthorizationData b) {
            b.authenticator().copyTo(buf, d);
        } else if (o instanceof MobileNetworkPrefix n) {
            put8(buf, d, 0);
            put8(buf, d + 1, n.prefixLength());
            n.prefix().write(buf, d + 2);
        } else if (o instanceof UnknownMobilityOption u) {
            u.data().copyTo(buf, d);
        }
        return d + o.dataLength();
    }

    /** Encodes into a new array (checksum zero). */
    public static byte[] encode(MobilityMessage m) {
        byte[] b = new byte[encodedLength(m)];
        encode(m, b, 0);
        return b;
    }

    // ------------------------------------------------------------------------------------------
    // Decode

    /** Length in bytes of the Mobility Header at {@code off} as its Header Len field says. */
    public static int headerLength(byte[] buf, int off) {
        return (u8(buf, off + 1) + 1) * 8;
    }

    /**
     * Length of the message data between the common header and the options of a known MH Type
     * (RFC 6275 §6.1.2-6.1.9), or -1 for a type this codec does not know.
     */
    public static int fixedLength(int mhType) {
        return switch (mhType) {
            case MobilityMessage.BINDING_REFRESH_REQUEST -> 2;
            case MobilityMessage.BINDING_UPDATE, MobilityMessage.BINDING_ACKNOWLEDGEMENT -> 6;
            case MobilityMessage.HOME_TEST_INIT, MobilityMessage.CARE_OF_TEST_INIT -> 10;
            case MobilityMessage.HOME_TEST, MobilityMessage.CARE_OF_TEST, MobilityMessage.BINDING_ERROR -> 18;
            default -> -1;
        };
    }

    /**
     * Where the first option of {@code optionType} is in a checked Mobility Header of a known type (as a
     * {@link PacketView} or {@link #check} leaves it): the offset of its Option Type byte, or -1. Reads
     * the options in place, for a receiver that needs one field and no records (RFC 6275 §6.2).
     *
     * @throws IllegalArgumentException if the MH Type is not one this codec knows
     */
    public static int optionOffset(byte[] buf, int off, int len, int optionType) {
        for (int p = optionsStart(buf, off), end = off + len; p < end; p = nextOption(buf, p)) {
            if (u8(buf, p) == optionType) {
                return p;
            }
        }
        return -1;
    }

    /**
     * Where the options of a checked Mobility Header of a known type at {@code off} begin: after the common
     * header and the message's own data (RFC 6275 §6.1). With {@link #nextOption}, a receiver reads them in
     * place, in one pass.
     *
     * @throws IllegalArgumentException if the MH Type is not one this codec knows
     */
    public static int optionsStart(byte[] buf, int off) {
        int fixed = fixedLength(u8(buf, off + 2));
        if (fixed < 0) {
            throw new IllegalArgumentException("MH Type " + u8(buf, off + 2) + " has no options this codec knows");
        }
        return off + 6 + fixed;
    }

    /** The option after the one at {@code p} in a checked Mobility Header (Pad1 is a single octet, RFC 6275 §6.2.2). */
    public static int nextOption(byte[] buf, int p) {
        return p + (u8(buf, p) == MobilityOption.PAD1 ? 1 : 2 + u8(buf, p + 1));
    }

    /**
     * Decodes the Mobility Header that occupies exactly {@code buf[off, off+len)} (the rest of the
     * IPv6 payload). The checksum is not verified here (it needs the pseudo-header).
     */
    public static MobilityMessage decode(byte[] buf, int off, int len) throws DecodeException {
        check(buf, off, len);
        return read(buf, off, len);
    }

    /**
     * The Mobility Header payload of a view as a record. The view has checked it (checksum included),
     * so nothing is checked again.
     *
     * @throws IllegalArgumentException if the view's payload is not a Mobility Header
     */
    public static MobilityMessage decode(PacketView view) {
        if (view.mobilityType() < 0) {
            throw new IllegalArgumentException("the view's payload is not a Mobility Header: " + view);
        }
        return read(view.buffer(), view.payloadOffset(), view.payloadLength());
    }

    private static MobilityMessage read(byte[] buf, int off, int len) {
        int p = off + 6;
        int end = off + len;
        return switch (u8(buf, off + 2)) {
            case MobilityMessage.BINDING_REFRESH_REQUEST -> new BindingRefreshRequest(readOptions(buf, p + 2, end));
            case MobilityMessage.HOME_TEST_INIT -> new HomeTestInit(u64(buf, p + 2), readOptions(buf, p + 10, end));
            case MobilityMessage.CARE_OF_TEST_INIT -> new CareOfTestInit(u64(buf, p + 2), readOptions(buf, p + 10, end));
            case MobilityMessage.HOME_TEST ->
                    new HomeTest(u16(buf, p), u64(buf, p + 2), u64(buf, p + 10), readOptions(buf, p + 18, end));
            case MobilityMessage.CARE_OF_TEST ->
                    new CareOfTest(u16(buf, p), u64(buf, p + 2), u64(buf, p + 10), readOptions(buf, p + 18, end));
            case MobilityMessage.BINDING_UPDATE ->
                    new BindingUpdate(u16(buf, p), u16(buf, p + 2), u16(buf, p + 4), readOptions(buf, p + 6, end));
            case MobilityMessage.BINDING_ACKNOWLEDGEMENT -> new BindingAcknowledgement(u8(buf, p), u8(buf, p + 1),
                    u16(buf, p + 2), u16(buf, p + 4), readOptions(buf, p + 6, end));
            case MobilityMessage.BINDING_ERROR ->
                    new BindingError(u8(buf, p), Ipv6Address.read(buf, p + 2), readOptions(buf, p + 18, end));
            default -> new UnknownMobilityMessage(u8(buf, off + 2), Bytes.copyOf(buf, p, end - p));
        };
    }

    /**
     * Every structural check {@link #decode} makes, without building records (RFC 6275 §6.1, §6.2,
     * §9.2): Payload Proto, Header Len against the type's minimum and the payload, and each option's
     * length, alignment, uniqueness and order. The checksum is not verified here.
     */
    public static void check(byte[] buf, int off, int len) throws DecodeException {
        check(buf, off, len, true);
    }

    /**
     * As {@link #check(byte[], int, int)}; with {@code alignment} false, an option off its alignment
     * (RFC 6275 §6.2) is accepted, as tcpdump and Wireshark show one: for analysers, never for a receiver.
     */
    public static void check(byte[] buf, int off, int len, boolean alignment) throws DecodeException {
        Wire.need(off, 6, off + len, "Mobility Header");
        int hdrLen = u8(buf, off + 1);
        int type = u8(buf, off + 2);
        int mhLen = (hdrLen + 1) * 8;
        if (u8(buf, off) != PAYLOAD_PROTO_NONE || hdrLen < minimumHeaderLen(type) || mhLen != len) {
            throw badCommonHeader(buf, off, len);
        }
        int fixed = fixedLength(type);
        if (fixed >= 0) { // the minimum Header Len leaves room for the fixed part
            checkOptions(buf, off, off + 6 + fixed, off + len, alignment ? 0xff : 0);
        }
    }

    private static DecodeException badCommonHeader(byte[] buf, int off, int len) { // cold: keeps check() inlinable
        int proto = u8(buf, off);
        int hdrLen = u8(buf, off + 1);
        int type = u8(buf, off + 2);
        int mhLen = (hdrLen + 1) * 8;
        if (proto != PAYLOAD_PROTO_NONE) {
            return new DecodeException(DecodeReason.BAD_PAYLOAD_PROTO, off,
                    "Payload Proto is " + proto + ", must be 59 (RFC 6275 §6.1.1)");
        }
        if (hdrLen < minimumHeaderLen(type)) {
            return new DecodeException(DecodeReason.BAD_HEADER_LEN, off + 1, "Header Len " + hdrLen + " is below "
                    + minimumHeaderLen(type) + ", the minimum for " + typeName(type) + " (RFC 6275 §9.2)");
        }
        if (mhLen > len) {
            return new DecodeException(DecodeReason.TRUNCATED, off,
                    "Mobility Header of Header Len " + hdrLen + " needs " + mhLen + " bytes, " + len + " left");
        }
        return new DecodeException(DecodeReason.BAD_LENGTH, off + mhLen, (len - mhLen)
                + " bytes follow the Mobility Header: the length given must be its own (a PacketView ignores octets"
                + " after it, RFC 8200 §4.7)");
    }

    /**
     * Length and alignment xn+y of options 2-6 (RFC 6275 §6.2.4-6.2.7, RFC 3963 §4.3), packed as
     * {@code length << 16 | (x - 1) << 8 | y}; 0 for the padding options.
     */
    private static final int[] OPTION_RULES = {0, 0, 2 << 16 | 1 << 8, 16 << 16 | 7 << 8 | 6, 4 << 16 | 1 << 8,
            12 << 16 | 7 << 8 | 2, 18 << 16 | 7 << 8 | 4};

    /** {@code alignMask}: 0xff checks each option's alignment (the rule's x - 1 and y bytes), 0 none. */
    private static void checkOptions(byte[] buf, int mhStart, int p, int end, int alignMask) throws DecodeException {
        int seen = 0; // bit per option type 2-5 seen; bit 31 once Binding Authorization Data has been
        while (p < end) {
            int type = u8(buf, p);
            if (type == MobilityOption.PAD1) {
                p++;
                continue;
            }
            if (p + 2 > end || p + 2 + u8(buf, p + 1) > end) {
                throw optionOverrun(buf, p, end);
            }
            int olen = u8(buf, p + 1);
            if (type != MobilityOption.PADN) {
                if (seen < 0) {
                    throw new DecodeException(DecodeReason.BAD_OPTION_ORDER, p, "option type " + type
                            + " follows Binding Authorization Data, which must be last (RFC 6275 §6.2.7)");
                }
                if (type < OPTION_RULES.length) {
                    int rule = OPTION_RULES[type];
                    if (olen != rule >>> 16 || ((p - mhStart) & (rule >>> 8 & alignMask)) != (rule & alignMask & 0xff)) {
                        throw badOption(type, olen, rule >>> 16, p, mhStart, (rule >>> 8 & 0xff) + 1, rule & 0xff);
                    }
                    if (type == MobilityOption.MOBILE_NETWORK_PREFIX && u8(buf, p + 3) > 128) {
                        throw new DecodeException(DecodeReason.BAD_FIELD, p + 3,
                                "Mobile Network Prefix length " + u8(buf, p + 3) + " > 128");
                    }
                    if (type <= MobilityOption.BINDING_AUTHORIZATION_DATA) {
                        int bit = 1 << type;
                        if ((seen & bit) != 0) {
                            throw new DecodeException(DecodeReason.DUPLICATE_OPTION, p,
                                    "option type " + type + " appears more than once (RFC 6275 §6.2)");
                        }
                        seen |= type == MobilityOption.BINDING_AUTHORIZATION_DATA ? bit | 1 << 31 : bit;
                    }
                }
            }
            p += 2 + olen;
        }
    }

    private static DecodeException optionOverrun(byte[] buf, int p, int end) {
        int type = u8(buf, p);
        if (p + 2 > end) {
            return new DecodeException(DecodeReason.BAD_OPTION_LENGTH, p, "option type " + type
                    + " has no room for its length byte before the end of the Mobility Header");
        }
        int olen = u8(buf, p + 1);
        return new DecodeException(DecodeReason.BAD_OPTION_LENGTH, p + 1, "option type " + type + " of length "
                + olen + " overruns the Mobility Header by " + (p + 2 + olen - end) + " bytes");
    }

    /** Builds the option records of a checked header; padding is dropped. */
    private static List<MobilityOption> readOptions(byte[] buf, int p, int end) {
        MobilityOption first = null; // most messages carry zero or one option: no list until a second
        List<MobilityOption> out = null;
        while (p < end) {
            int type = u8(buf, p);
            if (type == MobilityOption.PAD1) {
                p++;
                continue;
            }
            int d = p + 2;
            int olen = u8(buf, p + 1);
            p = d + olen;
            MobilityOption o = switch (type) {
                case MobilityOption.PADN -> null;
                case MobilityOption.BINDING_REFRESH_ADVICE -> new BindingRefreshAdvice(u16(buf, d));
                case MobilityOption.ALTERNATE_CARE_OF_ADDRESS -> new AlternateCareOfAddress(Ipv6Address.read(buf, d));
                case MobilityOption.NONCE_INDICES -> new NonceIndices(u16(buf, d), u16(buf, d + 2));
                case MobilityOption.BINDING_AUTHORIZATION_DATA -> new BindingAuthorizationData(Bytes.copyOf(buf, d, 12));
                case MobilityOption.MOBILE_NETWORK_PREFIX -> new MobileNetworkPrefix(u8(buf, d + 1), Ipv6Address.read(buf, d + 2));
                default -> new UnknownMobilityOption(type, Bytes.copyOf(buf, d, olen));
            };
            if (o == null) {
                continue;
            }
            if (first == null) {
                first = o;
            } else {
                if (out == null) {
                    out = new ArrayList<>(4);
                    out.add(first);
                }
                out.add(o);
            }
        }
        return out != null ? List.copyOf(out) : first != null ? List.of(first) : List.of();
    }

    private static DecodeException badOption(int type, int olen, int expected, int p, int mhStart, int x, int y) {
        if (olen != expected) {
            return new DecodeException(DecodeReason.BAD_OPTION_LENGTH, p + 1,
                    "option type " + type + " has length " + olen + ", must be " + expected + " (RFC 6275 §6.2)");
        }
        return new DecodeException(DecodeReason.BAD_OPTION_ALIGNMENT, p, "option type " + type + " at offset "
                + (p - mhStart) + " of the Mobility Header, must be at " + x + "n+" + y + " (RFC 6275 §6.2)");
    }

    // ------------------------------------------------------------------------------------------
    // Return routability support (RFC 6275 §5.2.6)

    /**
     * Absolute offset of the authenticator (the data of the Binding Authorization Data option) in
     * the Mobility Header at {@code buf[off, off+len)}, or -1 when there is none. The header must
     * already have decoded.
     */
    public static int authenticatorOffset(byte[] buf, int off, int len) {
        int fixed = fixedLength(u8(buf, off + 2));
        if (fixed < 0) {
            return -1;
        }
        int p = off + 6 + fixed;
        int end = off + len;
        while (p < end) {
            int t = u8(buf, p);
            if (t == MobilityOption.PAD1) {
                p++;
                continue;
            }
            if (p + 2 > end) {
                return -1;
            }
            if (t == MobilityOption.BINDING_AUTHORIZATION_DATA) {
                return p + 2;
            }
            p += 2 + u8(buf, p + 1);
        }
        return -1;
    }

    /**
     * The "Mobility Data" an authenticator covers (RFC 6275 §5.2.6): the whole Mobility Header with
     * the checksum field zero and without the authenticator bytes (the BAD option's type and length
     * stay).
     */
    public static byte[] authenticatedData(byte[] buf, int off, int len) {
        int auth = authenticatorOffset(buf, off, len);
        if (auth < 0) {
            throw new IllegalArgumentException("the Mobility Header has no Binding Authorization Data option");
        }
        int authLen = u8(buf, auth - 1);
        byte[] out = new byte[len - authLen];
        int before = auth - off;
        System.arraycopy(buf, off, out, 0, before);
        System.arraycopy(buf, auth + authLen, out, before, len - before - authLen);
        out[CHECKSUM_OFFSET] = 0;
        out[CHECKSUM_OFFSET + 1] = 0;
        return out;
    }
}
