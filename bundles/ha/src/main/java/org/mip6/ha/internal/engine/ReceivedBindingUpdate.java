package org.mip6.ha.internal.engine;

import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;

/**
 * A Binding Update as the home agent receives it (RFC 6275 §9.5.1).
 *
 * @param iface       the interface it arrived on
 * @param homeAgent   the address it was sent to (the IPv6 destination)
 * @param source      the IPv6 source (the care-of address, or the home address at home)
 * @param homeAddress the Home Address option's address, or the source without one
 * @param update      the message
 */
public record ReceivedBindingUpdate(int iface, Ipv6Address homeAgent, Ipv6Address source, Ipv6Address homeAddress,
                                    BindingUpdate update) {

    public ReceivedBindingUpdate {
        Objects.requireNonNull(homeAgent, "homeAgent");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(update, "update");
    }
}
