package org.mip6.wire.icmp;

import static org.mip6.wire.Wire.checkRange;

import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.net.MacAddress;
import org.mip6.wire.Bytes;

/** A Neighbor Discovery option (RFC 4861 §4.6, RFC 6275 §7.2-7.5). Length is in units of 8 bytes. */
public sealed interface NdOption {

    int SOURCE_LINK_LAYER_ADDRESS = 1;
    int TARGET_LINK_LAYER_ADDRESS = 2;
    int PREFIX_INFORMATION = 3;
    int MTU = 5;
    int ADVERTISEMENT_INTERVAL = 7;
    int HOME_AGENT_INFORMATION = 8;

    int type();

    /** Whole option length in bytes (a multiple of 8). */
    int encodedLength();

    /** Source Link-layer Address (Ethernet: 6 bytes, option length 1). */
    record SourceLinkLayerAddress(MacAddress address) implements NdOption {
        public SourceLinkLayerAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int type() {
            return SOURCE_LINK_LAYER_ADDRESS;
        }

        @Override
        public int encodedLength() {
            return 8;
        }
    }

    /** Target Link-layer Address (Ethernet). */
    record TargetLinkLayerAddress(MacAddress address) implements NdOption {
        public TargetLinkLayerAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int type() {
            return TARGET_LINK_LAYER_ADDRESS;
        }

        @Override
        public int encodedLength() {
            return 8;
        }
    }

    /**
     * Prefix Information (RFC 4861 §4.6.2) with the Router Address flag R of RFC 6275 §7.2: then the
     * prefix field holds the router's whole global address, and {@link #prefix()} masks it.
     */
    record PrefixInformation(int prefixLength, boolean onLink, boolean autonomous, boolean routerAddress,
                             long validLifetime, long preferredLifetime, Ipv6Address address) implements NdOption {
        public static final int L = 0x80;
        public static final int A = 0x40;
        public static final int R = 0x20;
        /** Lifetime value meaning infinity. */
        public static final long INFINITE = 0xffff_ffffL;

        public PrefixInformation {
            checkRange("prefix length", prefixLength, 0, 128);
            checkRange("valid lifetime", validLifetime, 0, INFINITE);
            checkRange("preferred lifetime", preferredLifetime, 0, INFINITE);
            Objects.requireNonNull(address, "address");
        }

        public static PrefixInformation of(Ipv6Prefix prefix, boolean onLink, boolean autonomous, long valid, long preferred) {
            return new PrefixInformation(prefix.length(), onLink, autonomous, false, valid, preferred, prefix.address());
        }

        public Ipv6Prefix prefix() {
            return Ipv6Prefix.of(address, prefixLength);
        }

        @Override
        public int type() {
            return PREFIX_INFORMATION;
        }

        @Override
        public int encodedLength() {
            return 32;
        }
    }

    /** MTU (RFC 4861 §4.6.4). */
    record Mtu(long mtu) implements NdOption {
        public Mtu {
            checkRange("MTU", mtu, 0, 0xffff_ffffL);
        }

        @Override
        public int type() {
            return MTU;
        }

        @Override
        public int encodedLength() {
            return 8;
        }
    }

    /** Advertisement Interval (RFC 6275 §7.3): milliseconds between unsolicited RAs. */
    record AdvertisementInterval(long intervalMillis) implements NdOption {
        public AdvertisementInterval {
            checkRange("advertisement interval", intervalMillis, 0, 0xffff_ffffL);
        }

        @Override
        public int type() {
            return ADVERTISEMENT_INTERVAL;
        }

        @Override
        public int encodedLength() {
            return 8;
        }
    }

    /**
     * Home Agent Information (RFC 6275 §7.4): preference (signed 16 bit, higher is better) and
     * lifetime in seconds (1..65535; 0 is not allowed). {@code mobileRouter} is the R bit of RFC 3963.
     */
    record HomeAgentInformation(boolean mobileRouter, int preference, int lifetime) implements NdOption {
        public HomeAgentInformation {
            checkRange("home agent preference", preference, Short.MIN_VALUE, Short.MAX_VALUE);
            checkRange("home agent lifetime", lifetime, 0, 0xffff);
        }

        @Override
        public int type() {
            return HOME_AGENT_INFORMATION;
        }

        @Override
        public int encodedLength() {
            return 8;
        }
    }

    /** Any other option (or a link-layer option of a length other than Ethernet's), kept as bytes after type and length. */
    record UnknownNdOption(int type, Bytes data) implements NdOption {
        public UnknownNdOption {
            checkRange("option type", type, 0, 255);
            Objects.requireNonNull(data, "data");
            if ((data.length() + 2) % 8 != 0 || data.length() + 2 > 255 * 8) {
                throw new IllegalArgumentException("ND option data of " + data.length() + " bytes is not 8n-2");
            }
        }

        @Override
        public int encodedLength() {
            return data.length() + 2;
        }
    }
}
