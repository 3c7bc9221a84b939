package org.mip6.node;

import org.mip6.net.Ipv6Address;

/** An address of an interface and its RFC 4862 state (TENTATIVE, PREFERRED, DUPLICATE). */
public record AddressStatus(Ipv6Address address, int prefixLength, String state, boolean autoconfigured) {
}
