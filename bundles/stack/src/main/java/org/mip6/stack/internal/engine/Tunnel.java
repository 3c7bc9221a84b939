package org.mip6.stack.internal.engine;

import org.mip6.net.Ipv6Address;

/**
 * An IPv6-in-IPv6 tunnel (RFC 2473) between two addresses; roles set them up (RFC 6275 §10.4, §11.3.1).
 *
 * @param innerSource the only inner source accepted out of it (a home agent's reverse tunnel carries
 *                    its mobile node's home address, RFC 6275 §10.4.5), or null for any
 */
public record Tunnel(int id, Ipv6Address local, Ipv6Address remote, Ipv6Address innerSource) {
}
