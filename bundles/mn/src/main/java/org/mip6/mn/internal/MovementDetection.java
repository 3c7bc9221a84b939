package org.mip6.mn.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.node.AddressStatus;
import org.mip6.node.NodeListener;
import org.mip6.role.RoleNode;
import org.mip6.time.Timer;

/**
 * Movement detection of a mobile node (RFC 6275 §11.5.1) from its node's events. Home is an RA with
 * the home prefix on the link. A new link is a prefix not on the link before ({@link MovementHint#PREFIX}),
 * or, without that hint, the first new prefix after another hint said the node may have moved: the link
 * layer attached it ({@link MovementHint#L2}), the router of the care-of address failed Neighbor
 * Unreachability Detection ({@link MovementHint#NUD}) or let its Advertisement Interval pass without an
 * RA ({@link MovementHint#RA_INTERVAL}); on those the node solicits routers at once. The care-of address
 * is the new prefix's autoconfigured address (RFC 4862 §5.5.3), used as soon as it is usable: at once
 * under optimistic DAD (RFC 4429), after its DAD otherwise. Every method runs on the node's thread.
 */
final class MovementDetection implements NodeListener {

    /** Where the node is now: home ({@code careOf} null) or at care-of address {@code careOf}. */
    interface Moved {
        void moved(long now, Ipv6Address careOf);

        /** A router that can be a default router advertised on the link (what was held for a route may go). */
        default void defaultRouter(long now) {
        }
    }

    private final RoleNode node;
    private final int iface;
    private volatile Ipv6Prefix homePrefix;
    private final Moved moved;
    private volatile Set<MovementHint> hints = EnumSet.allOf(MovementHint.class);
    private final Map<MovementHint, Long> fired = new EnumMap<>(MovementHint.class);
    /** A hint other than PREFIX fired: the next new prefix is the new link's. */
    private boolean expecting;
    /** The care-of address to come, waiting for its DAD, and the router that announced its prefix. */
    private Ipv6Address pending;
    private Ipv6Address pendingRouter;
    /** The router whose RA gave the current link (home or the care-of address's prefix), and the care-of address. */
    private Ipv6Address router;
    private Ipv6Address careOf;
    private Timer raInterval;
    private long moves;
    /** New prefixes passed over: their router's Router Lifetime was zero. */
    private long notDefaultRouter;
    private long solicitations;
    private boolean closed;

    MovementDetection(RoleNode node, int iface, Ipv6Prefix homePrefix, Moved moved) {
        this.node = Objects.requireNonNull(node, "node");
        this.iface = iface;
        this.homePrefix = Objects.requireNonNull(homePrefix, "homePrefix");
        this.moved = Objects.requireNonNull(moved, "moved");
    }

    /** The home prefix changed (RFC 6275 §11.4.3): home is where RAs carry the new one. */
    void setHomePrefix(Ipv6Prefix prefix) {
        this.homePrefix = Objects.requireNonNull(prefix, "prefix");
    }

    void setHints(Set<MovementHint> hints) {
        this.hints = hints.isEmpty() ? EnumSet.noneOf(MovementHint.class) : EnumSet.copyOf(hints);
    }

    Set<MovementHint> hints() {
        return EnumSet.copyOf(hints.isEmpty() ? EnumSet.noneOf(MovementHint.class) : hints);
    }

    /** Where the node is is unknown (a role started between links): the next new prefix is the link's. */
    void lost() {
        expecting = true;
    }

    void close() {
        closed = true;
        cancelRaInterval();
    }

    /** {@code movement.<hint>}: how often each hint fired; {@code movement.moves}; {@code movement.rs}: solicitations sent. */
    void counters(Map<String, Long> into) {
        for (MovementHint h : MovementHint.values()) {
            into.put("movement." + h.configName(), fired.getOrDefault(h, 0L));
        }
        into.put("movement.moves", moves);
        into.put("movement.not-default-router", notDefaultRouter);
        into.put("movement.rs", solicitations);
    }

    /**
     * A new prefix on the link. Outside home, only one a router that can be a default router announced
     * (Router Lifetime not zero): a router with lifetime 0 (one advertising a ULA prefix beside the link's
     * router, as home routers do, or a replayed or forged RA) is not the way out of the link, and a care-of
     * address on its prefix would be reached through it (RFC 6275 §11.5.1, RFC 4861 §6.3.4).
     */
    @Override
    public void newPrefix(long now, int i, Ipv6Prefix prefix, Ipv6Address from, boolean defaultRouter) {
        if (closed || i != iface) {
            return;
        }
        if (prefix.equals(homePrefix)) {
            // home: before autoconfiguration would probe for the home address the home agent defends
            pending = null;
            expecting = false;
            use(now, null, from);
            return;
        }
        if (prefix.length() != 64 || !(hints.contains(MovementHint.PREFIX) || expecting)) {
            return;
        }
        if (!defaultRouter) {
            notDefaultRouter++;
            return;
        }
        if (hints.contains(MovementHint.PREFIX)) {
            fire(MovementHint.PREFIX);
        }
        expecting = false;
        take(now, prefix, from);
    }

    /**
     * The care-of address in {@code prefix} (null: any new autoconfigured address off the current link):
     * used now if usable, else when its DAD ends. False if there is none.
     */
    private boolean take(long now, Ipv6Prefix prefix, Ipv6Address from) {
        for (AddressStatus a : node.interfaces().get(iface).addresses()) {
            Ipv6Address x = a.address();
            boolean candidate = prefix != null ? prefix.contains(x)
                    : !x.isLinkLocal() && !homePrefix.contains(x) && (careOf == null || !x.mask(64).equals(careOf.mask(64)));
            if (!a.autoconfigured() || !candidate) {
                continue;
            }
            if (a.state().equals("OPTIMISTIC") || a.state().equals("PREFERRED")) {
                pending = null;
                use(now, x, from);
                return true;
            }
            if (a.state().equals("TENTATIVE")) {
                pending = x;
                pendingRouter = from;
                return true;
            }
        }
        return false;
    }

    @Override
    public void addressReady(long now, int i, Ipv6Address address) {
        if (!closed && i == iface && address.equals(pending)) {
            pending = null;
            use(now, address, pendingRouter);
        }
    }

    @Override
    public void linkAttached(long now, int i) {
        if (!closed && i == iface && hints.contains(MovementHint.L2)) {
            fire(MovementHint.L2);
            solicit();
        }
    }

    @Override
    public void linkDetached(long now, int i) {
        if (!closed && i == iface) {
            pending = null;
            cancelRaInterval(); // no RA can come; a hint on the next link decides
        }
    }

    @Override
    public void routerUnreachable(long now, int i, Ipv6Address r) {
        if (!closed && i == iface && r.equals(router) && hints.contains(MovementHint.NUD)) {
            fire(MovementHint.NUD);
            solicit();
        }
    }

    /** RFC 6275 §7.3: the next RA from the link's router is due within the advertised interval. */
    @Override
    public void routerAdvertised(long now, int i, Ipv6Address r, long intervalMillis, boolean defaultRouter) {
        if (closed || i != iface) {
            return;
        }
        if (router == null && defaultRouter) {
            router = r; // a role that replaced another: the first default router heard stands for the link's
        }
        if (defaultRouter) {
            moved.defaultRouter(now);
        }
        if (expecting && r.equals(router)) {
            expecting = false; // the router answered: still on its link
        } else if (expecting && defaultRouter && take(now, null, r)) {
            expecting = false; // another router, a prefix known already (the link changed unannounced)
        }
        if (!r.equals(router) || intervalMillis <= 0 || !hints.contains(MovementHint.RA_INTERVAL)) {
            return;
        }
        cancelRaInterval();
        raInterval = node.schedule(now + intervalMillis * 1_000_000L, () -> {
            raInterval = null;
            if (!closed && hints.contains(MovementHint.RA_INTERVAL)) {
                fire(MovementHint.RA_INTERVAL);
                solicit();
            }
        });
    }

    private void use(long now, Ipv6Address careOf, Ipv6Address from) {
        if (router != null && !router.equals(from)) {
            node.forgetDefaultRouter(iface, router); // the old link's router, unless its RAs say otherwise again
        }
        router = from;
        this.careOf = careOf;
        moves++;
        moved.moved(now, careOf);
    }

    private void fire(MovementHint h) {
        fired.merge(h, 1L, Long::sum);
    }

    /** The hint may mean a new link: routers now, and the first new prefix they announce is taken. */
    private void solicit() {
        expecting = true;
        solicitations++;
        node.solicitRouters(iface);
    }

    private void cancelRaInterval() {
        if (raInterval != null) {
            raInterval.cancel();
            raInterval = null;
        }
    }
}
