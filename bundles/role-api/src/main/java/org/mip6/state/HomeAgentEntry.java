package org.mip6.state;

import java.util.Objects;

import org.mip6.net.Ipv6Address;

/**
 * A home agents list entry (RFC 6275 §10.1): a home agent on a link, learned from its Router
 * Advertisements (H flag, Home Agent Information option).
 *
 * @param iface            the interface of the home link
 * @param linkLocalAddress the home agent's link-local address (the RA's source)
 * @param globalAddress    its global address (a Prefix Information option with the R flag), or null
 * @param preference       Home Agent Preference (signed 16 bits; higher is preferred)
 * @param expiresAt        when the entry expires (node clock, ns)
 * @param mobileRouters    whether it serves mobile routers (RFC 3963 §7.3: the R flag of its Home Agent Information
 *                         option)
 */
public record HomeAgentEntry(int iface, Ipv6Address linkLocalAddress, Ipv6Address globalAddress, int preference,
                             long expiresAt, boolean mobileRouters) {

    public HomeAgentEntry {
        Objects.requireNonNull(linkLocalAddress, "linkLocalAddress");
    }

    /** A home agent that serves no mobile router. */
    public HomeAgentEntry(int iface, Ipv6Address linkLocalAddress, Ipv6Address globalAddress, int preference,
                          long expiresAt) {
        this(iface, linkLocalAddress, globalAddress, preference, expiresAt, false);
    }
}
