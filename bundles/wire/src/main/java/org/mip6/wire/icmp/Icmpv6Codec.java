package org.mip6.wire.icmp;

import static org.mip6.wire.Wire.put16;
import static org.mip6.wire.Wire.put32;
import static org.mip6.wire.Wire.put8;
import static org.mip6.wire.Wire.u16;
import static org.mip6.wire.Wire.u32;
import static org.mip6.wire.Wire.u8;

import java.util.ArrayList;
import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.PacketView;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Message.DestinationUnreachable;
import org.mip6.wire.icmp.Icmpv6Message.DhaadReply;
import org.mip6.wire.icmp.Icmpv6Message.DhaadRequest;
import org.mip6.wire.icmp.Icmpv6Message.EchoReply;
import org.mip6.wire.icmp.Icmpv6Message.EchoRequest;
import org.mip6.wire.icmp.Icmpv6Message.MobilePrefixAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.MobilePrefixSolicitation;
import org.mip6.wire.icmp.Icmpv6Message.NeighborAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation;
import org.mip6.wire.icmp.Icmpv6Message.PacketTooBig;
import org.mip6.wire.icmp.Icmpv6Message.ParameterProblem;
import org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.RouterSolicitation;
import org.mip6.wire.icmp.Icmpv6Message.TimeExceeded;
import org.mip6.wire.icmp.Icmpv6Message.UnknownIcmpv6;
import org.mip6.wire.icmp.NdOption.AdvertisementInterval;
import org.mip6.wire.icmp.NdOption.HomeAgentInformation;
import org.mip6.wire.icmp.NdOption.Mtu;
import org.mip6.wire.icmp.NdOption.PrefixInformation;
import org.mip6.wire.icmp.NdOption.SourceLinkLayerAddress;
import org.mip6.wire.icmp.NdOption.TargetLinkLayerAddress;
import org.mip6.wire.icmp.NdOption.UnknownNdOption;

/**
 * Stateless ICMPv6 codec. {@link #encode} writes the checksum as zero; the packet codec fills it in
 * over the pseudo-header and verifies it on decode. A known type with a code its record cannot hold
 * (ND and MIPv6 messages are code 0) decodes as {@link UnknownIcmpv6}, so nothing is lost.
 */
public final class Icmpv6Codec {

    public static final int CHECKSUM_OFFSET = 2;

    private Icmpv6Codec() {
    }

    public static String typeName(int type) {
        return switch (type) {
            case Icmpv6Message.DESTINATION_UNREACHABLE -> "Destination Unreachable";
            case Icmpv6Message.PACKET_TOO_BIG -> "Packet Too Big";
            case Icmpv6Message.TIME_EXCEEDED -> "Time Exceeded";
            case Icmpv6Message.PARAMETER_PROBLEM -> "Parameter Problem";
            case Icmpv6Message.ECHO_REQUEST -> "Echo Request";
            case Icmpv6Message.ECHO_REPLY -> "Echo Reply";
            case Icmpv6Message.ROUTER_SOLICITATION -> "Router Solicitation";
            case Icmpv6Message.ROUTER_ADVERTISEMENT -> "Router Advertisement";
            case Icmpv6Message.NEIGHBOR_SOLICITATION -> "Neighbor Solicitation";
            case Icmpv6Message.NEIGHBOR_ADVERTISEMENT -> "Neighbor Advertisement";
            case Icmpv6Message.DHAAD_REQUEST -> "Home Agent Address Discovery Request";
            case Icmpv6Message.DHAAD_REPLY -> "Home Agent Address Discovery Reply";
            case Icmpv6Message.MOBILE_PREFIX_SOLICITATION -> "Mobile Prefix Solicitation";
            case Icmpv6Message.MOBILE_PREFIX_ADVERTISEMENT -> "Mobile Prefix Advertisement";
            // the IANA registry's names for types the codec keeps as Unknown (as analysers name them)
            case 130 -> "Multicast Listener Query";
            case 131 -> "Multicast Listener Report";
            case 132 -> "Multicast Listener Done";
            case 137 -> "Redirect";
            case 138 -> "Router Renumbering";
            case 139 -> "Node Information Query";
            case 140 -> "Node Information Response";
            case 141 -> "Inverse Neighbor Discovery Solicitation";
            case 142 -> "Inverse Neighbor Discovery Advertisement";
            case 143 -> "Version 2 Multicast Listener Report";
            case 148 -> "Certification Path Solicitation";
            case 149 -> "Certification Path Advertisement";
            case 151 -> "Multicast Router Advertisement";
            case 152 -> "Multicast Router Solicitation";
            case 153 -> "Multicast Router Termination";
            case 155 -> "RPL Control Message";
            case 157 -> "Duplicate Address Request";
            case 158 -> "Duplicate Address Confirmation";
            case 160 -> "Extended Echo Request";
            case 161 -> "Extended Echo Reply";
            default -> "type " + type;
        };
    }

    // ------------------------------------------------------------------------------------------
    // Encode

    public static int encodedLength(Icmpv6Message m) {
        if (m instanceof DestinationUnreachable d) {
            return 8 + d.invokingPacket().length();
        } else if (m instanceof PacketTooBig p) {
            return 8 + p.invokingPacket().length();
        } else if (m instanceof TimeExceeded t) {
            return 8 + t.invokingPacket().length();
        } else if (m instanceof ParameterProblem p) {
            return 8 + p.invokingPacket().length();
        } else if (m instanceof EchoRequest e) {
            return 8 + e.data().length();
        } else if (m instanceof EchoReply e) {
            return 8 + e.data().length();
        } else if (m instanceof RouterSolicitation r) {
            return 8 + optionsLength(r.options());
        } else if (m instanceof RouterAdvertisement r) {
            return 16 + optionsLength(r.options());
        } else if (m instanceof NeighborSolicitation n) {
            return 24 + optionsLength(n.options());
        } else if (m instanceof NeighborAdvertisement n) {
            return 24 + optionsLength(n.options());
        } else if (m instanceof DhaadRequest d) {
            return 8;
        } else if (m instanceof DhaadReply d) {
            return 8 + 16 * d.homeAgents().size();
        } else if (m instanceof MobilePrefixSolicitation s) {
            return 8;
        } else if (m instanceof MobilePrefixAdvertisement a) {
            return 8 + optionsLength(a.options());
        } else if (m instanceof UnknownIcmpv6 u) {
            return 4 + u.body().length();
        }
        throw new IllegalStateException("unhandled " + m);
    }

    private static int optionsLength(List<NdOption> options) {
        int n = 0;
        for (NdOption o : options) {
            n += o.encodedLength();
        }
        return n;
    }

    /** Writes {@code m} at {@code off} with checksum zero; returns the length written. */
    public static int encode(Icmpv6Message m, byte[] buf, int off) {
        int len = encodedLength(m);
        put8(buf, off, m.type());
        put8(buf, off + 1, m.code());
        put16(buf, off + 2, 0);
        int p = off + 4;
        if (m instanceof DestinationUnreachable d) {
            errorBody(buf, p, 0, d.invokingPacket());
        } else if (m instanceof PacketTooBig t) {
            errorBody(buf, p, t.mtu(), t.invokingPacket());
        } else if (m instanceof TimeExceeded t) {
            errorBody(buf, p, 0, t.invokingPacket());
        } else if (m instanceof ParameterProblem pp) {
            errorBody(buf, p, pp.pointer(), pp.invokingPacket());
        } else if (m instanceof EchoRequest e) {
            put16(buf, p, e.identifier());
            put16(buf, p + 2, e.sequence());
            e.data().copyTo(buf, p + 4);
        } else if (m instanceof EchoReply e) {
            put16(buf, p, e.identifier());
            put16(buf, p + 2, e.sequence());
            e.data().copyTo(buf, p + 4);
        } else if (m instanceof RouterSolicitation r) {
            put32(buf, p, 0);
            writeOptions(r.options(), buf, p + 4);
        } else if (m instanceof RouterAdvertisement r) {
            put8(buf, p, r.curHopLimit());
            put8(buf, p + 1, r.flags());
            put16(buf, p + 2, r.routerLifetime());
            put32(buf, p + 4, r.reachableTime());
            put32(buf, p + 8, r.retransTimer());
            writeOptions(r.options(), buf, p + 12);
        } else if (m instanceof NeighborSolicitation n) {
            put32(buf, p, 0);
            n.target().write(buf, p + 4);
            writeOptions(n.options(), buf, p + 20);
        } else if (m instanceof NeighborAdvertisement n) {
            put32(buf, p, (n.router() ? 0x8000_0000L : 0) | (n.solicited() ? 0x4000_0000L : 0)
                    | (n.override() ? 0x2000_0000L : 0));
            n.target().write(buf, p + 4);
            writeOptions(n.options(), buf, p + 20);
        } else if (m instanceof DhaadRequest d) {
            put16(buf, p, d.identifier());
            put16(buf, p + 2, d.mobileRouter() ? 0x8000 : 0);
        } else if (m instanceof DhaadReply d) {
            put16(buf, p, d.identifier());
            put16(buf, p + 2, d.mobileRouter() ? 0x8000 : 0);
            int q = p + 4;
            for (Ipv6Address a : d.homeAgents()) {
                a.write(buf, q);
                q += 16;
            }
        } else if (m instanceof MobilePrefixSolicitation s) {
            put16(buf, p, s.identifier());
            put16(buf, p + 2, 0);
        } else if (m instanceof MobilePrefixAdvertisement a) {
            put16(buf, p, a.identifier());
            put16(buf, p + 2, (a.managed() ? 0x8000 : 0) | (a.other() ? 0x4000 : 0));
            writeOptions(a.options(), buf, p + 4);
        } else if (m instanceof UnknownIcmpv6 u) {
            u.body().copyTo(buf, p);
        }
        return len;
    }

    private static void errorBody(byte[] buf, int p, long word, Bytes invoking) {
        put32(buf, p, word);
        invoking.copyTo(buf, p + 4);
    }

    private static void writeOptions(List<NdOption> options, byte[] buf, int p) {
        for (NdOption o : options) {
            int len = o.encodedLength();
            put8(buf, p, o.type());
            put8(buf, p + 1, len / 8);
            int d = p + 2;
            if (o instanceof SourceLinkLayerAddress s) {
                s.address().write(buf, d);
            } else if (o instanceof TargetLinkLayerAddress t) {
                t.address().write(buf, d);
            } else if (o instanceof PrefixInformation pi) {
                put8(buf, d, pi.prefixLength());
                put8(buf, d + 1, (pi.onLink() ? PrefixInformation.L : 0) | (pi.autonomous() ? PrefixInformation.A : 0)
                        | (pi.routerAddress() ? PrefixInformation.R : 0));
                put32(buf, d + 2, pi.validLifetime());
                put32(buf, d + 6, pi.preferredLifetime());
                put32(buf, d + 10, 0);
                pi.address().write(buf, d + 14);
            } else if (o instanceof Mtu m) {
                put16(buf, d, 0);
                put32(buf, d + 2, m.mtu());
            } else if (o instanceof AdvertisementInterval a) {
                put16(buf, d, 0);
                put32(buf, d + 2, a.intervalMillis());
            } else if (o instanceof HomeAgentInformation h) {
                put16(buf, d, h.mobileRouter() ? 0x8000 : 0);
                put16(buf, d + 2, h.preference() & 0xffff);
                put16(buf, d + 4, h.lifetime());
            } else if (o instanceof UnknownNdOption u) {
                u.data().copyTo(buf, d);
            }
            p += len;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Decode

    /** Bytes after type, code and checksum that a known type needs, or -1 for a type decoded as unknown. */
    private static int minimumBody(int type) {
        return switch (type) {
            case Icmpv6Message.ROUTER_ADVERTISEMENT -> 12;
            case Icmpv6Message.NEIGHBOR_SOLICITATION, Icmpv6Message.NEIGHBOR_ADVERTISEMENT -> 20;
            case Icmpv6Message.DESTINATION_UNREACHABLE, Icmpv6Message.PACKET_TOO_BIG, Icmpv6Message.TIME_EXCEEDED,
                    Icmpv6Message.PARAMETER_PROBLEM, Icmpv6Message.ECHO_REQUEST, Icmpv6Message.ECHO_REPLY,
                    Icmpv6Message.ROUTER_SOLICITATION, Icmpv6Message.DHAAD_REQUEST, Icmpv6Message.DHAAD_REPLY,
                    Icmpv6Message.MOBILE_PREFIX_SOLICITATION, Icmpv6Message.MOBILE_PREFIX_ADVERTISEMENT -> 4;
            default -> -1;
        };
    }

    /** Whether a known type's record holds {@code code}: the error messages keep any code, the rest are code 0. */
    private static boolean codeFits(int type, int code) {
        return code == 0 || type == Icmpv6Message.DESTINATION_UNREACHABLE || type == Icmpv6Message.TIME_EXCEEDED
                || type == Icmpv6Message.PARAMETER_PROBLEM;
    }

    /** Where the ND options of a known type start after the 4-byte header, or -1 when it has none. */
    private static int optionsStart(int type) {
        return switch (type) {
            case Icmpv6Message.ROUTER_SOLICITATION, Icmpv6Message.MOBILE_PREFIX_ADVERTISEMENT -> 4;
            case Icmpv6Message.ROUTER_ADVERTISEMENT -> 12;
            case Icmpv6Message.NEIGHBOR_SOLICITATION, Icmpv6Message.NEIGHBOR_ADVERTISEMENT -> 20;
            default -> -1;
        };
    }

    /**
     * Every structural check {@link #decode} makes, without building records: the fixed part of a
     * known type, its ND options (RFC 4861 §4.6) and the DHAAD Reply address list. The checksum is
     * not verified here.
     */
    public static void check(byte[] buf, int off, int len) throws DecodeException {
        int end = off + len;
        Wire.need(off, 4, end, "ICMPv6 header");
        int type = u8(buf, off);
        int p = off + 4;
        int min = minimumBody(type);
        if (min < 0) {
            return;
        }
        Wire.need(p, min, end, typeName(type));
        if (!codeFits(type, u8(buf, off + 1))) {
            return;
        }
        int opts = optionsStart(type);
        if (opts >= 0) {
            checkOptions(buf, p + opts, end);
        } else if (type == Icmpv6Message.DHAAD_REPLY) {
            int rest = end - p - 4;
            if (rest % 16 != 0) {
                throw new DecodeException(DecodeReason.BAD_LENGTH, p + 4 + rest / 16 * 16,
                        "DHAAD Reply address list of " + rest + " bytes is not a whole number of addresses");
            }
        }
    }

    /** Decodes the ICMPv6 message occupying exactly {@code buf[off, off+len)}; the checksum is not verified here. */
    public static Icmpv6Message decode(byte[] buf, int off, int len) throws DecodeException {
        check(buf, off, len);
        return read(buf, off, len);
    }

    /**
     * The ICMPv6 payload of a view as a record. The view has checked it (checksum included), so
     * nothing is checked again.
     *
     * @throws IllegalArgumentException if the view's payload is not ICMPv6
     */
    public static Icmpv6Message decode(PacketView view) {
        if (view.icmpv6Type() < 0) {
            throw new IllegalArgumentException("the view's payload is not ICMPv6: " + view);
        }
        return read(view.buffer(), view.payloadOffset(), view.payloadLength());
    }

    private static Icmpv6Message read(byte[] buf, int off, int len) {
        int end = off + len;
        int type = u8(buf, off);
        int code = u8(buf, off + 1);
        int p = off + 4;
        if (minimumBody(type) < 0 || !codeFits(type, code)) {
            return new UnknownIcmpv6(type, code, Bytes.copyOf(buf, p, end - p));
        }
        return switch (type) {
            case Icmpv6Message.DESTINATION_UNREACHABLE -> new DestinationUnreachable(code, Bytes.copyOf(buf, p + 4, end - p - 4));
            case Icmpv6Message.PACKET_TOO_BIG -> new PacketTooBig(u32(buf, p), Bytes.copyOf(buf, p + 4, end - p - 4));
            case Icmpv6Message.TIME_EXCEEDED -> new TimeExceeded(code, Bytes.copyOf(buf, p + 4, end - p - 4));
            case Icmpv6Message.PARAMETER_PROBLEM -> new ParameterProblem(code, u32(buf, p), Bytes.copyOf(buf, p + 4, end - p - 4));
            case Icmpv6Message.ECHO_REQUEST -> new EchoRequest(u16(buf, p), u16(buf, p + 2), Bytes.copyOf(buf, p + 4, end - p - 4));
            case Icmpv6Message.ECHO_REPLY -> new EchoReply(u16(buf, p), u16(buf, p + 2), Bytes.copyOf(buf, p + 4, end - p - 4));
            case Icmpv6Message.ROUTER_SOLICITATION -> new RouterSolicitation(readOptions(buf, p + 4, end));
            case Icmpv6Message.ROUTER_ADVERTISEMENT -> new RouterAdvertisement(u8(buf, p), u8(buf, p + 1), u16(buf, p + 2),
                    u32(buf, p + 4), u32(buf, p + 8), readOptions(buf, p + 12, end));
            case Icmpv6Message.NEIGHBOR_SOLICITATION ->
                    new NeighborSolicitation(Ipv6Address.read(buf, p + 4), readOptions(buf, p + 20, end));
            case Icmpv6Message.NEIGHBOR_ADVERTISEMENT -> {
                int f = u8(buf, p);
                yield new NeighborAdvertisement((f & 0x80) != 0, (f & 0x40) != 0, (f & 0x20) != 0,
                        Ipv6Address.read(buf, p + 4), readOptions(buf, p + 20, end));
            }
            case Icmpv6Message.DHAAD_REQUEST -> new DhaadRequest(u16(buf, p), (u16(buf, p + 2) & 0x8000) != 0);
            case Icmpv6Message.DHAAD_REPLY -> {
                List<Ipv6Address> has = new ArrayList<>((end - p - 4) / 16);
                for (int q = p + 4; q < end; q += 16) {
                    has.add(Ipv6Address.read(buf, q));
                }
                yield new DhaadReply(u16(buf, p), (u16(buf, p + 2) & 0x8000) != 0, has);
            }
            case Icmpv6Message.MOBILE_PREFIX_SOLICITATION -> new MobilePrefixSolicitation(u16(buf, p));
            case Icmpv6Message.MOBILE_PREFIX_ADVERTISEMENT -> {
                int f = u16(buf, p + 2);
                yield new MobilePrefixAdvertisement(u16(buf, p), (f & 0x8000) != 0, (f & 0x4000) != 0,
                        readOptions(buf, p + 4, end));
            }
            default -> throw new IllegalStateException("type " + type + " has a minimum body but no record");
        };
    }

    static void checkOptions(byte[] buf, int p, int end) throws DecodeException {
        while (p < end) {
            if (p + 2 > end) {
                throw new DecodeException(DecodeReason.TRUNCATED, p, "ND option header needs 2 bytes, 1 left");
            }
            int type = u8(buf, p);
            int units = u8(buf, p + 1);
            if (units == 0) {
                throw new DecodeException(DecodeReason.BAD_OPTION_LENGTH, p + 1,
                        "ND option type " + type + " has length 0 (RFC 4861 §4.6: discard)");
            }
            int olen = units * 8;
            if (p + olen > end) {
                throw new DecodeException(DecodeReason.TRUNCATED, p + 1, "ND option type " + type + " of " + olen
                        + " bytes overruns the message by " + (p + olen - end) + " bytes");
            }
            switch (type) {
                case NdOption.PREFIX_INFORMATION -> {
                    expectUnits(type, units, 4, p);
                    int plen = u8(buf, p + 2);
                    if (plen > 128) {
                        throw new DecodeException(DecodeReason.BAD_FIELD, p + 2, "Prefix Information prefix length " + plen + " > 128");
                    }
                }
                case NdOption.MTU, NdOption.ADVERTISEMENT_INTERVAL, NdOption.HOME_AGENT_INFORMATION ->
                        expectUnits(type, units, 1, p);
                default -> {
                }
            }
            p += olen;
        }
    }

    /** Builds the option records of checked ND options. */
    static List<NdOption> readOptions(byte[] buf, int p, int end) {
        if (p == end) {
            return List.of();
        }
        List<NdOption> out = new ArrayList<>(4);
        while (p < end) {
            int type = u8(buf, p);
            int units = u8(buf, p + 1);
            int olen = units * 8;
            int d = p + 2;
            out.add(switch (type) {
                case NdOption.SOURCE_LINK_LAYER_ADDRESS -> units == 1 ? new SourceLinkLayerAddress(MacAddress.read(buf, d))
                        : new UnknownNdOption(type, Bytes.copyOf(buf, d, olen - 2));
                case NdOption.TARGET_LINK_LAYER_ADDRESS -> units == 1 ? new TargetLinkLayerAddress(MacAddress.read(buf, d))
                        : new UnknownNdOption(type, Bytes.copyOf(buf, d, olen - 2));
                case NdOption.PREFIX_INFORMATION -> {
                    int f = u8(buf, d + 1);
                    yield new PrefixInformation(u8(buf, d), (f & PrefixInformation.L) != 0, (f & PrefixInformation.A) != 0,
                            (f & PrefixInformation.R) != 0, u32(buf, d + 2), u32(buf, d + 6), Ipv6Address.read(buf, d + 14));
                }
                case NdOption.MTU -> new Mtu(u32(buf, d + 2));
                case NdOption.ADVERTISEMENT_INTERVAL -> new AdvertisementInterval(u32(buf, d + 2));
                case NdOption.HOME_AGENT_INFORMATION ->
                        new HomeAgentInformation((u16(buf, d) & 0x8000) != 0, (short) u16(buf, d + 2), u16(buf, d + 4));
                default -> new UnknownNdOption(type, Bytes.copyOf(buf, d, olen - 2));
            });
            p += olen;
        }
        return List.copyOf(out);
    }

    private static void expectUnits(int type, int units, int expected, int p) throws DecodeException {
        if (units != expected) {
            throw new DecodeException(DecodeReason.BAD_OPTION_LENGTH, p + 1,
                    "ND option type " + type + " has length " + units + ", must be " + expected);
        }
    }
}
