package org.mip6.role;

/** A role's decision about a packet the node asked it about. */
public enum Verdict {
    /** Process the packet (with the home address as its source, or delivered to the home address). */
    ACCEPT,
    /** Discard it: the role has already reacted as the RFC says (e.g. a Binding Error) and counted it. */
    DROP
}
