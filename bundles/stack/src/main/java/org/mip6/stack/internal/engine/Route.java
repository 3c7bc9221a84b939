package org.mip6.stack.internal.engine;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/** A route: packets to {@code prefix} leave on {@code iface} to {@code nextHop} (null: on-link). */
public record Route(Ipv6Prefix prefix, int iface, Ipv6Address nextHop) {
}
