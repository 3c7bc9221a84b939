package org.mip6.wire;

import static org.mip6.wire.Wire.checkRange;

import java.util.Objects;

import org.mip6.net.Ipv6Address;

/**
 * An option of a Hop-by-Hop or Destination Options header (RFC 8200 §4.2). Pad1/PadN are not
 * modelled: they are skipped on decode and generated on encode.
 */
public sealed interface Ipv6Option {

    int PAD1 = 0;
    int PADN = 1;
    /** Home Address destination option (RFC 6275 §6.3). */
    int HOME_ADDRESS = 0xc9;

    int type();

    int dataLength();

    default int alignMultiple() {
        return 1;
    }

    default int alignOffset() {
        return 0;
    }

    /**
     * The action a node that does not recognise {@code type} must take, from its two high-order bits
     * (RFC 8200 §4.2): 0 skip, 1 discard, 2 discard and send Parameter Problem code 2, 3 the same
     * unless the destination was multicast.
     */
    static int unrecognizedAction(int type) {
        return (type >>> 6) & 3;
    }

    /** True when the option data may change en route (RFC 8200 §4.2, third-highest bit). */
    static boolean mayChangeEnRoute(int type) {
        return (type & 0x20) != 0;
    }

    /** Home Address option: the mobile node's home address (RFC 6275 §6.3), alignment 8n+6. */
    record HomeAddress(Ipv6Address address) implements Ipv6Option {
        public HomeAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int type() {
            return HOME_ADDRESS;
        }

        @Override
        public int dataLength() {
            return 16;
        }

        @Override
        public int alignMultiple() {
            return 8;
        }

        @Override
        public int alignOffset() {
            return 6;
        }
    }

    /** Any other option, kept with its data so it round-trips; see {@link #unrecognizedAction}. */
    record UnknownOption(int type, Bytes data) implements Ipv6Option {
        public UnknownOption {
            checkRange("option type", type, 2, 255);
            Objects.requireNonNull(data, "data");
            checkRange("option length", data.length(), 0, 255);
            if (type == HOME_ADDRESS) {
                throw new IllegalArgumentException("type 201 is the Home Address option; use HomeAddress");
            }
        }

        public int action() {
            return unrecognizedAction(type);
        }

        @Override
        public int dataLength() {
            return data.length();
        }
    }
}
