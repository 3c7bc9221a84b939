package org.mip6.stack.internal.engine;

import org.mip6.net.Ipv6Address;

/** A unicast address on an interface and its RFC 4862 state. */
public final class AddressEntry {
    final Ipv6Address address;
    final int prefixLength;
    final boolean autoconfigured;
    /** An anycast address (RFC 4291 §2.6): received on, answered for without Override, never a source, no DAD. */
    boolean anycast;
    /** A mobile node's home address (RFC 6275 §11): no DAD (§11.5.5); see {@link #away}. */
    boolean home;
    /** A home address held while away from home: received on (tunnelled or via RH2), never advertised, defended or used as a source. */
    boolean away;
    /**
     * A home address back home whose deregistration the home agent has not acknowledged yet: it still defends
     * it, so no Neighbor Solicitation leaves from it (RFC 6275 §11.5.5).
     */
    boolean returning;
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

    public boolean anycast() {
        return anycast;
    }

    public boolean home() {
        return home;
    }

    public boolean away() {
        return away;
    }
}
