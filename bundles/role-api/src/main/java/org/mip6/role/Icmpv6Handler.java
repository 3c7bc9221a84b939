package org.mip6.role;

import org.mip6.wire.icmp.Icmpv6Message;

/**
 * Receives the ICMPv6 messages of one type (service property {@link #ICMPV6_TYPE}) for one node, on
 * its thread: DHAAD and mobile prefix messages (RFC 6275 §6.5-6.8), errors about what a role sent
 * (§9.3.4, §11.3.5), and, after the node's own processing, the Neighbor Discovery messages it also
 * uses (a home agent reads other home agents' RAs, §10.5.1). Every handler of the type is called.
 * Held like {@link MobilityHandler}'s messages while a type that had handlers has none.
 */
@FunctionalInterface
public interface Icmpv6Handler {

    /** Service property: the ICMPv6 Type handled (an Integer 0-255). */
    String ICMPV6_TYPE = "mip6.icmpv6.type";

    void onIcmpv6(ReceivedPacket packet, Icmpv6Message message);
}
