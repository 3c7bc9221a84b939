package org.mip6.state;

import org.mip6.net.Ipv6Address;

/**
 * A home agent's unsolicited Mobile Prefix Advertisements waiting for their mobile nodes' solicitations
 * (RFC 6275 §10.6.2), by home address: kept here so that a swapped {@code dhaad} bundle goes on
 * retransmitting them.
 */
public interface PendingPrefixAdvertisements extends NodeState<Ipv6Address, PendingPrefixAdvertisement> {
}
