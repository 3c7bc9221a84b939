package org.mip6.state;

import java.util.Objects;

import org.mip6.net.Ipv6Address;

/**
 * A binding cache entry (RFC 6275 §9.1) of a home agent or correspondent node.
 *
 * @param homeAddress      the mobile node's home address (the key)
 * @param careOfAddress    where it is now
 * @param sequence         the Sequence Number of the last accepted Binding Update (0-65535)
 * @param flags            the accepted Binding Update's flags (A, H, L, K, as in {@code BindingUpdate})
 * @param homeRegistration whether this is a home registration (H set) rather than route optimisation
 * @param lifetimeSeconds  the lifetime granted in the Binding Acknowledgement
 * @param registeredAt     when the binding was last updated (node clock, ns)
 * @param expiresAt        when it expires (node clock, ns)
 * @param lastUsedAt       when it last carried traffic (for the Binding Refresh Request, §9.5.5)
 * @param tunnel           the node's tunnel to the care-of address of a home registration (§10.4), 0: none;
 *                         kept here so that a home agent that replaces another can move or remove it
 */
public record BindingCacheEntry(Ipv6Address homeAddress, Ipv6Address careOfAddress, int sequence, int flags,
                                boolean homeRegistration, int lifetimeSeconds, long registeredAt, long expiresAt,
                                long lastUsedAt, int tunnel) {

    public BindingCacheEntry {
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(careOfAddress, "careOfAddress");
        if (sequence < 0 || sequence > 0xffff) {
            throw new IllegalArgumentException("sequence must be 0..65535, got " + sequence);
        }
    }

    public BindingCacheEntry withLastUsedAt(long now) {
        return new BindingCacheEntry(homeAddress, careOfAddress, sequence, flags, homeRegistration, lifetimeSeconds,
                registeredAt, expiresAt, now, tunnel);
    }
}
