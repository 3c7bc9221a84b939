package org.mip6.wire;

/** Why a decode failed. {@link Reaction#of} maps each to what RFC 6275 §9.2 / RFC 8200 ask a receiver to do. */
public enum DecodeReason {
    /** Fewer bytes than a length field or a fixed layout needs. */
    TRUNCATED,
    /** Upper-layer checksum (MH, ICMPv6, UDP) does not verify, or a UDP checksum of zero (RFC 8200 §8.1). */
    BAD_CHECKSUM,
    /** Mobility Header Payload Proto is not 59 (RFC 6275 §6.1.1, §9.2). */
    BAD_PAYLOAD_PROTO,
    /** Mobility Header Header Len too small for its MH Type (RFC 6275 §9.2). */
    BAD_HEADER_LEN,
    /** An option whose length does not fit its type or overruns its header. */
    BAD_OPTION_LENGTH,
    /** A mobility option that does not sit at its alignment (RFC 6275 §6.2). */
    BAD_OPTION_ALIGNMENT,
    /** A mobility option that may appear once appears again (RFC 6275 §6.2). */
    DUPLICATE_OPTION,
    /** Binding Authorization Data is not the last option (RFC 6275 §6.2.7). */
    BAD_OPTION_ORDER,
    /** A Type 2 Routing Header with a wrong length or Segments Left (RFC 6275 §6.4). */
    BAD_ROUTING_HEADER,
    /** An extension header in a place or shape RFC 8200 §4 forbids (e.g. Hop-by-Hop not first). */
    BAD_EXTENSION_HEADER,
    /** IP version is not 6. */
    BAD_VERSION,
    /** A length field that contradicts another (e.g. UDP length vs. IPv6 payload length). */
    BAD_LENGTH,
    /** A field value the layout forbids (e.g. ND option length 0, a Home Address option that is not unicast). */
    BAD_FIELD
}
