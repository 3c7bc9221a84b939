package org.mip6.role;

import org.mip6.wire.mh.MobilityMessage;

/**
 * Receives the Mobility Header messages of one MH Type (service property {@link #MH_TYPE}) for one
 * node ({@link RoleNode#NODE}), on the node's thread, after the node checked them (RFC 6275 §9.2:
 * checksum, Payload Proto, Header Len, options). One handler per type and node; the highest ranking
 * wins.
 *
 * <p>While a type that had a handler has none (its bundle is being replaced), the node holds such
 * messages and delivers them, in order, to the handler that comes back; past the hold time it answers
 * as a node without the role would: Binding Error status 2 (RFC 6275 §9.3.3) if it still handles other
 * MH types, else an ICMPv6 Parameter Problem for the unrecognised Next Header.
 */
@FunctionalInterface
public interface MobilityHandler {

    /** Service property: the MH Type handled (an Integer 0-255). */
    String MH_TYPE = "mip6.mh.type";

    void onMobility(ReceivedPacket packet, MobilityMessage message);
}
