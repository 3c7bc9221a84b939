package org.mip6.wire.mh;

import static org.mip6.wire.Wire.checkRange;

import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;

/**
 * A mobility option (RFC 6275 §6.2). Pad1 and PadN are not modelled: the decoder skips them and the
 * encoder generates the padding that puts every option at its alignment.
 */
public sealed interface MobilityOption {

    int PAD1 = 0;
    int PADN = 1;
    int BINDING_REFRESH_ADVICE = 2;
    int ALTERNATE_CARE_OF_ADDRESS = 3;
    int NONCE_INDICES = 4;
    int BINDING_AUTHORIZATION_DATA = 5;
    int MOBILE_NETWORK_PREFIX = 6;

    /** Option Type. */
    int type();

    /** Option Length: bytes after the type and length bytes. */
    int dataLength();

    /** Alignment requirement xn+y as {x, y} (RFC 6275 §6.2: BRA 2n, AltCoA 8n+6, NI 2n, BAD 8n+2; RFC 3963 MNP 8n+4). */
    default int alignMultiple() {
        return 1;
    }

    default int alignOffset() {
        return 0;
    }

    /** Binding Refresh Advice (RFC 6275 §6.2.4): refresh interval in units of 4 seconds. */
    record BindingRefreshAdvice(int interval) implements MobilityOption {
        public BindingRefreshAdvice {
            checkRange("refresh interval", interval, 0, 0xffff);
        }

        public int intervalSeconds() {
            return interval * 4;
        }

        @Override
        public int type() {
            return BINDING_REFRESH_ADVICE;
        }

        @Override
        public int dataLength() {
            return 2;
        }

        @Override
        public int alignMultiple() {
            return 2;
        }
    }

    /** Alternate Care-of Address (RFC 6275 §6.2.5). */
    record AlternateCareOfAddress(Ipv6Address address) implements MobilityOption {
        public AlternateCareOfAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int type() {
            return ALTERNATE_CARE_OF_ADDRESS;
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

    /** Nonce Indices (RFC 6275 §6.2.6). */
    record NonceIndices(int homeNonceIndex, int careOfNonceIndex) implements MobilityOption {
        public NonceIndices {
            checkRange("home nonce index", homeNonceIndex, 0, 0xffff);
            checkRange("care-of nonce index", careOfNonceIndex, 0, 0xffff);
        }

        @Override
        public int type() {
            return NONCE_INDICES;
        }

        @Override
        public int dataLength() {
            return 4;
        }

        @Override
        public int alignMultiple() {
            return 2;
        }
    }

    /** Binding Authorization Data (RFC 6275 §6.2.7): the 96-bit authenticator; must be the last option. */
    record BindingAuthorizationData(Bytes authenticator) implements MobilityOption {
        public static final int AUTHENTICATOR_LENGTH = 12;

        public BindingAuthorizationData {
            Objects.requireNonNull(authenticator, "authenticator");
            if (authenticator.length() != AUTHENTICATOR_LENGTH) {
                throw new IllegalArgumentException("authenticator must be 12 bytes (96 bits), got " + authenticator.length());
            }
        }

        /** An all-zero authenticator, to be filled in after the message is encoded. */
        public static BindingAuthorizationData placeholder() {
            return new BindingAuthorizationData(Bytes.of(new byte[AUTHENTICATOR_LENGTH]));
        }

        @Override
        public int type() {
            return BINDING_AUTHORIZATION_DATA;
        }

        @Override
        public int dataLength() {
            return AUTHENTICATOR_LENGTH;
        }

        @Override
        public int alignMultiple() {
            return 8;
        }

        @Override
        public int alignOffset() {
            return 2;
        }
    }

    /** Mobile Network Prefix (RFC 3963 §6.2). */
    record MobileNetworkPrefix(int prefixLength, Ipv6Address prefix) implements MobilityOption {
        public MobileNetworkPrefix {
            checkRange("prefix length", prefixLength, 0, 128);
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public int type() {
            return MOBILE_NETWORK_PREFIX;
        }

        @Override
        public int dataLength() {
            return 18;
        }

        @Override
        public int alignMultiple() {
            return 8;
        }

        @Override
        public int alignOffset() {
            return 4;
        }
    }

    /** Any other option type: kept so it round-trips. */
    record UnknownMobilityOption(int type, Bytes data) implements MobilityOption {
        public UnknownMobilityOption {
            checkRange("option type", type, 2, 255);
            Objects.requireNonNull(data, "data");
            checkRange("option length", data.length(), 0, 255);
            if (type <= MOBILE_NETWORK_PREFIX) {
                throw new IllegalArgumentException("option type " + type + " is known; use its record");
            }
        }

        @Override
        public int dataLength() {
            return data.length();
        }
    }
}
