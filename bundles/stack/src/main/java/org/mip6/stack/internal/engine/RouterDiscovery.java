package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.net.MacAddress;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.RouterSolicitation;
import org.mip6.wire.icmp.NdOption;

/**
 * The host side of router discovery (RFC 4861 §6.3) and stateless autoconfiguration (RFC 4862 §5.5):
 * router solicitations when a link comes up, and from each RA the default router, the MTU, on-link
 * prefixes (a new one is a movement hint, RFC 6275 §11.5.1) and SLAAC addresses.
 */
final class RouterDiscovery {

    private final NdParameters nd;
    private final SplittableRandom random;
    private final TimerTable timers;
    private final Emitter emitter;
    private final NodeCounters counters;
    private final NodeEvents events;
    private final AddressTable addresses;
    private final SourceAddressSelection sources;
    private final NeighborCache neighbors;
    private final RoutingTable routes;
    private final List<int[]> solicitationsLeft = new ArrayList<>();
    private final List<boolean[]> raSeen = new ArrayList<>();

    RouterDiscovery(NdParameters nd, SplittableRandom random, TimerTable timers, Emitter emitter, NodeCounters counters,
                    NodeEvents events, AddressTable addresses, SourceAddressSelection sources, NeighborCache neighbors,
                    RoutingTable routes) {
        this.nd = nd;
        this.random = random;
        this.timers = timers;
        this.emitter = emitter;
        this.counters = counters;
        this.events = events;
        this.addresses = addresses;
        this.sources = sources;
        this.neighbors = neighbors;
        this.routes = routes;
    }

    void addInterface() {
        solicitationsLeft.add(new int[1]);
        raSeen.add(new boolean[1]);
    }

    /** A host interface came up: solicit routers after a random delay (RFC 4861 §6.3.7). */
    void linkUp(long now, Iface i) {
        if (i.router != null || nd.maxRtrSolicitations() <= 0) {
            return;
        }
        solicitationsLeft.get(i.index)[0] = nd.maxRtrSolicitations();
        raSeen.get(i.index)[0] = false;
        long delay = nd.maxRtrSolicitationDelayNanos() > 0 ? random.nextLong(nd.maxRtrSolicitationDelayNanos()) : 0;
        timers.set(now + delay, TimerKind.RS_RETRANSMIT, i.index, null);
    }

    /** A solicitation at once (a movement hint, RFC 6275 §11.5.1), then the rest as after {@link #linkUp}. */
    void solicitNow(long now, Iface i, List<Transmit> out) {
        if (i.router != null || !i.up || nd.maxRtrSolicitations() <= 0) {
            return;
        }
        solicitationsLeft.get(i.index)[0] = nd.maxRtrSolicitations();
        raSeen.get(i.index)[0] = false;
        timers.cancel(TimerKind.RS_RETRANSMIT, i.index, null);
        solicitTimer(now, i, out);
    }

    /** RS_RETRANSMIT: the next solicitation, until an RA arrives or MAX_RTR_SOLICITATIONS went out. */
    void solicitTimer(long now, Iface i, List<Transmit> out) {
        int[] left = solicitationsLeft.get(i.index);
        if (!i.up || raSeen.get(i.index)[0] || left[0] <= 0) {
            return;
        }
        left[0]--;
        Ipv6Address src = sources.select(i, Ipv6Address.ALL_ROUTERS);
        // RFC 4861 §4.1: no Source Link-Layer Address option from the unspecified address, nor from an
        // optimistic one (RFC 4429 §3.2: it would override a neighbour cache entry of the address's owner)
        AddressEntry own = src == null ? null : addresses.own(i, src);
        List<NdOption> opts = own == null || own.state != AddressState.PREFERRED ? List.of()
                : List.of(new NdOption.SourceLinkLayerAddress(i.mac));
        emitter.emit(i, MacAddress.ofMulticast(Ipv6Address.ALL_ROUTERS), Ipv6Packet.of(
                src == null ? Ipv6Address.UNSPECIFIED : src, Ipv6Address.ALL_ROUTERS, 255,
                new Payload.Icmpv6(new RouterSolicitation(opts))), out);
        if (left[0] > 0) {
            timers.set(now + nd.rtrSolicitationIntervalNanos(), TimerKind.RS_RETRANSMIT, i.index, null);
        }
    }

    /** RFC 4861 §6.3.4 and RFC 4862 §5.5.3. */
    void onRa(long now, Iface i, Ipv6Packet p, RouterAdvertisement ra, List<Transmit> out) {
        if (p.hopLimit() != 255 || !p.source().isLinkLocal()) {
            counters.drop(Drop.HOP_LIMIT_NOT_255, 1); // RFC 4861 §6.1.2
            return;
        }
        if (i.router != null) {
            return; // routers do not configure from RAs
        }
        raSeen.get(i.index)[0] = true;
        timers.cancel(TimerKind.RS_RETRANSMIT, i.index, null);
        linkParameters(now, i, p.source(), ra);
        MacAddress sllao = NeighborCache.sourceLinkLayer(ra.options());
        if (sllao != null) {
            neighbors.learn(now, i, p.source(), sllao, true, true, out);
        }
        if (ra.routerLifetime() > 0) {
            long exp = now + ra.routerLifetime() * NdParameters.SECOND;
            routes.putDefaultRouter(new DefaultRouter(p.source(), i.index, exp));
            timers.set(exp, TimerKind.ROUTER_LIFETIME, i.index, p.source());
        } else {
            routes.removeDefaultRouter(i.index, p.source());
        }
        long interval = -1;
        for (NdOption o : ra.options()) {
            if (o instanceof NdOption.Mtu m && m.mtu() >= 1280 && m.mtu() <= i.mtu) {
                i.mtu = (int) m.mtu();
            }
            // RFC 4861 §6.3.4 and RFC 4862 §5.5.3 ignore the link-local prefix; a multicast one names no
            // link and no address (as Linux, which ignores both)
            if (o instanceof NdOption.PrefixInformation pi && !pi.prefix().address().isLinkLocal()
                    && !pi.prefix().address().isMulticast()) {
                // RFC 6275 §7.2: a prefix with R holds the router's global address, on the interface that sent
                // the RA; §11.5.5: a mobile node returning home knows its home agent's link-layer address so
                // (it may not solicit it from its home address, which the home agent still defends)
                if (sllao != null && pi.routerAddress() && learnable(i, pi.address())) {
                    neighbors.learn(now, i, pi.address(), sllao, true, true, out);
                }
                prefix(now, i, p.source(), ra.routerLifetime() > 0, pi, out);
            }
            if (o instanceof NdOption.AdvertisementInterval ai) {
                interval = ai.intervalMillis();
            }
        }
        events.routerAdvertised(now, i.index, p.source(), interval, ra.routerLifetime() > 0);
    }

    /**
     * RFC 4861 §6.3.4: a non-zero Cur Hop Limit, Reachable Time or Retrans Timer sets the interface's CurHopLimit,
     * BaseReachableTime or RetransTimer; a BaseReachableTime that changes, or an RA that repeats one drawn from
     * over {@link #REDRAW_REACHABLE_TIME} ago ("at least every few hours", §6.3.4), draws a new ReachableTime between
     * MIN_RANDOM_FACTOR (0.5) and MAX_RANDOM_FACTOR (1.5) times it (§6.3.2), from the node's seeded random source.
     * A Reachable Time above {@link #MAX_REACHABLE_TIME_MILLIS} or a Retrans Timer above {@link #MAX_RETRANS_TIMER_MILLIS}
     * is ignored and counted.
     */
    private void linkParameters(long now, Iface i, Ipv6Address router, RouterAdvertisement ra) {
        if (ra.curHopLimit() != 0) {
            i.curHopLimit = ra.curHopLimit();
        }
        if (ra.reachableTime() > MAX_REACHABLE_TIME_MILLIS) {
            counters.reachableTimesIgnored++; // above what a router may advertise (§6.2.1, §10): as BSD's hosts
            events.advertisedTimerIgnored(now, i.index, router, "Reachable Time", ra.reachableTime(), MAX_REACHABLE_TIME_MILLIS);
        } else if (ra.reachableTime() != 0) {
            long base = ra.reachableTime() * MILLISECOND;
            if (base != i.baseReachableTimeNanos || now - i.reachableTimeDrawnAt >= REDRAW_REACHABLE_TIME) {
                i.baseReachableTimeNanos = base;
                i.reachableTimeNanos = Iface.drawReachableTime(base, random);
                i.reachableTimeDrawnAt = now;
            }
        }
        if (ra.retransTimer() > MAX_RETRANS_TIMER_MILLIS) {
            counters.retransTimersIgnored++;
            events.advertisedTimerIgnored(now, i.index, router, "Retrans Timer", ra.retransTimer(), MAX_RETRANS_TIMER_MILLIS);
        } else if (ra.retransTimer() != 0) {
            i.retransTimerNanos = ra.retransTimer() * MILLISECOND;
        }
    }

    private static final long MILLISECOND = 1_000_000L;
    /**
     * RFC 4861 §10 MAX_REACHABLE_TIME, ms: a router's AdvReachableTime is no greater (§6.2.1). A Reachable Time
     * above it is ignored (KAME's hosts, FreeBSD, NetBSD, OpenBSD and macOS, do so), so that one forged RA cannot
     * keep a neighbour that has gone REACHABLE for weeks (RFC 3756 §4.2.7's parameter spoofing).
     */
    static final long MAX_REACHABLE_TIME_MILLIS = 3_600_000L;
    /**
     * RFC 7048 §3 MAX_RETRANS_TIMER, ms: the longest wait between a node's Neighbor Solicitations, which NUD's backoff
     * never exceeds. RFC 4861 sets no bound on an RA's Retrans Timer; one above this is ignored here, since a forged
     * RA with days in it would leave every resolution whose first NA was lost, and every DAD, waiting for days while
     * the routers' own RAs (with 0, "unspecified") never set it back.
     */
    static final long MAX_RETRANS_TIMER_MILLIS = 60_000L;
    /**
     * How long a drawn ReachableTime serves before an RA with the same BaseReachableTime, or NUD taking it
     * ({@link Iface#reachableTime(long, NdParameters)}), draws another (§6.3.4: "at least every few hours").
     */
    static final long REDRAW_REACHABLE_TIME = 2 * 3600 * NdParameters.SECOND;

    /** A unicast global address that is not this node's own (a forged R prefix names no group nor us). */
    private boolean learnable(Iface i, Ipv6Address a) {
        return !a.isMulticast() && !a.isLinkLocal() && !a.isUnspecified() && !a.isLoopback() && addresses.own(i, a) == null;
    }

    private void prefix(long now, Iface i, Ipv6Address router, boolean defaultRouter, NdOption.PrefixInformation pi,
                        List<Transmit> out) {
        Ipv6Prefix pfx = pi.prefix();
        boolean isNewPrefix = false;
        long validUntil = pi.validLifetime() == NdOption.PrefixInformation.INFINITE ? Long.MAX_VALUE
                : now + pi.validLifetime() * NdParameters.SECOND;
        if (pi.onLink()) {
            boolean isNew = !routes.isOnLink(i.index, pfx);
            if (pi.validLifetime() == 0) {
                routes.removeOnLink(i.index, pfx);
            } else {
                routes.putOnLink(i.index, pfx, validUntil);
                if (validUntil != Long.MAX_VALUE) {
                    timers.set(validUntil, TimerKind.PREFIX_LIFETIME, i.index, pfx);
                }
            }
            isNewPrefix = isNew && pi.validLifetime() > 0;
        }
        if (pi.autonomous() && pfx.length() == 64 && pi.validLifetime() > 0
                && pi.preferredLifetime() <= pi.validLifetime()) {
            Ipv6Address a = pfx.withInterfaceId(i.interfaceId);
            AddressEntry e = addresses.own(i, a);
            if (e == null) {
                addresses.addAutoconfigured(now, i, a, validUntil, out);
            } else if (e.autoconfigured) {
                addresses.refreshAutoconfigured(now, i, e, validUntil);
            }
            addresses.refreshHome(now, i, pfx, validUntil);
        }
        if (isNewPrefix) {
            // after SLAAC: a mobile node told of the prefix finds its address for it (optimistic or tentative)
            events.newPrefix(now, i.index, pfx, router, defaultRouter);
        }
    }

    /** The link went down: solicitations stop, and what its RAs set is forgotten. */
    void linkDown(Iface i) {
        timers.cancel(TimerKind.RS_RETRANSMIT, i.index, null);
        i.forgetLinkParameters();
    }
}
