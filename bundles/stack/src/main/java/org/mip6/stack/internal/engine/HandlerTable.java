package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.mip6.role.HomeAddressHandler;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.OutboundHandler;
import org.mip6.role.PacketProtection;
import org.mip6.role.RoutingHeader2Handler;

/**
 * The handlers registered for one node, changed from any thread (the OSGi whiteboard), read on the
 * node's thread through an immutable snapshot. Where one handler is used (an MH Type, the Home
 * Address and Type 2 Routing Header decisions, the outbound hook, IPsec) the highest ranking wins, then
 * the earliest registered. Every change runs {@code onChange} (the node delivers what it held).
 */
public final class HandlerTable implements RoleHandlers {

    private record Entry(HandlerKey key, Object handler, int ranking, long order) {
    }

    /** What the node thread reads: rebuilt on every change (changes come at bundle rates). */
    private record Snapshot(MobilityHandler[] mobility, List<MobilityHandler> mobilityHandlers,
                            List<List<Icmpv6Handler>> icmpv6,
                            HomeAddressHandler homeAddress, RoutingHeader2Handler routingHeader2,
                            OutboundHandler outbound, PacketProtection protection, boolean[] watchedIcmpv6,
                            boolean protectionClaimed) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<HandlerKey> claimed = ConcurrentHashMap.newKeySet();
    private volatile Snapshot snapshot = build(List.of(), Set.of());
    private volatile Runnable onChange = () -> { };
    private long order;

    /** Runs after every change (on the changing thread; the node hands it to its own). */
    public synchronized void onChange(Runnable r) {
        this.onChange = Objects.requireNonNull(r, "onChange");
    }

    /** Stops calling {@code r} (a node that goes away), unless another node has taken over since. */
    public synchronized void clearOnChange(Runnable r) {
        if (onChange == r) {
            onChange = () -> { };
        }
    }

    public void addMobility(int mhType, MobilityHandler h, int ranking) {
        add(HandlerKey.mobility(checkType(mhType)), h, ranking);
    }

    public void addIcmpv6(int type, Icmpv6Handler h, int ranking) {
        add(HandlerKey.icmpv6(checkType(type)), h, ranking);
    }

    public void addHomeAddress(HomeAddressHandler h, int ranking) {
        add(HandlerKey.HOME_ADDRESS, h, ranking);
    }

    public void addRoutingHeader2(RoutingHeader2Handler h, int ranking) {
        add(HandlerKey.ROUTING_HEADER_2, h, ranking);
    }

    public void addOutbound(OutboundHandler h, int ranking) {
        add(HandlerKey.OUTBOUND, h, ranking);
    }

    public void addProtection(PacketProtection h, int ranking) {
        add(HandlerKey.PROTECTION, h, ranking);
    }

    /** Removes {@code handler} wherever it is registered. */
    public void remove(Object handler) {
        synchronized (entries) {
            if (!entries.removeIf(e -> e.handler() == handler)) {
                return;
            }
            snapshot = build(entries, claimed);
        }
        onChange.run();
    }

    private void add(HandlerKey key, Object h, int ranking) {
        Objects.requireNonNull(h, "handler");
        synchronized (entries) {
            entries.add(new Entry(key, h, ranking, order++));
            if (key.kind() != HandlerKey.Kind.OUTBOUND) { // never held: nothing to claim
                claimed.add(key);
            }
            snapshot = build(entries, claimed);
        }
        onChange.run();
    }

    private static int checkType(int t) {
        if (t < 0 || t > 255) {
            throw new IllegalArgumentException("type must be 0..255, got " + t);
        }
        return t;
    }

    private static Snapshot build(List<Entry> all, Set<HandlerKey> claims) {
        List<Entry> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::order));
        MobilityHandler[] mh = new MobilityHandler[256];
        List<List<Icmpv6Handler>> icmp = new ArrayList<>();
        for (int t = 0; t < 256; t++) {
            icmp.add(new ArrayList<>());
        }
        HomeAddressHandler hao = null;
        RoutingHeader2Handler rh2 = null;
        OutboundHandler outbound = null;
        PacketProtection protection = null;
        for (Entry e : sorted) {
            switch (e.key().kind()) {
                case OUTBOUND -> outbound = outbound == null ? (OutboundHandler) e.handler() : outbound;
                case PROTECTION -> protection = protection == null ? (PacketProtection) e.handler() : protection;
                case MOBILITY -> {
                    if (mh[e.key().type()] == null) {
                        mh[e.key().type()] = (MobilityHandler) e.handler();
                    }
                }
                case ICMPV6 -> icmp.get(e.key().type()).add((Icmpv6Handler) e.handler());
                case HOME_ADDRESS -> hao = hao == null ? (HomeAddressHandler) e.handler() : hao;
                case ROUTING_HEADER_2 -> rh2 = rh2 == null ? (RoutingHeader2Handler) e.handler() : rh2;
            }
        }
        List<List<Icmpv6Handler>> frozen = new ArrayList<>(256);
        for (List<Icmpv6Handler> l : icmp) {
            frozen.add(List.copyOf(l));
        }
        boolean[] watched = new boolean[256];
        for (int t = 0; t < 256; t++) {
            watched[t] = !frozen.get(t).isEmpty() || claims.contains(HandlerKey.icmpv6(t));
        }
        List<MobilityHandler> distinct = new ArrayList<>();
        for (MobilityHandler h : mh) {
            if (h != null && distinct.stream().noneMatch(d -> d == h)) {
                distinct.add(h);
            }
        }
        return new Snapshot(mh, List.copyOf(distinct), List.copyOf(frozen), hao, rh2, outbound, protection, watched,
                claims.contains(HandlerKey.PROTECTION));
    }

    @Override
    public MobilityHandler mobility(int mhType) {
        return mhType < 0 || mhType > 255 ? null : snapshot.mobility()[mhType];
    }

    @Override
    public boolean handlesMobility() {
        return !snapshot.mobilityHandlers().isEmpty();
    }

    @Override
    public List<MobilityHandler> mobilityHandlers() {
        return snapshot.mobilityHandlers();
    }

    @Override
    public List<Icmpv6Handler> icmpv6(int type) {
        return type < 0 || type > 255 ? List.of() : snapshot.icmpv6().get(type);
    }

    @Override
    public HomeAddressHandler homeAddress() {
        return snapshot.homeAddress();
    }

    @Override
    public RoutingHeader2Handler routingHeader2() {
        return snapshot.routingHeader2();
    }

    @Override
    public OutboundHandler outbound() {
        return snapshot.outbound();
    }

    @Override
    public PacketProtection protection() {
        return snapshot.protection();
    }

    @Override
    public boolean claimed(HandlerKey key) {
        if (key == HandlerKey.PROTECTION) {
            return snapshot.protectionClaimed(); // asked for every packet (Ipsec.active)
        }
        return claimed.contains(key);
    }

    @Override
    public void release(HandlerKey key) {
        synchronized (entries) {
            claimed.remove(key);
            snapshot = build(entries, claimed);
        }
    }

    @Override
    public boolean watchesIcmpv6(int type) {
        return type >= 0 && type < 256 && snapshot.watchedIcmpv6()[type];
    }

    /** What is registered, for the shell: one line per handler. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        synchronized (entries) {
            for (Entry e : entries) {
                out.add(e.key() + " -> " + e.handler().getClass().getName()
                        + " (ranking " + e.ranking() + ")");
            }
        }
        return out;
    }
}
