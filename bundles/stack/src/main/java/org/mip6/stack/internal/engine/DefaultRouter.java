package org.mip6.stack.internal.engine;

import org.mip6.net.Ipv6Address;

/** A default router learned from RAs (RFC 4861 §6.3.4), until {@code expires}. */
public record DefaultRouter(Ipv6Address address, int iface, long expires) {
}
