package org.mip6.role;

/**
 * Decides whether a packet with a Home Address option is admitted (RFC 6275 §9.3.1): a correspondent
 * or home agent accepts it when a binding exists for the home address (or the packet is a Binding
 * Update), and otherwise answers with a Binding Error status 1 and drops it. One per node.
 *
 * <p>A node with no such handler has no Mobile IPv6 role and does not recognise the option: it
 * discards the packet and answers with a Parameter Problem code 2 pointing at the option (RFC 8200
 * §4.2; option type 201 has its two high-order bits set).
 */
@FunctionalInterface
public interface HomeAddressHandler {

    /**
     * @param packet the packet; {@link ReceivedPacket#source()} is already the home address and
     *               {@link ReceivedPacket#careOfAddress()} the IPv6 source
     */
    Verdict admit(ReceivedPacket packet);
}
