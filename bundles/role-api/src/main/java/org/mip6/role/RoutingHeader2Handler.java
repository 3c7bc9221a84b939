package org.mip6.role;

/**
 * Decides whether a packet with a Type 2 Routing Header is accepted (RFC 6275 §11.3.3): a mobile node
 * accepts it when the header holds its own home address, and the packet is then processed as
 * addressed to the home address. One per node.
 *
 * <p>A node with no such handler does not recognise Routing Type 2: with Segments Left 1 it discards
 * the packet and answers with a Parameter Problem code 0 pointing at the Routing Type (RFC 8200 §4.4).
 */
@FunctionalInterface
public interface RoutingHeader2Handler {

    /**
     * @param packet the packet; {@link ReceivedPacket#destination()} is already the header's address
     */
    Verdict accept(ReceivedPacket packet);
}
