package org.mip6.state;

import java.util.Objects;

import org.mip6.net.Ipv6Address;

/**
 * An unsolicited Mobile Prefix Advertisement scheduled, or to be sent again until its mobile node solicits
 * (RFC 6275 §10.6.2).
 *
 * @param homeAddress the mobile node's home address
 * @param order       the order in which the advertisements were scheduled (ties of {@code at})
 * @param at          when it is sent next (node clock, ns)
 * @param waitNanos   the wait that led to {@code at} (doubled after each retransmission); 0 while the first
 *                    transmission is still to come
 * @param left        transmissions left (retransmissions left once the first went)
 */
public record PendingPrefixAdvertisement(Ipv6Address homeAddress, long order, long at, long waitNanos, int left) {

    public PendingPrefixAdvertisement {
        Objects.requireNonNull(homeAddress, "homeAddress");
    }
}
