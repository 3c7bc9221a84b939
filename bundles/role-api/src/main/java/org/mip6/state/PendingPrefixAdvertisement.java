package org.mip6.state;

import java.util.Objects;

import org.mip6.net.Ipv6Address;

/**
 * An unsolicited Mobile Prefix Advertisement to be sent again until its mobile node solicits (RFC 6275
 * §10.6.2).
 *
 * @param homeAddress the mobile node's home address
 * @param order       the order in which the advertisements were first sent (ties of {@code at})
 * @param at          when it is sent next (node clock, ns)
 * @param waitNanos   the wait that led to {@code at} (doubled after each retransmission)
 * @param left        retransmissions left
 */
public record PendingPrefixAdvertisement(Ipv6Address homeAddress, long order, long at, long waitNanos, int left) {

    public PendingPrefixAdvertisement {
        Objects.requireNonNull(homeAddress, "homeAddress");
    }
}
