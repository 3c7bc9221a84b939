package org.mip6.mn.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mip6.mn.internal.engine.HomeAgentDiscovery;
import org.mip6.mn.internal.engine.MobileNodeEngine;
import org.mip6.mn.internal.engine.MobileNodeOutput;
import org.mip6.mn.internal.engine.MobilityParameters;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.net.MacAddress;
import org.mip6.node.AddressStatus;
import org.mip6.node.InterfaceStatus;
import org.mip6.node.NodeListener;
import org.mip6.role.EngineTimer;
import org.mip6.role.MobilityHandler;
import org.mip6.role.OutboundHandler;
import org.mip6.role.RoleNode;
import org.mip6.role.RoutingHeader2Handler;
import org.mip6.role.Verdict;
import org.mip6.state.BindingUpdateList;
import org.mip6.time.Timer;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.NdOption;
import org.mip6.wire.mh.MobilityMessage;

/**
 * The mobile node on one node (RFC 6275 §11): the {@link MobileNodeEngine} wired to the node's data
 * path, clock and events. Movement detection (§11.5.1) from the node's events: a new prefix on the
 * link that is the home prefix means home (the home address is taken back at once, without DAD,
 * before autoconfiguration would probe for it); a new global address elsewhere is the care-of
 * address. Away, the home address is held off-link, everything sent from it goes through the tunnel
 * to the home agent, and what comes out of that tunnel or with a Type 2 Routing Header for it is
 * received. No OSGi here: the component registers the handlers; tests attach it by hand. Every method
 * runs on the node's thread.
 */
public final class MobileNodeRole implements MobileNodeOutput {

    /** RFC 4861 §10 MAX_NEIGHBOR_ADVERTISEMENT: unsolicited NAs sent on return home (§11.5.5). */
    static final int MAX_NEIGHBOR_ADVERTISEMENT = 3;

    private final RoleNode node;
    private final int iface;
    /** The home prefix and address: configured, then renumbered by Mobile Prefix Advertisements (§11.4.3). */
    private volatile Ipv6Prefix homePrefix;
    private volatile Ipv6Address homeAddress;
    /** The configured home agent, or null: found by DHAAD (§11.4.1). */
    private final Ipv6Address configuredHomeAgent;
    private final MobilityParameters parameters;
    private final long seed;
    private final HomeAgentDiscovery discovery;
    /** The home agents the last DHAAD Reply listed, most preferred first, and the one in use. */
    private List<Ipv6Address> discovered = List.of();
    private int current;
    /** Registers with the home agent in use; null until one is known. */
    private volatile MobileNodeEngine engine;
    private final BindingUpdateList list;
    /** The care-of address now, null at home. */
    private Ipv6Address careOf;
    private final MovementDetection movement;
    private final RouteOptimization routeOptimization;
    private int tunnel;
    private boolean away;
    /** Groups listened to through the home agent's tunnel while away (RFC 6275 §11.3.4); null: none. */
    private TunnelledGroups multicast;
    private final EngineTimer timer;
    private volatile boolean closed;

    /** @param homeAgent the home agent, or null to find one by DHAAD when away */
    public MobileNodeRole(RoleNode node, int iface, Ipv6Prefix homePrefix, Ipv6Address homeAddress,
                          Ipv6Address homeAgent, MobilityParameters parameters, long seed, BindingUpdateList list) {
        this.node = Objects.requireNonNull(node, "node");
        this.iface = iface;
        this.homePrefix = Objects.requireNonNull(homePrefix, "homePrefix");
        this.homeAddress = Objects.requireNonNull(homeAddress, "homeAddress");
        if (!homePrefix.contains(homeAddress)) {
            throw new IllegalArgumentException("home address " + homeAddress + " is not in the home prefix " + homePrefix);
        }
        this.configuredHomeAgent = homeAgent;
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.seed = seed;
        this.mpsIdentifiers = new java.util.SplittableRandom(seed ^ 0x6d707321L);
        this.list = Objects.requireNonNull(list, "list");
        this.timer = new EngineTimer(node, this::nextDeadline, this::onTimer);
        this.routeOptimization = new RouteOptimization(node, parameters, homeAddress, seed, list, this::validUntil,
                () -> away ? tunnel : 0);
        this.movement = new MovementDetection(node, iface, homePrefix, new MovementDetection.Moved() {
            @Override
            public void moved(long now, Ipv6Address coa) {
                MobileNodeRole.this.moved(now, coa);
                timer.rearm();
            }

            @Override
            public void defaultRouter(long now) {
                routeOptimization.sendHeld(); // back home before the link's router advertised
            }
        });
        this.discovery = new HomeAgentDiscovery(homePrefix, seed ^ 0x5bd1e995L, (src, anycast, id) -> node.send(
                Ipv6Packet.of(src, anycast, node.hopLimit(), new Payload.Icmpv6(new Icmpv6Message.DhaadRequest(id, false)))));
        if (homeAgent != null) {
            this.engine = engineFor(homeAgent);
        }
    }

    private MobileNodeEngine engineFor(Ipv6Address ha) {
        // §11.7.1: L when the link-local address has the home address's interface identifier
        boolean linkLocalCompatible = node.interfaces().get(iface).addresses().stream()
                .anyMatch(a -> a.address().isLinkLocal() && a.address().interfaceId() == homeAddress.interfaceId());
        return new MobileNodeEngine(node.name(), parameters, homeAddress, ha, linkLocalCompatible, seed, list, this);
    }

    /**
     * Where the node is now: at home if it has a preferred address in the home prefix (a home address
     * held away from home is reported as AWAY, not preferred), else away at its first global address.
     * A registration found in the binding update list (a role that replaces another) goes on from
     * where it was; if the node moved meanwhile, a new BU goes at once.
     */
    public void start() {
        Ipv6Address coa = null;
        boolean home = false;
        for (AddressStatus a : node.interfaces().get(iface).addresses()) {
            if (!a.state().equals("PREFERRED") || a.address().isLinkLocal()) {
                continue;
            }
            if (homePrefix.contains(a.address())) {
                home = true;
            } else if (coa == null) {
                coa = a.address();
            }
        }
        List<org.mip6.state.BindingUpdateListEntry> mine = list.entries(node.name()).stream()
                .filter(x -> x.homeRegistration() && (configuredHomeAgent == null || x.destination().equals(configuredHomeAgent)))
                .toList();
        org.mip6.state.BindingUpdateListEntry e = mine.stream().filter(x -> x.homeAddress().equals(homeAddress))
                .findFirst().orElse(mine.stream().filter(x -> x.homeAddress().interfaceId() == homeAddress.interfaceId())
                        .findFirst().orElse(null));
        if (e != null && !e.homeAddress().equals(homeAddress)) {
            // the role this one replaces was renumbered (§11.4.3): its home address is the one in use
            setHome(Ipv6Prefix.of(e.homeAddress(), homePrefix.length()), e.homeAddress());
        }
        if (engine == null && e != null) {
            engine = engineFor(e.destination()); // a home agent found by DHAAD before the swap
        }
        Ipv6Address registered = e == null || e.lifetimeSeconds() == 0 ? null : e.careOfAddress();
        if (engine != null) {
            engine.restore(node.nanos(), registered);
            if (registered != null && !home) {
                // the data path again: the node gives back the tunnel it kept
                away(registered, engine.homeAgent(), homeAddress);
            }
        }
        routeOptimization.engine().restore(node.nanos(), registered);
        if (home && registered == null) { // at home from the start: the groups on the home link (§11.3.4)
            dropOtherGroups();
            if (multicast != null) {
                multicast.atHome();
            }
        }
        if (home || coa != null) {
            moved(node.nanos(), home ? null : coa);
        } else {
            movement.lost(); // neither home nor a care-of address yet: the next new prefix tells
        }
        timer.rearm();
    }

    public void close() {
        closed = true;
        movement.close();
        if (multicast != null) {
            multicast.close();
        }
        if (solicitTimer != null) {
            solicitTimer.cancel();
            solicitTimer = null;
        }
        cancelSolicitationRetransmission();
        timer.close();
    }

    /**
     * Route optimisation (RFC 6275 §11.7.2) with a correspondent after {@code afterPackets} packets to it
     * went through the tunnel (0: never), signing with {@code keys} (the ro bundle's; null: none).
     */
    public void setRouteOptimization(java.util.function.Supplier<org.mip6.ro.BindingKeys> keys, int afterPackets) {
        setRouteOptimization(keys, f -> afterPackets > 0 && f.packetsThroughTunnel() >= afterPackets);
    }

    /** How long a correspondent that never answered, refused, or does not speak Mobile IPv6 is left alone (ns). */
    public void setRouteOptimizationRetry(long nanos) {
        routeOptimization.engine().setRetryAfter(nanos);
    }

    /** Route optimisation with a correspondent when {@code policy} says so for a tunnelled flow to it (§11.7.2). */
    public void setRouteOptimization(java.util.function.Supplier<org.mip6.ro.BindingKeys> keys,
                                     java.util.function.Predicate<org.mip6.ro.RouteOptimizationPolicy.Flow> policy) {
        routeOptimization.configure(keys, policy);
    }

    /** {@code mip6:rr}: the return routability state per correspondent (copied on the shell's thread; retried if it changed meanwhile). */
    public org.mip6.role.RoleTable routeOptimizationTable() {
        return new org.mip6.role.RoleTable() {
            @Override
            public String title() {
                return "route optimisation of mobile node " + node.name() + " (home address " + homeAddress + ")";
            }

            @Override
            public List<String> columns() {
                return List.of("Node", "Correspondent", "State", "Home nonce", "Home token (s)", "Care-of nonce",
                        "Care-of token (s)", "Direct", "Tests pending (cookie)");
            }

            @Override
            public List<List<Object>> rows() {
                for (int attempt = 0; ; attempt++) {
                    try {
                        List<List<Object>> rows = new java.util.ArrayList<>();
                        for (List<Object> r : routeOptimization.engine().snapshot(node.nanos())) {
                            List<Object> row = new java.util.ArrayList<>();
                            row.add(node.name());
                            row.addAll(r);
                            rows.add(row);
                        }
                        return rows;
                    } catch (java.util.ConcurrentModificationException e) {
                        if (attempt == 2) {
                            throw e;
                        }
                    }
                }
            }
        };
    }

    /** ICMPv6 Parameter Problems about Mobility Headers sent to correspondents (Type 4). */
    public org.mip6.role.Icmpv6Handler parameterProblemHandler() {
        return routeOptimization.parameterProblemHandler();
    }

    /** The correspondent registrations (for the shell and tests). */
    public org.mip6.mn.internal.engine.RouteOptimizationEngine routeOptimization() {
        return routeOptimization.engine();
    }

    /** The movement hints to use (RFC 6275 §11.5.1; all of them unless told otherwise). */
    public void setMovementHints(java.util.Set<MovementHint> hints) {
        movement.setHints(hints);
    }

    /** The engine registering with the home agent in use (null while none is known). */
    public MobileNodeEngine engine() {
        return engine;
    }

    public Map<String, Long> counters() {
        MobileNodeEngine e = engine;
        Map<String, Long> m = new java.util.LinkedHashMap<>(e == null ? Map.of() : e.counters());
        m.put("dhaad.requests", discovery.requests());
        m.put("dhaad.failures", discovery.failures());
        m.put("dhaad.bad-addresses", discovery.badAddresses());
        m.put("ha.switches", (long) switches);
        m.put("ha.refused", (long) list.refusedDestinations(node.name()).size());
        m.put("mps.sent", mpsSent);
        m.put("mps.retransmitted", mpsRetransmitted);
        m.put("mpa.accepted", mpaAccepted);
        m.put("mpa.solicited", mpaAccepted); // only the first answer to the latest solicitation is accepted (§11.4.3)
        m.put("mpa.ignored", mpaIgnored);
        m.put("mpa.unsolicited", mpaUnsolicited);
        m.put("mpa.home-prefix-gone", homePrefixGone);
        m.put("mpa.renumbered", renumbered);
        movement.counters(m);
        routeOptimization.counters(m);
        TunnelledGroups g = multicast;
        if (g != null) {
            m.put("mld.queries", g.queries);
            m.put("mld.queries-ignored", g.queriesIgnored);
            m.put("mld.reports-sent", g.reportsSent);
        }
        return m;
    }

    /**
     * Multicast groups (of global scope) listened to through the home agent's tunnel while away (RFC 6275 §11.3.4),
     * before {@link #start}. @throws IllegalArgumentException for a group of another scope, or not a group
     */
    public void setTunnelledGroups(List<Ipv6Address> groups) {
        multicast = groups.isEmpty() ? null : new TunnelledGroups(node, iface, groups, seed);
    }

    /** MLD Queries (ICMPv6 type 130) through the tunnel, or null without {@link #setTunnelledGroups}. */
    public org.mip6.role.Icmpv6Handler multicastQueryHandler() {
        TunnelledGroups g = multicast;
        return g == null ? null : (p, m) -> {
            if (!closed) {
                g.onQuery(p, m);
            }
        };
    }

    private int switches;
    /** When the home prefix's valid lifetime ends, from the last Mobile Prefix Advertisement; MIN_VALUE: unknown. */
    private long homePrefixValidUntil = Long.MIN_VALUE;
    /**
     * When the home address's valid lifetime ends as the home link's RAs last gave it (RFC 4862 §5.5.3), taken when
     * the node left home: newer than any Mobile Prefix Advertisement before (a stay at home may outlast what that
     * said); MIN_VALUE: none, or an advertisement came since.
     */
    private long homeValidFromRouters = Long.MIN_VALUE;
    private Timer solicitTimer;
    /** The solicitation due before the home prefix's lifetime ends fell while there was no registration to send it
     *  through (at home, or finding a home agent): the next registration sends it (§11.4.2). */
    private boolean solicitWhenRegistered;
    /** The outstanding solicitation's retransmission (§11.4.2), or null. */
    private Timer solicitRetransmission;
    private long mpsRetransmitted;
    private long mpsSent;
    /** RFC 6275 §6.7: each solicitation's Identifier, random from the world's seed; -1: none outstanding. */
    private final java.util.SplittableRandom mpsIdentifiers;
    private int mpsOutstanding = -1;
    private long mpaAccepted;
    private long mpaIgnored;
    private long mpaUnsolicited;
    private long lastUnsolicitedMps = Long.MIN_VALUE / 2;
    private long homePrefixGone;
    private long renumbered;

    /**
     * Registered: with BA status 1, without a Mobile Prefix Advertisement yet, or when the solicitation due
     * before the home prefix's lifetime ends fell while there was no registration, solicit one to learn that
     * lifetime (RFC 6275 §11.7.3, §11.4.2); the next solicitation goes before it ends.
     */
    @Override
    public void registered(Ipv6Address careOfAddress, Ipv6Address ha, Ipv6Address hoa, boolean prefixDiscovery) {
        node.migrateSecurityAssociations(hoa, careOfAddress); // RFC 4877 §3.4: tunnel-mode SAs follow
        if (prefixDiscovery || homePrefixValidUntil == Long.MIN_VALUE || solicitWhenRegistered) {
            solicitWhenRegistered = false;
            solicitMobilePrefix(careOfAddress, ha, hoa);
        }
    }

    /**
     * Mobile Prefix Advertisements (ICMPv6 147), accepted only from the home agent in use and only
     * through it: with a Type 2 Routing Header for the home address, or out of the tunnel, and only as the
     * first answer to the latest solicitation (§11.4.3).
     */
    public org.mip6.role.Icmpv6Handler mobilePrefixHandler() {
        return (p, m) -> {
            MobileNodeEngine e = engine;
            if (closed || !(m instanceof Icmpv6Message.MobilePrefixAdvertisement mpa)) {
                return;
            }
            boolean viaHomeAgent = e != null && p.packet().source().equals(e.homeAgent())
                    && (p.routingHeader2() && p.destination().equals(homeAddress)
                    || p.tunnelled() && p.tunnelOuter().source().equals(e.homeAgent()));
            if (!viaHomeAgent) {
                mpaIgnored++;
                return;
            }
            if (mpa.identifier() != mpsOutstanding) {
                // §11.4.3: not the answer to our latest solicitation (or not the first answer to it): unsolicited,
                // discarded; a solicitation asks for what it announced (at most one a second: forged ones
                // must not make mn flood its home agent)
                mpaUnsolicited++;
                if (careOf != null && p.now() - lastUnsolicitedMps >= MobilityParameters.SECOND) {
                    lastUnsolicitedMps = p.now();
                    solicitMobilePrefix(careOf, e.homeAgent(), homeAddress);
                }
                return;
            }
            mpaAccepted++;
            mpsOutstanding = -1;
            cancelSolicitationRetransmission();
            long valid = -1;
            NdOption.PrefixInformation next = null;
            for (NdOption o : mpa.options()) {
                if (o instanceof NdOption.PrefixInformation pi && pi.prefix().equals(homePrefix)) {
                    valid = pi.validLifetime();
                } else if (o instanceof NdOption.PrefixInformation pi && next == null && pi.validLifetime() > 0
                        && pi.prefixLength() == homePrefix.length()) {
                    next = pi;
                }
            }
            long now = p.now();
            if (valid <= 0) {
                // §11.4.3: the home prefix is gone; a new one of the same length gives the new home address
                homePrefixGone++;
                if (next == null || next.prefixLength() != 64 || e.careOfAddress() == null) {
                    return;
                }
                renumber(now, next.prefix());
                valid = next.validLifetime();
            }
            homePrefixValidUntil = valid == 0xffff_ffffL ? Long.MAX_VALUE : now + valid * MobilityParameters.SECOND;
            homeValidFromRouters = Long.MIN_VALUE; // the advertisement is newer than what the home link's RAs said
            if (solicitTimer != null) {
                solicitTimer.cancel();
                solicitTimer = null;
            }
            if (homePrefixValidUntil != Long.MAX_VALUE) {
                solicitTimer = node.schedule(now + valid * MobilityParameters.SECOND / 10 * 8, () -> {
                    solicitTimer = null;
                    MobileNodeEngine current = engine;
                    if (!closed && careOf != null && current != null) {
                        solicitMobilePrefix(careOf, current.homeAgent(), homeAddress);
                    } else {
                        solicitWhenRegistered = true; // at home now, or finding a home agent: not lost for good
                    }
                });
            }
        };
    }

    /**
     * §11.4.3: the home prefix became {@code prefix} (a /64): the home address keeps its interface identifier in
     * it and is registered with the same home agent (a first registration, with the home agent's DAD);
     * the old address's registration is dropped from the list and left to expire at the home agent.
     */
    private void renumber(long now, Ipv6Prefix prefix) {
        MobileNodeEngine old = engine;
        Ipv6Address oldAddress = homeAddress;
        Ipv6Address hoa = prefix.withInterfaceId(oldAddress.interfaceId());
        renumbered++;
        list.remove(node.name(), new BindingUpdateList.Key(old.homeAgent(), oldAddress));
        node.removeHomeAddress(iface, oldAddress);
        setHome(prefix, hoa);
        routeOptimization.engine().setHomeAddress(hoa);
        engine = engineFor(old.homeAgent());
        engine.moved(now, careOf);
        timer.rearm();
    }

    private void setHome(Ipv6Prefix prefix, Ipv6Address address) {
        homePrefix = prefix;
        homeAddress = address;
        movement.setHomePrefix(prefix);
        discovery.setHomePrefix(prefix);
    }

    /** The home address in use (the configured one, or what a Mobile Prefix Advertisement renumbered it to). */
    public Ipv6Address homeAddress() {
        return homeAddress;
    }

    /** The node moved (RFC 6275 §11.5): home ({@code coa} null) or to care-of address {@code coa}. */
    private void moved(long now, Ipv6Address coa) {
        if (coa != null && !away) {
            // leaving home: what the home link's RAs left of the home address bounds the first BU (§11.7.1), not
            // an older Mobile Prefix Advertisement's lifetime that a long stay at home may have outlasted
            long fromRouters = node.addressValidUntil(iface, homeAddress);
            if (fromRouters != Long.MIN_VALUE && fromRouters != Long.MAX_VALUE) {
                homeValidFromRouters = fromRouters;
            }
        }
        careOf = coa;
        if (coa == null) {
            discovery.stop(); // home: no home agent to find
        }
        if (engine != null && refused(engine.homeAgent()) && engine.state() == MobileNodeEngine.State.NONE) {
            engine = null; // it refused us and the record lasts (§11.7.3, §11.1): find another
            discovered = List.of();
        }
        if (engine == null && coa != null) {
            resumeConfigured();
        }
        if (engine != null) {
            engine.moved(now, coa);
        } else if (coa != null) {
            discovery.start(now, coa); // §11.4.1: no home agent yet
        }
        routeOptimization.moved(now, coa);
    }

    /** DHAAD Replies (ICMPv6 145): the home agents to try, most preferred first. */
    public org.mip6.role.Icmpv6Handler dhaadReplyHandler() {
        return (p, m) -> {
            if (closed || !(m instanceof Icmpv6Message.DhaadReply r)) {
                return;
            }
            List<Ipv6Address> has = discovery.onReply(p.now(), r.identifier(), r.homeAgents(), this::refused); // §11.7.3
            if (has != null && !has.isEmpty() && engine == null) {
                discovered = has;
                current = 0;
                engine = engineFor(has.get(0));
                engine.moved(p.now(), careOf);
            }
            timer.rearm();
        };
    }

    /**
     * Whether {@code ha} refused the home registration for a reason no other care-of address corrects (131 home
     * registration not supported, 132 not home subnet, 133 not home agent for this mobile node): RFC 6275 §11.7.3
     * has that recorded in the binding update list and no Binding Update sent there again while the record's
     * list entry lives (§11.1: the lifetime the refused Binding Update asked).
     */
    private boolean refused(Ipv6Address ha) {
        return list.refused(node.name(), ha, node.nanos());
    }

    /**
     * With no home agent in use: the configured one once more, when it refused us and the record of that ran out
     * (§11.1), rather than a DHAAD that may find nothing (which stops). Whether it is in use now.
     */
    private boolean resumeConfigured() {
        if (configuredHomeAgent == null || refused(configuredHomeAgent)) {
            return false;
        }
        engine = engineFor(configuredHomeAgent);
        discovery.stop();
        return true;
    }

    /** The home agent in use failed (silent, or refused us): the next one DHAAD listed, else DHAAD again. */
    @Override
    public void homeAgentFailed(Ipv6Address ha, int status, int lifetimeSeconds) {
        boolean forGood = status == 131 || status == 132 || status == 133;
        if (forGood) {
            list.refuse(node.name(), ha, node.nanos() + lifetimeSeconds * MobilityParameters.SECOND);
        }
        if (configuredHomeAgent != null && !forGood || careOf == null) {
            return; // a configured home agent is kept: the next movement registers with it again (§11.7.3)
        }
        list.remove(node.name(), new BindingUpdateList.Key(ha, homeAddress));
        long now = node.nanos();
        while (current + 1 < discovered.size() && refused(discovered.get(current + 1))) {
            current++;
        }
        if (current + 1 < discovered.size()) {
            current++;
            switches++;
            engine = engineFor(discovered.get(current));
            engine.moved(now, careOf);
        } else {
            engine = null;
            discovered = List.of();
            discovery.start(now, careOf);
        }
    }

    // =============================================================================================
    // Handlers

    /**
     * Binding Acknowledgements (MH Type 6) and Binding Refresh Requests (MH Type 0): from the home agent
     * to the home registration, from others to route optimisation, as are Home Tests (3), Care-of Tests
     * (4) and Binding Errors (7).
     */
    public MobilityHandler mobilityHandler() {
        return (p, m) -> {
            if (closed) {
                return;
            }
            MobileNodeEngine e = engine;
            Ipv6Address from = p.packet().source();
            boolean correspondent = !(m instanceof MobilityMessage.BindingAcknowledgement
                    || m instanceof MobilityMessage.BindingRefreshRequest)
                    || (e == null || !from.equals(e.homeAgent())) && routeOptimization.engine().involves(from);
            if (correspondent) {
                routeOptimization.onMobility(p, m, homeAddress); // §11.6, §11.7.3
            } else if (e == null) {
                return;
            } else if (m instanceof MobilityMessage.BindingAcknowledgement ba) {
                e.onBindingAcknowledgement(p.now(), p.packet().source(), ba, p.routingHeader2());
            } else if (m instanceof MobilityMessage.BindingRefreshRequest) {
                e.onRefreshRequest(p.now(), p.packet().source());
            }
            timer.rearm();
        };
    }

    /** §11.3.3: a Type 2 Routing Header is accepted only with this node's home address in it. */
    public RoutingHeader2Handler routingHeader2Handler() {
        return p -> p.destination().equals(homeAddress) ? Verdict.ACCEPT : Verdict.DROP;
    }

    /** Whether {@code group} is one listened to through the tunnel ({@link #setTunnelledGroups}). */
    private boolean tunnelledGroup(Ipv6Address group) {
        TunnelledGroups g = multicast;
        return g != null && g.contains(group);
    }

    /**
     * §11.3.1: away, what the upper layers send from the home address (or leave to the node) goes through the tunnel;
     * multicast they leave to the node goes on the foreign link from the care-of address (§11.3.4's first way) but to
     * a group listened to through the tunnel ({@link #setTunnelledGroups}), which goes from the home address through
     * the tunnel (the second: the home agent forwards it onto the home link).
     */
    public OutboundHandler outboundHandler() {
        return p -> {
            if (!away || tunnel == 0) {
                return OutboundHandler.DIRECT;
            }
            Ipv6Address src = p.source();
            Ipv6Address dst = p.destination();
            if (!src.equals(homeAddress) && !(src.isUnspecified() && !dst.isLinkLocal()
                    && (!dst.isMulticast() || tunnelledGroup(dst)))) {
                return OutboundHandler.DIRECT;
            }
            Ipv6Packet fromHome = src.equals(homeAddress) ? p : new Ipv6Packet(p.trafficClass(), p.flowLabel(),
                    p.hopLimit(), homeAddress, p.destination(), p.extensionHeaders(), p.payload());
            MobileNodeEngine e = engine;
            Ipv6Packet direct = routeOptimization.direct(node.nanos(), fromHome, homeAddress, e == null ? null : e.homeAgent());
            if (direct != null) {
                return new OutboundHandler.Decision.Rewrite(direct); // §11.3.1: route optimised
            }
            timer.rearm(); // the tests may have started
            return new OutboundHandler.Decision.Tunnel(tunnel, src.equals(homeAddress) ? null : fromHome);
        };
    }

    /** Movement detection from the node's events (RFC 6275 §11.5.1): a listener to register for the node. */
    public NodeListener movementDetector() {
        return movement;
    }

    // =============================================================================================
    // MobileNodeOutput: the node's data path

    /** The next deadline of DHAAD or of the registration, whichever is first. */
    private long nextDeadline() {
        MobileNodeEngine e = engine;
        return Math.min(Math.min(discovery.nextDeadline(), routeOptimization.nextDeadline()),
                e == null ? Long.MAX_VALUE : e.nextDeadline());
    }

    private void onTimer(long now) {
        if (discovery.onTimer(now) && careOf != null && engine == null) {
            if (resumeConfigured()) {
                engine.moved(now, careOf);
            } else {
                discovery.start(now, careOf); // §11.4.1: it gave up after DHAAD_RETRIES; away with no home agent, it looks on
            }
        }
        MobileNodeEngine e = engine;
        if (e != null) {
            e.onTimer(now);
        }
        routeOptimization.onTimer(now);
    }

    @Override
    public void sendBindingUpdate(Ipv6Address source, Ipv6Address to, Ipv6Address hao, MobilityMessage.BindingUpdate bu) {
        List<ExtensionHeader> ext = hao == null ? List.of() : List.of(ExtensionHeader.DestinationOptions.homeAddress(hao));
        node.send(new Ipv6Packet(0, 0, node.hopLimit(), source, to, ext, new Payload.Mobility(bu)));
    }

    @Override
    public void away(Ipv6Address careOfAddress, Ipv6Address ha, Ipv6Address hoa) {
        node.setHomeAddress(iface, hoa, homePrefix.length(), false);
        if (tunnel != 0) {
            node.removeTunnel(tunnel);
        }
        tunnel = node.addTunnel(careOfAddress, ha);
        node.addTunnelRouteFrom(hoa, tunnel); // §11.3.1 in the node's data path: it holds while this role is swapped
        away = true;
        dropOtherGroups();
        if (multicast != null) {
            multicast.away(tunnel, ha);
        }
    }

    /**
     * Groups the node still receives out of a tunnel, or joined on the home link for a role, that this role does not
     * listen to — a replaced role's, configured with other {@code multicastGroups} (the node keeps them while a role is
     * swapped) — are received no longer; what the upper layers joined ({@code mip6:join}) stays.
     */
    private void dropOtherGroups() {
        TunnelledGroups g = multicast;
        for (Ipv6Address group : node.receivedTunnelledGroups()) {
            if (g == null || !g.contains(group)) {
                node.receiveTunnelledMulticast(group, false);
            }
        }
        for (Ipv6Address group : node.roleJoinedGroups(iface)) {
            if (g == null || !g.contains(group)) {
                node.joinGroupForRole(iface, group, false);
            }
        }
    }

    @Override
    public void atHome(Ipv6Address hoa) {
        node.setHomeAddress(iface, hoa, homePrefix.length(), true);
        if (tunnel != 0) {
            node.removeTunnel(tunnel);
            tunnel = 0;
        }
        away = false;
        dropOtherGroups();
        if (multicast != null) {
            multicast.atHome();
        }
    }

    @Override
    public long validUntil(Ipv6Address address) {
        if (address.equals(homeAddress)) { // its prefix's Valid Lifetime: as the home link's RAs or, since, the MPA told (§11.4.3)
            if (homeValidFromRouters != Long.MIN_VALUE) {
                return homeValidFromRouters;
            }
            return homePrefixValidUntil == Long.MIN_VALUE ? Long.MAX_VALUE : homePrefixValidUntil;
        }
        long until = node.addressValidUntil(iface, address);
        return until == Long.MIN_VALUE ? Long.MAX_VALUE : until;
    }

    @Override
    public void homeAgentReachable(Ipv6Address ha) {
        node.confirmReachable(iface, ha);
    }

    @Override
    public void homeAgentReleased(Ipv6Address hoa) {
        node.homeAddressReleased(iface, hoa); // §11.5.5: solicitations may leave from it again
        node.migrateSecurityAssociations(hoa, hoa);
        MacAddress mac = node.interfaces().get(iface).mac();
        Ipv6Packet na = Ipv6Packet.of(hoa, Ipv6Address.ALL_NODES, 255, new Payload.Icmpv6(
                new Icmpv6Message.NeighborAdvertisement(false, false, true, hoa,
                        List.of(new NdOption.TargetLinkLayerAddress(mac)))));
        for (int k = 0; k < MAX_NEIGHBOR_ADVERTISEMENT; k++) {
            long at = node.nanos() + k * MobilityParameters.SECOND; // RetransTimer apart (RFC 4861 §7.2.6)
            if (k == 0) {
                node.send(na);
            } else {
                node.schedule(at, () -> {
                    if (!closed && !away) {
                        node.send(na);
                    }
                });
            }
        }
    }

    public void solicitMobilePrefix(Ipv6Address careOfAddress, Ipv6Address ha, Ipv6Address hoa) {
        mpsOutstanding = mpsIdentifiers.nextInt(0x10000);
        sendSolicitation(careOfAddress, ha, hoa, MobilityParameters.INITIAL_SOLICIT_TIMER);
    }

    /**
     * The outstanding solicitation, sent again when no advertisement answered it within {@code wait}
     * (RFC 6275 §11.4.2: INITIAL_SOLICIT_TIMER, then each wait doubled until it reaches the maximum,
     * MAX_BINDACK_TIMEOUT here), from the care-of address and to the home agent of that moment; not
     * once the mobile node is home.
     */
    private void sendSolicitation(Ipv6Address careOfAddress, Ipv6Address ha, Ipv6Address hoa, long wait) {
        mpsSent++;
        int id = mpsOutstanding;
        node.send(new Ipv6Packet(0, 0, node.hopLimit(), careOfAddress, ha, List.of(ExtensionHeader.DestinationOptions.homeAddress(hoa)),
                new Payload.Icmpv6(new Icmpv6Message.MobilePrefixSolicitation(id))));
        cancelSolicitationRetransmission();
        if (wait >= parameters.maxBindackTimeout()) {
            return; // the timeout reached its maximum: the last one
        }
        solicitRetransmission = node.schedule(node.nanos() + wait, () -> {
            solicitRetransmission = null;
            MobileNodeEngine current = engine;
            if (!closed && mpsOutstanding == id && careOf != null && current != null && current.homeAgent() != null) {
                mpsRetransmitted++;
                sendSolicitation(careOf, current.homeAgent(), homeAddress, 2 * wait);
            }
        });
    }

    private void cancelSolicitationRetransmission() {
        if (solicitRetransmission != null) {
            solicitRetransmission.cancel();
            solicitRetransmission = null;
        }
    }

    /** The node's first global address in {@code prefix} on the interface, or null. */
    static Ipv6Address addressIn(RoleNode node, int iface, Ipv6Prefix prefix) {
        InterfaceStatus s = node.interfaces().get(iface);
        for (AddressStatus a : s.addresses()) {
            if (prefix.contains(a.address()) && !a.address().isLinkLocal()) {
                return a.address();
            }
        }
        return null;
    }
}
