package org.mip6.state;

import org.mip6.net.Ipv6Address;

/**
 * The Mobile Network Prefixes a home agent registered for its mobile routers (RFC 3963 §6.1.1: the binding cache
 * entry's prefixes, routed into the binding's tunnel), by home address: kept here, beside the {@link BindingCache},
 * so that a swapped {@code ha} bundle knows which routes each mobile router's binding holds.
 */
public interface MobileNetworkPrefixes extends NodeState<Ipv6Address, MobileNetworkPrefixRegistration> {
}
