package org.mip6.node;

import java.util.List;
import java.util.Map;

import org.mip6.link.Port;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * An IPv6 node (host or router) made by a {@link NodeFactory}. Every method must be called on the
 * thread of the scheduler the node was created with.
 */
public interface Node {

    String name();

    boolean router();

    /** Binds the next interface to {@code port}; {@code advertising} null for a host interface. Returns its index. */
    int bind(Port port, Advertising advertising);

    /** A static address; it goes through DAD. @throws IllegalArgumentException if outside its prefix */
    void addAddress(int iface, Ipv6Prefix prefix, Ipv6Address address);

    /** A static route: {@code prefix} via {@code nextHop} (null: on-link) on {@code iface}. */
    void addRoute(Ipv6Prefix prefix, int iface, Ipv6Address nextHop);

    /** Answers Neighbor Solicitations for {@code address} on {@code iface} (proxy ND, RFC 6275 §10.4.1), with an unsolicited NA. */
    void addProxy(int iface, Ipv6Address address);

    void removeProxy(int iface, Ipv6Address address);

    /** An IPv6-in-IPv6 tunnel endpoint (RFC 2473); returns its id. */
    int addTunnel(Ipv6Address local, Ipv6Address remote);

    void removeTunnel(int id);

    /**
     * Packets to {@code prefix} go through tunnel {@code id}; a tunnel bound to an inner source (a home agent's) then
     * takes packets from {@code prefix} too (RFC 3963 §6.3: a mobile router's Mobile Network Prefixes).
     */
    void addTunnelRoute(Ipv6Prefix prefix, int id);

    void removeTunnelRoute(Ipv6Prefix prefix);

    /**
     * What this node originates from {@code source} goes through tunnel {@code id} unless a role's outbound
     * handler decides how it leaves (RFC 6275 §11.3.1: a mobile node's reverse tunnelling from its home
     * address, which so stays in the data path while the role is replaced). Removing the tunnel removes it.
     */
    void addTunnelRouteFrom(Ipv6Address source, int id);

    void removeTunnelRouteFrom(Ipv6Address source);

    /**
     * Sends one UDP datagram from this node. Its source port is open from then on: what comes back to it
     * is not answered port unreachable (see {@link #listenUdp}).
     */
    void sendUdp(Ipv6Address destination, int sourcePort, int destinationPort, byte[] data);

    /**
     * Opens UDP port {@code port} (1-65535) on this node, as a bound socket would: a unicast datagram to a
     * port that is not open (nor the echo service's, 7) is answered with Destination Unreachable code 4,
     * port unreachable (RFC 4443 §3.1). {@link NodeListener#udp} hears every datagram either way.
     *
     * @throws IllegalArgumentException if {@code port} is not 1-65535
     */
    default void listenUdp(int port) {
        throw new UnsupportedOperationException("this node has no UDP ports to open");
    }

    /**
     * The node's upper layers listen to {@code group} on interface {@code iface} ({@code on}), or no longer: its MLD
     * reports it on the link (RFC 3810), and its packets are received there (an Echo Request to it answered, RFC 4443
     * §4.1) — an application's, or a mobile node's groups at home (RFC 6275 §11.3.4: as any stationary node). The
     * default refuses.
     *
     * @throws IllegalArgumentException for an address that is not a group, or one of interface-local scope
     */
    default void joinGroup(int iface, Ipv6Address group, boolean on) {
        throw new UnsupportedOperationException("this node does not join multicast groups");
    }

    /**
     * The multicast groups the node listens to on each interface and out of tunnels, and why ({@link GroupStatus});
     * not the solicited-node groups of addresses it proxies (a home agent's million: its Neighbor Cache's PROXY
     * entries). Call it on the node's thread. The default: none.
     */
    default List<GroupStatus> groups() {
        return List.of();
    }

    /** The groups {@link #joinGroup} joined on {@code iface}. The default: none. */
    default java.util.List<Ipv6Address> joinedGroups(int iface) {
        return java.util.List.of();
    }

    /** Sends one ICMPv6 echo request from this node. */
    void ping(Ipv6Address destination, int identifier, int sequence, int payloadBytes);

    List<InterfaceStatus> interfaces();

    /**
     * The node's routes: its Prefix List, configured routes, Default Router List and tunnel routes
     * ({@link RouteStatus}), in that order. Call it on the node's thread (the world's scheduler).
     */
    default List<RouteStatus> routes() {
        return List.of();
    }

    /**
     * The node's Neighbor Cache by interface, then the addresses it proxies ({@link NeighborStatus#PROXY}).
     * Call it on the node's thread (the world's scheduler).
     */
    default List<NeighborStatus> neighbors() {
        return List.of();
    }

    /** The node's IPv6-in-IPv6 tunnels, by id. Call it on the node's thread (the world's scheduler). */
    default List<TunnelStatus> tunnels() {
        return List.of();
    }

    /** Each interface's host variables (RFC 4861 §6.3.2), by interface. Call it on the node's thread (the world's scheduler). */
    default List<HostVariables> hostVariables() {
        return List.of();
    }

    /** The Path MTUs the node learnt (RFC 8201), oldest first. Call it on the node's thread (the world's scheduler). */
    default List<PathMtuStatus> pathMtus() {
        return List.of();
    }

    /**
     * Whether the node answers Neighbor Solicitations for {@code address} on interface {@code iface} on
     * another node's behalf (proxy ND: a home agent for its mobile nodes' home addresses, RFC 6275
     * §10.4.1). Call it on the node's thread (the world's scheduler).
     */
    default boolean proxies(int iface, Ipv6Address address) {
        return false;
    }

    /** Counters by name: packets sent/received/forwarded, drops and decode errors by reason. */
    Map<String, Long> counters();

    /** Adds a listener for the node's events (any number; called in the order added). */
    void addListener(NodeListener listener);

    void removeListener(NodeListener listener);

    /**
     * The node is built (interfaces bound, addresses and routes set): offer it to roles (the stack
     * registers it as a service). Called once, by whoever built it.
     */
    default void open() {
    }

    /** The node is going away (its world is reset or stopped): withdraw it from roles. */
    default void close() {
    }
}
