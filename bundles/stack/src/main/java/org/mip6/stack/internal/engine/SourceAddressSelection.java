package org.mip6.stack.internal.engine;

import org.mip6.net.Ipv6Address;

/**
 * RFC 6724 in short: a usable address of the outgoing interface, of the destination's scope
 * (link-local for link-local and link-scope multicast destinations), preferring one on the
 * destination's prefix; another scope only when nothing else is there.
 */
final class SourceAddressSelection {

    private final AddressTable addresses;

    SourceAddressSelection(AddressTable addresses) {
        this.addresses = addresses;
    }

    /** A source for {@code dst} leaving on {@code i}, or null when the interface has no usable address. */
    Ipv6Address select(Iface i, Ipv6Address dst) {
        boolean wantLinkLocal = dst.isLinkLocal() || dst.isMulticast() && dst.multicastScope() <= 2;
        Ipv6Address fallback = null;
        for (AddressEntry e : addresses.entries(i.index)) {
            if (!addresses.usable(e)) {
                continue;
            }
            if (e.address.isLinkLocal() == wantLinkLocal) {
                if (!wantLinkLocal && e.address.sharesPrefix(dst, e.prefixLength)) {
                    return e.address;
                }
                if (fallback == null || fallback.isLinkLocal() != wantLinkLocal) {
                    fallback = e.address;
                }
            } else if (fallback == null) {
                fallback = e.address;
            }
        }
        return fallback;
    }
}
