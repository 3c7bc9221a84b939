package org.mip6.role;

import org.mip6.wire.PacketView;
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

    /**
     * Optional: the message on the node's checked view of the frame, before any record is built (the
     * common case at signalling rates: a home agent's Binding Updates). The node offers it only for a
     * packet that needs nothing else of it: unicast to one of its addresses, no IPsec on the node,
     * nothing held for a role, no extension header but a Home Address option (already admitted by the
     * node's {@link HomeAddressHandler}), the Mobility Header checked (RFC 6275 §9.2). The view is the
     * node's and valid only during the call.
     *
     * @return true when handled as {@link #onMobility(ReceivedPacket, MobilityMessage)} would have;
     * false (the default) to have the node build the records and call it, having changed nothing
     */
    default boolean onMobility(long now, int iface, PacketView view) {
        return false;
    }

    /**
     * Optional, a hint on the node's thread: messages of this handler's type for these home addresses
     * ({@code count} pairs of high and low 64 bits in {@code homeAddresses}: each message's Home Address
     * option, else its source) are about to arrive, in this order (frames a link delivers together). A
     * handler may read its tables for all of them now, so that their cache misses overlap instead of
     * coming one per message; it must change nothing (the messages are not checked yet). The array is
     * the node's, valid during the call, and comes only to a handler that {@link #readsAhead()}. The
     * default does nothing.
     */
    default void prefetch(long[] homeAddresses, int count) {
    }

    /**
     * Optional, asked on the node's thread once per burst, before the node reads the burst's frames for
     * {@link #prefetch}: whether reading ahead pays now (a home agent's binding cache is too large to stay in
     * a core's caches, say). The node reads the frames only when some handler says so. The default,
     * false, spares it that reading.
     */
    default boolean readsAhead() {
        return false;
    }
}
