package org.mip6.state;

import java.util.Objects;

import org.mip6.net.Ipv6Address;

/**
 * A binding update list entry of a mobile node (RFC 6275 §11.1): one per destination the mobile node
 * sent a Binding Update to (its home agent, each correspondent).
 *
 * @param destination      the home agent or correspondent
 * @param homeAddress      the home address the binding is for
 * @param careOfAddress    the care-of address sent
 * @param sequence         the Sequence Number of the last Binding Update sent
 * @param lifetimeSeconds  the lifetime requested (or granted, once acknowledged)
 * @param sentAt           when the last Binding Update was sent (node clock, ns)
 * @param expiresAt        when the binding expires (node clock, ns)
 * @param acknowledged     whether a Binding Acknowledgement accepted it
 * @param retransmissions  Binding Updates sent for this sequence number without an acknowledgement
 * @param retransmitAt     when the next retransmission is due (node clock, ns; Long.MAX_VALUE: none)
 * @param timeoutNanos     the current retransmission timeout (doubles up to MAX_BINDACK_TIMEOUT, §11.8)
 * @param homeRegistration whether the destination is the home agent (else a correspondent, §11.7.2)
 */
public record BindingUpdateListEntry(Ipv6Address destination, Ipv6Address homeAddress, Ipv6Address careOfAddress,
                                     int sequence, int lifetimeSeconds, long sentAt, long expiresAt,
                                     boolean acknowledged, int retransmissions, long retransmitAt, long timeoutNanos,
                                     boolean homeRegistration) {

    /** A home registration's entry. */
    public BindingUpdateListEntry(Ipv6Address destination, Ipv6Address homeAddress, Ipv6Address careOfAddress,
                                  int sequence, int lifetimeSeconds, long sentAt, long expiresAt, boolean acknowledged,
                                  int retransmissions, long retransmitAt, long timeoutNanos) {
        this(destination, homeAddress, careOfAddress, sequence, lifetimeSeconds, sentAt, expiresAt, acknowledged,
                retransmissions, retransmitAt, timeoutNanos, true);
    }

    public BindingUpdateListEntry {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(careOfAddress, "careOfAddress");
        if (sequence < 0 || sequence > 0xffff) {
            throw new IllegalArgumentException("sequence must be 0..65535, got " + sequence);
        }
    }
}
