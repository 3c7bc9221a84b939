package org.mip6.node;

/**
 * An interface's host variables (RFC 4861 §6.3.2) as they stand: CurHopLimit, the Hop Limit of what the node
 * originates; BaseReachableTime and the ReachableTime drawn from it (between 0.5 and 1.5 times it), how long a
 * confirmed neighbour stays REACHABLE; RetransTimer, the wait between Neighbor Solicitations. Each is the node's
 * default until a Router Advertisement on the link sets it (§6.3.4; the {@code …Advertised} flags), and is its
 * default again once the link goes down. A router interface learns none.
 */
public record HostVariables(int iface, int curHopLimit, long baseReachableTimeMillis, long reachableTimeMillis,
                            long retransTimerMillis, boolean curHopLimitAdvertised, boolean reachableTimeAdvertised,
                            boolean retransTimerAdvertised) {
}
