package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.mip6.net.AddressSlots;
import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.Checksum;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.NdOption;
import org.mip6.wire.icmp.Icmpv6Message.NeighborAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation;
import org.mip6.wire.Payload;

/**
 * Proxy Neighbor Discovery for addresses of other nodes (RFC 6275 §10.4.1: a home agent answers for
 * the home addresses of mobile nodes away from home), and Duplicate Address Detection on their behalf
 * before it starts (§10.3.1, RFC 4862 §5.4). The entries stay while the role that made them is being
 * replaced, so the data path keeps working. A home agent may proxy a million addresses: per interface
 * they are an {@link AddressSlots} table hashed by solicited-node group (16 bytes and a few of index
 * each), which also answers which groups the interface listens to; the few DADs under way are a map.
 */
final class ProxyNd {

    /**
     * Told when the solicited-node groups this interface listens to for others' addresses may have changed, so that
     * MLD reports them (RFC 4861 §7.2.8: a proxy MUST join the solicited-node groups of the addresses it proxies).
     */
    interface GroupListener {
        /**
         * The group with these low 24 bits was joined ({@code joined}: an address proxied or under DAD has it now) or
         * may have been left on {@code i}; reported after the current instant's work, the last state of each group.
         */
        void touched(Iface i, int low24, boolean joined);

        /** Report what was touched on {@code i} now (a DAD probe must follow the join, RFC 4862 §5.4.2). */
        void reportNow(long now, Iface i, List<Transmit> out);
    }

    private GroupListener groups = new GroupListener() {
        @Override
        public void touched(Iface i, int low24, boolean joined) {
        }

        @Override
        public void reportNow(long now, Iface i, List<Transmit> out) {
        }
    };

    void setGroupListener(GroupListener l) {
        groups = l;
    }

    /** A DAD under way for an address. */
    private static final class Dad {
        Consumer<Boolean> outcome;
        int probesLeft;
    }

    private final NdParameters nd;
    private final TimerTable timers;
    private final SourceAddressSelection sources;
    private final Emitter emitter;
    /** Per interface: the proxied addresses. */
    private final List<AddressSlots> proxied = new ArrayList<>();
    /** Per interface: the addresses under DAD, and how many share each solicited-node group (by its low 24 bits). */
    private final List<Map<Ipv6Address, Dad>> dads = new ArrayList<>();
    private final List<IntCounts> dadGroups = new ArrayList<>();
    /**
     * By interface index: the last unsolicited NA as encoded, and its source; the next differs in its
     * target and checksum. Made when a node first proxies (most nodes never do).
     */
    private byte[][] lastAdvertisement = NO_FRAMES;
    private Ipv6Address[] lastAdvertisementSource = NO_SOURCES;
    private static final byte[][] NO_FRAMES = {};
    private static final Ipv6Address[] NO_SOURCES = {};

    ProxyNd(NdParameters nd, TimerTable timers, SourceAddressSelection sources, Emitter emitter) {
        this.nd = nd;
        this.timers = timers;
        this.sources = sources;
        this.emitter = emitter;
    }

    void addInterface() {
        proxied.add(AddressSlots.bySolicitedNodeGroup(2));
        dads.add(new LinkedHashMap<>());
        dadGroups.add(new IntCounts());
    }

    /** Starts answering for {@code address} with an unsolicited NA, Router clear and Override set, to all-nodes (RFC 6275 §10.4.1). */
    void add(long now, Iface i, Ipv6Address address, List<Transmit> out) {
        Dad d = dads.get(i.index).get(address);
        if (d != null) {
            timers.cancel(TimerKind.PROXY_DAD, i.index, address);
            finishDad(i, address, d, false); // the role decided before DAD ended: its DAD is void
        }
        AddressSlots p = proxied.get(i.index);
        if (p.find(address.high(), address.low()) < 0) {
            p.add(address.high(), address.low());
            groups.touched(i, group(address), true);
        }
        Ipv6Address src = sources.select(i, Ipv6Address.ALL_NODES);
        if (i.up && src != null) {
            advertise(i, src, address, out);
        }
    }

    /**
     * The unsolicited NA for {@code target}: the codec encodes one; the next from the same source is
     * that frame with the target and the checksum written again (a home agent sends one per new binding).
     */
    private void advertise(Iface i, Ipv6Address src, Ipv6Address target, List<Transmit> out) {
        if (i.index >= lastAdvertisement.length) {
            lastAdvertisement = Arrays.copyOf(lastAdvertisement, i.index + 1);
            lastAdvertisementSource = Arrays.copyOf(lastAdvertisementSource, i.index + 1);
        }
        byte[] last = lastAdvertisement[i.index];
        if (last == null || !src.equals(lastAdvertisementSource[i.index])) {
            byte[] frame = PacketCodec.encodeEthernet(EthernetFrame.ipv6(MacAddress.ofMulticast(Ipv6Address.ALL_NODES), i.mac,
                    Ipv6Packet.of(src, Ipv6Address.ALL_NODES, 255,
                            // RFC 6275 §10.4.1: on behalf of a mobile node (a host): Router clear, Override set
                            new Payload.Icmpv6(new NeighborAdvertisement(false, false, true, target,
                                    List.of(new NdOption.TargetLinkLayerAddress(i.mac)))))));
            lastAdvertisement[i.index] = frame.clone(); // the frame itself is handed over
            lastAdvertisementSource[i.index] = src;
            emitter.emitFrame(i, frame, out);
            return;
        }
        byte[] frame = last.clone();
        int icmp = PacketCodec.ETHERNET_HEADER_LENGTH + PacketCodec.IPV6_HEADER_LENGTH;
        target.write(frame, icmp + 8);
        Wire.put16(frame, icmp + 2, 0);
        Wire.put16(frame, icmp + 2, Checksum.compute(src, Ipv6Address.ALL_NODES, Wire.ICMPV6, frame, icmp,
                Wire.u16(frame, PacketCodec.ETHERNET_HEADER_LENGTH + 4)));
        emitter.emitFrame(i, frame, out);
    }

    /** Reads where {@code address} is or would be proxied, on every interface ({@link AddressSlots#prefetch}). */
    void prefetch(Ipv6Address address) {
        for (int k = 0; k < proxied.size(); k++) {
            proxied.get(k).prefetch(address.high(), address.low());
        }
    }

    void remove(Iface i, Ipv6Address address) {
        AddressSlots p = proxied.get(i.index);
        int e = p.find(address.high(), address.low());
        if (e >= 0) {
            p.remove(e);
            groups.touched(i, group(address), joinedSolicitedNode(i, group(address)));
            return;
        }
        Dad d = dads.get(i.index).remove(address);
        if (d != null) {
            dadGroups.get(i.index).decrement(group(address));
            groups.touched(i, group(address), joinedSolicitedNode(i, group(address)));
            timers.cancel(TimerKind.PROXY_DAD, i.index, address);
            call(d.outcome, false);
        }
    }

    /**
     * DAD for another node's address (RFC 4862 §5.4.2 probes from the unspecified address, no delay):
     * {@code outcome} gets true when no node answered within RetransTimer after the last probe, false
     * when one claimed it (an NA, or a DAD probe of its own) or the interface went down. While it
     * runs the address is not answered for. An address already proxied is unique at once.
     */
    void detectDuplicate(long now, Iface i, Ipv6Address address, Consumer<Boolean> outcome, List<Transmit> out) {
        if (proxies(i, address)) {
            call(outcome, true);
            return;
        }
        Map<Ipv6Address, Dad> m = dads.get(i.index);
        Dad d = m.get(address);
        if (d != null) {
            call(d.outcome, false); // superseded by the new request
        } else {
            d = new Dad();
            m.put(address, d);
            dadGroups.get(i.index).increment(group(address));
            groups.touched(i, group(address), true);
        }
        d.outcome = outcome;
        d.probesLeft = nd.dupAddrDetectTransmits();
        if (!i.up) {
            finishDad(i, address, d, false);
            return;
        }
        groups.reportNow(now, i, out); // joined before the first probe (RFC 4862 §5.4.2)
        dadTimer(now, i, address, out);
    }

    void dadTimer(long now, Iface i, Ipv6Address address, List<Transmit> out) {
        Dad d = dads.get(i.index).get(address);
        if (d == null) {
            return;
        }
        if (d.probesLeft > 0) {
            d.probesLeft--;
            Ipv6Address group = address.solicitedNodeMulticast();
            emitter.emit(i, MacAddress.ofMulticast(group), Ipv6Packet.of(Ipv6Address.UNSPECIFIED, group, 255,
                    new Payload.Icmpv6(new NeighborSolicitation(address, List.of()))), out);
            timers.set(now + i.retransTimer(nd), TimerKind.PROXY_DAD, i.index, address);
            return;
        }
        finishDad(i, address, d, true); // unique; it is proxied once the role says so
    }

    /** Whether DAD is running for {@code address} on {@code i}. */
    boolean tentative(Iface i, Ipv6Address address) {
        return dads.get(i.index).containsKey(address);
    }

    /** Another node claimed an address under DAD (its NA or its own DAD probe, RFC 4862 §5.4.3-5.4.4). */
    void duplicate(Iface i, Ipv6Address address) {
        Dad d = dads.get(i.index).get(address);
        if (d != null) {
            timers.cancel(TimerKind.PROXY_DAD, i.index, address);
            finishDad(i, address, d, false);
        }
    }

    /** The link went down: running DADs fail (proxied entries stay, the role owns them). */
    void linkDown(Iface i) {
        for (Map.Entry<Ipv6Address, Dad> e : new ArrayList<>(dads.get(i.index).entrySet())) {
            finishDad(i, e.getKey(), e.getValue(), false);
        }
    }

    private void finishDad(Iface i, Ipv6Address address, Dad d, boolean unique) {
        dads.get(i.index).remove(address);
        dadGroups.get(i.index).decrement(group(address));
        // left only if the role does not proxy it now (it learns the outcome next, within this instant)
        groups.touched(i, group(address), joinedSolicitedNode(i, group(address)));
        call(d.outcome, unique);
    }

    private static void call(Consumer<Boolean> outcome, boolean unique) {
        outcome.accept(unique);
    }

    private static int group(Ipv6Address address) {
        return (int) address.low() & 0xffffff;
    }

    /** Whether {@code address} is proxied (answered for) on {@code i}. */
    boolean proxies(Iface i, Ipv6Address address) {
        return proxied.get(i.index).find(address.high(), address.low()) >= 0;
    }

    /** Whether {@code group} is the solicited-node group of an address proxied or under DAD on {@code i}. */
    boolean listensTo(Iface i, Ipv6Address group) {
        return isSolicitedNodeGroup(group) && joinedSolicitedNode(i, (int) group.low() & 0xffffff);
    }

    private static final long SOLICITED_HIGH = 0xff02_0000_0000_0000L;
    private static final long SOLICITED_LOW = 0x0000_0001_ff00_0000L;

    /** Whether {@code group} is a solicited-node multicast group: in ff02::1:ff00:0/104 (RFC 4291 §2.7.1). */
    static boolean isSolicitedNodeGroup(Ipv6Address group) {
        return group.high() == SOLICITED_HIGH && (group.low() & 0xffff_ffff_ff00_0000L) == SOLICITED_LOW;
    }

    /** The solicited-node multicast group with these low 24 bits. */
    static Ipv6Address solicitedNodeGroup(int low24) {
        return Ipv6Address.of(SOLICITED_HIGH, SOLICITED_LOW | low24 & 0xffffff);
    }

    /** Whether the solicited-node group with these low 24 bits is one of a proxied address (the MAC filter). */
    boolean joinedSolicitedNode(Iface i, int low24) {
        return proxied.get(i.index).firstInSolicitedNodeGroup(low24) >= 0 || dadGroups.get(i.index).contains(low24);
    }

    /** Every solicited-node group (low 24 bits, possibly repeated) of an address proxied or under DAD on {@code i}. */
    void forEachGroup(Iface i, java.util.function.IntConsumer each) {
        AddressSlots p = proxied.get(i.index);
        for (int e = p.next(0); e >= 0; e = p.next(e + 1)) {
            each.accept((int) p.low(e) & 0xffffff);
        }
        for (Ipv6Address a : dads.get(i.index).keySet()) {
            each.accept(group(a));
        }
    }

    List<Ipv6Address> entries(int iface) {
        AddressSlots p = proxied.get(iface);
        List<Ipv6Address> out = new ArrayList<>(p.size());
        for (int e = p.next(0); e >= 0; e = p.next(e + 1)) {
            out.add(p.address(e));
        }
        return out;
    }

    int size(int iface) {
        return proxied.get(iface).size() + dads.get(iface).size();
    }
}
