package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.Icmpv6Message.NeighborAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation;
import org.mip6.wire.icmp.NdOption;

/**
 * Address resolution and Neighbor Unreachability Detection (RFC 4861 §7): the neighbour cache per
 * interface, packets queued while a neighbour resolves, NS and NA processing (answers for our own
 * addresses, DAD defence, proxied addresses), and one NUD timer per neighbour.
 */
final class NeighborCache {

    /** What the cache tells the rest of the node. */
    interface Listener {
        /** A neighbour stopped being a router (its NA cleared the R flag, RFC 4861 §7.2.5) or is unreachable. */
        void routerLost(long now, Iface i, Ipv6Address router, boolean unreachable);

        /** Address resolution failed for a queued packet this node did not originate (RFC 4861 §7.2.2). */
        void unreachable(long now, Ipv6Packet packet, List<Transmit> out);
    }

    private final NdParameters nd;
    private final TimerTable timers;
    private final Emitter emitter;
    private final NodeCounters counters;
    private final AddressTable addresses;
    private final SourceAddressSelection sources;
    private final ProxyNd proxy;
    private final List<Map<Ipv6Address, Neighbor>> byIface = new ArrayList<>();
    private Listener listener;

    NeighborCache(NdParameters nd, TimerTable timers, Emitter emitter, NodeCounters counters, AddressTable addresses,
                  SourceAddressSelection sources, ProxyNd proxy) {
        this.nd = nd;
        this.timers = timers;
        this.emitter = emitter;
        this.counters = counters;
        this.addresses = addresses;
        this.sources = sources;
        this.proxy = proxy;
    }

    void setListener(Listener listener) {
        this.listener = listener;
    }

    void addInterface() {
        byIface.add(new LinkedHashMap<>());
    }

    Neighbor get(int iface, Ipv6Address a) {
        return byIface.get(iface).get(a);
    }

    List<Neighbor> entries(int iface) {
        return List.copyOf(byIface.get(iface).values());
    }

    /** The link went down: every neighbour is forgotten, what waited for one is dropped. */
    void linkDown(Iface i) {
        Map<Ipv6Address, Neighbor> m = byIface.get(i.index);
        for (Neighbor n : m.values()) {
            counters.drop(Drop.ADDRESS_UNREACHABLE, n.queue.size());
            timers.cancel(TimerKind.NEIGHBOR, i.index, n.address);
        }
        m.clear();
    }

    /** Sends {@code p} to {@code nextHop} on {@code i}, resolving its link-layer address first if needed (RFC 4861 §7.2.2). */
    void resolveAndSend(long now, Iface i, Ipv6Address nextHop, Ipv6Packet p, List<Transmit> out) {
        if (nextHop.isMulticast()) {
            emitter.emit(i, MacAddress.ofMulticast(nextHop), p, out);
            return;
        }
        AddressEntry own = addresses.own(i, nextHop);
        if (own != null && !own.away) {
            // one of our own addresses: received here, never resolved on the link (no entry for ourselves)
            if (AddressTable.receives(own, nd.optimisticDad())) {
                emitter.loopback(i, p, out);
            } else {
                counters.drop(Drop.ADDRESS_UNREACHABLE, 1); // tentative or duplicate: it receives nothing (RFC 4862 §5.4)
            }
            return;
        }
        Map<Ipv6Address, Neighbor> m = byIface.get(i.index);
        Neighbor n = m.get(nextHop);
        if (n == null) {
            n = new Neighbor(nextHop);
            n.state = NudState.INCOMPLETE;
            m.put(nextHop, n);
            n.queue.add(p);
            n.probes = 1;
            sendNs(now, i, nextHop, true, out);
            timers.set(now + i.retransTimer(nd), TimerKind.NEIGHBOR, i.index, nextHop);
            return;
        }
        switch (n.state) {
            case INCOMPLETE -> {
                if (n.queue.size() >= nd.maxQueuedPerNeighbor()) {
                    n.queue.poll();
                    counters.drop(Drop.QUEUE_FULL, 1);
                }
                n.queue.add(p);
            }
            case STALE -> {
                n.state = NudState.DELAY; // RFC 4861 §7.3.3
                timers.set(now + nd.delayFirstProbeNanos(), TimerKind.NEIGHBOR, i.index, nextHop);
                emitter.emit(i, n.mac, p, out);
            }
            default -> emitter.emit(i, n.mac, p, out);
        }
    }

    /**
     * The link-layer address to send to {@code nextHop} now, with what sending does to its NUD state
     * (a STALE neighbour goes to DELAY, RFC 4861 §7.3.3); null when it must be resolved first (send
     * through {@link #resolveAndSend} then).
     */
    MacAddress macForSending(long now, Iface i, Ipv6Address nextHop) {
        Neighbor n = byIface.get(i.index).get(nextHop);
        if (n == null || n.state == NudState.INCOMPLETE) {
            return null;
        }
        if (n.state == NudState.STALE) {
            n.state = NudState.DELAY;
            timers.set(now + nd.delayFirstProbeNanos(), TimerKind.NEIGHBOR, i.index, nextHop);
        }
        return n.mac;
    }

    /** An ND message to {@code dst} on {@code i}: multicast at once, unicast through resolution. */
    void sendOnLink(long now, Iface i, Ipv6Address src, Ipv6Address dst, int hopLimit, Icmpv6Message m,
                    List<Transmit> out) {
        Ipv6Packet p = Ipv6Packet.of(src, dst, hopLimit, new Payload.Icmpv6(m));
        if (dst.isMulticast()) {
            emitter.emit(i, MacAddress.ofMulticast(dst), p, out);
        } else {
            resolveAndSend(now, i, dst, p, out);
        }
    }

    private void sendNs(long now, Iface i, Ipv6Address target, boolean multicast, List<Transmit> out) {
        Ipv6Address src = sources.select(i, target);
        if (src == null) {
            return;
        }
        AddressEntry own = addresses.own(i, src);
        boolean unspecified = own != null && own.returning; // RFC 6275 §11.5.5: the home agent still defends it
        if (unspecified) {
            src = Ipv6Address.UNSPECIFIED;
            multicast = true;
        }
        Ipv6Address dst = multicast ? target.solicitedNodeMulticast() : target;
        Ipv6Packet p = Ipv6Packet.of(src, dst, 255, new Payload.Icmpv6(new NeighborSolicitation(target,
                unspecified ? List.of() : List.of(new NdOption.SourceLinkLayerAddress(i.mac)))));
        if (multicast) {
            emitter.emit(i, MacAddress.ofMulticast(dst), p, out);
        } else {
            Neighbor n = get(i.index, target);
            emitter.emit(i, n != null && n.mac != null ? n.mac : MacAddress.ofMulticast(target.solicitedNodeMulticast()), p, out);
        }
    }

    /** RFC 4861 §7.2.3-7.2.4 (and RFC 4862 §5.4.3 for DAD probes, RFC 6275 §10.4.1 for proxied addresses). */
    void onNs(long now, Iface i, Ipv6Packet p, NeighborSolicitation ns, List<Transmit> out) {
        if (p.hopLimit() != 255 || ns.target().isMulticast()) {
            counters.drop(Drop.HOP_LIMIT_NOT_255, 1); // RFC 4861 §7.1.1
            return;
        }
        AddressEntry own = addresses.own(i, ns.target());
        if (own != null && own.away) {
            return; // a home address away from home is not on this link (RFC 6275 §11)
        }
        boolean proxied = own == null && proxy.proxies(i, ns.target());
        if (own == null && !proxied) {
            if (p.source().isUnspecified() && proxy.tentative(i, ns.target())) {
                proxy.duplicate(i, ns.target()); // another node's DAD for an address we probe for (RFC 4862 §5.4.3)
            }
            return;
        }
        boolean optimistic = false;
        if (own != null && own.state == AddressState.TENTATIVE) {
            if (p.source().isUnspecified()) {
                addresses.duplicate(now, i, own); // someone else is doing DAD for it (RFC 4862 §5.4.3)
                return;
            }
            if (!nd.optimisticDad()) {
                return;
            }
            optimistic = true; // RFC 4429 §3.3: answer, but without the Override flag
        }
        if (own != null && own.state == AddressState.DUPLICATE) {
            return;
        }
        MacAddress sllao = sourceLinkLayer(ns.options());
        if (p.source().isUnspecified() && own != null && own.anycast) {
            return; // others may hold an anycast address too: nothing to defend
        }
        if (p.source().isUnspecified()) {
            // DAD probe for an address we own or proxy: defend it (RFC 4862 §5.4.3) to all-nodes; for a
            // proxied (mobile node's) address the Router flag is clear (RFC 6275 §10.4.1)
            sendOnLink(now, i, ns.target(), Ipv6Address.ALL_NODES, 255, new NeighborAdvertisement(i.router != null
                    && !proxied, false, true, ns.target(), List.of(new NdOption.TargetLinkLayerAddress(i.mac))), out);
            return;
        }
        if (sllao != null) {
            learn(now, i, p.source(), sllao, false, false, out);
        }
        boolean anycast = own != null && own.anycast;
        Ipv6Address src = proxied || anycast ? sources.select(i, p.source()) : ns.target();
        if (src == null) {
            counters.drop(Drop.DETACHED_SOURCE, 1); // RFC 4861 §7.2.4: the NA's source is an address of the interface; none usable yet
            return;
        }
        Ipv6Packet na = Ipv6Packet.of(src, p.source(), 255, new Payload.Icmpv6(new NeighborAdvertisement(
                i.router != null && !proxied, true, !proxied && !optimistic && !anycast, ns.target(),
                List.of(new NdOption.TargetLinkLayerAddress(i.mac)))));
        Neighbor n = get(i.index, p.source());
        emitter.emit(i, n != null && n.mac != null ? n.mac : sllao != null && !sllao.isMulticast() ? sllao
                : MacAddress.ofMulticast(p.source().solicitedNodeMulticast()), na, out);
    }

    /** RFC 4861 §7.2.5: an NA completes resolution or updates the entry; for a tentative address of ours it is a duplicate. */
    void onNa(long now, Iface i, Ipv6Packet p, NeighborAdvertisement na, List<Transmit> out) {
        if (p.hopLimit() != 255) {
            counters.drop(Drop.HOP_LIMIT_NOT_255, 1);
            return;
        }
        AddressEntry own = addresses.own(i, na.target());
        if (own != null) {
            if (own.state == AddressState.TENTATIVE && !own.home) {
                addresses.duplicate(now, i, own);
            }
            return;
        }
        if (proxy.tentative(i, na.target())) {
            proxy.duplicate(i, na.target()); // the address is in use (RFC 4862 §5.4.4)
            return;
        }
        MacAddress tllao = null;
        for (NdOption o : na.options()) {
            if (o instanceof NdOption.TargetLinkLayerAddress t) {
                tllao = t.address();
            }
        }
        if (tllao != null && tllao.isMulticast()) {
            counters.drop(Drop.ND_GROUP_LINK_ADDRESS, 1); // no neighbour has a group address
            return;
        }
        Neighbor n = get(i.index, na.target());
        if (n == null) {
            return; // no entry, nothing to update
        }
        if (n.state == NudState.INCOMPLETE) {
            if (tllao == null) {
                return;
            }
            n.mac = tllao;
            n.router = na.router();
            setReachableOrStale(now, i, n, na.solicited());
            flush(i, n, out);
            return;
        }
        boolean changed = tllao != null && !tllao.equals(n.mac);
        if (!na.override() && changed) {
            if (n.state == NudState.REACHABLE) {
                stale(i, n);
            }
            return;
        }
        if (tllao != null) {
            n.mac = tllao;
        }
        if (na.solicited()) {
            setReachableOrStale(now, i, n, true);
        } else if (changed) {
            stale(i, n);
        }
        if (n.router && !na.router()) {
            listener.routerLost(now, i, n.address, false);
        }
        n.router = na.router();
    }

    /**
     * An upper layer's confirmation of forward progress (RFC 4861 §7.3.1): an entry with a link-layer address
     * becomes REACHABLE; none is made, and an INCOMPLETE one waits for its advertisement (§7.3.3).
     */
    void confirm(long now, Iface i, Ipv6Address neighbor) {
        Neighbor n = get(i.index, neighbor);
        if (n != null && n.state != NudState.INCOMPLETE) {
            setReachableOrStale(now, i, n, true);
        }
    }

    private void stale(Iface i, Neighbor n) {
        n.state = NudState.STALE;
        timers.cancel(TimerKind.NEIGHBOR, i.index, n.address);
    }

    private void setReachableOrStale(long now, Iface i, Neighbor n, boolean reachable) {
        if (reachable) {
            n.state = NudState.REACHABLE;
            n.probes = 0;
            timers.set(now + i.reachableTime(now, nd), TimerKind.NEIGHBOR, i.index, n.address);
        } else {
            stale(i, n);
        }
    }

    private void flush(Iface i, Neighbor n, List<Transmit> out) {
        Ipv6Packet q;
        while ((q = n.queue.poll()) != null) {
            emitter.emit(i, n.mac, q, out);
        }
    }

    /**
     * Learns a link-layer address from a Source Link-Layer Address option (RFC 4861 §7.2.3, §6.3.4):
     * a new entry is STALE; an INCOMPLETE one becomes STALE and what waited for it leaves at once.
     */
    void learn(long now, Iface i, Ipv6Address ip, MacAddress mac, boolean router, boolean isRouterKnown,
               List<Transmit> out) {
        if (mac.isMulticast()) {
            counters.drop(Drop.ND_GROUP_LINK_ADDRESS, 1); // no neighbour has a group address
            return;
        }
        Map<Ipv6Address, Neighbor> m = byIface.get(i.index);
        Neighbor n = m.get(ip);
        if (n == null) {
            n = new Neighbor(ip);
            n.mac = mac;
            n.state = NudState.STALE;
            m.put(ip, n);
        } else if (n.state == NudState.INCOMPLETE) {
            n.mac = mac;
            n.state = NudState.STALE;
            flush(i, n, out);
        } else if (!mac.equals(n.mac)) {
            n.mac = mac;
            stale(i, n);
        }
        if (isRouterKnown) {
            n.router = router;
        }
    }

    /** The neighbour's NUD timer: what it means depends on the state (RFC 4861 §7.3.3, Appendix C). */
    void onTimer(long now, Iface i, Ipv6Address target, List<Transmit> out) {
        Map<Ipv6Address, Neighbor> m = byIface.get(i.index);
        Neighbor n = m.get(target);
        if (n == null) {
            return;
        }
        switch (n.state) {
            case REACHABLE -> n.state = NudState.STALE;
            case DELAY -> {
                n.state = NudState.PROBE;
                n.probes = 1;
                sendNs(now, i, n.address, false, out);
                timers.set(now + i.retransTimer(nd), TimerKind.NEIGHBOR, i.index, n.address);
            }
            case INCOMPLETE -> {
                if (n.probes < nd.maxMulticastSolicit()) {
                    n.probes++;
                    sendNs(now, i, target, true, out);
                    timers.set(now + i.retransTimer(nd), TimerKind.NEIGHBOR, i.index, target);
                    return;
                }
                // resolution failed (RFC 4861 §7.2.2): address unreachable for what was queued
                counters.drop(Drop.ADDRESS_UNREACHABLE, n.queue.size());
                List<Ipv6Packet> failed = new ArrayList<>(n.queue);
                m.remove(target);
                for (Ipv6Packet p : failed) {
                    if (!addresses.isOwn(p.source())) {
                        listener.unreachable(now, p, out);
                    }
                }
            }
            case PROBE -> {
                if (n.probes < nd.maxUnicastSolicit()) {
                    n.probes++;
                    sendNs(now, i, target, false, out);
                    timers.set(now + i.retransTimer(nd), TimerKind.NEIGHBOR, i.index, target);
                    return;
                }
                m.remove(target);
                if (n.router) {
                    listener.routerLost(now, i, target, true);
                }
            }
            case STALE -> {
            }
        }
    }

    static MacAddress sourceLinkLayer(List<NdOption> options) {
        for (NdOption o : options) {
            if (o instanceof NdOption.SourceLinkLayerAddress s) {
                return s.address();
            }
        }
        return null;
    }
}
