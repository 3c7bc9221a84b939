package org.mip6.stack.internal.engine;

import org.mip6.net.Ipv6Address;

/** A unicast address on an interface and its RFC 4862 state. */
public final class AddressEntry {
    final Ipv6Address address;
    final int prefixLength;
    final boolean autoconfigured;
    AddressState state;
    int probesLeft;
    long validUntil;

    AddressEntry(Ipv6Address address, int prefixLength, boolean autoconfigured, long validUntil) {
        this.address = address;
        this.prefixLength = prefixLength;
        this.autoconfigured = autoconfigured;
        this.validUntil = validUntil;
    }

    public Ipv6Address address() {
        return address;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public AddressState state() {
        return state;
    }

    public boolean autoconfigured() {
        return autoconfigured;
    }
}
