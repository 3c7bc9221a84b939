package org.mip6.role;

import org.mip6.wire.PacketView;

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

    /**
     * Optional: the same decision on the node's checked view of the frame, before any record is built
     * (see {@link MobilityHandler#onMobility(long, int, PacketView)}, which the node offers the packet
     * to next). The view's IPv6 source is the care-of address; the option's address is at
     * {@link PacketView#homeAddressOffset()}.
     *
     * @return the verdict, or null (the default) to have the node build the {@link ReceivedPacket} and
     * call {@link #admit(ReceivedPacket)}, having changed nothing
     */
    default Verdict admit(long now, int iface, PacketView view) {
        return null;
    }
}
