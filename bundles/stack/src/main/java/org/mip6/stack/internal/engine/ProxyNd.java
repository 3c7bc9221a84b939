package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.icmp.NdOption;
import org.mip6.wire.icmp.Icmpv6Message.NeighborAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation;
import org.mip6.wire.Payload;

/**
 * Proxy Neighbor Discovery for addresses of other nodes (RFC 6275 §10.4.1: a home agent answers for
 * the home addresses of mobile nodes away from home), and Duplicate Address Detection on their behalf
 * before it starts (§10.3.1, RFC 4862 §5.4). The entries stay while the role that made them is being
 * replaced, so the data path keeps working. Lookups are by hash: a home agent may proxy a million
 * addresses.
 */
final class ProxyNd {

    /** A proxied address ({@link #PROXIED}, shared), or one whose DAD is running ({@code outcome} non-null). */
    private static final class Entry {
        Consumer<Boolean> outcome;
        int probesLeft;
    }

    private static final Entry PROXIED = new Entry();

    private final NdParameters nd;
    private final TimerTable timers;
    private final SourceAddressSelection sources;
    private final Emitter emitter;
    private final List<Map<Ipv6Address, Entry>> byIface = new ArrayList<>();
    /** Per interface: how many entries share each solicited-node group (by its low 24 bits). */
    private final List<IntCounts> groups = new ArrayList<>();

    ProxyNd(NdParameters nd, TimerTable timers, SourceAddressSelection sources, Emitter emitter) {
        this.nd = nd;
        this.timers = timers;
        this.sources = sources;
        this.emitter = emitter;
    }

    void addInterface() {
        byIface.add(new HashMap<>());
        groups.add(new IntCounts());
    }

    /** Starts answering for {@code address} with an unsolicited NA, Router clear and Override set, to all-nodes (RFC 6275 §10.4.1). */
    void add(long now, Iface i, Ipv6Address address, List<Transmit> out) {
        Entry e = byIface.get(i.index).get(address);
        if (e != null && e.outcome != null) {
            timers.cancel(TimerKind.PROXY_DAD, i.index, address);
            finishDad(i, address, e, false); // the role decided before DAD ended: its DAD is void
            e = null;
        }
        if (e == null) {
            put(i, address, PROXIED);
        }
        Ipv6Address src = sources.select(i, Ipv6Address.ALL_NODES);
        if (i.up && src != null) {
            emitter.emit(i, MacAddress.ofMulticast(Ipv6Address.ALL_NODES), Ipv6Packet.of(src, Ipv6Address.ALL_NODES, 255,
                    // RFC 6275 §10.4.1: on behalf of a mobile node (a host): Router clear, Override set
                    new Payload.Icmpv6(new NeighborAdvertisement(false, false, true, address,
                            List.of(new NdOption.TargetLinkLayerAddress(i.mac))))), out);
        }
    }

    void remove(Iface i, Ipv6Address address) {
        Entry e = byIface.get(i.index).remove(address);
        if (e != null) {
            leave(i, address);
            if (e.outcome != null) {
                timers.cancel(TimerKind.PROXY_DAD, i.index, address);
                call(e.outcome, false);
            }
        }
    }

    /**
     * DAD for another node's address (RFC 4862 §5.4.2 probes from the unspecified address, no delay):
     * {@code outcome} gets true when no node answered within RetransTimer after the last probe, false
     * when one claimed it (an NA, or a DAD probe of its own) or the interface went down. While it
     * runs the address is not answered for. An address already proxied is unique at once.
     */
    void detectDuplicate(long now, Iface i, Ipv6Address address, Consumer<Boolean> outcome, List<Transmit> out) {
        Map<Ipv6Address, Entry> m = byIface.get(i.index);
        Entry e = m.get(address);
        if (e != null && e.outcome == null) {
            call(outcome, true);
            return;
        }
        if (e != null) {
            call(e.outcome, false); // superseded by the new request
        } else {
            e = new Entry();
            put(i, address, e);
        }
        e.outcome = outcome;
        e.probesLeft = nd.dupAddrDetectTransmits();
        if (!i.up) {
            finishDad(i, address, e, false);
            return;
        }
        dadTimer(now, i, address, out);
    }

    void dadTimer(long now, Iface i, Ipv6Address address, List<Transmit> out) {
        Entry e = byIface.get(i.index).get(address);
        if (e == null || e.outcome == null) {
            return;
        }
        if (e.probesLeft > 0) {
            e.probesLeft--;
            Ipv6Address group = address.solicitedNodeMulticast();
            emitter.emit(i, MacAddress.ofMulticast(group), Ipv6Packet.of(Ipv6Address.UNSPECIFIED, group, 255,
                    new Payload.Icmpv6(new NeighborSolicitation(address, List.of()))), out);
            timers.set(now + nd.retransTimerNanos(), TimerKind.PROXY_DAD, i.index, address);
            return;
        }
        Consumer<Boolean> o = e.outcome;
        e.outcome = null; // unique; it is proxied once the role says so
        byIface.get(i.index).remove(address);
        leave(i, address);
        call(o, true);
    }

    /** Whether DAD is running for {@code address} on {@code i}. */
    boolean tentative(Iface i, Ipv6Address address) {
        Entry e = byIface.get(i.index).get(address);
        return e != null && e.outcome != null;
    }

    /** Another node claimed an address under DAD (its NA or its own DAD probe, RFC 4862 §5.4.3-5.4.4). */
    void duplicate(Iface i, Ipv6Address address) {
        Entry e = byIface.get(i.index).get(address);
        if (e != null && e.outcome != null) {
            timers.cancel(TimerKind.PROXY_DAD, i.index, address);
            finishDad(i, address, e, false);
        }
    }

    /** The link went down: running DADs fail (proxied entries stay, the role owns them). */
    void linkDown(Iface i) {
        List<Ipv6Address> running = new ArrayList<>();
        byIface.get(i.index).forEach((a, e) -> {
            if (e.outcome != null) {
                running.add(a);
            }
        });
        for (Ipv6Address a : running) {
            finishDad(i, a, byIface.get(i.index).get(a), false);
        }
    }

    private void finishDad(Iface i, Ipv6Address address, Entry e, boolean unique) {
        Consumer<Boolean> o = e.outcome;
        e.outcome = null;
        byIface.get(i.index).remove(address);
        leave(i, address);
        call(o, unique);
    }

    private static void call(Consumer<Boolean> outcome, boolean unique) {
        outcome.accept(unique);
    }

    private void put(Iface i, Ipv6Address address, Entry e) {
        byIface.get(i.index).put(address, e);
        groups.get(i.index).increment((int) address.low() & 0xffffff);
    }

    private void leave(Iface i, Ipv6Address address) {
        groups.get(i.index).decrement((int) address.low() & 0xffffff);
    }

    /** Whether {@code address} is proxied (answered for) on {@code i}. */
    boolean proxies(Iface i, Ipv6Address address) {
        Entry e = byIface.get(i.index).get(address);
        return e != null && e.outcome == null;
    }

    /** Whether {@code group} is the solicited-node group of an address proxied or under DAD on {@code i}. */
    boolean listensTo(Iface i, Ipv6Address group) {
        return group.high() == SOLICITED_HIGH && (group.low() & 0xffff_ffff_ff00_0000L) == SOLICITED_LOW
                && joinedSolicitedNode(i, (int) group.low() & 0xffffff);
    }

    private static final long SOLICITED_HIGH = 0xff02_0000_0000_0000L;
    private static final long SOLICITED_LOW = 0x0000_0001_ff00_0000L;

    /** Whether the solicited-node group with these low 24 bits is one of a proxied address (the MAC filter). */
    boolean joinedSolicitedNode(Iface i, int low24) {
        return groups.get(i.index).contains(low24);
    }

    List<Ipv6Address> entries(int iface) {
        List<Ipv6Address> out = new ArrayList<>();
        byIface.get(iface).forEach((a, e) -> {
            if (e.outcome == null) {
                out.add(a);
            }
        });
        return out;
    }

    int size(int iface) {
        return byIface.get(iface).size();
    }
}
