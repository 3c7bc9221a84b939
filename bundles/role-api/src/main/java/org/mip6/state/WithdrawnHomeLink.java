package org.mip6.state;

import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * A home link a home agent no longer serves since its last reconfiguration: its registered mobile nodes
 * are still told of it, with lifetime 0, in the Mobile Prefix Advertisements they get (RFC 6275 §10.6.2,
 * renumbering).
 *
 * @param iface     the interface the link was on
 * @param prefix    the home prefix withdrawn
 * @param global    the home agent's global address in it (the source of what is sent about it)
 * @param linkLocal the home agent's link-local address on the interface
 */
public record WithdrawnHomeLink(int iface, Ipv6Prefix prefix, Ipv6Address global, Ipv6Address linkLocal) {

    public WithdrawnHomeLink {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(linkLocal, "linkLocal");
    }
}
