package org.mip6.wire;

import static org.mip6.wire.Wire.checkRange;

import java.util.List;
import java.util.Objects;

import org.mip6.net.Ipv6Address;

/** An IPv6 extension header (RFC 8200 §4) between the IPv6 header and the upper-layer payload. */
public sealed interface ExtensionHeader {

    /** The Next Header value that names this header. */
    int protocol();

    /** Hop-by-Hop Options (RFC 8200 §4.3); must come first. */
    record HopByHopOptions(List<Ipv6Option> options) implements ExtensionHeader {
        public HopByHopOptions {
            options = List.copyOf(options);
        }

        @Override
        public int protocol() {
            return Wire.HOP_BY_HOP;
        }
    }

    /** Destination Options (RFC 8200 §4.6), where the Home Address option lives (RFC 6275 §6.3). */
    record DestinationOptions(List<Ipv6Option> options) implements ExtensionHeader {
        public DestinationOptions {
            options = List.copyOf(options);
            int hao = 0;
            for (Ipv6Option o : options) {
                if (o instanceof Ipv6Option.HomeAddress) {
                    hao++;
                }
            }
            if (hao > 1) {
                throw new IllegalArgumentException("at most one Home Address option per header (RFC 6275 §6.3)");
            }
        }

        public static DestinationOptions homeAddress(Ipv6Address home) {
            return new DestinationOptions(List.of(new Ipv6Option.HomeAddress(home)));
        }

        @Override
        public int protocol() {
            return Wire.DESTINATION_OPTIONS;
        }
    }

    /** Type 2 Routing Header (RFC 6275 §6.4): Hdr Ext Len 2, Segments Left 1 on the wire, one home address. */
    record Type2RoutingHeader(int segmentsLeft, Ipv6Address homeAddress) implements ExtensionHeader {
        public Type2RoutingHeader {
            checkRange("segments left", segmentsLeft, 0, 1);
            Objects.requireNonNull(homeAddress, "homeAddress");
        }

        public Type2RoutingHeader(Ipv6Address homeAddress) {
            this(1, homeAddress);
        }

        @Override
        public int protocol() {
            return Wire.ROUTING;
        }
    }

    /** A Routing header of another type, kept as is (type-specific data after the 4 fixed bytes). */
    record UnknownRoutingHeader(int routingType, int segmentsLeft, Bytes data) implements ExtensionHeader {
        public UnknownRoutingHeader {
            checkRange("routing type", routingType, 0, 255);
            if (routingType == 2) {
                throw new IllegalArgumentException("routing type 2 is Type2RoutingHeader");
            }
            checkRange("segments left", segmentsLeft, 0, 255);
            Objects.requireNonNull(data, "data");
            if ((data.length() + 4) % 8 != 0 || data.length() + 4 > 2048) {
                throw new IllegalArgumentException("routing header data of " + data.length() + " bytes does not make a multiple of 8");
            }
        }

        @Override
        public int protocol() {
            return Wire.ROUTING;
        }
    }

    /** Fragment header (RFC 8200 §4.5); fragments are kept, not reassembled. */
    record Fragment(int fragmentOffset, boolean moreFragments, long identification) implements ExtensionHeader {
        public Fragment {
            checkRange("fragment offset", fragmentOffset, 0, 0x1fff);
            checkRange("identification", identification, 0, 0xffff_ffffL);
        }

        @Override
        public int protocol() {
            return Wire.FRAGMENT;
        }
    }
}
