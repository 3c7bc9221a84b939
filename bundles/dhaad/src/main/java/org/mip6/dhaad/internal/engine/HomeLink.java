package org.mip6.dhaad.internal.engine;

import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * A home link the home agent serves: the interface, the home prefix and the home agent's own
 * addresses there (RFC 6275 §10.5.1: its own entry in the home agents list).
 *
 * @param iface       the interface
 * @param prefix      the home prefix (its Home-Agents anycast address receives DHAAD requests)
 * @param global      the home agent's global address in the prefix (the source of its replies)
 * @param linkLocal   its link-local address on the interface (the key of its own list entry)
 * @param validLifetimeSeconds  the prefix's valid lifetime, advertised in Mobile Prefix Advertisements
 * @param preferredLifetimeSeconds the prefix's preferred lifetime
 */
public record HomeLink(int iface, Ipv6Prefix prefix, Ipv6Address global, Ipv6Address linkLocal,
                       long validLifetimeSeconds, long preferredLifetimeSeconds) {

    public HomeLink {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(linkLocal, "linkLocal");
    }

    /** RFC 2526 / RFC 6275 §10.5: where DHAAD requests for this prefix are sent. */
    public Ipv6Address anycast() {
        return prefix.homeAgentsAnycast();
    }
}
