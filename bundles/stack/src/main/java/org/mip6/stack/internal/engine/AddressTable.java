package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.net.MacAddress;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation;

/**
 * The node's unicast addresses per interface and duplicate address detection (RFC 4862 §5.4): an
 * address is TENTATIVE while its probes go out, PREFERRED when none was answered, DUPLICATE when
 * another node claimed it. With optimistic DAD (RFC 4429) a tentative address is usable at once.
 */
final class AddressTable {

    /** Told when DAD of an address completes (a router's interface can advertise once its link-local is valid). */
    interface Listener {
        void dadCompleted(long now, Iface i, AddressEntry e);

        /** About to probe for a new address, or to use one without DAD: its solicited-node group is joined now (RFC 4862 §5.4.2). */
        default void joining(long now, Iface i, List<Transmit> out) {
        }

        /** An address went or stopped receiving (a duplicate, expired, removed): the groups of {@code i} may have changed. */
        default void changed(Iface i) {
        }
    }

    private final NdParameters nd;
    private final SplittableRandom random;
    private final TimerTable timers;
    private final Emitter emitter;
    private final NodeEvents events;
    private final List<List<AddressEntry>> byIface = new ArrayList<>();
    private Listener listener = (now, i, e) -> { };

    AddressTable(NdParameters nd, SplittableRandom random, TimerTable timers, Emitter emitter, NodeEvents events) {
        this.nd = nd;
        this.random = random;
        this.timers = timers;
        this.emitter = emitter;
        this.events = events;
    }

    void setListener(Listener listener) {
        this.listener = listener;
    }

    /** A new interface starts with its link-local address (RFC 4862 §5.3). */
    void addInterface(Iface i) {
        List<AddressEntry> l = new ArrayList<>();
        l.add(new AddressEntry(i.linkLocal(), 64, false, Long.MAX_VALUE));
        byIface.add(l);
    }

    List<AddressEntry> entries(int iface) {
        return byIface.get(iface);
    }

    /** A static address; DAD starts now if the link is up, else when it comes up. */
    void addStatic(long now, Iface i, Ipv6Address address, int prefixLength, List<Transmit> out) {
        AddressEntry e = new AddressEntry(address, prefixLength, false, Long.MAX_VALUE);
        byIface.get(i.index).add(e);
        if (i.up) {
            startDad(now, i, e, out);
        }
    }

    /**
     * An anycast address (a home agent's Home-Agents anycast address, RFC 2526, RFC 6275 §10.5): usable
     * at once, since DAD does not apply to anycast (RFC 4862 §5.4), and never chosen as a source.
     */
    void addAnycast(Iface i, Ipv6Address address, int prefixLength) {
        if (own(i, address) != null) {
            return;
        }
        AddressEntry e = new AddressEntry(address, prefixLength, false, Long.MAX_VALUE);
        e.anycast = true;
        e.state = AddressState.PREFERRED;
        byIface.get(i.index).add(e);
    }

    /**
     * A mobile node's home address (RFC 6275 §11). Away from home ({@code atHome} false) it is received
     * on (out of the tunnel from the home agent, or through a Type 2 Routing Header) but not on the
     * link: not answered in ND, not defended, not a source. At home it is an ordinary address that
     * skips DAD: the home agent defends it until the deregistration is acknowledged (§11.5.5). Replaces
     * an entry for the same address (the SLAAC one it had at home).
     */
    void setHome(Iface i, Ipv6Address address, int prefixLength, boolean atHome) {
        List<AddressEntry> l = byIface.get(i.index);
        // away, or back home and not yet released (a role that replaced another sets it again): still returning
        boolean returning = l.stream().anyMatch(e -> e.home && (e.away || e.returning) && e.address.equals(address));
        l.removeIf(e -> e.address.equals(address));
        timers.cancel(TimerKind.DAD, i.index, address);
        timers.cancel(TimerKind.ADDRESS_LIFETIME, i.index, address);
        AddressEntry e = new AddressEntry(address, prefixLength, false, Long.MAX_VALUE);
        e.home = true;
        e.away = !atHome;
        e.returning = atHome && returning;
        e.state = AddressState.PREFERRED;
        l.add(e);
        if (atHome) {
            for (AddressEntry ll : l) {
                if (ll.address.isLinkLocal() && ll.address.interfaceId() == address.interfaceId()
                        && ll.state != AddressState.PREFERRED) {
                    // RFC 6275 §11.5.5: registered with L, the home agent defended this link-local address
                    // too until the deregistration; it goes through no DAD (nor fails one against the proxy)
                    timers.cancel(TimerKind.DAD, i.index, ll.address);
                    ll.state = AddressState.PREFERRED;
                }
            }
        }
    }

    /** The home agent acknowledged the return of {@code address} home ({@link AddressEntry#returning}). */
    void releaseHome(Iface i, Ipv6Address address) {
        for (AddressEntry e : byIface.get(i.index)) {
            if (e.home && e.address.equals(address)) {
                e.returning = false;
            }
        }
    }

    void removeHome(Iface i, Ipv6Address address) {
        byIface.get(i.index).removeIf(e -> e.home && e.address.equals(address));
    }

    void removeAnycast(Iface i, Ipv6Address address) {
        byIface.get(i.index).removeIf(e -> e.anycast && e.address.equals(address));
    }

    /** A SLAAC address (RFC 4862 §5.5.3(d)), valid until {@code validUntil}. */
    void addAutoconfigured(long now, Iface i, Ipv6Address address, long validUntil, List<Transmit> out) {
        AddressEntry e = new AddressEntry(address, 64, true, validUntil);
        byIface.get(i.index).add(e);
        armLifetime(i, e);
        startDad(now, i, e, out);
    }

    /** RFC 4862 §5.5.3(e): an RA refreshes a SLAAC address but never cuts it below two hours. */
    void refreshAutoconfigured(long now, Iface i, AddressEntry e, long validUntil) {
        e.validUntil = refreshed(now, e.validUntil, validUntil);
        armLifetime(i, e);
    }

    /**
     * A mobile node's home address at home is an ordinary address there (RFC 6275 §11.5.5): an RA's Prefix
     * Information for its prefix (A set) refreshes its valid lifetime as §5.5.3(e) does a SLAAC address's, so that
     * the node knows what is left of it when it leaves (its first Binding Update asks no more, §11.7.1). It is
     * not removed when that runs out: the role set it, and away from home Mobile Prefix Advertisements tell.
     */
    void refreshHome(long now, Iface i, Ipv6Prefix prefix, long validUntil) {
        for (AddressEntry e : byIface.get(i.index)) {
            if (e.home && !e.away && e.prefixLength == prefix.length() && prefix.contains(e.address)) {
                e.validUntil = refreshed(now, e.validUntil, validUntil);
            }
        }
    }

    /** RFC 4862 §5.5.3(e): the advertised end, unless that is sooner than two hours from now and than the current one. */
    private static long refreshed(long now, long current, long advertised) {
        long twoHours = now + 7200 * NdParameters.SECOND;
        return Math.max(advertised, Math.min(current, twoHours));
    }

    private void armLifetime(Iface i, AddressEntry e) {
        if (e.validUntil != Long.MAX_VALUE) {
            timers.set(e.validUntil, TimerKind.ADDRESS_LIFETIME, i.index, e.address);
        }
    }

    /** ADDRESS_LIFETIME: the SLAAC address's valid lifetime ran out (RFC 4862 §5.5.4). */
    void expire(long now, Iface i, Ipv6Address address) {
        if (byIface.get(i.index).removeIf(a -> a.autoconfigured && a.address.equals(address) && a.validUntil <= now)) {
            listener.changed(i);
        }
    }

    /** The entry for {@code a} on interface {@code i}, or null. */
    AddressEntry own(Iface i, Ipv6Address a) {
        List<AddressEntry> l = byIface.get(i.index);
        for (int k = 0, n = l.size(); k < n; k++) {
            AddressEntry e = l.get(k);
            if (e.address.equals(a)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Whether {@code a} is an address of {@code i} that receives now: not a duplicate, and not tentative
     * unless optimistic (RFC 4862 §5.4, RFC 4429). The view fast paths ask; the general path decides the rest.
     */
    boolean receivesOn(Iface i, Ipv6Address a, boolean optimisticDad) {
        AddressEntry own = own(i, a);
        return own != null && receives(own, optimisticDad);
    }

    /** Whether one of our addresses receives now ({@link #receivesOn} for an entry in hand). */
    static boolean receives(AddressEntry own, boolean optimisticDad) {
        return own.state != AddressState.DUPLICATE && (own.state != AddressState.TENTATIVE || optimisticDad);
    }

    /** Whether any interface has {@code a}, in any state. */
    boolean isOwn(Ipv6Address a) {
        for (List<AddressEntry> l : byIface) {
            for (AddressEntry e : l) {
                if (e.address.equals(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a unicast destination is one of ours (any interface, not a duplicate). */
    boolean isLocalUnicast(Ipv6Address dst) {
        for (int i = 0, n = byIface.size(); i < n; i++) { // per packet: no iterators
            List<AddressEntry> l = byIface.get(i);
            for (int k = 0, m = l.size(); k < m; k++) {
                AddressEntry e = l.get(k);
                if (e.address.equals(dst) && e.state != AddressState.DUPLICATE) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the interface listens to {@code e}'s solicited-node group: not a duplicate, and not a home address away. */
    private static boolean listensFor(AddressEntry e) {
        return e.state != AddressState.DUPLICATE && !e.away;
    }

    /** Adds the solicited-node groups the interface listens to (RFC 4861 §7.2.1) to {@code into}. */
    void solicitedNodeGroups(Iface i, Set<Ipv6Address> into) {
        for (AddressEntry e : byIface.get(i.index)) {
            if (listensFor(e)) {
                into.add(e.address.solicitedNodeMulticast());
            }
        }
    }

    /** Whether {@code group} is the solicited-node group of one of the interface's addresses. */
    boolean listensTo(Iface i, Ipv6Address group) {
        for (AddressEntry e : byIface.get(i.index)) {
            if (listensFor(e) && e.address.solicitedNodeMulticast().equals(group)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a solicited-node group with these low 24 bits (RFC 4291 §2.7.1; its MAC 33:33:ff:xx:xx:xx,
     * RFC 2464 §7) is one the interface joined: the link-layer filter a NIC applies before anything is parsed.
     */
    boolean joinedSolicitedNode(Iface i, int low24) {
        List<AddressEntry> l = byIface.get(i.index);
        for (int k = 0, n = l.size(); k < n; k++) { // per multicast frame and host: no iterator
            AddressEntry e = l.get(k);
            if (((int) e.address.low() & 0xffffff) == low24 && listensFor(e)) {
                return true;
            }
        }
        return false;
    }

    /** As a source: PREFERRED, or TENTATIVE under optimistic DAD; never anycast (RFC 4291 §2.6). */
    boolean usable(AddressEntry e) {
        return !e.anycast && !e.away && e.state == AddressState.PREFERRED || e.state == AddressState.TENTATIVE && nd.optimisticDad();
    }

    List<Ipv6Address> usableAddresses(int iface) {
        List<Ipv6Address> out = new ArrayList<>();
        for (AddressEntry e : byIface.get(iface)) {
            if (usable(e)) {
                out.add(e.address);
            }
        }
        return out;
    }

    /** The link came up: DAD for every address. */
    void linkUp(long now, Iface i, List<Transmit> out) {
        for (AddressEntry e : byIface.get(i.index)) {
            if (!e.anycast && !e.home) {
                startDad(now, i, e, out);
            }
        }
    }

    /** The link went down: SLAAC addresses go, static ones wait for DAD again. */
    void linkDown(Iface i) {
        List<AddressEntry> l = byIface.get(i.index);
        l.removeIf(a -> a.autoconfigured);
        for (AddressEntry e : l) {
            if (e.anycast || e.home) {
                continue;
            }
            e.state = AddressState.TENTATIVE;
            timers.cancel(TimerKind.DAD, i.index, e.address);
        }
    }

    private void startDad(long now, Iface i, AddressEntry e, List<Transmit> out) {
        if (nd.dupAddrDetectTransmits() == 0) {
            e.state = AddressState.PREFERRED;
            listener.joining(now, i, out);
            events.addressReady(now, i.index, e.address);
            return;
        }
        e.state = AddressState.TENTATIVE;
        e.probesLeft = nd.dupAddrDetectTransmits();
        long delay = nd.maxRtrSolicitationDelayNanos() > 0 ? random.nextLong(nd.maxRtrSolicitationDelayNanos()) : 0;
        timers.set(now + delay, TimerKind.DAD, i.index, e.address);
    }

    /** DAD: send the next probe (RFC 4862 §5.4.2), or, all sent and none answered, the address is preferred. */
    void dadTimer(long now, Iface i, Ipv6Address address, List<Transmit> out) {
        AddressEntry e = own(i, address);
        if (e == null || e.state != AddressState.TENTATIVE) {
            return;
        }
        if (e.probesLeft > 0) {
            if (e.probesLeft == nd.dupAddrDetectTransmits()) {
                listener.joining(now, i, out); // the MLD report before the first probe
            }
            e.probesLeft--;
            Ipv6Address group = e.address.solicitedNodeMulticast();
            emitter.emit(i, MacAddress.ofMulticast(group), Ipv6Packet.of(Ipv6Address.UNSPECIFIED, group, 255,
                    new Payload.Icmpv6(new NeighborSolicitation(e.address, List.of()))), out);
            timers.set(now + i.retransTimer(nd), TimerKind.DAD, i.index, e.address);
            return;
        }
        e.state = AddressState.PREFERRED;
        events.addressReady(now, i.index, e.address);
        listener.dadCompleted(now, i, e);
    }

    /** Another node claimed the address (RFC 4862 §5.4.3, §5.4.4). */
    void duplicate(long now, Iface i, AddressEntry e) {
        e.state = AddressState.DUPLICATE;
        timers.cancel(TimerKind.DAD, i.index, e.address);
        listener.changed(i);
        events.duplicateAddress(now, i.index, e.address);
    }
}
