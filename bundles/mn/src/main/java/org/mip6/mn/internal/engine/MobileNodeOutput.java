package org.mip6.mn.internal.engine;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;

/** What the mobile node engine asks of its node, on the node's thread, during the call that caused it. */
public interface MobileNodeOutput {

    /**
     * A Binding Update from {@code source} to {@code homeAgent}, with a Home Address option holding
     * {@code homeAddress} unless it is null (at home: the source is the home address, §11.5.5).
     */
    void sendBindingUpdate(Ipv6Address source, Ipv6Address homeAgent, Ipv6Address homeAddress, BindingUpdate update);

    /**
     * Away at {@code careOfAddress}: the home address is held away from home and everything sent from
     * it goes through the tunnel care-of address → home agent (RFC 6275 §11.3.1).
     */
    void away(Ipv6Address careOfAddress, Ipv6Address homeAgent, Ipv6Address homeAddress);

    /** At home (the deregistration was sent): the home address is an ordinary address again, the tunnel goes. */
    void atHome(Ipv6Address homeAddress);

    /**
     * When {@code address} (the care-of address of a Binding Update, or the home address) stops being valid, node
     * clock; Long.MAX_VALUE when no lifetime is known. A Binding Update asks no longer (RFC 6275 §11.7.1).
     */
    default long validUntil(Ipv6Address address) {
        return Long.MAX_VALUE;
    }

    /**
     * Back home, the home agent's Neighbor Cache entry SHOULD be REACHABLE (RFC 6275 §11.5.5), however its link-layer
     * address was learnt: from its Router Advertisement, or from its multicast advertisement (Solicited clear, which
     * RFC 4861 §7.2.5 alone would leave STALE). Told when the deregistration leaves and when it is acknowledged.
     */
    default void homeAgentReachable(Ipv6Address homeAgent) {
    }

    /** The home agent acknowledged the deregistration: unsolicited NAs for the home address, Override set (§11.5.5). */
    void homeAgentReleased(Ipv6Address homeAddress);

    /**
     * The home agent has not answered for long: the retransmission timeout reached MAX_BINDACK_TIMEOUT
     * (or it refused the registration with {@code status}, 0 when silent; {@code lifetimeSeconds}: what the
     * refused Binding Update asked, how long its list entry and a refusal recorded in it last, RFC 6275 §11.1).
     * A role that found its home agents by DHAAD tries the next one (§11.4.1); the engine keeps retransmitting
     * otherwise.
     */
    default void homeAgentFailed(Ipv6Address homeAgent, int status, int lifetimeSeconds) {
    }

    /**
     * The home agent accepted a registration (not a deregistration) from {@code careOfAddress};
     * {@code prefixDiscovery}: with BA status 1, accepted but prefix discovery necessary, so the role
     * sends a Mobile Prefix Solicitation (RFC 6275 §11.7.3, §11.4.2).
     */
    default void registered(Ipv6Address careOfAddress, Ipv6Address homeAgent, Ipv6Address homeAddress,
                            boolean prefixDiscovery) {
    }
}
