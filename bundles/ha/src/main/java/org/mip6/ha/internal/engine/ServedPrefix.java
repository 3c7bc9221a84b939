package org.mip6.ha.internal.engine;

import java.util.Objects;

import org.mip6.net.Ipv6Prefix;

/**
 * A home subnet prefix a home agent serves (RFC 6275 §10.3.1: "on-link with respect to the home
 * agent's current Prefix List").
 *
 * @param iface                the interface on the home link
 * @param prefix               the prefix
 * @param validLifetimeSeconds its remaining valid lifetime (a binding never outlives it)
 */
public record ServedPrefix(int iface, Ipv6Prefix prefix, long validLifetimeSeconds) {

    public ServedPrefix {
        Objects.requireNonNull(prefix, "prefix");
    }
}
