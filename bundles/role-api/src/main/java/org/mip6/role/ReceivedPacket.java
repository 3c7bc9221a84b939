package org.mip6.role;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Ipv6Packet;

/**
 * A packet as a role receives it, with the addresses RFC 6275 processing needs already resolved.
 *
 * @param now            when it arrived (node clock, ns)
 * @param iface          the interface it arrived on
 * @param packet         the packet as received (decapsulated when it came through a tunnel)
 * @param source         the source the upper layer sees: the home address when a Home Address option
 *                       was admitted (RFC 6275 §9.3.1), else the IPv6 source
 * @param destination    the final destination: the Type 2 Routing Header's address once accepted
 *                       (RFC 6275 §11.3.3), else the IPv6 destination
 * @param careOfAddress  the IPv6 source when the packet carried a Home Address option, else null
 * @param routingHeader2 whether it arrived with a Type 2 Routing Header
 * @param tunnelOuter    the outer packet when it arrived through an IPv6-in-IPv6 tunnel, else null
 * @param mobilityHeader the Mobility Header exactly as received (reserved bits, padding and checksum as
 *                       they were) when the payload is one, else null: what a Binding Authorization
 *                       Data authenticator covers (RFC 6275 §6.2.7)
 * @param protection     the ESP SA it arrived under (RFC 4303; the node's {@link PacketProtection}
 *                       opened it), or null when it arrived without IPsec
 */
public record ReceivedPacket(long now, int iface, Ipv6Packet packet, Ipv6Address source, Ipv6Address destination,
                             Ipv6Address careOfAddress, boolean routingHeader2, Ipv6Packet tunnelOuter,
                             org.mip6.wire.Bytes mobilityHeader, Protection protection) {

    /** A packet that arrived without IPsec. */
    public ReceivedPacket(long now, int iface, Ipv6Packet packet, Ipv6Address source, Ipv6Address destination,
                          Ipv6Address careOfAddress, boolean routingHeader2, Ipv6Packet tunnelOuter,
                          org.mip6.wire.Bytes mobilityHeader) {
        this(now, iface, packet, source, destination, careOfAddress, routingHeader2, tunnelOuter, mobilityHeader, null);
    }

    /** A packet that carries no Mobility Header. */
    public ReceivedPacket(long now, int iface, Ipv6Packet packet, Ipv6Address source, Ipv6Address destination,
                          Ipv6Address careOfAddress, boolean routingHeader2, Ipv6Packet tunnelOuter) {
        this(now, iface, packet, source, destination, careOfAddress, routingHeader2, tunnelOuter, null);
    }

    /** Whether the packet carried a Home Address option. */
    public boolean homeAddressOption() {
        return careOfAddress != null;
    }

    /** Whether the packet arrived under an ESP SA. */
    public boolean protectedByEsp() {
        return protection != null;
    }

    /** Whether the packet arrived through a tunnel. */
    public boolean tunnelled() {
        return tunnelOuter != null;
    }
}
