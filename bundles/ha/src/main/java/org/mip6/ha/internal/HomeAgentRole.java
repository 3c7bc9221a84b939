package org.mip6.ha.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mip6.ha.HomeRegistrationPolicy;
import org.mip6.ha.internal.engine.HomeAgentEngine;
import org.mip6.ha.internal.engine.HomeAgentOutput;
import org.mip6.ha.internal.engine.HomeAgentParameters;
import org.mip6.ha.internal.engine.PrefixTable;
import org.mip6.ha.internal.engine.ReceivedBindingUpdate;
import org.mip6.ha.internal.engine.ServedPrefix;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.node.Advertising;
import org.mip6.role.EngineTimer;
import org.mip6.role.HomeAddressHandler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.OutboundHandler;
import org.mip6.role.ReceivedPacket;
import org.mip6.role.RoleNode;
import org.mip6.role.Verdict;
import org.mip6.state.BindingCache;
import org.mip6.state.MobileNetworkPrefixes;
import org.mip6.wire.Checksum;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.PacketView;
import org.mip6.wire.Payload;
import org.mip6.wire.Wire;
import org.mip6.wire.mh.MobilityHeaderCodec;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.mh.MobilityOption;

/**
 * The home agent on one node (RFC 6275 §10): the {@link HomeAgentEngine} wired to the node's data
 * path and clock, and the handlers the node calls. No OSGi here: the component registers
 * {@link #mobilityHandler()} and {@link #homeAddressHandler()} on the whiteboard; tests attach it to a
 * node by hand. Every method but {@link #counters()} runs on the node's thread.
 */
public final class HomeAgentRole implements HomeAgentOutput {

    /** What the role advertises in its RAs (RFC 6275 §7.4, §10.5.1). */
    public record Advertised(int preference, int lifetimeSeconds) {
        public Advertised {
            if (preference < -32768 || preference > 32767) {
                throw new IllegalArgumentException("preference must be -32768..32767, got " + preference);
            }
            if (lifetimeSeconds < 1 || lifetimeSeconds > 65535) {
                throw new IllegalArgumentException("homeAgentLifetime must be 1..65535 s, got " + lifetimeSeconds);
            }
        }
    }

    /** RFC 6275 §6.4: a Type 2 Routing Header is 24 bytes. */
    private static final int RH2_LENGTH = 24;

    private final RoleNode node;
    private final HomeAgentEngine engine;
    private final List<ServedPrefix> served;
    /** The node's addresses BUs arrived at (bounded by the node's addresses: only those are delivered). */
    private final java.util.Map<Ipv6Address, Ipv6Address> ownAddresses = new java.util.HashMap<>();
    private final EngineTimer timer;
    private final BindingCache cache;
    /** Multicast through the tunnels (RFC 6275 §10.4.3), when configured; null: none (MLD out of a tunnel is dropped). */
    private TunnelMulticast multicast;
    private Ipv6Address lastOwn;
    /** The Binding Update read on the node's view, filled for each ({@link #onBindingUpdate}). */
    private final ReceivedBindingUpdate received = ReceivedBindingUpdate.reusable();
    /** Whether {@link #received} is in the engine's hands. */
    private boolean receiving;
    /** The fields of the BA whose bytes {@link #ackBytes} holds ({@link #ackLength} 0: none yet). */
    private int lastStatus;
    private int lastFlags;
    private int lastLifetime;
    private int lastRefreshAdvice;
    private boolean lastAckRouted;
    private byte[] ackBytes = new byte[128];
    private int ackLength;
    /** The one's-complement sum of the template's Mobility Header with its Sequence # and Checksum zero (RFC 1071). */
    private long ackSum;
    private volatile boolean closed;
    /** Whether it serves mobile routers ({@link #setMobileRouters}), advertised from {@link #start}. */
    private boolean mobileRouters;
    /** What {@link #start} advertises, null before. */
    private Advertised advertised;

    /**
     * @param prefixes the home prefixes to serve; empty: every prefix the node advertises
     * @throws IllegalArgumentException if a prefix is not advertised by the node (the message names it)
     */
    public HomeAgentRole(RoleNode node, BindingCache cache, HomeAgentParameters parameters, List<Ipv6Prefix> prefixes,
                         HomeRegistrationPolicy policy) {
        this.node = Objects.requireNonNull(node, "node");
        this.cache = cache;
        this.served = served(node, prefixes);
        this.engine = new HomeAgentEngine(node.name(), parameters, served, policy, cache, this);
        this.timer = new EngineTimer(node, engine::nextDeadline, engine::onTimer);
    }

    /** The node's advertised prefixes that the home agent serves (RFC 6275 §10.3.1 Prefix List). */
    static List<ServedPrefix> served(RoleNode node, List<Ipv6Prefix> wanted) {
        List<ServedPrefix> out = new ArrayList<>();
        int n = node.interfaces().size();
        for (int i = 0; i < n; i++) {
            Advertising a = node.advertising(i);
            if (a == null) {
                continue;
            }
            for (Ipv6Prefix p : a.prefixes()) {
                if (wanted.isEmpty() || wanted.contains(p)) {
                    out.add(new ServedPrefix(i, p, Advertising.PREFIX_VALID_LIFETIME,
                            Advertising.PREFIX_PREFERRED_LIFETIME));
                }
            }
        }
        for (Ipv6Prefix p : wanted) {
            if (out.stream().noneMatch(s -> s.prefix().equals(p))) {
                throw new IllegalArgumentException("prefix " + p + " is not advertised by node " + node.name());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("node " + node.name() + " advertises no prefix: it cannot be a home agent"
                    + " (make it a router with advertise.N on its home link)");
        }
        return out;
    }

    /**
     * Starts serving: timers from the bindings already in the cache (a swap), and RAs with the H flag,
     * the Advertisement Interval and Home Agent Information on the home links (RFC 6275 §7.3-7.5; its R flag when
     * it serves mobile routers, RFC 3963 §7.3).
     */
    public void start(Advertised advertised) {
        engine.restore(node.nanos());
        if (multicast != null) {
            multicast.start(cache, served, engine::servedPrefix);
        } else {
            TunnelMulticast.clear(node, served);
        }
        this.advertised = advertised;
        advertise();
        timer.rearm();
    }

    /** The home links' RAs as a home agent's ({@link #start}). */
    private void advertise() {
        for (ServedPrefix s : served) {
            Advertising a = node.advertising(s.iface());
            Advertising ha = new Advertising(a.minInterval(), a.maxInterval(), a.routerLifetime(), true, a.prefixes(),
                    true, advertised.preference(), advertised.lifetimeSeconds(), mobileRouters);
            if (!ha.equals(a)) {
                node.advertise(s.iface(), ha);
            }
        }
    }

    /** Stops: timers cancelled, DADs under way ignored. Bindings and the data path stay (DESIGN §4). */
    public void close() {
        closed = true;
        timer.close();
        if (multicast != null) {
            multicast.close();
        }
    }

    public HomeAgentEngine engine() {
        return engine;
    }

    public List<ServedPrefix> servedPrefixes() {
        return served;
    }

    public void setPolicy(HomeRegistrationPolicy policy) {
        engine.setPolicy(policy);
    }

    /**
     * The mobile routers served (RFC 3963 §6.1.2's Prefix Table) and where their registered prefixes are kept.
     *
     * @throws IllegalArgumentException for a mobile router whose home address is on no served prefix, or a prefix that
     *                                  holds a served one
     */
    public void setMobileRouters(PrefixTable table, MobileNetworkPrefixes registered) {
        table.checkAgainst(served.stream().map(ServedPrefix::prefix).toList());
        engine.setMobileRouters(table, registered);
        boolean was = mobileRouters;
        mobileRouters = table.supportsMobileRouters(); // RFC 3963 §7.3: R in the Home Agent Information option
        if (advertised != null && was != mobileRouters) {
            advertise();
        }
    }

    /**
     * Multicast through the bindings' tunnels (RFC 6275 §10.4.2, §10.4.3): the home agent queries each tunnel by MLD
     * and forwards what the home link carries for the groups reported. Before {@link #start}.
     */
    public void tunnelMulticast(boolean on) {
        multicast = on ? new TunnelMulticast(node) : null;
    }

    /** The MLD Reports and Dones out of the tunnels (ICMPv6 types 131, 132, 143), or null without {@link #tunnelMulticast}. */
    public org.mip6.role.Icmpv6Handler mldHandler() {
        return multicast == null ? null : multicast.handler();
    }

    /** The groups the mobile node of {@code home} listens to through its tunnel, and until when (node clock). */
    public Map<Ipv6Address, Long> tunnelledGroups(Ipv6Address home) {
        return multicast == null ? Map.of() : multicast.groups(home);
    }

    /** Counters (read from any thread; values may lag by a packet). */
    public Map<String, Long> counters() {
        Map<String, Long> m = engine.counters(); // a map of its own
        TunnelMulticast t = multicast;
        if (t != null) {
            m.putAll(t.counters());
        }
        return m;
    }

    /** Binding Updates (MH Type 5), on records or on the node's checked view. */
    public MobilityHandler mobilityHandler() {
        return new MobilityHandler() {
            @Override
            public void onMobility(ReceivedPacket packet, MobilityMessage message) {
                HomeAgentRole.this.onMobility(packet, message);
            }

            @Override
            public boolean onMobility(long now, int iface, PacketView view) {
                return onBindingUpdate(now, iface, view);
            }

            @Override
            public void prefetch(long[] homeAddresses, int count) {
                if (!closed) {
                    engine.prefetch(homeAddresses, count);
                }
            }

            @Override
            public boolean readsAhead() {
                return !closed && engine.readsAhead();
            }
        };
    }

    /** Packets with a Home Address option (RFC 6275 §9.3.1), on records or on the node's checked view. */
    public HomeAddressHandler homeAddressHandler() {
        return new HomeAddressHandler() {
            @Override
            public Verdict admit(ReceivedPacket packet) {
                return HomeAgentRole.this.admit(packet);
            }

            @Override
            public Verdict admit(long now, int iface, PacketView v) {
                Ipv6Address home = Ipv6Address.read(v.buffer(), v.homeAddressOffset());
                boolean ok = v.mobilityType() == MobilityMessage.BINDING_UPDATE ? engine.admitBindingUpdate(home)
                        : engine.admitHomeAddressOption(now, home, v.source(), v.destination(), false);
                return ok ? Verdict.ACCEPT : Verdict.DROP;
            }
        };
    }

    /**
     * RFC 6275 §9.3.2: what this node originates to a registered home address (an echo reply, an ICMPv6
     * error, a ping) goes to the care-of address with a Type 2 Routing Header, as a correspondent's would
     * (the IPv6 Ready home agent test PingMNtoHA; UMIP does the same); Neighbor Discovery never does. What
     * the home agent intercepts for the home address still goes through the tunnel (§10.4.1), and so does
     * what arrives while the role is away.
     */
    public OutboundHandler outboundHandler() {
        return new OutboundHandler() {
            @Override
            public Decision outbound(Ipv6Packet p) {
                Ipv6Address dst = p.destination();
                if (closed || dst.isMulticast() || dst.isLinkLocal() || neighborDiscovery(p)) {
                    return DIRECT;
                }
                Ipv6Address coa = engine.careOfAddressFor(node.nanos(), dst);
                if (coa == null) {
                    return DIRECT;
                }
                return OutboundHandler.viaCareOfAddress(p, coa);
            }

            @Override
            public boolean direct(Ipv6Address dst) {
                return closed || dst.isMulticast() || dst.isLinkLocal() || engine.careOfAddressFor(node.nanos(), dst) == null;
            }
        };
    }

    private static boolean neighborDiscovery(Ipv6Packet p) {
        return p.payload() instanceof Payload.Icmpv6 i && i.message().type() >= 133 && i.message().type() <= 137;
    }

    /** The node's address at {@code at} as the one instance kept for it (no allocation after the first). */
    private Ipv6Address ownAddress(byte[] b, int at) {
        Ipv6Address last = lastOwn;
        if (last != null && last.high() == Wire.u64(b, at) && last.low() == Wire.u64(b, at + 8)) {
            return last;
        }
        Ipv6Address a = Ipv6Address.read(b, at);
        lastOwn = ownAddresses.computeIfAbsent(a, d -> d);
        return lastOwn;
    }

    /** A Binding Update on the view: the same as {@link #onMobility} without the packet's records. */
    private boolean onBindingUpdate(long now, int iface, PacketView v) {
        if (closed) {
            return true; // as onMobility: a closed role takes nothing
        }
        if (v.mobilityType() != MobilityMessage.BINDING_UPDATE) {
            return false;
        }
        byte[] b = v.buffer();
        int mh = v.payloadOffset();
        int len = v.payloadLength();
        // the view checked the message (lengths, options' alignment and uniqueness, checksum): fields in place,
        // the options read once
        int alternate = -1;
        int forbidden = -1;
        List<Ipv6Prefix> prefixes = null;
        for (int p = MobilityHeaderCodec.optionsStart(b, mh), end = mh + len; p < end;
             p = MobilityHeaderCodec.nextOption(b, p)) {
            int type = b[p] & 0xff;
            if (type == MobilityOption.MOBILE_NETWORK_PREFIX) { // RFC 3963 §4.3: Reserved, Prefix Length, Prefix
                if (prefixes == null) {
                    prefixes = new ArrayList<>(2);
                }
                prefixes.add(Ipv6Prefix.of(Ipv6Address.read(b, p + 4), b[p + 3] & 0xff));
            } else if (type == MobilityOption.ALTERNATE_CARE_OF_ADDRESS && alternate < 0) {
                alternate = p;
            } else if (type == MobilityOption.NONCE_INDICES) {
                forbidden = type; // before Binding Authorization Data, always the last option (§6.2.7, checked)
            } else if (type == MobilityOption.BINDING_AUTHORIZATION_DATA && forbidden < 0) {
                forbidden = type;
            }
        }
        Ipv6Address source = v.source();
        Ipv6Address home = v.homeAddressOffset() < 0 ? source : Ipv6Address.read(b, v.homeAddressOffset());
        Ipv6Address ha = ownAddress(b, v.destinationOffset());
        // one instance filled per Binding Update (the engine copies what it keeps), a new one should a BU arrive
        // within this one's handling
        boolean nested = receiving;
        ReceivedBindingUpdate r = nested ? ReceivedBindingUpdate.reusable() : received;
        receiving = true;
        try {
            r.set(iface, ha, source, home, Wire.u16(b, mh + 6), Wire.u16(b, mh + 8), Wire.u16(b, mh + 10),
                    alternate < 0 ? null : Ipv6Address.read(b, alternate + 2), forbidden);
            engine.onBindingUpdate(now, prefixes == null ? r : r.mobileNetworkPrefixes(prefixes));
        } finally {
            receiving = nested;
        }
        rearm();
        return true;
    }

    private void onMobility(ReceivedPacket p, MobilityMessage m) {
        if (closed || !(m instanceof MobilityMessage.BindingUpdate bu)) {
            return;
        }
        // one instance of the home agent's address for all the tunnels that start there
        Ipv6Address ha = ownAddresses.computeIfAbsent(p.destination(), d -> d);
        engine.onBindingUpdate(p.now(), ReceivedBindingUpdate.of(p.iface(), ha, p.packet().source(), p.source(), bu));
        rearm();
    }

    /** The node's timer moves only when a binding's timer came earlier; a later one leaves it (EngineTimer: it fires early and re-arms). */
    private void rearm() {
        if (engine.takeEarlierTimer()) {
            timer.rearm();
        }
    }

    private Verdict admit(ReceivedPacket p) {
        boolean bu = p.packet().payload() instanceof Payload.Mobility mh
                && mh.message() instanceof MobilityMessage.BindingUpdate;
        boolean ok = engine.admitHomeAddressOption(p.now(), p.source(), p.careOfAddress(), p.destination(), bu);
        return ok ? Verdict.ACCEPT : Verdict.DROP;
    }

    // =============================================================================================
    // HomeAgentOutput: the node's data path

    /**
     * The Binding Acknowledgement as the codec encodes it; a BA that differs from the last only in its
     * addresses and sequence number is that one's bytes patched (the checksum computed again), so a
     * refresh's BA costs no records and no encoding.
     */
    @Override
    public void sendAcknowledgement(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, int status, int flags,
                                    int sequence, int lifetime, int refreshAdvice) {
        boolean routed = homeAddress != null;
        if (ackLength == 0 || routed != lastAckRouted || status != lastStatus || flags != lastFlags
                || lifetime != lastLifetime || refreshAdvice != lastRefreshAdvice) {
            newTemplate(from, to, homeAddress, status, flags, lifetime, refreshAdvice);
        }
        byte[] b = ackBytes;
        int mh = PacketCodec.IPV6_HEADER_LENGTH + (routed ? RH2_LENGTH : 0);
        from.write(b, 8);
        to.write(b, 24);
        if (routed) {
            homeAddress.write(b, PacketCodec.IPV6_HEADER_LENGTH + 8);
        }
        Wire.put16(b, mh + 8, sequence);
        // RFC 1071: the message's words are the template's and the sequence number, summed without reading back
        // what was just written (the pseudo-header's destination is the home address with a Type 2 Routing Header)
        Wire.put16(b, mh + MobilityHeaderCodec.CHECKSUM_OFFSET, Checksum.finish(
                Checksum.pseudoHeaderSum(from, routed ? homeAddress : to, ackLength - mh, Wire.MOBILITY) + ackSum + sequence));
        node.send(b, 0, ackLength, to); // the care-of address the role holds: the node makes none of the bytes
    }

    /** The BA's bytes encoded anew (out of line: the common case, a patch, stays small enough to be inlined). */
    private void newTemplate(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, int status, int flags,
                             int lifetime, int refreshAdvice) {
        boolean routed = homeAddress != null;
        List<ExtensionHeader> ext = routed ? List.of(new ExtensionHeader.Type2RoutingHeader(1, homeAddress)) : List.of();
        Ipv6Packet p = new Ipv6Packet(0, 0, 64, from, to, ext,
                new Payload.Mobility(HomeAgentOutput.acknowledgement(status, flags, 0, lifetime, refreshAdvice)));
        ackLength = PacketCodec.encodedLength(p);
        if (ackBytes.length < ackLength) {
            ackBytes = new byte[ackLength];
        }
        PacketCodec.encode(p, ackBytes, 0);
        int mh = PacketCodec.IPV6_HEADER_LENGTH + (routed ? RH2_LENGTH : 0);
        Wire.put16(ackBytes, mh + 8, 0);
        Wire.put16(ackBytes, mh + MobilityHeaderCodec.CHECKSUM_OFFSET, 0);
        ackSum = Checksum.sum(ackBytes, mh, ackLength - mh);
        lastStatus = status;
        lastFlags = flags;
        lastLifetime = lifetime;
        lastRefreshAdvice = refreshAdvice;
        lastAckRouted = routed;
    }

    @Override
    public void sendBindingError(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, int status) {
        node.send(Ipv6Packet.of(from, to, 64, new Payload.Mobility(new MobilityMessage.BindingError(status, homeAddress))));
    }

    @Override
    public void sendRefreshRequest(Ipv6Address homeAddress) {
        // the node's tunnel route for the home address carries it (its source: the tunnel's local end)
        node.send(Ipv6Packet.of(Ipv6Address.UNSPECIFIED, homeAddress, 64,
                new Payload.Mobility(new MobilityMessage.BindingRefreshRequest(List.of()))));
    }

    @Override
    public void detectDuplicate(int iface, Ipv6Address homeAddress, Ipv6Address address) {
        node.detectDuplicate(iface, address, unique -> {
            if (!closed) {
                engine.dadCompleted(node.nanos(), homeAddress, unique);
                timer.rearm();
            }
        });
    }

    @Override
    public void prepareBinding(Ipv6Address homeAddress) {
        node.prefetch(homeAddress); // the proxy and tunnel tables' misses overlap (a million bindings)
    }

    @Override
    public int addBinding(int iface, Ipv6Address homeAgent, Ipv6Address homeAddress, Ipv6Address careOfAddress,
                          boolean linkLocal) {
        node.addProxy(iface, homeAddress);
        if (linkLocal) {
            node.addProxy(iface, Ipv6Address.linkLocal(homeAddress.interfaceId()));
        }
        int t = tunnel(homeAgent, homeAddress, careOfAddress);
        if (multicast != null) {
            multicast.bindingUp(homeAddress, iface, careOfAddress, t);
        }
        return t;
    }

    @Override
    public int moveBinding(int iface, Ipv6Address homeAgent, Ipv6Address homeAddress, Ipv6Address careOfAddress,
                           int oldTunnel) {
        if (oldTunnel != 0) {
            node.removeTunnel(oldTunnel);
        }
        int t = tunnel(homeAgent, homeAddress, careOfAddress);
        if (multicast != null) {
            multicast.bindingUp(homeAddress, iface, careOfAddress, t); // its groups follow it to the new tunnel
        }
        return t;
    }

    private int tunnel(Ipv6Address homeAgent, Ipv6Address homeAddress, Ipv6Address careOfAddress) {
        int t = node.addTunnel(homeAgent, careOfAddress, homeAddress);
        node.addTunnelRoute(Ipv6Prefix.of(homeAddress, 128), t);
        node.migrateSecurityAssociations(homeAddress, careOfAddress); // RFC 4877 §3.4: tunnel-mode SAs follow
        return t;
    }

    @Override
    public void routePrefixes(int tunnel, List<Ipv6Prefix> before, List<Ipv6Prefix> now) {
        for (Ipv6Prefix p : before) {
            if (!now.contains(p)) {
                node.removeTunnelRoute(p);
            }
        }
        for (Ipv6Prefix p : now) {
            node.addTunnelRoute(p, tunnel); // the tunnel takes packets from it too (a bound tunnel's routed prefixes)
        }
    }

    @Override
    public void removeBinding(int iface, Ipv6Address homeAddress, boolean linkLocal, int tunnel) {
        if (multicast != null) {
            multicast.bindingDown(homeAddress); // before its tunnel goes
        }
        if (iface >= 0) {
            node.removeProxy(iface, homeAddress);
            if (linkLocal) {
                node.removeProxy(iface, Ipv6Address.linkLocal(homeAddress.interfaceId()));
            }
        }
        if (tunnel != 0) {
            node.removeTunnel(tunnel);
        }
        node.migrateSecurityAssociations(homeAddress, homeAddress); // at home or gone: no tunnel to protect
    }

    @Override
    public long tunnelLastUsed(int tunnel) {
        return tunnel == 0 ? Long.MIN_VALUE : node.tunnelLastUsed(tunnel);
    }
}
