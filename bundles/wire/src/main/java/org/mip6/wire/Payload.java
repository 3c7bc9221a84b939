package org.mip6.wire;

import static org.mip6.wire.Wire.checkRange;

import java.util.Objects;

import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.mh.MobilityMessage;

/** What follows the IPv6 header and its extension headers. */
public sealed interface Payload {

    /** The Next Header value that names this payload. */
    int protocol();

    /** A Mobility Header (RFC 6275 §6.1). */
    record Mobility(MobilityMessage message) implements Payload {
        public Mobility {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int protocol() {
            return Wire.MOBILITY;
        }
    }

    /** An ICMPv6 message (RFC 4443 and extensions). */
    record Icmpv6(Icmpv6Message message) implements Payload {
        public Icmpv6 {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int protocol() {
            return Wire.ICMPV6;
        }
    }

    /** A UDP datagram (RFC 768; checksum mandatory over IPv6, RFC 8200 §8.1). */
    record Udp(int sourcePort, int destinationPort, Bytes data) implements Payload {
        public Udp {
            checkRange("source port", sourcePort, 0, 0xffff);
            checkRange("destination port", destinationPort, 0, 0xffff);
            Objects.requireNonNull(data, "data");
            checkRange("UDP data length", data.length(), 0, 0xffff - 8);
        }

        @Override
        public int protocol() {
            return Wire.UDP;
        }
    }

    /** IPv6 in IPv6 (RFC 2473): the inner packet of a bidirectional tunnel (RFC 6275 §10.4). */
    record Tunnel(Ipv6Packet inner) implements Payload {
        public Tunnel {
            Objects.requireNonNull(inner, "inner");
        }

        @Override
        public int protocol() {
            return Wire.IPV6;
        }
    }

    /** ESP (RFC 4303), opaque: SPI and sequence number are read, the rest is kept. */
    record Esp(long spi, long sequence, Bytes rest) implements Payload {
        public Esp {
            checkRange("SPI", spi, 0, 0xffff_ffffL);
            checkRange("sequence", sequence, 0, 0xffff_ffffL);
            Objects.requireNonNull(rest, "rest");
        }

        @Override
        public int protocol() {
            return Wire.ESP;
        }
    }

    /** No Next Header (59). */
    record NoNextHeader() implements Payload {
        @Override
        public int protocol() {
            return Wire.NO_NEXT_HEADER;
        }
    }

    /** Anything else (TCP, AH, a non-first fragment, ...), kept as bytes. */
    record Opaque(int protocol, Bytes data) implements Payload {
        public Opaque {
            checkRange("protocol", protocol, 0, 255);
            Objects.requireNonNull(data, "data");
        }
    }
}
