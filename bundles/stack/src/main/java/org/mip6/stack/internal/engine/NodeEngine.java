package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.net.MacAddress;
import org.mip6.role.RoleNode;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.Icmpv6Message.EchoRequest;

/**
 * A user-space IPv6 node as a sans-IO engine, composed of parts that each own one RFC concept:
 * {@link AddressTable} (addresses and DAD, RFC 4862), {@link SourceAddressSelection} (RFC 6724),
 * {@link NeighborCache} (address resolution and NUD, RFC 4861 §7), {@link ProxyNd} (RFC 6275 §10.4.1),
 * {@link RouterDiscovery} (host side and SLAAC), {@link RouterAdvertiser} (RFC 4861 §6.2, RFC 6275 §7),
 * {@link RoutingTable}, {@link Outbound}, {@link Forwarding}, {@link IcmpErrors} (RFC 4443 §2.4),
 * {@link ExtensionHeaders} (RFC 8200 §4), {@link Tunnels} (RFC 2473), {@link EchoServices},
 * {@link MulticastListening} (MLD, RFC 3810), the
 * {@link InboundPipeline} and the {@link TimerTable}. Every entry point takes {@code now} and returns
 * the frames to transmit; the host arms one timer at {@link #nextDeadline()} and calls {@link #onTimer}.
 * Not thread-safe: one scheduler thread drives it.
 */
public final class NodeEngine {

    private final String name;
    private final NodeCounters counters = new NodeCounters();
    private final TimerTable timers = new TimerTable();
    private final Interfaces ifaces;
    private final AddressTable addresses;
    private final ProxyNd proxy;
    private final NeighborCache neighbors;
    private final RoutingTable routes;
    private final RouterDiscovery discovery;
    private final RouterAdvertiser advertiser;
    private final Tunnels tunnels;
    private final Outbound outbound;
    private final IcmpErrors errors;
    private final InboundPipeline inbound;
    private final EchoServices echo;
    private final Reassembly reassembly;
    private final RoleDispatch roles;
    private final Ipsec ipsec;
    private final MulticastListening mld;
    private final MulticastMemberships memberships;
    /** The parts' events, to whoever listens now ({@link #setEvents} may come after construction). */
    private final NodeEventRelay events = new NodeEventRelay();
    private final boolean optimisticDad;
    private final NdParameters nd;
    /**
     * The interfaces' default ReachableTimes (RFC 4861 §6.3.2) and those drawn again every two hours (§6.3.4), a stream
     * of its own: the node's other draws stay as they were.
     */
    private final SplittableRandom reachableTimes;

    public NodeEngine(String name, boolean forwarding, NdParameters nd, long seed) {
        this(name, forwarding, nd, seed, HoldParameters.DEFAULT);
    }

    public NodeEngine(String name, boolean forwarding, NdParameters nd, long seed, HoldParameters hold) {
        this.name = Objects.requireNonNull(name, "name");
        this.nd = Objects.requireNonNull(nd, "nd");
        this.optimisticDad = nd.optimisticDad();
        // one stream of random choices, drawn in event order: same seed, same timeline
        SplittableRandom random = new SplittableRandom(seed ^ name.hashCode());
        reachableTimes = new SplittableRandom(seed ^ name.hashCode() ^ 0x4861_6320L);
        NodeEvents relay = events;
        Emitter emitter = new Emitter(counters);
        ifaces = new Interfaces(name);
        addresses = new AddressTable(nd, random, timers, emitter, relay);
        SourceAddressSelection sources = new SourceAddressSelection(addresses);
        proxy = new ProxyNd(nd, timers, sources, emitter);
        neighbors = new NeighborCache(nd, timers, emitter, counters, addresses, sources, proxy);
        routes = new RoutingTable(ifaces, neighbors);
        discovery = new RouterDiscovery(nd, random, timers, emitter, counters, relay, addresses, sources, neighbors, routes);
        advertiser = new RouterAdvertiser(random, timers, emitter, addresses, neighbors);
        tunnels = new Tunnels(name);
        ipsec = new Ipsec(counters, relay);
        outbound = new Outbound(ifaces, routes, tunnels, sources, neighbors, counters, relay, ipsec, emitter);
        // its own stream (the main one's draws, and so every timeline, stay as they were)
        SplittableRandom identificationKeys = new SplittableRandom(seed ^ name.hashCode() ^ 0x4652_4147L);
        outbound.setFragmentIdentificationKeys(identificationKeys.nextLong(), identificationKeys.nextLong());
        errors = new IcmpErrors(outbound, sources, counters);
        Forwarding forwarder = new Forwarding(addresses, proxy, outbound, errors, counters);
        ExtensionHeaders extensionHeaders = new ExtensionHeaders(errors, counters);
        echo = new EchoServices(outbound, sources, relay, addresses, counters, emitter, errors, nd.optimisticDad());
        roles = new RoleDispatch(hold.capacity(), hold.holdNanos(), timers, counters, relay, outbound, errors,
                extensionHeaders);
        ipsec.setDispatch(roles);
        reassembly = new Reassembly(timers, errors, counters);
        // its own stream too: the MLD reports' delays leave every other random choice where it was
        mld = new MulticastListening(timers, emitter, addresses, new SplittableRandom(seed ^ name.hashCode() ^ 0x4d4c_4432L));
        mld.setProxy(proxy);
        proxy.setGroupListener(new ProxyNd.GroupListener() { // RFC 4861 §7.2.8: a proxy joins its addresses' groups
            @Override
            public void touched(Iface i, int low24, boolean joined) {
                mld.proxyTouched(i, low24, joined);
            }

            @Override
            public void reportNow(long now, Iface i, List<Transmit> out) {
                mld.reportProxied(now, i, out);
            }
        });
        inbound = new InboundPipeline(forwarding, nd, ifaces, counters, relay, addresses, proxy, neighbors, discovery,
                advertiser, forwarder, errors, extensionHeaders, tunnels, echo, roles, ipsec, reassembly, outbound, mld);
        memberships = new MulticastMemberships(ifaces, mld, addresses, inbound.tunnelReceivedGroups);
        addresses.setListener(new AddressTable.Listener() {
            @Override
            public void dadCompleted(long now, Iface i, AddressEntry e) {
                advertiser.dadCompleted(now, i, e);
            }

            @Override
            public void joining(long now, Iface i, List<Transmit> out) {
                mld.reconcile(now, i, out);
            }

            @Override
            public void changed(Iface i) {
                mld.changed(i);
            }
        });
        neighbors.setListener(new NeighborCache.Listener() {
            @Override
            public void routerLost(long now, Iface i, Ipv6Address router, boolean unreachable) {
                routes.removeDefaultRouter(i.index, router);
                if (unreachable) {
                    events.routerUnreachable(now, i.index, router);
                }
            }

            @Override
            public void unreachable(long now, Ipv6Packet p, List<Transmit> out) {
                errors.send(now, null, p, new Icmpv6Message.DestinationUnreachable(3, IcmpErrors.invoking(p)), out);
            }
        });
    }

    public String name() {
        return name;
    }

    public void setEvents(NodeEvents events) {
        this.events.listener(Objects.requireNonNull(events, "events"));
    }

    // =============================================================================================
    // Roles

    /** The handlers of the roles configured for this node (kept current by the host). */
    public void setRoleHandlers(RoleHandlers handlers) {
        roles.setHandlers(handlers);
        outbound.setRoles(handlers);
    }

    /** The host's handlers changed: held packets whose role is back go to it, in order. */
    public List<Transmit> handlersChanged(long now) {
        List<Transmit> out = new ArrayList<>();
        ipsec.handlersChanged(now);
        roles.handlersChanged(now, out);
        return out;
    }

    /** Packets held for a role that is away. */
    public int heldPackets() {
        return roles.heldCount();
    }

    /**
     * A packet a role sends: routed by its destination; the outbound handler is not consulted. When a role's
     * handler sends from within a receive ({@link #receiving()}), its frames join that receive's, in order,
     * and the list returned is the receive's: the host sends them with it, once.
     */
    public List<Transmit> sendAsRole(long now, Ipv6Packet p) {
        List<Transmit> out = roleFrames();
        outbound.send(now, p, -1, true, out);
        return out;
    }

    /**
     * An encoded packet a role sends: framed as it is when it can leave at once, else decoded and sent as
     * {@link #sendAsRole(long, Ipv6Packet)} sends it (with a receive under way, with its frames too).
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed IPv6 packet with a source address
     */
    public List<Transmit> sendAsRole(long now, byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        return sendEncoded(now, b, off, len, len < PacketCodec.IPV6_HEADER_LENGTH ? null : Ipv6Address.read(b, off + 24));
    }

    /**
     * {@link #sendAsRole(long, byte[], int, int)} with the packet's destination as the role holds it.
     *
     * @throws IllegalArgumentException as that, or if {@code destination} is not the bytes' Destination Address
     */
    public List<Transmit> sendAsRole(long now, byte[] b, int off, int len, Ipv6Address destination) {
        RoleNode.checkDestination(b, off, len, Objects.requireNonNull(destination, "destination"));
        return sendEncoded(now, b, off, len, destination);
    }

    /** {@code dst}: the bytes' Destination Address, or null when they are too short to hold one. */
    private List<Transmit> sendEncoded(long now, byte[] b, int off, int len, Ipv6Address dst) {
        List<Transmit> out = roleFrames();
        if (dst == null || !outbound.sendEncoded(now, b, off, len, dst, out)) {
            outbound.send(now, RoleNode.decodeForSending(b, off, len), -1, true, out);
        }
        return out;
    }

    /**
     * Whether a frame is being received (a role's handler runs within it): what a role sends now leaves with
     * the frames of that receive ({@link #sendAsRole}), which the host sends when {@link #onFrame} returns.
     */
    public boolean receiving() {
        return inbound.receiving() != null;
    }

    /** A packet a role sends through tunnel {@code id} (RFC 2473); within a receive, with its frames ({@link #sendAsRole}). */
    public List<Transmit> sendThrough(long now, int id, Ipv6Packet inner) {
        List<Transmit> out = roleFrames();
        outbound.sendThrough(now, id, inner, out);
        return out;
    }

    /**
     * Where what a role makes the node send goes (its packets, and the frames of {@link #addProxy}, {@link
     * #detectDuplicate}, {@link #solicitRouters} and {@link #readvertise}): the frames of the receive under way
     * ({@link #receiving()}), else a list of its own.
     */
    private List<Transmit> roleFrames() {
        List<Transmit> within = inbound.receiving();
        return within != null ? within : new ArrayList<>(1);
    }

    /** Changes what a router interface advertises, and advertises at once (RFC 6275 §7.3). */
    public List<Transmit> readvertise(long now, int iface, RouterConfig rc) {
        List<Transmit> out = roleFrames();
        advertiser.reconfigure(now, ifaces.get(iface), Objects.requireNonNull(rc, "rc"), out);
        return out;
    }

    /**
     * The MLD State Change Report for groups a call that sends nothing changed (a home or anycast address set or
     * removed): with the frames of the receive under way when there is one, else to send now.
     */
    public List<Transmit> reportMulticastChanges(long now) {
        List<Transmit> out = roleFrames();
        mld.reportChanges(now, ifaces, out);
        return out;
    }

    /** Whether {@code a} is one of this node's addresses (not a duplicate) or proxied by it. */
    public boolean isOwnOrProxied(Ipv6Address a) {
        if (addresses.isLocalUnicast(a)) {
            return true;
        }
        for (Iface i : ifaces.all()) {
            if (proxy.proxies(i, a)) {
                return true;
            }
        }
        return false;
    }

    // =============================================================================================
    // Configuration

    /** Adds an interface (router interfaces advertise with {@code router}; hosts pass null). Returns its index. */
    public int addInterface(MacAddress mac, RouterConfig router) {
        Iface i = ifaces.add(mac, router);
        long base = nd.reachableTimeNanos(); // RFC 4861 §6.3.2: even the default ReachableTime is drawn
        i.defaultReachableTimeNanos = base > 0 ? Iface.drawReachableTime(base, reachableTimes) : 0;
        i.reachableTimeDraws = reachableTimes; // drawn again every two hours (§6.3.4), in event order
        addresses.addInterface(i);
        proxy.addInterface();
        neighbors.addInterface();
        routes.addInterface();
        discovery.addInterface();
        mld.addInterface();
        return i.index;
    }

    /** A static address; it goes through DAD when the interface comes up (or at once if it is up). */
    public List<Transmit> addAddress(long now, int iface, Ipv6Prefix prefix, Ipv6Address address) {
        Iface i = ifaces.get(iface);
        if (!prefix.contains(address)) {
            throw new IllegalArgumentException(address + " is outside its prefix " + prefix);
        }
        List<Transmit> out = new ArrayList<>();
        routes.putConfiguredOnLink(iface, prefix);
        addresses.addStatic(now, i, address, prefix.length(), out);
        return out;
    }

    public void addRoute(Ipv6Prefix prefix, int iface, Ipv6Address nextHop) {
        ifaces.get(iface);
        routes.addStaticRoute(new Route(prefix, iface, nextHop));
    }

    /** Answer NS for {@code address} on {@code iface} with our MAC (RFC 6275 §10.4.1 proxy ND for home addresses). */
    public List<Transmit> addProxy(long now, int iface, Ipv6Address address) {
        List<Transmit> out = roleFrames();
        proxy.add(now, ifaces.get(iface), address, out);
        mld.reportChanges(now, ifaces, out); // its group, once this instant's work is done
        return out;
    }

    /**
     * RoleNode.tunnelMulticast: multicast packets to {@code group} from interface {@code iface}'s link also go through
     * tunnel {@code tunnel} ({@code on}), or no longer ({@code !on}) ({@link MulticastMemberships#tunnel}).
     *
     * @throws IllegalArgumentException for a group of link-local scope or less (never tunnelled, RFC 6275 §10.4.2)
     */
    public List<Transmit> tunnelMulticast(long now, int iface, Ipv6Address group, int tunnel, boolean on) {
        List<Transmit> out = roleFrames();
        memberships.tunnel(now, iface, group, tunnel, on, out);
        return out;
    }

    /**
     * RoleNode.receiveTunnelledMulticast ({@link MulticastMemberships#receiveTunnelled}).
     *
     * @throws IllegalArgumentException for a group of link-local scope or less
     */
    public void receiveTunnelledMulticast(Ipv6Address group, boolean on) {
        memberships.receiveTunnelled(group, on);
    }

    /**
     * RoleNode.joinGroup: the node's upper layers listen to {@code group} on interface {@code iface}, or no longer
     * ({@link MulticastMemberships#join}).
     *
     * @throws IllegalArgumentException for an address that is not a group, or one of interface-local scope
     */
    public List<Transmit> joinGroup(long now, int iface, Ipv6Address group, boolean on) {
        List<Transmit> out = roleFrames();
        memberships.join(now, iface, group, on, false, out);
        return out;
    }

    /** RoleNode.joinGroupForRole: {@link #joinGroup} on a role's behalf, remembered as the roles'. */
    public List<Transmit> joinGroupForRole(long now, int iface, Ipv6Address group, boolean on) {
        List<Transmit> out = roleFrames();
        memberships.join(now, iface, group, on, true, out);
        return out;
    }

    /** The groups {@link #joinGroup} and {@link #joinGroupForRole} joined on {@code iface}, in the order joined. */
    public List<Ipv6Address> joinedGroups(int iface) {
        return memberships.joined(iface);
    }

    /** The groups {@link #joinGroupForRole} joined on {@code iface}, in the order joined. */
    public List<Ipv6Address> roleJoinedGroups(int iface) {
        return memberships.joinedByRoles(iface);
    }

    /** What each interface listens to and why, and the groups received out of tunnels ({@link MulticastMemberships#groups}). */
    public List<org.mip6.node.GroupStatus> groups() {
        return memberships.groups();
    }

    /** The groups {@link #receiveTunnelledMulticast} receives out of tunnels, a copy. */
    public java.util.Set<Ipv6Address> receivedTunnelledGroups() {
        return memberships.receivedTunnelled();
    }

    /** The tunnels each group of {@code iface} goes through (RoleNode.tunnelMulticast), a copy. */
    public java.util.Map<Ipv6Address, List<Integer>> tunnelledGroups(int iface) {
        return memberships.tunnelled(iface);
    }

    /** The link-local address of {@code iface} (RoleNode.linkLocalAddress). */
    public Ipv6Address linkLocalAddress(int iface) {
        return ifaces.get(iface).linkLocal();
    }

    /** RoleNode.admitHomeAddress: a correspondent binding mirrored into the data path. */
    public void admitHomeAddress(Ipv6Address home, Ipv6Address careOf, long expiresAt) {
        roles.homeAddressAdmissions.admit(home, careOf, expiresAt);
    }

    /** RoleNode.migrateSecurityAssociations: tunnel-mode SAs with the mobile node move (RFC 4877 §3.4). */
    public void migrateSecurityAssociations(Ipv6Address home, Ipv6Address careOf) {
        ipsec.migrate(Objects.requireNonNull(home, "home"), Objects.requireNonNull(careOf, "careOf"));
    }

    /** RoleNode.sharesSecurityAssociations. */
    public boolean sharesSecurityAssociations(Ipv6Address home, Ipv6Address peer) {
        return ipsec.protects(home, peer);
    }

    public void withdrawHomeAddress(Ipv6Address home) {
        roles.homeAddressAdmissions.withdraw(home);
    }

    /** Starts reading where {@code address}'s proxy entries and tunnel are or would be kept (a hint: nothing changes). */
    public void prefetch(Ipv6Address address) {
        proxy.prefetch(address);
        tunnels.prefetch(address);
    }

    public void removeProxy(int iface, Ipv6Address address) {
        proxy.remove(ifaces.get(iface), address);
    }

    /**
     * DAD for another node's address on {@code iface} (RFC 6275 §10.3.1, RFC 4862 §5.4): {@code outcome}
     * is called, on a later timer or at once, with whether the address is unique. One of this node's
     * own addresses is not.
     */
    public List<Transmit> detectDuplicate(long now, int iface, Ipv6Address address, Consumer<Boolean> outcome) {
        Iface i = ifaces.get(iface);
        Objects.requireNonNull(outcome, "outcome");
        List<Transmit> out = roleFrames();
        if (address.isMulticast() || address.isUnspecified() || addresses.own(i, address) != null
                || addresses.isLocalUnicast(address)) {
            outcome.accept(false);
            return out;
        }
        proxy.detectDuplicate(now, i, address, outcome, out);
        return out;
    }

    /**
     * An anycast address on {@code iface} (RFC 2526: a home agent's Home-Agents anycast address, RFC
     * 6275 §10.5): received on and answered for in ND without Override, never a source, no DAD.
     */
    public void addAnycast(int iface, Ipv6Address address) {
        Iface i = ifaces.get(iface);
        if (address.isMulticast() || address.isLinkLocal() || address.isUnspecified()) {
            throw new IllegalArgumentException(address + " cannot be an anycast address");
        }
        addresses.addAnycast(i, address, 128);
        mld.changed(i);
    }

    /** A mobile node's home address on {@code iface}, away from home or at home (see {@code AddressTable.setHome}). */
    public void setHomeAddress(int iface, Ipv6Address address, int prefixLength, boolean atHome) {
        if (address.isMulticast() || address.isLinkLocal() || address.isUnspecified()) {
            throw new IllegalArgumentException(address + " cannot be a home address");
        }
        addresses.setHome(ifaces.get(iface), address, prefixLength, atHome);
        mld.changed(ifaces.get(iface));
    }

    public void homeAddressReleased(int iface, Ipv6Address address) {
        addresses.releaseHome(ifaces.get(iface), address);
    }

    /** The Hop Limit of packets this node originates ({@link Outbound#hopLimit}). */
    public int hopLimit() {
        return outbound.hopLimit();
    }

    /** Whether a packet to {@code destination} has a route now ({@link Outbound#hasRoute}). */
    public boolean hasRoute(Ipv6Address destination) {
        return outbound.hasRoute(destination);
    }

    /** When this node's {@code address} on {@code iface} stops being valid; Long.MIN_VALUE when it is not the node's. */
    public long addressValidUntil(int iface, Ipv6Address address) {
        AddressEntry e = addresses.own(ifaces.get(iface), address);
        return e == null || e.anycast ? Long.MIN_VALUE : e.validUntil;
    }

    /** An upper layer's reachability confirmation for {@code neighbor} (RFC 4861 §7.3.1; RFC 6275 §11.5.5). */
    public void confirmReachable(long now, int iface, Ipv6Address neighbor) {
        neighbors.confirm(now, ifaces.get(iface), neighbor);
    }

    public void removeHomeAddress(int iface, Ipv6Address address) {
        addresses.removeHome(ifaces.get(iface), address);
        mld.changed(ifaces.get(iface));
    }

    public void removeAnycast(int iface, Ipv6Address address) {
        addresses.removeAnycast(ifaces.get(iface), address);
        mld.changed(ifaces.get(iface));
    }

    /** Creates a tunnel endpoint; returns its id. */
    public int addTunnel(Ipv6Address local, Ipv6Address remote) {
        return tunnels.add(local, remote, null);
    }

    /** A tunnel endpoint that decapsulates only packets from {@code innerSource} (RFC 6275 §10.4.5); returns its id. */
    public int addTunnel(Ipv6Address local, Ipv6Address remote, Ipv6Address innerSource) {
        return tunnels.add(local, remote, Objects.requireNonNull(innerSource, "innerSource"));
    }

    /** When the tunnel last carried a packet either way (node clock), or Long.MIN_VALUE. */
    public long tunnelLastUsed(int id) {
        return tunnels.lastUsed(id);
    }

    /** Removes a tunnel and the routes through it. */
    public void removeTunnel(int id) {
        tunnels.remove(id);
    }

    /** Packets to {@code prefix} (a /128 for one address) are encapsulated into tunnel {@code id}. */
    public void addTunnelRoute(Ipv6Prefix prefix, int id) {
        tunnels.addRoute(prefix, id);
    }

    public void removeTunnelRoute(Ipv6Prefix prefix) {
        tunnels.removeRoute(prefix);
    }

    /** What the node originates from {@code source} goes into tunnel {@code id} unless a role's outbound handler decides. */
    public void addTunnelRouteFrom(Ipv6Address source, int id) {
        tunnels.addSourceRoute(source, id);
    }

    public void removeTunnelRouteFrom(Ipv6Address source) {
        tunnels.removeSourceRoute(source);
    }

    /**
     * The link's MTU changed under the attached interface: it takes it as at attach (a router advertises it in
     * its next RAs, RFC 4861 §6.2.1; a host may lower it again from an RA's MTU option, §6.3.4).
     */
    public void linkMtu(int iface, int mtu) {
        ifaces.get(iface).mtu = mtu;
    }

    /** The link came up (attached): DAD for every address; hosts solicit routers, routers start advertising. */
    public List<Transmit> linkUp(long now, int iface, int mtu) {
        Iface i = ifaces.get(iface);
        List<Transmit> out = new ArrayList<>();
        i.up = true;
        i.mtu = mtu;
        addresses.linkUp(now, i, out);
        advertiser.linkUp(now, i);
        discovery.linkUp(now, i);
        events.linkUp(now, iface); // last: a role acting on it sees the interface as it now is
        return out;
    }

    /**
     * Forgets {@code router} as a default router of host interface {@code iface} until its next RA: a
     * mobile node that found itself on another router's link (RFC 6275 §11.5.1) stops sending through
     * the old one without waiting for its Router Lifetime or NUD.
     */
    public void forgetDefaultRouter(int iface, Ipv6Address router) {
        routes.removeDefaultRouter(ifaces.get(iface).index, router);
        timers.cancel(TimerKind.ROUTER_LIFETIME, iface, router);
    }

    /**
     * A Router Solicitation now, without the random delay of RFC 4861 §6.3.7, and the rest of
     * MAX_RTR_SOLICITATIONS after it unless an RA comes: a mobile node that has a hint it moved (RFC
     * 6275 §11.5.1). Nothing on a router interface or one that is down.
     */
    public List<Transmit> solicitRouters(long now, int iface) {
        List<Transmit> out = roleFrames();
        discovery.solicitNow(now, ifaces.get(iface), out);
        return out;
    }

    /** The link went down (detached): neighbours and learned state of the interface are forgotten. */
    public void linkDown(long now, int iface) {
        Iface i = ifaces.get(iface);
        i.up = false;
        events.linkDown(now, iface);
        neighbors.linkDown(i);
        advertiser.linkDown(i);
        discovery.linkDown(i);
        routes.linkDown(iface);
        addresses.linkDown(i);
        proxy.linkDown(i);
        mld.linkDown(i);
        timers.cancelInterface(iface); // nothing learned on the link is left to time out
        reassembly.linkDown(iface); // nor fragments that came over it
    }

    // =============================================================================================
    // Sending

    /**
     * Sends a packet this node originates. An unspecified source is replaced by source address
     * selection (an address of the outgoing interface, link-local for link-local destinations).
     */
    public List<Transmit> send(long now, Ipv6Packet p) {
        List<Transmit> out = new ArrayList<>();
        outbound.originate(now, p, -1, out);
        return out;
    }

    /** Opens a UDP port: datagrams to it are no longer answered port unreachable (RFC 4443 §3.1). */
    public void listenUdp(int port) {
        echo.bind(port);
    }

    /** Sends a UDP datagram from this node (source address chosen by the node). */
    public List<Transmit> sendUdp(long now, Ipv6Address dst, int sourcePort, int destinationPort, Bytes data) {
        echo.bind(sourcePort); // its answers are heard, not refused as port unreachable
        return send(now, Ipv6Packet.of(Ipv6Address.UNSPECIFIED, dst, outbound.hopLimit(),
                new Payload.Udp(sourcePort, destinationPort, data)));
    }

    /** Sends an ICMPv6 echo request (ping) from this node. */
    public List<Transmit> ping(long now, Ipv6Address dst, int identifier, int sequence, Bytes data) {
        return send(now, Ipv6Packet.of(Ipv6Address.UNSPECIFIED, dst, outbound.hopLimit(),
                new Payload.Icmpv6(new EchoRequest(identifier, sequence, data))));
    }

    // =============================================================================================
    // Receiving and timers

    /** The interface's link-layer filter (RFC 2464 §7); a refused frame is counted as not for us. */
    public boolean linkLayerAccepts(int iface, byte[] frame) {
        return inbound.linkLayerAccepts(ifaces.get(iface), frame, true);
    }

    /** A frame arrived on interface {@code iface}. */
    public List<Transmit> onFrame(long now, int iface, byte[] frame) {
        List<Transmit> out = inbound.onFrame(now, iface, frame);
        mld.reportChanges(now, ifaces, out); // a duplicate found, say
        return out;
    }

    /**
     * Frames about to arrive on {@code iface} together (a burst, {@link org.mip6.link.PortListener#prefetch}):
     * the roles may read ahead for their Mobility Header messages. Nothing changes.
     */
    public void prefetch(long now, int iface, byte[][] frames, int count) {
        inbound.prefetch(now, iface, frames, count);
    }

    /** Runs every timer due at {@code now}. */
    public List<Transmit> onTimer(long now) {
        List<Transmit> out = new ArrayList<>();
        TimerTable.Key k;
        while ((k = timers.pollDue(now)) != null) {
            if (k.kind() == TimerKind.HOLD) {
                roles.holdTimer(now, out); // per node, not per interface
                continue;
            }
            Iface i = ifaces.get(k.iface());
            switch (k.kind()) {
                case DAD -> addresses.dadTimer(now, i, (Ipv6Address) k.key(), out);
                case PROXY_DAD -> proxy.dadTimer(now, i, (Ipv6Address) k.key(), out);
                case NEIGHBOR -> neighbors.onTimer(now, i, (Ipv6Address) k.key(), out);
                case RA_UNSOLICITED -> advertiser.advertiseTimer(now, i, out);
                case RA_SOLICITED -> advertiser.solicitedTimer(now, i, (Ipv6Address) k.key(), out);
                case RS_RETRANSMIT -> discovery.solicitTimer(now, i, out);
                case ROUTER_LIFETIME -> routes.expireDefaultRouter(now, i.index, (Ipv6Address) k.key());
                case PREFIX_LIFETIME -> routes.expireOnLink(now, i.index, (Ipv6Prefix) k.key());
                case ADDRESS_LIFETIME -> addresses.expire(now, i, (Ipv6Address) k.key());
                case REASSEMBLY -> reassembly.expire(now, (Reassembly.Key) k.key(), out);
                case MLD -> mld.onTimer(now, i, k.key(), out);
                case HOLD -> throw new IllegalStateException("handled above");
            }
        }
        mld.reportChanges(now, ifaces, out); // an address expired, or a role's change since the last event
        return out;
    }

    /** The earliest pending timer, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        return timers.next();
    }

    /** Timers pending (bounded by the node's state). */
    public int pendingTimers() {
        return timers.size();
    }

    // =============================================================================================
    // Inspection

    /** Whether a tentative address is usable at once (optimistic DAD, RFC 4429). */
    public boolean optimisticDad() {
        return optimisticDad;
    }

    public List<AddressEntry> addresses(int iface) {
        return List.copyOf(addresses.entries(ifaces.get(iface).index));
    }

    /** Usable addresses of an interface (preferred; tentative too under optimistic DAD). */
    public List<Ipv6Address> preferredAddresses(int iface) {
        return addresses.usableAddresses(ifaces.get(iface).index);
    }

    public List<Neighbor> neighbors(int iface) {
        return neighbors.entries(ifaces.get(iface).index);
    }

    public Neighbor neighbor(int iface, Ipv6Address a) {
        return neighbors.get(ifaces.get(iface).index, a);
    }

    public List<DefaultRouter> defaultRouters() {
        return routes.defaultRouters();
    }

    /** The Prefix List of interface {@code iface}: prefix and when its valid lifetime ends (MAX_VALUE: configured). */
    public Map<Ipv6Prefix, Long> onLinkPrefixes(int iface) {
        return routes.onLink(ifaces.get(iface).index);
    }

    public List<Route> staticRoutes() {
        return routes.staticRoutes();
    }

    /** RFC 8201: the Path MTUs learnt from Packet Too Big and not yet forgotten: destination → {MTU, forgotten at}. */
    public Map<Ipv6Address, long[]> pathMtus(long now) {
        return outbound.pathMtus(now);
    }

    /** Routes into tunnels by prefix. */
    public Map<Ipv6Prefix, Tunnel> tunnelRoutes() {
        return tunnels.routes();
    }

    public Map<Ipv6Address, Tunnel> tunnelSourceRoutes() {
        return tunnels.sourceRoutes();
    }

    public List<Ipv6Address> proxied(int iface) {
        return proxy.entries(ifaces.get(iface).index);
    }

    public boolean proxies(int iface, Ipv6Address address) {
        return iface >= 0 && iface < ifaces.size() && proxy.proxies(ifaces.get(iface), address);
    }

    public List<Tunnel> tunnels() {
        return tunnels.all();
    }

    /** Each interface's host variables (RFC 4861 §6.3.2): what its link's RAs set (§6.3.4), else the node's defaults. */
    public List<org.mip6.node.HostVariables> hostVariables() {
        List<org.mip6.node.HostVariables> out = new ArrayList<>();
        for (Iface i : ifaces.all()) {
            out.add(new org.mip6.node.HostVariables(i.index, i.curHopLimit(Outbound.DEFAULT_HOP_LIMIT),
                    i.baseReachableTime(nd) / 1_000_000, i.reachableTime(nd) / 1_000_000, i.retransTimer(nd) / 1_000_000,
                    i.curHopLimit != 0, i.baseReachableTimeNanos > 0, i.retransTimerNanos > 0));
        }
        return out;
    }

    public int interfaceCount() {
        return ifaces.size();
    }

    public MacAddress mac(int iface) {
        return ifaces.get(iface).mac;
    }

    public Map<DecodeReason, Long> decodeErrors() {
        return counters.decodeErrors();
    }

    public Map<Drop, Long> drops() {
        return counters.drops();
    }

    public long packetsSent() {
        return counters.sent;
    }

    public long packetsLoopedBack() {
        return counters.loopedBack;
    }

    public long packetsReceived() {
        return counters.received;
    }

    public long packetsForwarded() {
        return counters.forwarded;
    }

    public long packetsEncapsulated() {
        return counters.encapsulated;
    }

    public long packetsDecapsulated() {
        return counters.decapsulated;
    }

    public long tunnelErrorsRelayed() {
        return counters.tunnelErrorsRelayed;
    }

    /** Packets reassembled from fragments; packets sent in fragments; the fragments (RFC 8200 §4.5). */
    public long packetsReassembled() {
        return counters.reassembled;
    }

    public long packetsFragmented() {
        return counters.fragmented;
    }

    public long fragmentsSent() {
        return counters.fragmentsSent;
    }

    /** Packets whose fragments are held for reassembly now. */
    public int pendingReassemblies() {
        return reassembly.pending();
    }

    /** Role counters by name: delivered, errors, held, held-delivered, held-expired, hold-overflow, how long held packets waited (µs), binding-errors. */
    public Map<String, Long> roleCounters() {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("role.delivered", counters.roleDelivered);
        m.put("role.errors", counters.roleErrors);
        m.put("hold.held", counters.held);
        m.put("hold.delivered", counters.heldDelivered);
        m.put("hold.expired", counters.heldExpired);
        m.put("hold.overflow", counters.holdOverflow);
        m.put("hold.queued", (long) roles.heldCount());
        m.put("hold.wait.last.us", counters.holdWaitLastNanos / 1_000);
        m.put("hold.wait.max.us", counters.holdWaitMaxNanos / 1_000);
        m.put("hold.wait.total.us", counters.holdWaitTotalNanos / 1_000);
        m.put("hao.admitted-by-node", counters.homeAddressAdmittedByNode);
        m.put("hao.admissions", (long) roles.homeAddressAdmissions.size());
        m.put("binding-errors", counters.bindingErrors);
        m.put("esp.sent", counters.espSent);
        m.put("esp.opened", counters.espOpened);
        m.put("nd.ra.reachable-time-ignored", counters.reachableTimesIgnored);
        m.put("nd.ra.retrans-timer-ignored", counters.retransTimersIgnored);
        m.put("mld.reports.sent", mld.reportsSent);
        m.put("mld.queries.received", mld.queriesReceived);
        m.put("mld.queries.ignored", mld.queriesIgnored);
        m.put("mld.reports.suppressed", mld.reportsSuppressed);
        m.put("mld.tunnelled", counters.tunnelledMld);
        m.put("multicast-tunnelled", counters.multicastTunnelled);
        m.put("multicast-from-tunnels", counters.multicastFromTunnels);
        return m;
    }

    /** Where a packet to {@code dst} would go next (null: no route). */
    Route lookup(Ipv6Address dst) {
        return routes.lookup(dst);
    }

    /** For tests: the neighbour states of an interface by address. */
    Map<Ipv6Address, NudState> nudStates(int iface) {
        Map<Ipv6Address, NudState> m = new HashMap<>();
        for (Neighbor n : neighbors(iface)) {
            m.put(n.address, n.state);
        }
        return m;
    }

    @Override
    public String toString() {
        return "NodeEngine[" + name + ", " + ifaces.size() + " interfaces]";
    }
}
