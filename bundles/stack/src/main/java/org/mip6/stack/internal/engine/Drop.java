package org.mip6.stack.internal.engine;

/** Why a packet was not delivered or forwarded: counted, never silent. */
public enum Drop {
    NOT_FOR_US, HOP_LIMIT_NOT_255, NO_ROUTE, ADDRESS_UNREACHABLE, QUEUE_FULL, TOO_BIG, NOT_FORWARDING,
    UNHANDLED, DETACHED_SOURCE, NO_TUNNEL, ICMP_ERROR_RATE_LIMITED,
    /**
     * For a mobile node's link-local address, which its home agent proxies (a registration with L set):
     * never tunnelled, discarded and answered with Destination Unreachable code 3 (RFC 6275 §10.4.1).
     */
    MOBILE_NODE_LINK_LOCAL,
    /**
     * A unicast UDP datagram to a port with no socket (neither the echo service's nor one the node sent from):
     * answered with Destination Unreachable code 4 (RFC 4443 §3.1); the node's listeners still hear of it.
     */
    PORT_UNREACHABLE,
    /**
     * A frame of another EtherType (ARP, IPv4, a VLAN-tagged frame on the node's untagged interface): the node
     * speaks IPv6 alone and has no handler for it (Linux counts such frames as rx_nohandler).
     */
    NOT_IPV6,
    /** A role refused the packet (its verdict or outbound decision). */
    ROLE_DROPPED,
    /** Out of a tunnel bound to one inner source (a home agent's reverse tunnel, RFC 6275 §10.4.5) with another. */
    TUNNEL_INNER_SOURCE,
    BINDING_ERROR_RATE_LIMITED,
    /** IPsec (RFC 4301 §5): a policy discarded a packet to send, or its SA could not be used. */
    IPSEC_DISCARDED,
    /** An ESP packet its SA refused (no SA, replayed, bad ICV, selectors, RFC 4303 §3.4): counted by IPsec too. */
    IPSEC_REFUSED,
    /** Received without ESP where a policy requires it (RFC 4301 §5.2). */
    IPSEC_POLICY,
    /**
     * Neighbor Discovery whose source is one of this node's own addresses on that link (looped back or forged):
     * no neighbour entry, default router or answer comes of it (a node keeps no Neighbor Cache entry for itself).
     */
    ND_OWN_SOURCE,
    /**
     * A Neighbor Discovery link-layer address option naming a group address (IEEE 802 I/G bit): no neighbour
     * has one, and frames sent to it would reach every station on the link.
     */
    ND_GROUP_LINK_ADDRESS,
    /**
     * A unicast IPv6 packet for another node that came in a link-layer group frame: not forwarded (as RFC 1812
     * §5.3.4 has routers do; every router on the link would forward it, and a storm follows).
     */
    GROUP_FRAME_NOT_FORWARDED,
    /** Waited for the node's IPsec while it was being replaced, past the hold time: never sent or accepted unprotected. */
    IPSEC_AWAY,
    /**
     * A fragment refused with a Parameter Problem (RFC 8200 §4.5: a length not a multiple of 8 octets with
     * more to come, or an end past octet 65,535; RFC 7112: a first fragment without the whole header chain).
     */
    FRAGMENT_INVALID,
    /** A fragment that overlaps another: the whole packet and its fragments still to come are discarded (RFC 5722). */
    REASSEMBLY_OVERLAP,
    /** An exact duplicate of a fragment already held (RFC 8200 §4.5). */
    FRAGMENT_DUPLICATE,
    /** A packet not complete 60 s after its first fragment arrived (RFC 8200 §4.5). */
    REASSEMBLY_TIMEOUT,
    /** A fragment of one more packet than the node reassembles at once ({@link Reassembly#MAX_PACKETS}). */
    REASSEMBLY_LIMIT,
    /** A packet being reassembled when the link its first-arriving fragment came over went down. */
    REASSEMBLY_ABANDONED,
    /** Neighbor Discovery that came in fragments, discarded once reassembled (RFC 6980 §5). */
    ND_FRAGMENTED,
    /**
     * A multicast packet for the tunnels that take its group (RFC 6275 §10.4.2) that is not forwarded: its Hop Limit
     * would reach 0 (multicast: no Time Exceeded, RFC 4443 §2.4(e)), or its source is link-local or unspecified
     * (never forwarded off its link, RFC 4291 §2.5.2, §2.5.6).
     */
    MULTICAST_NOT_TUNNELLED,
    /**
     * A multicast packet a mobile node sent through its reverse tunnel (RFC 6275 §11.3.4) that its home agent does not
     * forward onto the home link: its group is of link-local scope or less (RFC 4291 §2.7), or its Hop Limit would
     * reach 0.
     */
    MULTICAST_NOT_FORWARDED
}
