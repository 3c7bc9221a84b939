package org.mip6.ha.internal.engine;

import java.util.Objects;

import org.mip6.net.Ipv6Prefix;

/**
 * A home subnet prefix a home agent serves (RFC 6275 §10.3.1: "on-link with respect to the home
 * agent's current Prefix List").
 *
 * @param iface                    the interface on the home link
 * @param prefix                   the prefix
 * @param validLifetimeSeconds     its remaining valid lifetime (a binding never outlives it)
 * @param preferredLifetimeSeconds its remaining preferred lifetime (a binding that outlives it is
 *                                 acknowledged with status 1, prefix discovery necessary)
 */
public record ServedPrefix(int iface, Ipv6Prefix prefix, long validLifetimeSeconds, long preferredLifetimeSeconds) {

    public ServedPrefix {
        Objects.requireNonNull(prefix, "prefix");
        if (validLifetimeSeconds < 0 || preferredLifetimeSeconds < 0 || preferredLifetimeSeconds > validLifetimeSeconds) {
            throw new IllegalArgumentException("prefix " + prefix + ": lifetimes must be 0 <= preferred <= valid, got preferred "
                    + preferredLifetimeSeconds + " s, valid " + validLifetimeSeconds + " s");
        }
    }

    /**
     * RFC 6275 §10.3.1: a registration granted {@code grantedSeconds} is acknowledged with status 1
     * (accepted but prefix discovery necessary) when this prefix is deprecated, becomes deprecated
     * during the binding's lifetime, or becomes invalid at its end; the lifetimes compared in units of
     * 4 s (the prefix's two least significant bits ignored).
     */
    public boolean prefixDiscoveryNecessary(int grantedSeconds) {
        long granted = grantedSeconds >>> 2;
        long preferred = preferredLifetimeSeconds >>> 2;
        return preferred == 0 || preferred <= granted || validLifetimeSeconds >>> 2 <= granted;
    }
}
