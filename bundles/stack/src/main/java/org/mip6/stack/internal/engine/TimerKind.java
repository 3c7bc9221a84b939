package org.mip6.stack.internal.engine;

/** The node's timers: a closed set. Each is keyed in the {@link TimerTable} by interface and what it times. */
public enum TimerKind {
    /** A DAD probe is due, or DAD of an address completes (RFC 4862 §5.4); key: the address. */
    DAD,
    /** The neighbour's NUD timer (RFC 4861 §7.3): NS retransmission, end of REACHABLE or of DELAY; key: its address. */
    NEIGHBOR,
    /** A DAD probe on behalf of another node is due, or that DAD completes (RFC 6275 §10.3.1); key: the address. */
    PROXY_DAD,
    /** Next unsolicited router advertisement (RFC 4861 §6.2.4); per interface. */
    RA_UNSOLICITED,
    /** A router advertisement to one solicitor while multicast ones are rate-limited (RFC 4861 §6.2.6); key: its address. */
    RA_SOLICITED,
    /** Next router solicitation (RFC 4861 §6.3.7); per interface. */
    RS_RETRANSMIT,
    /** A default router's lifetime ran out (RFC 4861 §6.3.5); key: the router's address. */
    ROUTER_LIFETIME,
    /** An on-link prefix's valid lifetime ran out (RFC 4861 §6.3.5); key: the prefix. */
    PREFIX_LIFETIME,
    /** The oldest packet held for an absent role reached its hold time; per node. */
    HOLD,
    /** An autoconfigured address's valid lifetime ran out (RFC 4862 §5.5.4); key: the address. */
    ADDRESS_LIFETIME,
    /** A fragmented packet's reassembly time ran out (RFC 8200 §4.5, 60 s); key: {@link Reassembly.Key}. */
    REASSEMBLY,
    /** An MLD report is due (RFC 3810 §6): a State Change Report again, or a query's answer; key: which. */
    MLD
}
