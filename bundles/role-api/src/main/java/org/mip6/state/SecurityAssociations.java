package org.mip6.state;

/**
 * The counted part of each node's IPsec SAs (SAD, RFC 4301 §4.4.2), keyed by direction and SPI
 * ({@code "out 0x00001001"}), kept while the {@code ipsec} bundle is replaced so that sequence numbers
 * go on and the peer's replay window never sees one again.
 */
public interface SecurityAssociations extends NodeState<String, SecurityAssociationState> {

    /** The key of an SA: "in" or "out", then the SPI as 8 hex digits. */
    static String key(boolean outbound, long spi) {
        return String.format("%s 0x%08x", outbound ? "out" : "in", spi);
    }
}
