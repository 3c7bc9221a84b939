package org.mip6.dhaad.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mip6.dhaad.internal.engine.DhaadEngine;
import org.mip6.dhaad.internal.engine.HomeLink;
import org.mip6.dhaad.internal.engine.PrefixAdvertisementIntervals;
import org.mip6.dhaad.internal.engine.UnsolicitedPrefixAdvertisements;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.node.AddressStatus;
import org.mip6.node.Advertising;
import org.mip6.node.InterfaceStatus;
import org.mip6.role.EngineTimer;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.ReceivedPacket;
import org.mip6.role.RoleNode;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingCacheEntry;
import org.mip6.state.HomeAgentsList;
import org.mip6.state.PendingPrefixAdvertisements;
import org.mip6.state.WithdrawnHomeLink;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;

/**
 * DHAAD and mobile prefix discovery on one home agent node (RFC 6275 §10.5-10.6): the
 * {@link DhaadEngine} wired to the node. The component registers {@link #handler()} for ICMPv6 types
 * 134 (RAs of other home agents), 144 (DHAAD Request) and 146 (Mobile Prefix Solicitation). Every
 * method but {@link #counters()} runs on the node's thread.
 */
public final class DhaadRole {

    /** ICMPv6 types handled: Router Advertisement, DHAAD Request, Mobile Prefix Solicitation. */
    public static final int[] TYPES = {134, 144, 146};

    private final RoleNode node;
    private final BindingCache bindings;
    private final DhaadEngine engine;
    private final EngineTimer timer;
    private volatile boolean closed;
    /**
     * Also where the home links no longer served since the last reconfiguration are kept (across a swap): a
     * mobile node registered with a home address there still gets their withdrawal, unsolicited until it
     * solicits and when it solicits (it discards the unsolicited one, §11.4.3).
     */
    private final PendingPrefixAdvertisements pending;

    /**
     * @param intervals MinMobPfxAdvInterval and MaxMobPfxAdvInterval (RFC 6275 §13), between which unsolicited Mobile
     *                  Prefix Advertisements are delayed after the prefixes change
     * @throws IllegalArgumentException if a wanted prefix is not advertised by the node, or the node has
     *                                  no address in a served prefix
     */
    public DhaadRole(RoleNode node, HomeAgentsList list, PendingPrefixAdvertisements pending, BindingCache bindings,
                     List<Ipv6Prefix> prefixes, int preference, boolean managed, boolean other,
                     PrefixAdvertisementIntervals intervals) {
        this.node = Objects.requireNonNull(node, "node");
        this.bindings = Objects.requireNonNull(bindings, "bindings");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.engine = new DhaadEngine(node.name(), list, pending, node.name().hashCode(), homeLinks(node, prefixes),
                preference, managed, other);
        engine.intervals(intervals);
        this.timer = new EngineTimer(node, engine::nextDeadline, this::onTimer);
    }

    /** The node's advertised prefixes to serve, each with the node's addresses on that link. */
    static List<HomeLink> homeLinks(RoleNode node, List<Ipv6Prefix> wanted) {
        List<HomeLink> out = new ArrayList<>();
        List<InterfaceStatus> ifs = node.interfaces();
        for (int i = 0; i < ifs.size(); i++) {
            Advertising a = node.advertising(i);
            if (a == null) {
                continue;
            }
            for (Ipv6Prefix p : a.prefixes()) {
                if (!wanted.isEmpty() && !wanted.contains(p)) {
                    continue;
                }
                Ipv6Address global = null;
                Ipv6Address ll = null;
                for (AddressStatus s : ifs.get(i).addresses()) {
                    if (s.address().isLinkLocal()) {
                        ll = s.address();
                    } else if (p.contains(s.address()) && !s.address().equals(p.homeAgentsAnycast())) {
                        global = s.address();
                    }
                }
                if (global == null || ll == null) {
                    throw new IllegalArgumentException("node " + node.name() + " has no address in " + p);
                }
                out.add(new HomeLink(i, p, global, ll, Advertising.PREFIX_VALID_LIFETIME,
                        Advertising.PREFIX_PREFERRED_LIFETIME));
            }
        }
        for (Ipv6Prefix p : wanted) {
            if (out.stream().noneMatch(l -> l.prefix().equals(p))) {
                throw new IllegalArgumentException("prefix " + p + " is not advertised by node " + node.name());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("node " + node.name() + " advertises no prefix: no home link to serve");
        }
        return out;
    }

    /** Joins the Home-Agents anycast addresses (RFC 6275 §10.5) and arms the list's timer. */
    public void start() {
        for (HomeLink l : engine.links()) {
            node.addAnycast(l.iface(), l.anycast());
        }
        timer.rearm();
    }

    /**
     * RFC 3963 §7: whether this home agent serves mobile routers (its own home agents list entries say so): what its
     * RAs on the home links say, the {@code configured} answer only while none advertises a home agent.
     */
    public void mobileRouterSupport(boolean configured) {
        engine.mobileRouterSupport(advertisedMobileRouterSupport(configured));
    }

    /** {@link #mobileRouterSupport(boolean)} again from the RAs: before each DHAAD Reply and on the timer. */
    private void followAdvertisedMobileRouterSupport() {
        boolean now = advertisedMobileRouterSupport(engine.mobileRouterSupport());
        if (now != engine.mobileRouterSupport()) {
            engine.mobileRouterSupport(now);
        }
    }

    /**
     * What the node's RAs on the home links say wins over the configuration: the home agent role sets their Home Agent
     * Information option's R flag from the Prefix Table it took (RFC 3963 §7.3), and a table it refused leaves its
     * previous one, which the configuration no longer shows. {@code otherwise} while no home link advertises a home agent.
     */
    private boolean advertisedMobileRouterSupport(boolean otherwise) {
        boolean advertised = false;
        boolean mobileRouters = false;
        for (HomeLink l : engine.links()) {
            Advertising a = node.advertising(l.iface());
            if (a != null && a.homeAgent()) {
                advertised = true;
                mobileRouters |= a.mobileRouters();
            }
        }
        return advertised ? mobileRouters : otherwise;
    }

    /**
     * The configuration changed. When the home prefixes did, every mobile node registered here is told with an
     * unsolicited Mobile Prefix Advertisement, scheduled RAND_ADV_DELAY later (RFC 6275 §10.6.2: spread between
     * {@code intervals} and its home prefix's preferred lifetime, so that they do not all go at once) unless one is
     * pending already; what goes is the prefix list as it is then.
     */
    public void reconfigure(List<Ipv6Prefix> prefixes, int preference, boolean managed, boolean other,
                            PrefixAdvertisementIntervals intervals) {
        List<HomeLink> links = homeLinks(node, prefixes); // a refusal before anything changes
        engine.intervals(intervals);
        List<HomeLink> beforeLinks = List.copyOf(engine.links());
        List<Ipv6Prefix> before = beforeLinks.stream().map(HomeLink::prefix).toList();
        engine.withdrawOwnEntries();
        engine.configure(links, preference, managed, other);
        start();
        List<Ipv6Prefix> after = engine.links().stream().map(HomeLink::prefix).toList();
        pending.withdrawnHomeLinks(node.name(), beforeLinks.stream().filter(b -> !after.contains(b.prefix()))
                .map(b -> new WithdrawnHomeLink(b.iface(), b.prefix(), b.global(), b.linkLocal())).toList());
        if (!before.equals(after)) {
            long now = node.nanos();
            for (BindingCacheEntry e : bindings.entries(node.name())) {
                if (e.homeRegistration()) {
                    HomeLink l = homeLinkOf(e.homeAddress());
                    if (l != null || withdrawnLink(e.homeAddress()) != null) {
                        engine.scheduleUnsolicited(now, e.homeAddress(), l == null ? 0 : l.preferredLifetimeSeconds());
                    }
                }
            }
            timer.rearm();
        }
    }

    /** The unsolicited advertisement for a home registration, to its care-of address now (see {@link #advertise}). */
    private boolean advertise(BindingCacheEntry e) {
        return advertise(null, e.careOfAddress(), e.homeAddress(), e.homeAddress(), true, 0, false);
    }

    /**
     * A Mobile Prefix Advertisement for {@code homeAddress} (RFC 6275 §10.6): the prefixes of its home link, or
     * when its home prefix is no longer served, and it is {@code registered} here, the new ones and the old one
     * with lifetime 0 (renumbering). From {@code from}, or null for the home agent's address on that link; to
     * {@code to}, routed to {@code rh2} when not null. False when neither applies (nothing is sent).
     */
    private boolean advertise(Ipv6Address from, Ipv6Address to, Ipv6Address rh2, Ipv6Address homeAddress, boolean registered,
                              int identifier, boolean solicited) {
        HomeLink l = homeLinkOf(homeAddress);
        HomeLink gone = l != null ? null : registered ? withdrawnLink(homeAddress) : withdrawnLinkOf(homeAddress);
        if (l != null) {
            send(from != null ? from : l.global(), to, rh2, engine.advertisement(l.iface(), identifier, solicited));
        } else if (gone != null) {
            send(from != null ? from : gone.global(), to, rh2, engine.withdrawal(gone, identifier, solicited));
        }
        return l != null || gone != null;
    }

    /**
     * The list's expiries, then the unsolicited advertisements due (RFC 6275 §10.6.2), first or again: each to
     * the binding's care-of address as it is now (a mobile node that moved meanwhile gets it at the new one),
     * with the prefixes as they are now; none once the binding is gone.
     */
    private void onTimer(long now) {
        followAdvertisedMobileRouterSupport();
        engine.onTimer(now);
        for (UnsolicitedPrefixAdvertisements.Due d : engine.unsolicitedDue(now)) {
            BindingCacheEntry e = bindings.get(node.name(), d.homeAddress()).filter(BindingCacheEntry::homeRegistration)
                    .orElse(null);
            if (e != null && advertise(e)) {
                engine.unsolicitedSent(d.first());
            } else {
                engine.unsolicitedEnded(d.homeAddress());
            }
        }
    }

    /** Stops: its timer; the list, anycast addresses and own entries stay for the role that comes back. */
    public void close() {
        closed = true;
        timer.close();
    }

    public DhaadEngine engine() {
        return engine;
    }

    public Map<String, Long> counters() {
        return engine.counters();
    }

    public Icmpv6Handler handler() {
        return this::onIcmpv6;
    }

    private void onIcmpv6(ReceivedPacket p, Icmpv6Message m) {
        if (closed) {
            return;
        }
        if (m instanceof Icmpv6Message.RouterAdvertisement ra) {
            engine.onRouterAdvertisement(p.now(), p.iface(), p.packet().source(), ra);
        } else if (m instanceof Icmpv6Message.DhaadRequest rq) {
            followAdvertisedMobileRouterSupport();
            HomeLink l = anycastLink(p.destination());
            Icmpv6Message.DhaadReply reply = l == null ? null : engine.reply(p.now(), l.iface(), rq.identifier(),
                    rq.mobileRouter());
            if (reply != null) {
                node.send(Ipv6Packet.of(l.global(), p.source(), 64, new Payload.Icmpv6(reply)));
            }
        } else if (m instanceof Icmpv6Message.MobilePrefixSolicitation s) {
            engine.solicitationReceived(p.source()); // the home address (HAO): no more unsolicited ones to it
            // §10.6.1: to the care-of address, routed to the home address; the source is where it was sent
            Ipv6Address to = p.homeAddressOption() ? p.careOfAddress() : p.source();
            Ipv6Address rh2 = p.homeAddressOption() ? p.source() : null;
            advertise(p.destination(), to, rh2, p.source(), false, s.identifier(), true);
        }
        timer.rearm();
    }

    /** The withdrawn home link of a home address still registered here, or null. */
    private HomeLink withdrawnLinkOf(Ipv6Address homeAddress) {
        HomeLink b = withdrawnLink(homeAddress);
        return b != null && bindings.get(node.name(), homeAddress).filter(BindingCacheEntry::homeRegistration).isPresent()
                ? b : null;
    }

    /** The withdrawn home link whose prefix holds {@code homeAddress}, or null. */
    private HomeLink withdrawnLink(Ipv6Address homeAddress) {
        for (WithdrawnHomeLink b : pending.withdrawnHomeLinks(node.name())) {
            if (b.prefix().contains(homeAddress)) {
                return new HomeLink(b.iface(), b.prefix(), b.global(), b.linkLocal(), 0, 0); // lifetime 0: withdrawn
            }
        }
        return null;
    }

    private HomeLink anycastLink(Ipv6Address destination) {
        for (HomeLink l : engine.links()) {
            if (l.anycast().equals(destination)) {
                return l;
            }
        }
        return null;
    }

    private HomeLink homeLinkOf(Ipv6Address homeAddress) {
        for (HomeLink l : engine.links()) {
            if (l.prefix().contains(homeAddress)) {
                return l;
            }
        }
        return null;
    }

    private void send(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, Icmpv6Message m) {
        List<ExtensionHeader> ext = homeAddress == null ? List.of()
                : List.of(new ExtensionHeader.Type2RoutingHeader(1, homeAddress));
        node.send(new Ipv6Packet(0, 0, 64, from, to, ext, new Payload.Icmpv6(m)));
    }

}
