package org.mip6.wire.mh;

import static org.mip6.wire.Wire.checkRange;

import java.util.List;
import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;

/**
 * A Mobility Header message (RFC 6275 §6.1). Every record holds the fields after the common 6-byte
 * header and its mobility options (without padding). Unknown MH Types decode as
 * {@link UnknownMobilityMessage}, which round-trips.
 */
public sealed interface MobilityMessage {

    int BINDING_REFRESH_REQUEST = 0;
    int HOME_TEST_INIT = 1;
    int CARE_OF_TEST_INIT = 2;
    int HOME_TEST = 3;
    int CARE_OF_TEST = 4;
    int BINDING_UPDATE = 5;
    int BINDING_ACKNOWLEDGEMENT = 6;
    int BINDING_ERROR = 7;

    /** MH Type. */
    int mhType();

    /** Mobility options, without Pad1/PadN. */
    List<MobilityOption> options();

    /** Bytes of the message-specific fixed data after the 6-byte common header. */
    int fixedLength();

    /** RFC 6275 name of the message. */
    default String name() {
        return MobilityHeaderCodec.typeName(mhType());
    }

    /** Binding Refresh Request (§6.1.2). */
    record BindingRefreshRequest(List<MobilityOption> options) implements MobilityMessage {
        public BindingRefreshRequest {
            options = MobilityHeaderCodec.checkOptions(options);
        }

        public BindingRefreshRequest() {
            this(List.of());
        }

        @Override
        public int mhType() {
            return BINDING_REFRESH_REQUEST;
        }

        @Override
        public int fixedLength() {
            return 2;
        }
    }

    /** Home Test Init (§6.1.3). */
    record HomeTestInit(long cookie, List<MobilityOption> options) implements MobilityMessage {
        public HomeTestInit {
            options = MobilityHeaderCodec.checkOptions(options);
        }

        public HomeTestInit(long cookie) {
            this(cookie, List.of());
        }

        @Override
        public int mhType() {
            return HOME_TEST_INIT;
        }

        @Override
        public int fixedLength() {
            return 10;
        }
    }

    /** Care-of Test Init (§6.1.4). */
    record CareOfTestInit(long cookie, List<MobilityOption> options) implements MobilityMessage {
        public CareOfTestInit {
            options = MobilityHeaderCodec.checkOptions(options);
        }

        public CareOfTestInit(long cookie) {
            this(cookie, List.of());
        }

        @Override
        public int mhType() {
            return CARE_OF_TEST_INIT;
        }

        @Override
        public int fixedLength() {
            return 10;
        }
    }

    /** Home Test (§6.1.5). */
    record HomeTest(int nonceIndex, long cookie, long keygenToken, List<MobilityOption> options) implements MobilityMessage {
        public HomeTest {
            checkRange("home nonce index", nonceIndex, 0, 0xffff);
            options = MobilityHeaderCodec.checkOptions(options);
        }

        public HomeTest(int nonceIndex, long cookie, long keygenToken) {
            this(nonceIndex, cookie, keygenToken, List.of());
        }

        @Override
        public int mhType() {
            return HOME_TEST;
        }

        @Override
        public int fixedLength() {
            return 18;
        }
    }

    /** Care-of Test (§6.1.6). */
    record CareOfTest(int nonceIndex, long cookie, long keygenToken, List<MobilityOption> options) implements MobilityMessage {
        public CareOfTest {
            checkRange("care-of nonce index", nonceIndex, 0, 0xffff);
            options = MobilityHeaderCodec.checkOptions(options);
        }

        public CareOfTest(int nonceIndex, long cookie, long keygenToken) {
            this(nonceIndex, cookie, keygenToken, List.of());
        }

        @Override
        public int mhType() {
            return CARE_OF_TEST;
        }

        @Override
        public int fixedLength() {
            return 18;
        }
    }

    /**
     * Binding Update (§6.1.7). {@code flags} is the whole 16-bit field (A, H, L, K of RFC 6275; M, R
     * and any later bits kept as they are); {@code lifetime} is in units of 4 seconds.
     */
    record BindingUpdate(int sequence, int flags, int lifetime, List<MobilityOption> options) implements MobilityMessage {
        public static final int A = 0x8000;
        public static final int H = 0x4000;
        public static final int L = 0x2000;
        public static final int K = 0x1000;
        public static final int M = 0x0800;
        public static final int R = 0x0400;

        public BindingUpdate {
            checkRange("sequence", sequence, 0, 0xffff);
            checkRange("flags", flags, 0, 0xffff);
            checkRange("lifetime", lifetime, 0, 0xffff);
            options = MobilityHeaderCodec.checkOptions(options);
        }

        public boolean acknowledge() {
            return (flags & A) != 0;
        }

        public boolean homeRegistration() {
            return (flags & H) != 0;
        }

        public boolean linkLocalCompatibility() {
            return (flags & L) != 0;
        }

        public boolean keyManagementCompatibility() {
            return (flags & K) != 0;
        }

        public long lifetimeSeconds() {
            return lifetime * 4L;
        }

        @Override
        public int mhType() {
            return BINDING_UPDATE;
        }

        @Override
        public int fixedLength() {
            return 6;
        }
    }

    /** Binding Acknowledgement (§6.1.8). {@code flags}: K 0x80, R 0x40 (RFC 3963), others kept. Lifetime in units of 4 s. */
    record BindingAcknowledgement(int status, int flags, int sequence, int lifetime, List<MobilityOption> options)
            implements MobilityMessage {
        public static final int K = 0x80;
        public static final int R = 0x40;

        public BindingAcknowledgement {
            checkRange("status", status, 0, 255);
            checkRange("flags", flags, 0, 255);
            checkRange("sequence", sequence, 0, 0xffff);
            checkRange("lifetime", lifetime, 0, 0xffff);
            options = MobilityHeaderCodec.checkOptions(options);
        }

        /** Status values below 128 mean the binding update was accepted. */
        public boolean accepted() {
            return status < 128;
        }

        public long lifetimeSeconds() {
            return lifetime * 4L;
        }

        @Override
        public int mhType() {
            return BINDING_ACKNOWLEDGEMENT;
        }

        @Override
        public int fixedLength() {
            return 6;
        }
    }

    /** Binding Error (§6.1.9). */
    record BindingError(int status, Ipv6Address homeAddress, List<MobilityOption> options) implements MobilityMessage {
        public BindingError {
            checkRange("status", status, 0, 255);
            Objects.requireNonNull(homeAddress, "homeAddress");
            options = MobilityHeaderCodec.checkOptions(options);
        }

        public BindingError(int status, Ipv6Address homeAddress) {
            this(status, homeAddress, List.of());
        }

        @Override
        public int mhType() {
            return BINDING_ERROR;
        }

        @Override
        public int fixedLength() {
            return 18;
        }
    }

    /**
     * Any other MH Type (RFC 6275 §9.2 answers it with Binding Error status 2). {@code body} is
     * everything after the 6-byte common header, options included; it must make the whole header a
     * multiple of 8 bytes.
     */
    record UnknownMobilityMessage(int mhType, Bytes body) implements MobilityMessage {
        public UnknownMobilityMessage {
            checkRange("MH type", mhType, BINDING_ERROR + 1, 255);
            Objects.requireNonNull(body, "body");
            if ((6 + body.length()) % 8 != 0 || 6 + body.length() > 8 * 256) {
                throw new IllegalArgumentException("an MH body of " + body.length()
                        + " bytes does not make the header a multiple of 8 bytes (at most 2048)");
            }
        }

        @Override
        public List<MobilityOption> options() {
            return List.of();
        }

        @Override
        public int fixedLength() {
            return body.length();
        }
    }
}
