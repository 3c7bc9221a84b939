package org.mip6.stack.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.mip6.link.Port;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.node.AddressStatus;
import org.mip6.node.Advertising;
import org.mip6.node.InterfaceStatus;
import org.mip6.node.NeighborStatus;
import org.mip6.node.NodeListener;
import org.mip6.node.PathMtuStatus;
import org.mip6.node.RouteStatus;
import org.mip6.node.TunnelStatus;
import org.mip6.role.RateLimitedLog;
import org.mip6.role.RoleNode;
import org.mip6.stack.internal.engine.AddressEntry;
import org.mip6.stack.internal.engine.AddressState;
import org.mip6.stack.internal.engine.DefaultRouter;
import org.mip6.stack.internal.engine.HandlerKey;
import org.mip6.stack.internal.engine.HoldParameters;
import org.mip6.stack.internal.engine.Neighbor;
import org.mip6.stack.internal.engine.NdParameters;
import org.mip6.stack.internal.engine.NodeEngine;
import org.mip6.stack.internal.engine.NodeEvents;
import org.mip6.stack.internal.engine.NodeRunner;
import org.mip6.stack.internal.engine.Route;
import org.mip6.stack.internal.engine.RouterConfig;
import org.mip6.stack.internal.engine.Transmit;
import org.mip6.stack.internal.engine.Tunnel;
import org.mip6.time.Scheduler;
import org.mip6.time.Timer;
import org.mip6.wire.Bytes;
import org.mip6.wire.Ipv6Packet;

/** {@link RoleNode} on top of the sans-IO {@link NodeEngine}: what the world builds and the roles use. */
final class StackNode implements RoleNode {

    private static final System.Logger LOG = System.getLogger("org.mip6.stack");

    /** Offers a node to roles and withdraws it (the OSGi service registration). */
    interface Publisher {
        Runnable publish(StackNode node);
    }

    private final NodeRunner runner;
    private final Scheduler scheduler;
    private final boolean router;
    private final NodeRoles roles;
    private final Publisher publisher;
    private final RateLimitedLog log;
    private final List<NodeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Advertising> advertising = new ArrayList<>();
    private final Runnable onHandlersChanged;
    private Runnable unpublish;

    StackNode(String name, boolean forwarding, Scheduler scheduler, long seed, NdParameters nd, HoldParameters hold,
              NodeRoles roles, Publisher publisher) {
        this.scheduler = scheduler;
        this.router = forwarding;
        this.roles = roles;
        this.publisher = publisher;
        this.log = new RateLimitedLog(LOG, name);
        this.runner = new NodeRunner(new NodeEngine(name, forwarding, nd, seed, hold), scheduler);
        runner.engine().setRoleHandlers(roles.handlers());
        this.onHandlersChanged = () -> scheduler.execute(() -> runner.transmit(runner.engine().handlersChanged(scheduler.nanos())));
        roles.handlers().onChange(onHandlersChanged);
        runner.engine().setEvents(new Events());
    }

    /** The engine's events, to the world and the roles' listeners; problems to the log, at most a line a second. */
    private final class Events implements NodeEvents {
        @Override
        public void echoReply(long now, Ipv6Address from, int identifier, int sequence, Bytes data) {
            fire(l -> l.echoReply(now, from, identifier, sequence));
        }

        @Override
        public void udp(long now, Ipv6Packet packet, org.mip6.wire.Payload.Udp d) {
            byte[] data = d.data().toArray();
            fire(l -> l.udp(now, packet.source(), d.sourcePort(), d.destinationPort(), data));
        }

        @Override
        public void decodeError(long now, int iface, org.mip6.wire.DecodeException e) {
            log.warn("eth" + iface + ": dropped a frame: " + e);
        }

        @Override
        public void roleError(long now, HandlerKey key, RuntimeException e) {
            log.warn("a role's handler for the " + key + " threw: " + e);
        }

        @Override
        public void holdExpired(long now, HandlerKey key) {
            log.warn("no role came back for " + key + " within the hold time: answered as a node without it");
        }

        @Override
        public void advertisedTimerIgnored(long now, int iface, Ipv6Address router, String field, long millis, long bound) {
            log.warn("eth" + iface + ": ignored the " + field + " of " + millis + " ms in a Router Advertisement from " + router
                    + " (above " + bound + " ms)");
        }

        @Override
        public void holdOverflow(long now, HandlerKey key) {
            log.warn("hold queue full: a packet for " + key + " was answered as by a node without the role");
        }

        @Override
        public void linkUp(long now, int iface) {
            fire(l -> l.linkAttached(now, iface));
        }

        @Override
        public void linkDown(long now, int iface) {
            fire(l -> l.linkDetached(now, iface));
        }

        @Override
        public void addressReady(long now, int iface, Ipv6Address address) {
            fire(l -> l.addressReady(now, iface, address));
        }

        @Override
        public void newPrefix(long now, int iface, Ipv6Prefix prefix, Ipv6Address r, boolean defaultRouter) {
            fire(l -> l.newPrefix(now, iface, prefix, r, defaultRouter));
        }

        @Override
        public void routerUnreachable(long now, int iface, Ipv6Address r) {
            fire(l -> l.routerUnreachable(now, iface, r));
        }

        @Override
        public void routerAdvertised(long now, int iface, Ipv6Address r, long intervalMillis, boolean defaultRouter) {
            fire(l -> l.routerAdvertised(now, iface, r, intervalMillis, defaultRouter));
        }

        @Override
        public void duplicateAddress(long now, int iface, Ipv6Address address) {
            fire(l -> l.duplicateAddress(now, iface, address));
        }
    }

    private void fire(Consumer<NodeListener> event) {
        for (NodeListener l : listeners) {
            call(l, event);
        }
        for (NodeListener l : roles.listeners()) {
            call(l, event);
        }
    }

    private void call(NodeListener l, Consumer<NodeListener> event) {
        try {
            event.accept(l);
        } catch (RuntimeException e) {
            log.warn("a node listener threw: " + e);
        }
    }

    NodeEngine engine() {
        return runner.engine();
    }

    @Override
    public String name() {
        return runner.engine().name();
    }

    @Override
    public boolean router() {
        return router;
    }

    @Override
    public int bind(Port port, Advertising a) {
        int index = runner.bind(port, a == null ? null : RouterConfig.of(a));
        advertising.add(a);
        return index;
    }

    @Override
    public void addAddress(int iface, Ipv6Prefix prefix, Ipv6Address address) {
        runner.transmit(runner.engine().addAddress(scheduler.nanos(), iface, prefix, address));
    }

    @Override
    public void addRoute(Ipv6Prefix prefix, int iface, Ipv6Address nextHop) {
        runner.engine().addRoute(prefix, iface, nextHop);
    }

    @Override
    public void addProxy(int iface, Ipv6Address address) {
        transmitSent(runner.engine().addProxy(scheduler.nanos(), iface, address));
    }

    @Override
    public void admitHomeAddress(Ipv6Address home, Ipv6Address careOf, long expiresAt) {
        runner.engine().admitHomeAddress(home, careOf, expiresAt);
    }

    @Override
    public boolean sharesSecurityAssociations(Ipv6Address homeAddress, Ipv6Address peer) {
        return runner.engine().sharesSecurityAssociations(homeAddress, peer);
    }

    @Override
    public void migrateSecurityAssociations(Ipv6Address homeAddress, Ipv6Address careOfAddress) {
        runner.engine().migrateSecurityAssociations(homeAddress, careOfAddress);
    }

    @Override
    public void withdrawHomeAddress(Ipv6Address home) {
        runner.engine().withdrawHomeAddress(home);
    }

    @Override
    public void prefetch(Ipv6Address address) {
        runner.engine().prefetch(address);
    }

    @Override
    public void removeProxy(int iface, Ipv6Address address) {
        runner.engine().removeProxy(iface, address);
        reportMulticastChanges(); // its group left, if no other proxied address has it
    }

    @Override
    public int addTunnel(Ipv6Address local, Ipv6Address remote) {
        return runner.engine().addTunnel(local, remote);
    }

    @Override
    public void removeTunnel(int id) {
        runner.engine().removeTunnel(id);
    }

    @Override
    public void addTunnelRoute(Ipv6Prefix prefix, int id) {
        runner.engine().addTunnelRoute(prefix, id);
    }

    @Override
    public void removeTunnelRoute(Ipv6Prefix prefix) {
        runner.engine().removeTunnelRoute(prefix);
    }

    @Override
    public void addTunnelRouteFrom(Ipv6Address source, int id) {
        runner.engine().addTunnelRouteFrom(source, id);
    }

    @Override
    public void removeTunnelRouteFrom(Ipv6Address source) {
        runner.engine().removeTunnelRouteFrom(source);
    }

    @Override
    public void sendUdp(Ipv6Address destination, int sourcePort, int destinationPort, byte[] data) {
        runner.transmit(runner.engine().sendUdp(scheduler.nanos(), destination, sourcePort, destinationPort, Bytes.of(data)));
    }

    @Override
    public void listenUdp(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("UDP port must be 1-65535, got " + port);
        }
        runner.engine().listenUdp(port);
    }

    @Override
    public void ping(Ipv6Address destination, int identifier, int sequence, int payloadBytes) {
        runner.transmit(runner.engine().ping(scheduler.nanos(), destination, identifier, sequence,
                Bytes.of(new byte[payloadBytes])));
    }

    @Override
    public boolean proxies(int iface, Ipv6Address address) {
        return runner.engine().proxies(iface, address);
    }

    @Override
    public List<InterfaceStatus> interfaces() {
        NodeEngine e = runner.engine();
        List<InterfaceStatus> out = new ArrayList<>();
        for (int i = 0; i < e.interfaceCount(); i++) {
            List<AddressStatus> as = new ArrayList<>();
            for (AddressEntry a : e.addresses(i)) {
                // a home address held away from home and an anycast address are no ordinary preferred addresses
                // and a tentative address under optimistic DAD is usable already (RFC 4429 §2.1 "Optimistic")
                String state = a.away() ? "AWAY" : a.anycast() ? "ANYCAST"
                        : a.state() == AddressState.TENTATIVE && e.optimisticDad() ? "OPTIMISTIC" : a.state().name();
                as.add(new AddressStatus(a.address(), a.prefixLength(), state, a.autoconfigured()));
            }
            Port p = runner.port(i);
            out.add(new InterfaceStatus(i, p.name(), e.mac(i), p.link(), as));
        }
        return out;
    }

    /** RFC 4861 §5.1-5.2: Prefix List, configured routes, Default Router List; then the routes into tunnels. */
    @Override
    public List<RouteStatus> routes() {
        NodeEngine e = runner.engine();
        long now = scheduler.nanos();
        List<RouteStatus> out = new ArrayList<>();
        for (int i = 0; i < e.interfaceCount(); i++) {
            for (Map.Entry<Ipv6Prefix, Long> p : e.onLinkPrefixes(i).entrySet()) {
                out.add(new RouteStatus(p.getKey(), RouteStatus.ON_LINK, i, null, -1, remaining(p.getValue(), now), null));
            }
        }
        for (Route r : e.staticRoutes()) {
            out.add(new RouteStatus(r.prefix(), RouteStatus.STATIC, r.iface(), r.nextHop(), -1, -1, null));
        }
        for (DefaultRouter d : e.defaultRouters()) {
            Neighbor n = e.neighbor(d.iface(), d.address());
            out.add(new RouteStatus(DEFAULT_ROUTE, RouteStatus.DEFAULT_ROUTER, d.iface(), d.address(), -1,
                    remaining(d.expires(), now), n == null ? "NONE" : n.state().name()));
        }
        for (Map.Entry<Ipv6Prefix, Tunnel> t : e.tunnelRoutes().entrySet()) {
            out.add(new RouteStatus(t.getKey(), RouteStatus.TUNNEL, -1, t.getValue().remote(), t.getValue().id(), -1, null));
        }
        for (Map.Entry<Ipv6Address, Tunnel> t : e.tunnelSourceRoutes().entrySet()) {
            out.add(new RouteStatus(DEFAULT_ROUTE, RouteStatus.TUNNEL, -1, t.getValue().remote(), t.getValue().id(), -1, null,
                    t.getKey()));
        }
        return out;
    }

    private static final Ipv6Prefix DEFAULT_ROUTE = Ipv6Prefix.parse("::/0");

    private static long remaining(long until, long now) {
        return until == Long.MAX_VALUE ? -1 : Math.max(0, until - now);
    }

    /** RFC 4861 §5.1's Neighbor Cache of each interface, then the addresses proxied there (RFC 6275 §10.4.1). */
    @Override
    public List<NeighborStatus> neighbors() {
        NodeEngine e = runner.engine();
        List<NeighborStatus> out = new ArrayList<>();
        for (int i = 0; i < e.interfaceCount(); i++) {
            for (Neighbor n : e.neighbors(i)) {
                out.add(new NeighborStatus(i, n.address(), n.mac(), n.state().name(), n.router()));
            }
            for (Ipv6Address a : e.proxied(i)) {
                out.add(new NeighborStatus(i, a, e.mac(i), NeighborStatus.PROXY, false));
            }
        }
        return out;
    }

    /** RFC 2473 tunnels, by id; how long each has been idle. */
    @Override
    public List<TunnelStatus> tunnels() {
        long now = scheduler.nanos();
        List<TunnelStatus> out = new ArrayList<>();
        for (Tunnel t : runner.engine().tunnels()) {
            out.add(new TunnelStatus(t.id(), t.local(), t.remote(), t.innerSource(),
                    t.lastUsed() == Long.MIN_VALUE ? -1 : Math.max(0, now - t.lastUsed())));
        }
        return out;
    }

    @Override
    public List<org.mip6.node.HostVariables> hostVariables() {
        return runner.engine().hostVariables();
    }

    /** RFC 8201: the Path MTUs learnt and not yet forgotten, oldest first. */
    @Override
    public List<PathMtuStatus> pathMtus() {
        long now = scheduler.nanos();
        List<PathMtuStatus> out = new ArrayList<>();
        runner.engine().pathMtus(now).forEach((d, e) -> out.add(new PathMtuStatus(d, (int) e[0], e[1] - now)));
        return out;
    }

    @Override
    public Map<String, Long> counters() {
        NodeEngine e = runner.engine();
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("sent", e.packetsSent());
        m.put("received", e.packetsReceived());
        m.put("looped-back", e.packetsLoopedBack());
        m.put("forwarded", e.packetsForwarded());
        m.put("encapsulated", e.packetsEncapsulated());
        m.put("decapsulated", e.packetsDecapsulated());
        m.put("tunnel-errors-relayed", e.tunnelErrorsRelayed());
        m.put("reassembled", e.packetsReassembled());
        m.put("fragmented", e.packetsFragmented());
        m.put("fragments-sent", e.fragmentsSent());
        m.put("timers", (long) e.pendingTimers());
        m.putAll(e.roleCounters());
        e.drops().forEach((k, v) -> m.put("drop." + k.name(), v));
        e.decodeErrors().forEach((k, v) -> m.put("decode." + k.name(), v));
        return m;
    }

    @Override
    public void addListener(NodeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(NodeListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void open() {
        if (unpublish == null) {
            unpublish = publisher.publish(this);
        }
    }

    @Override
    public void close() {
        Runnable u = unpublish;
        unpublish = () -> { };
        if (u != null) {
            u.run();
        }
        roles.handlers().clearOnChange(onHandlersChanged);
    }

    // ---------------------------------------------------------------------------------------------
    // RoleNode

    @Override
    public long nanos() {
        return scheduler.nanos();
    }

    @Override
    public void execute(Runnable task) {
        scheduler.execute(task);
    }

    @Override
    public Timer schedule(long deadline, Runnable task) {
        return scheduler.schedule(deadline, task);
    }

    @Override
    public void send(Ipv6Packet packet) {
        transmitSent(runner.engine().sendAsRole(scheduler.nanos(), packet));
    }

    @Override
    public void send(byte[] buffer, int offset, int length) {
        transmitSent(runner.engine().sendAsRole(scheduler.nanos(), buffer, offset, length));
    }

    @Override
    public void send(byte[] buffer, int offset, int length, Ipv6Address destination) {
        transmitSent(runner.engine().sendAsRole(scheduler.nanos(), buffer, offset, length, destination));
    }

    @Override
    public void sendThrough(int tunnel, Ipv6Packet inner) {
        transmitSent(runner.engine().sendThrough(scheduler.nanos(), tunnel, inner));
    }

    @Override
    public void tunnelMulticast(int iface, Ipv6Address group, int tunnel, boolean on) {
        transmitSent(runner.engine().tunnelMulticast(scheduler.nanos(), iface, group, tunnel, on));
    }

    @Override
    public void receiveTunnelledMulticast(Ipv6Address group, boolean on) {
        runner.engine().receiveTunnelledMulticast(group, on);
    }

    @Override
    public void joinGroup(int iface, Ipv6Address group, boolean on) {
        transmitSent(runner.engine().joinGroup(scheduler.nanos(), iface, group, on));
    }

    @Override
    public List<Ipv6Address> joinedGroups(int iface) {
        return runner.engine().joinedGroups(iface);
    }

    @Override
    public void joinGroupForRole(int iface, Ipv6Address group, boolean on) {
        transmitSent(runner.engine().joinGroupForRole(scheduler.nanos(), iface, group, on));
    }

    @Override
    public List<Ipv6Address> roleJoinedGroups(int iface) {
        return runner.engine().roleJoinedGroups(iface);
    }

    @Override
    public List<org.mip6.node.GroupStatus> groups() {
        return runner.engine().groups();
    }

    @Override
    public java.util.Set<Ipv6Address> receivedTunnelledGroups() {
        return runner.engine().receivedTunnelledGroups();
    }

    @Override
    public java.util.Map<Ipv6Address, List<Integer>> tunnelledGroups(int iface) {
        return runner.engine().tunnelledGroups(iface);
    }

    @Override
    public Ipv6Address linkLocalAddress(int iface) {
        return runner.engine().linkLocalAddress(iface);
    }

    /** MLD: the groups a call that sends nothing changed are reported at once (RFC 3810 §6.1). */
    private void reportMulticastChanges() {
        transmitSent(runner.engine().reportMulticastChanges(scheduler.nanos()));
    }

    /**
     * What a role made the node send (a send, a proxy's NA, DAD probes, RS, RAs): transmitted now, unless it is a
     * receive's frames, which leave when that returns.
     */
    private void transmitSent(List<Transmit> out) {
        if (!runner.engine().receiving()) {
            runner.transmit(out);
        }
    }

    @Override
    public void advertise(int iface, Advertising a) {
        Objects.requireNonNull(a, "advertising");
        if (iface < 0 || iface >= advertising.size() || advertising.get(iface) == null) {
            throw new IllegalArgumentException(name() + " interface " + iface + " does not advertise");
        }
        transmitSent(runner.engine().readvertise(scheduler.nanos(), iface, RouterConfig.of(a)));
        advertising.set(iface, a);
    }

    @Override
    public Advertising advertising(int iface) {
        return iface < 0 || iface >= advertising.size() ? null : advertising.get(iface);
    }

    @Override
    public void forgetDefaultRouter(int iface, Ipv6Address router) {
        runner.engine().forgetDefaultRouter(iface, router);
    }

    @Override
    public void solicitRouters(int iface) {
        transmitSent(runner.engine().solicitRouters(scheduler.nanos(), iface));
    }

    @Override
    public void detectDuplicate(int iface, Ipv6Address address, Consumer<Boolean> unique) {
        Objects.requireNonNull(unique, "unique");
        transmitSent(runner.engine().detectDuplicate(scheduler.nanos(), iface, address, u -> {
            try {
                unique.accept(u);
            } catch (RuntimeException e) {
                log.warn("a role's DAD outcome for " + address + " threw: " + e);
            }
        }));
    }

    @Override
    public int addTunnel(Ipv6Address local, Ipv6Address remote, Ipv6Address innerSource) {
        return runner.engine().addTunnel(local, remote, innerSource);
    }

    @Override
    public void addAnycast(int iface, Ipv6Address address) {
        runner.engine().addAnycast(iface, address);
        reportMulticastChanges();
    }

    @Override
    public void removeAnycast(int iface, Ipv6Address address) {
        runner.engine().removeAnycast(iface, address);
        reportMulticastChanges();
    }

    @Override
    public void setHomeAddress(int iface, Ipv6Address address, int prefixLength, boolean atHome) {
        runner.engine().setHomeAddress(iface, address, prefixLength, atHome);
        reportMulticastChanges();
    }

    @Override
    public void homeAddressReleased(int iface, Ipv6Address address) {
        runner.engine().homeAddressReleased(iface, address);
    }

    @Override
    public long addressValidUntil(int iface, Ipv6Address address) {
        return runner.engine().addressValidUntil(iface, address);
    }

    @Override
    public int hopLimit() {
        return runner.engine().hopLimit();
    }

    @Override
    public boolean hasRoute(Ipv6Address destination) {
        return runner.engine().hasRoute(Objects.requireNonNull(destination, "destination"));
    }

    @Override
    public void confirmReachable(int iface, Ipv6Address neighbor) {
        runner.engine().confirmReachable(scheduler.nanos(), iface, neighbor);
    }

    @Override
    public void removeHomeAddress(int iface, Ipv6Address address) {
        runner.engine().removeHomeAddress(iface, address);
        reportMulticastChanges();
    }

    @Override
    public long tunnelLastUsed(int id) {
        return runner.engine().tunnelLastUsed(id);
    }

    @Override
    public boolean isOwnAddress(Ipv6Address address) {
        return runner.engine().isOwnOrProxied(address);
    }

    @Override
    public String toString() {
        return "node " + name();
    }
}
