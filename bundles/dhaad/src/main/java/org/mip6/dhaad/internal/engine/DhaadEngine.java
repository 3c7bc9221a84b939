package org.mip6.dhaad.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.role.NamedCounters;
import org.mip6.state.HomeAgentEntry;
import org.mip6.state.HomeAgentsList;
import org.mip6.state.PendingPrefixAdvertisements;
import org.mip6.wire.icmp.Icmpv6Message.DhaadReply;
import org.mip6.wire.icmp.Icmpv6Message.MobilePrefixAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement;
import org.mip6.wire.icmp.NdOption;

/**
 * A home agent's side of Dynamic Home Agent Address Discovery and mobile prefix discovery as a sans-IO
 * engine (RFC 6275 §10.5-10.6): the home agents list, kept from the Router Advertisements of the home
 * link (§10.5.1) in the {@code state} bundle's {@link HomeAgentsList}; the reply to a DHAAD request,
 * most preferred first and equal preferences in a random order drawn from the engine's seed (§10.5);
 * the Mobile Prefix Advertisement of the home prefixes (§10.6.1). Entries expire on its own timer.
 * Not thread-safe: the node's thread drives it.
 */
public final class DhaadEngine {

    private static final long SECOND = 1_000_000_000L;
    /** RFC 6275 §10.5: a reply must fit the minimum MTU: 1280 - 40 (IPv6) - 8 (ICMPv6 header) = 77 addresses. */
    public static final int MAX_REPLY_ADDRESSES = (1280 - 40 - 8) / 16;

    private final String node;
    private final HomeAgentsList list;
    private final SplittableRandom random;
    private final NamedCounters counters = new NamedCounters(List.of(
            "ra.home-agent", "ra.left", "ra.bad-home-agent-address", "dhaad.requests", "dhaad.requests-mobile-router", "dhaad.replies", "dhaad.not-served", "mps.received",
            "mpa.sent", "mpa.scheduled", "mpa.unsolicited", "mpa.retransmitted", "mpa.retransmissions-ended", "list.expired"));
    private final UnsolicitedPrefixAdvertisements unsolicited;
    /** RAND_ADV_DELAY's draws (§10.6.2), a stream of their own: the replies' shuffles stay as they were. */
    private final SplittableRandom delays;
    private PrefixAdvertisementIntervals intervals = PrefixAdvertisementIntervals.DEFAULT;
    private List<HomeLink> links;
    private int preference;
    private boolean managed;
    private boolean other;
    /** Whether this home agent serves mobile routers (RFC 3963 §7): its own entries say so. */
    private boolean mobileRouters;

    public DhaadEngine(String node, HomeAgentsList list, PendingPrefixAdvertisements pending, long seed,
                       List<HomeLink> links, int preference, boolean managed, boolean other) {
        this.node = Objects.requireNonNull(node, "node");
        this.list = Objects.requireNonNull(list, "list");
        this.unsolicited = new UnsolicitedPrefixAdvertisements(node, pending);
        this.random = new SplittableRandom(seed);
        this.delays = new SplittableRandom(seed ^ 0x1062_1062_1062_1062L);
        configure(links, preference, managed, other);
    }

    /** (Re)configures the home links and flags; the home agent's own entries are put in the list (§10.5.1). */
    public void configure(List<HomeLink> links, int preference, boolean managed, boolean other) {
        this.links = List.copyOf(links);
        this.preference = preference;
        this.managed = managed;
        this.other = other;
        for (HomeLink l : this.links) {
            list.put(node, new HomeAgentsList.Key(l.iface(), l.linkLocal()),
                    new HomeAgentEntry(l.iface(), l.linkLocal(), l.global(), preference, Long.MAX_VALUE, mobileRouters));
        }
    }

    /**
     * Whether this home agent serves mobile routers (RFC 3963 §7: its Home Agent Information option's R flag; a
     * DHAAD Request with R is answered with the home agents that do); its own entries are put again.
     */
    public void mobileRouterSupport(boolean on) {
        mobileRouters = on;
        configure(links, preference, managed, other);
    }

    /** Whether this home agent's own entries say it serves mobile routers ({@link #mobileRouterSupport(boolean)}). */
    public boolean mobileRouterSupport() {
        return mobileRouters;
    }

    /** MinMobPfxAdvInterval and MaxMobPfxAdvInterval from now on (RFC 6275 §13; {@link PrefixAdvertisementIntervals#DEFAULT} until set). */
    public void intervals(PrefixAdvertisementIntervals intervals) {
        this.intervals = Objects.requireNonNull(intervals, "intervals");
    }

    public List<HomeLink> links() {
        return links;
    }

    /** The home link of {@code iface}, or null. */
    public HomeLink link(int iface) {
        for (HomeLink l : links) {
            if (l.iface() == iface) {
                return l;
            }
        }
        return null;
    }

    /**
     * RFC 6275 §10.5.1: another router's RA on a home link. With the H flag its entry is made or
     * refreshed (Home Agent Information preference and lifetime, else preference 0 and the Router
     * Lifetime; the global address from a Prefix Information option with the R flag, unless it is no
     * unicast address a home agent can have); an RA without the H flag, or with a lifetime of 0, removes it.
     */
    public void onRouterAdvertisement(long now, int iface, Ipv6Address source, RouterAdvertisement ra) {
        HomeLink l = link(iface);
        if (l == null || !source.isLinkLocal() || source.equals(l.linkLocal())) {
            return;
        }
        HomeAgentsList.Key key = new HomeAgentsList.Key(iface, source);
        int pref = 0;
        int lifetime = ra.routerLifetime();
        boolean routers = false;
        Ipv6Address global = null;
        for (NdOption o : ra.options()) {
            if (o instanceof NdOption.HomeAgentInformation hai) {
                pref = hai.preference();
                lifetime = hai.lifetime();
                routers = hai.mobileRouter(); // RFC 3963 §7.3
            } else if (o instanceof NdOption.PrefixInformation pi && pi.routerAddress() && global == null) {
                Ipv6Address a = pi.address();
                if (!a.isUnicastRoutable()) {
                    count("ra.bad-home-agent-address"); // no home agent has it: never in a DHAAD Reply (§10.5.1)
                } else {
                    global = a;
                }
            }
        }
        if (!ra.homeAgent() || lifetime == 0) {
            if (list.remove(node, key).isPresent()) {
                count("ra.left");
            }
            return;
        }
        count("ra.home-agent");
        HomeAgentEntry old = list.get(node, key).orElse(null);
        if (global == null && old != null) {
            global = old.globalAddress(); // an RA need not repeat every option
        }
        list.put(node, key, new HomeAgentEntry(iface, source, global, pref, now + lifetime * SECOND, routers));
    }

    /**
     * RFC 6275 §10.5: the reply to a DHAAD request that arrived on {@code iface}: the global addresses
     * of the home agents on that link, most preferred first, equal preferences shuffled, at most
     * {@link #MAX_REPLY_ADDRESSES}. Null when the interface is no home link.
     */
    public DhaadReply reply(long now, int iface, int identifier) {
        return reply(now, iface, identifier, false);
    }

    /**
     * {@link #reply(long, int, int)} to a request with the Mobile Router Support flag when {@code mobileRouters}: from a
     * home agent that serves mobile routers, only the home agents that do, and R set in the reply (RFC 3963 §7.1-7.2);
     * one that serves none ignores the flag, a Reserved bit to it (RFC 6275 §6.5), as Scapy's default sets it.
     */
    public DhaadReply reply(long now, int iface, int identifier, boolean mobileRouters) {
        count("dhaad.requests");
        if (mobileRouters) {
            count("dhaad.requests-mobile-router");
            mobileRouters = this.mobileRouters;
        }
        HomeLink l = link(iface);
        if (l == null) {
            count("dhaad.not-served");
            return null;
        }
        List<HomeAgentEntry> es = new ArrayList<>();
        for (HomeAgentEntry e : list.entries(node)) {
            if (e.iface() == iface && e.globalAddress() != null && e.expiresAt() > now && (!mobileRouters || e.mobileRouters())) {
                es.add(e);
            }
        }
        // shuffle first (seeded), then a stable sort by preference keeps equal preferences shuffled
        for (int k = es.size() - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            HomeAgentEntry t = es.get(k);
            es.set(k, es.get(j));
            es.set(j, t);
        }
        es.sort(Comparator.comparingInt(HomeAgentEntry::preference).reversed());
        List<Ipv6Address> addresses = new ArrayList<>();
        for (HomeAgentEntry e : es) {
            if (addresses.size() == MAX_REPLY_ADDRESSES) {
                break;
            }
            addresses.add(e.globalAddress());
        }
        count("dhaad.replies");
        return new DhaadReply(identifier, mobileRouters, addresses);
    }

    /**
     * RFC 6275 §10.6.1: the home prefixes of the link of {@code iface} as a Mobile Prefix Advertisement
     * (identifier 0 for an unsolicited one), or null when the interface is no home link.
     */
    public MobilePrefixAdvertisement advertisement(int iface, int identifier, boolean solicited) {
        HomeLink l = link(iface);
        if (l == null) {
            return null;
        }
        List<NdOption> options = prefixOptions(iface);
        if (solicited) {
            count("mpa.sent"); // an unsolicited one is counted when sent (unsolicitedSent)
        }
        return new MobilePrefixAdvertisement(identifier, managed, other, options);
    }

    /**
     * An advertisement for mobile nodes whose home prefix {@code gone} is no longer served (RFC 6275 §10.6.2,
     * §11.4.3): the prefixes now served on its link, and {@code gone} with lifetimes 0; unsolicited
     * (identifier 0), or the answer to a solicitation with {@code identifier} (a mobile node discards the
     * unsolicited one and asks).
     */
    public MobilePrefixAdvertisement withdrawal(HomeLink gone, int identifier, boolean solicited) {
        List<NdOption> options = prefixOptions(gone.iface());
        options.add(new NdOption.PrefixInformation(gone.prefix().length(), true, true, true, 0, 0, gone.global()));
        if (solicited) {
            count("mpa.sent"); // an unsolicited one is counted when sent (unsolicitedSent)
        }
        return new MobilePrefixAdvertisement(identifier, managed, other, options);
    }

    /** Prefix Information for each home prefix served on {@code iface}, with the home agent's address (R flag, §6.8). */
    private List<NdOption> prefixOptions(int iface) {
        List<NdOption> options = new ArrayList<>();
        for (HomeLink h : links) {
            if (h.iface() == iface) {
                options.add(new NdOption.PrefixInformation(h.prefix().length(), true, true, true,
                        h.validLifetimeSeconds(), h.preferredLifetimeSeconds(), h.global()));
            }
        }
        return options;
    }

    /** A Mobile Prefix Solicitation from {@code homeAddress}: it ends an unsolicited advertisement, scheduled or sent (§10.6.2). */
    public void solicitationReceived(Ipv6Address homeAddress) {
        count("mps.received");
        unsolicited.solicited(homeAddress);
    }

    /**
     * The prefixes changed: an unsolicited advertisement to {@code homeAddress}'s mobile node, RAND_ADV_DELAY from
     * {@code now} (§10.6.2; {@code preferredSeconds}: the preferred lifetime of its home prefix, 0 when that is
     * withdrawn); false when one is pending already, scheduled or being sent again.
     */
    public boolean scheduleUnsolicited(long now, Ipv6Address homeAddress, long preferredSeconds) {
        long delay = UnsolicitedPrefixAdvertisements.randAdvDelay(intervals.minSeconds(), intervals.maxSeconds(),
                preferredSeconds, delays);
        boolean scheduled = unsolicited.schedule(now + delay, homeAddress);
        if (scheduled) {
            count("mpa.scheduled");
        }
        return scheduled;
    }

    /** The unsolicited advertisements to send at {@code now} (the caller sends each and says so, or {@link #unsolicitedEnded ends} it). */
    public List<UnsolicitedPrefixAdvertisements.Due> unsolicitedDue(long now) {
        return unsolicited.due(now);
    }

    /** An unsolicited advertisement went: its first transmission, or once more. */
    public void unsolicitedSent(boolean first) {
        count(first ? "mpa.unsolicited" : "mpa.retransmitted");
    }

    /** Nothing more to {@code homeAddress}: its binding is gone (§10.6.2). */
    public void unsolicitedEnded(Ipv6Address homeAddress) {
        unsolicited.end(homeAddress);
        count("mpa.retransmissions-ended");
    }

    /** Mobile nodes an unsolicited advertisement is scheduled for or may still be sent again to. */
    public int unsolicitedPending() {
        return unsolicited.pending();
    }

    /** The earliest expiry of another home agent's entry or unsolicited advertisement, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        long next = unsolicited.nextDeadline();
        for (HomeAgentEntry e : list.entries(node)) {
            next = Math.min(next, e.expiresAt());
        }
        return next;
    }

    /** Removes the entries whose lifetime ran out (RFC 6275 §10.5.1). */
    public void onTimer(long now) {
        for (HomeAgentEntry e : list.entries(node)) {
            if (e.expiresAt() <= now) {
                list.remove(node, new HomeAgentsList.Key(e.iface(), e.linkLocalAddress()));
                count("list.expired");
            }
        }
    }

    /** Forgets the home agent's own entries (it stops serving). */
    public void withdrawOwnEntries() {
        for (HomeLink l : links) {
            list.remove(node, new HomeAgentsList.Key(l.iface(), l.linkLocal()));
        }
    }

    public int preference() {
        return preference;
    }

    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    private void count(String c) {
        counters.count(c);
    }
}
