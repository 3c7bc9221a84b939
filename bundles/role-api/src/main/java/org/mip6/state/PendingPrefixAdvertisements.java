package org.mip6.state;

import java.util.List;

import org.mip6.net.Ipv6Address;

/**
 * A home agent's unsolicited Mobile Prefix Advertisements waiting for their mobile nodes' solicitations
 * (RFC 6275 §10.6.2), by home address, and the home links its last reconfiguration withdrew (what those
 * advertisements, and the answers to solicitations from mobile nodes of those links, withdraw): kept here
 * so that a swapped {@code dhaad} bundle goes on as the old one would. {@link #clear} forgets both.
 */
public interface PendingPrefixAdvertisements extends NodeState<Ipv6Address, PendingPrefixAdvertisement> {

    /** The home links the node's last reconfiguration withdrew, in the order given; empty for none. */
    List<WithdrawnHomeLink> withdrawnHomeLinks(String node);

    /** Replaces the node's withdrawn home links (empty: none). */
    void withdrawnHomeLinks(String node, List<WithdrawnHomeLink> links);
}
