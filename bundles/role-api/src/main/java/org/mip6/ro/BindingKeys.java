package org.mip6.ro;

import org.mip6.net.Ipv6Address;

/**
 * A mobile node's half of return routability (RFC 6275 §5.2.5, §6.2.7): the binding management key
 * from the keygen tokens a correspondent sent, and the authenticator of a Binding Update (or of the
 * Binding Acknowledgement to check). Stateless and thread-safe; registered once by the bundle that
 * provides return routability.
 */
public interface BindingKeys {

    /** Kbm = SHA1(home keygen token | care-of keygen token). */
    byte[] bindingManagementKey(long homeKeygenToken, long careOfKeygenToken);

    /** Kbm = SHA1(home keygen token), for a deregistration. */
    byte[] bindingManagementKey(long homeKeygenToken);

    /** First(96, HMAC_SHA1(Kbm, care-of address | correspondent address | mobility data)). */
    byte[] authenticator(byte[] kbm, Ipv6Address careOfAddress, Ipv6Address correspondent, byte[] mobilityData);
}
