package org.mip6.node;

import java.util.Objects;

import org.mip6.net.Ipv6Address;

/**
 * An IPv6-in-IPv6 tunnel of a node (RFC 2473): a home agent's to a mobile node's care-of address, bound to
 * its home address (RFC 6275 §10.4), or a mobile node's reverse tunnel to its home agent (§11.3.1).
 *
 * @param innerSource the only inner source accepted out of it (RFC 6275 §10.4.5), or null for any
 * @param idleNanos   how long since it last carried a packet; -1 if it never did
 */
public record TunnelStatus(int id, Ipv6Address local, Ipv6Address remote, Ipv6Address innerSource, long idleNanos) {

    public TunnelStatus {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }
}
