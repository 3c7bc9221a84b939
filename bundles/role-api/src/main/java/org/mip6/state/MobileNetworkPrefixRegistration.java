package org.mip6.state;

import java.util.List;
import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * A mobile router's registered Mobile Network Prefixes (RFC 3963 §6.2).
 *
 * @param homeAddress the mobile router's home address
 * @param prefixes    the prefixes routed through its binding's tunnel, in the order registered
 * @param implicit    whether the home agent took them from its configuration (implicit mode, RFC 3963 §5.1) rather
 *                    than from the Binding Update's Mobile Network Prefix options (explicit mode)
 */
public record MobileNetworkPrefixRegistration(Ipv6Address homeAddress, List<Ipv6Prefix> prefixes, boolean implicit) {

    public MobileNetworkPrefixRegistration {
        Objects.requireNonNull(homeAddress, "homeAddress");
        prefixes = List.copyOf(prefixes);
    }
}
