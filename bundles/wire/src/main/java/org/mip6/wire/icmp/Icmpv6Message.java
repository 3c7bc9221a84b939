package org.mip6.wire.icmp;

import static org.mip6.wire.Wire.checkRange;

import java.util.List;
import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;

/** An ICMPv6 message (RFC 4443; ND RFC 4861; MIPv6 RFC 6275 §6.5-6.8). Unknown types round-trip. */
public sealed interface Icmpv6Message {

    int DESTINATION_UNREACHABLE = 1;
    int PACKET_TOO_BIG = 2;
    int TIME_EXCEEDED = 3;
    int PARAMETER_PROBLEM = 4;
    int ECHO_REQUEST = 128;
    int ECHO_REPLY = 129;
    int ROUTER_SOLICITATION = 133;
    int ROUTER_ADVERTISEMENT = 134;
    int NEIGHBOR_SOLICITATION = 135;
    int NEIGHBOR_ADVERTISEMENT = 136;
    int DHAAD_REQUEST = 144;
    int DHAAD_REPLY = 145;
    int MOBILE_PREFIX_SOLICITATION = 146;
    int MOBILE_PREFIX_ADVERTISEMENT = 147;

    int type();

    int code();

    /** Error messages carry as much of the invoking packet as fits (RFC 4443 §2.4). */
    record DestinationUnreachable(int code, Bytes invokingPacket) implements Icmpv6Message {
        public DestinationUnreachable {
            checkRange("code", code, 0, 255);
            Objects.requireNonNull(invokingPacket, "invokingPacket");
        }

        @Override
        public int type() {
            return DESTINATION_UNREACHABLE;
        }
    }

    record PacketTooBig(long mtu, Bytes invokingPacket) implements Icmpv6Message {
        public PacketTooBig {
            checkRange("MTU", mtu, 0, 0xffff_ffffL);
            Objects.requireNonNull(invokingPacket, "invokingPacket");
        }

        @Override
        public int type() {
            return PACKET_TOO_BIG;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    record TimeExceeded(int code, Bytes invokingPacket) implements Icmpv6Message {
        public TimeExceeded {
            checkRange("code", code, 0, 255);
            Objects.requireNonNull(invokingPacket, "invokingPacket");
        }

        @Override
        public int type() {
            return TIME_EXCEEDED;
        }
    }

    /** Codes: 0 erroneous header field, 1 unrecognized Next Header, 2 unrecognized IPv6 option. */
    record ParameterProblem(int code, long pointer, Bytes invokingPacket) implements Icmpv6Message {
        public ParameterProblem {
            checkRange("code", code, 0, 255);
            checkRange("pointer", pointer, 0, 0xffff_ffffL);
            Objects.requireNonNull(invokingPacket, "invokingPacket");
        }

        @Override
        public int type() {
            return PARAMETER_PROBLEM;
        }
    }

    record EchoRequest(int identifier, int sequence, Bytes data) implements Icmpv6Message {
        public EchoRequest {
            checkRange("identifier", identifier, 0, 0xffff);
            checkRange("sequence", sequence, 0, 0xffff);
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int type() {
            return ECHO_REQUEST;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    record EchoReply(int identifier, int sequence, Bytes data) implements Icmpv6Message {
        public EchoReply {
            checkRange("identifier", identifier, 0, 0xffff);
            checkRange("sequence", sequence, 0, 0xffff);
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int type() {
            return ECHO_REPLY;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    record RouterSolicitation(List<NdOption> options) implements Icmpv6Message {
        public RouterSolicitation {
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return ROUTER_SOLICITATION;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /**
     * Router Advertisement (RFC 4861 §4.2). {@code flags} is the whole flags byte: M 0x80, O 0x40,
     * Home Agent H 0x20 (RFC 6275 §7.1), Prf 0x18 (RFC 4191), P 0x04 (RFC 4389).
     */
    record RouterAdvertisement(int curHopLimit, int flags, int routerLifetime, long reachableTime, long retransTimer,
                               List<NdOption> options) implements Icmpv6Message {
        public static final int M = 0x80;
        public static final int O = 0x40;
        public static final int H = 0x20;

        public RouterAdvertisement {
            checkRange("cur hop limit", curHopLimit, 0, 255);
            checkRange("flags", flags, 0, 255);
            checkRange("router lifetime", routerLifetime, 0, 0xffff);
            checkRange("reachable time", reachableTime, 0, 0xffff_ffffL);
            checkRange("retrans timer", retransTimer, 0, 0xffff_ffffL);
            options = List.copyOf(options);
        }

        public boolean homeAgent() {
            return (flags & H) != 0;
        }

        @Override
        public int type() {
            return ROUTER_ADVERTISEMENT;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    record NeighborSolicitation(Ipv6Address target, List<NdOption> options) implements Icmpv6Message {
        public NeighborSolicitation {
            Objects.requireNonNull(target, "target");
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return NEIGHBOR_SOLICITATION;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /** Neighbor Advertisement: flags R (router), S (solicited), O (override). */
    record NeighborAdvertisement(boolean router, boolean solicited, boolean override, Ipv6Address target,
                                 List<NdOption> options) implements Icmpv6Message {
        public NeighborAdvertisement {
            Objects.requireNonNull(target, "target");
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return NEIGHBOR_ADVERTISEMENT;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /** Home Agent Address Discovery Request (RFC 6275 §6.5); {@code mobileRouter} is the R bit of RFC 3963. */
    record DhaadRequest(int identifier, boolean mobileRouter) implements Icmpv6Message {
        public DhaadRequest {
            checkRange("identifier", identifier, 0, 0xffff);
        }

        @Override
        public int type() {
            return DHAAD_REQUEST;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /** Home Agent Address Discovery Reply (RFC 6275 §6.6): home agents, most preferred first. */
    record DhaadReply(int identifier, boolean mobileRouter, List<Ipv6Address> homeAgents) implements Icmpv6Message {
        public DhaadReply {
            checkRange("identifier", identifier, 0, 0xffff);
            homeAgents = List.copyOf(homeAgents);
        }

        @Override
        public int type() {
            return DHAAD_REPLY;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /** Mobile Prefix Solicitation (RFC 6275 §6.7). */
    record MobilePrefixSolicitation(int identifier) implements Icmpv6Message {
        public MobilePrefixSolicitation {
            checkRange("identifier", identifier, 0, 0xffff);
        }

        @Override
        public int type() {
            return MOBILE_PREFIX_SOLICITATION;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /** Mobile Prefix Advertisement (RFC 6275 §6.8): flags M, O and Prefix Information options. */
    record MobilePrefixAdvertisement(int identifier, boolean managed, boolean other, List<NdOption> options)
            implements Icmpv6Message {
        public MobilePrefixAdvertisement {
            checkRange("identifier", identifier, 0, 0xffff);
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return MOBILE_PREFIX_ADVERTISEMENT;
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /** Any other type: the 4 common bytes are type, code and checksum; {@code body} is the rest. */
    record UnknownIcmpv6(int type, int code, Bytes body) implements Icmpv6Message {
        public UnknownIcmpv6 {
            checkRange("type", type, 0, 255);
            checkRange("code", code, 0, 255);
            Objects.requireNonNull(body, "body");
        }
    }
}
