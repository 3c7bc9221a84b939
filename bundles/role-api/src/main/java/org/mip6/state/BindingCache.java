package org.mip6.state;

import org.mip6.net.Ipv6Address;

/** The binding caches of the home agents and correspondent nodes (RFC 6275 §9.1), by home address. */
public interface BindingCache extends NodeState<Ipv6Address, BindingCacheEntry> {
}
