package org.mip6.stack.internal.engine;

import org.mip6.net.InterfaceIdentifiers;
import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;

/** One interface of the node: its link-layer identity, whether it advertises, whether its link is up. */
final class Iface {
    final int index;
    final MacAddress mac;
    final long interfaceId;

    /** What the interface advertises as a router (RFC 4861 §6.2.1; a role may change it), or null for a host interface. */
    RouterConfig router;
    /** When it last sent a multicast RA (RFC 4861 §6.2.6 rate limit), Long.MIN_VALUE: never. */
    long lastMulticastRa = Long.MIN_VALUE;
    /** Its next multicast RA was brought forward to answer a solicitation (RFC 4861 §6.2.6). */
    boolean answeringSolicitation;
    boolean up;
    int mtu = 1500;
    /**
     * RFC 4861 §6.3.2's host variables as the link's RAs set them (§6.3.4), 0 while none did: the node's defaults
     * apply then. Forgotten when the link goes down (they are the link's, as its prefixes are).
     */
    int curHopLimit;
    long baseReachableTimeNanos;
    long reachableTimeNanos;
    /** When {@link #reachableTimeNanos} was drawn (node clock). */
    long reachableTimeDrawnAt;
    long retransTimerNanos;
    /**
     * The ReachableTime drawn from the node's own BaseReachableTime (REACHABLE_TIME) when the interface was made, between
     * 0.5 and 1.5 times it (RFC 4861 §6.3.2: even the default is a random value); 0: none drawn (the node's value as it is).
     */
    long defaultReachableTimeNanos;
    /** When {@link #defaultReachableTimeNanos} was drawn (node clock); Long.MIN_VALUE until NUD first takes it. */
    long defaultReachableTimeDrawnAt = Long.MIN_VALUE;
    /** Where {@link #reachableTime(long, NdParameters)} draws a ReachableTime again (the node's stream for them); null: never. */
    java.util.SplittableRandom reachableTimeDraws;
    /**
     * Groups whose packets from this interface's link are also sent through tunnels (RFC 6275 §10.4.2, a home agent's
     * mobile nodes that listen through their tunnels, §10.4.3): group → the tunnels' ids; null while there are none.
     * The interface listens to them (MLD) for the tunnels' sake, not its own.
     */
    java.util.Map<Ipv6Address, int[]> tunnelledGroups;
    /**
     * Groups the node listens to on this interface for its upper layers or its roles (RFC 3810 §4: reported by MLD,
     * received): those of {@link #joinedByUpperLayers} and {@link #joinedByRoles}; null: none.
     */
    java.util.Set<Ipv6Address> joinedGroups;
    /** The groups the upper layers joined (NodeEngine.joinGroup), and those roles joined (a mobile node's at home); null: none. */
    java.util.Set<Ipv6Address> joinedByUpperLayers;
    java.util.Set<Ipv6Address> joinedByRoles;

    Iface(int index, MacAddress mac, RouterConfig router) {
        this.index = index;
        this.mac = mac;
        this.interfaceId = InterfaceIdentifiers.eui64(mac);

        this.router = router;
    }

    /** Whether the node's upper layers or a role joined {@code group} on this interface. */
    boolean joined(Ipv6Address group) {
        return joinedGroups != null && joinedGroups.contains(group);
    }

    /** RFC 4861 §6.3.2: a ReachableTime uniform in [MIN_RANDOM_FACTOR, MAX_RANDOM_FACTOR) = [0.5, 1.5) x {@code base}. */
    static long drawReachableTime(long base, java.util.SplittableRandom random) {
        return base / 2 + random.nextLong(base);
    }

    /** CurHopLimit: the link's (RFC 4861 §6.3.4), else {@code fallback}, the node's. */
    int curHopLimit(int fallback) {
        return curHopLimit != 0 ? curHopLimit : fallback;
    }

    /** BaseReachableTime: the link's (RFC 4861 §6.3.4), else the node's REACHABLE_TIME. */
    long baseReachableTime(NdParameters nd) {
        return baseReachableTimeNanos > 0 ? baseReachableTimeNanos : nd.reachableTimeNanos();
    }

    /** RetransTimer: the link's (RFC 4861 §6.3.4), else the node's. */
    long retransTimer(NdParameters nd) {
        return retransTimerNanos > 0 ? retransTimerNanos : nd.retransTimerNanos();
    }

    /** ReachableTime: drawn from the link's BaseReachableTime (RFC 4861 §6.3.4), else from the node's REACHABLE_TIME. */
    long reachableTime(NdParameters nd) {
        return reachableTimeNanos > 0 ? reachableTimeNanos
                : defaultReachableTimeNanos > 0 ? defaultReachableTimeNanos : nd.reachableTimeNanos();
    }

    /**
     * ReachableTime as NUD takes it at {@code now}: the one in use is drawn again from its BaseReachableTime once it
     * is {@link RouterDiscovery#REDRAW_REACHABLE_TIME} old, so that it changes "at least every few hours" even while
     * no RA sets or repeats a base (RFC 4861 §6.3.4). The node's default is timed from when NUD first took it (an
     * interface is made before the node's clock runs).
     */
    long reachableTime(long now, NdParameters nd) {
        java.util.SplittableRandom draws = reachableTimeDraws;
        if (draws != null) {
            if (reachableTimeNanos > 0) {
                if (now - reachableTimeDrawnAt >= RouterDiscovery.REDRAW_REACHABLE_TIME) {
                    reachableTimeNanos = drawReachableTime(baseReachableTimeNanos, draws);
                    reachableTimeDrawnAt = now;
                }
            } else if (defaultReachableTimeNanos > 0) {
                if (defaultReachableTimeDrawnAt == Long.MIN_VALUE) {
                    defaultReachableTimeDrawnAt = now;
                } else if (now - defaultReachableTimeDrawnAt >= RouterDiscovery.REDRAW_REACHABLE_TIME
                        && nd.reachableTimeNanos() > 0) {
                    defaultReachableTimeNanos = drawReachableTime(nd.reachableTimeNanos(), draws);
                    defaultReachableTimeDrawnAt = now;
                }
            }
        }
        return reachableTime(nd);
    }

    /** The link went away: what its RAs set is forgotten. */
    void forgetLinkParameters() {
        curHopLimit = 0;
        baseReachableTimeNanos = 0;
        reachableTimeNanos = 0;
        reachableTimeDrawnAt = 0;
        retransTimerNanos = 0;
    }

    Ipv6Address linkLocal() {
        return Ipv6Address.linkLocal(interfaceId);
    }
}
