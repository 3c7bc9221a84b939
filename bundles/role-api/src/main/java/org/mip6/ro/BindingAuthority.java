package org.mip6.ro;

import java.util.Objects;

import org.mip6.net.Ipv6Address;

/**
 * A correspondent node's return routability (RFC 6275 §5.2, §9.5.1): registered per node (service
 * property {@code mip6.node}) by whatever answers that node's Home Test Init and Care-of Test Init
 * messages, and used by the correspondent role to check the Binding Authorization Data of a Binding
 * Update and to sign the Binding Acknowledgement. Called on the node's thread.
 */
public interface BindingAuthority {

    /** The update is authorized; {@link Authorization#kbm()} signs the acknowledgement. */
    int AUTHORIZED = 0;

    /** The authenticator does not match (or cannot be checked): the update is silently dropped (§9.5.1). */
    int BAD_AUTHENTICATOR = -1;

    /** BA status 136: the home nonce index is no longer (or was never) valid. */
    int EXPIRED_HOME_NONCE_INDEX = 136;

    /** BA status 137: the care-of nonce index is no longer valid. */
    int EXPIRED_CARE_OF_NONCE_INDEX = 137;

    /** BA status 138: both nonce indices are no longer valid. */
    int EXPIRED_NONCES = 138;

    /**
     * The outcome of checking a Binding Update.
     *
     * @param status {@link #AUTHORIZED}, {@link #BAD_AUTHENTICATOR}, or 136-138 (answered by a BA
     *               without an authenticator, since no key can be made)
     * @param kbm    the binding management key when authorized, else null
     */
    record Authorization(int status, byte[] kbm) {
        public Authorization {
            if (status == AUTHORIZED) {
                Objects.requireNonNull(kbm, "kbm");
            }
        }

        public boolean authorized() {
            return status == AUTHORIZED;
        }
    }

    /**
     * Checks a Binding Update's authorization (RFC 6275 §5.2.5, §6.2.7, §9.5.1).
     *
     * @param now            the node's clock, in nanoseconds
     * @param homeAddress    the home address (from the Home Address option)
     * @param careOfAddress  the care-of address (the IPv6 source, or the Alternate Care-of Address)
     * @param correspondent  this node's address the update was sent to
     * @param homeNonceIndex and {@code careOfNonceIndex}: from the Nonce Indices option
     * @param deregistration lifetime 0 or care-of address = home address: only the home keygen token counts
     * @param mobilityHeader the Mobility Header as received, {@code length} bytes from {@code offset}
     */
    Authorization authorize(long now, Ipv6Address homeAddress, Ipv6Address careOfAddress, Ipv6Address correspondent,
                            int homeNonceIndex, int careOfNonceIndex, boolean deregistration,
                            byte[] mobilityHeader, int offset, int length);

    /**
     * The 96-bit authenticator of a message under {@code kbm} (RFC 6275 §6.2.7): First(96,
     * HMAC_SHA1(Kbm, care-of address | correspondent address | mobility data)).
     *
     * @param mobilityData the Mobility Header with a zero checksum and without the authenticator bytes
     */
    byte[] authenticator(byte[] kbm, Ipv6Address careOfAddress, Ipv6Address correspondent, byte[] mobilityData);
}
