package org.mip6.ipsec;

import java.util.List;

/**
 * One node's SPD and SAD (RFC 4301 §4.4.1, §4.4.2), read from any thread. Keys leave only through
 * {@link SecurityAssociationEntry#encryptionKey()} and {@link SecurityAssociationEntry#integrityKey()},
 * for a debugging session that asks (never printed by default).
 */
public interface SecurityDatabase {

    /** The policies in the order they are searched (the first match decides). */
    List<SecurityPolicyEntry> policies();

    /** The SAs, outbound and inbound. */
    List<SecurityAssociationEntry> associations();

    /**
     * For analysis ({@code mip6:trace}, {@code mip6:decode}, scenario summaries): what the ESP packet
     * {@code esp} (SPI first) carries under the one of this node's SAs with its SPI, its ICV checked, without
     * touching the SA's replay window or counters. Empty when no SA has the SPI or the packet does not open.
     * Thread-safe.
     */
    java.util.Optional<DecryptedEsp> decrypt(byte[] esp);

    /** What this node is to its SAs' peers: "mobile-node", "home-agent" or "correspondent-node". */
    String role();

    /**
     * Whether this node (a home agent) refuses home registrations that do not arrive under ESP, also from
     * mobile nodes it has no SAs with (RFC 6275 §10.3.1 MUST; a switch so that injected signalling stays easy).
     */
    boolean requiresProtectedHomeRegistration();
}
