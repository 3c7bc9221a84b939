package org.mip6.stack.internal.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.link.Port;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.node.Advertising;
import org.mip6.node.InterfaceStatus;
import org.mip6.node.Node;
import org.mip6.node.NodeFactory;
import org.mip6.node.NodeListener;
import org.mip6.time.Scheduler;

/**
 * A {@link NodeFactory} whose nodes are bare {@link NodeRunner}s, so that a test can build the
 * shipped default world with the world's own builder ({@code DefaultWorld.create}) and still reach
 * every engine. Only what building a world needs is implemented.
 */
final class EngineNodes implements NodeFactory {

    private final NdParameters nd;
    final Map<String, NodeRunner> runners = new LinkedHashMap<>();

    EngineNodes(NdParameters nd) {
        this.nd = nd;
    }

    @Override
    public Node create(String name, boolean forwarding, Scheduler scheduler, long seed) {
        NodeRunner r = new NodeRunner(new NodeEngine(name, forwarding, nd, seed), scheduler);
        runners.put(name, r);
        return new Node() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean router() {
                return forwarding;
            }

            @Override
            public int bind(Port port, Advertising a) {
                return r.bind(port, a == null ? null : RouterConfig.of(a));
            }

            @Override
            public void addAddress(int iface, Ipv6Prefix prefix, Ipv6Address address) {
                r.transmit(r.engine().addAddress(scheduler.nanos(), iface, prefix, address));
            }

            @Override
            public void addRoute(Ipv6Prefix prefix, int iface, Ipv6Address nextHop) {
                r.engine().addRoute(prefix, iface, nextHop);
            }

            @Override
            public void addProxy(int iface, Ipv6Address address) {
                r.transmit(r.engine().addProxy(scheduler.nanos(), iface, address));
            }

            @Override
            public void removeProxy(int iface, Ipv6Address address) {
                r.engine().removeProxy(iface, address);
            }

            @Override
            public int addTunnel(Ipv6Address local, Ipv6Address remote) {
                return r.engine().addTunnel(local, remote);
            }

            @Override
            public void removeTunnel(int id) {
                r.engine().removeTunnel(id);
            }

            @Override
            public void addTunnelRoute(Ipv6Prefix prefix, int id) {
                r.engine().addTunnelRoute(prefix, id);
            }

            @Override
            public void removeTunnelRoute(Ipv6Prefix prefix) {
                r.engine().removeTunnelRoute(prefix);
            }

            @Override
            public void addTunnelRouteFrom(Ipv6Address source, int id) {
                r.engine().addTunnelRouteFrom(source, id);
            }

            @Override
            public void removeTunnelRouteFrom(Ipv6Address source) {
                r.engine().removeTunnelRouteFrom(source);
            }

            @Override
            public void sendUdp(Ipv6Address destination, int sourcePort, int destinationPort, byte[] data) {
                throw new UnsupportedOperationException("test node");
            }

            @Override
            public void ping(Ipv6Address destination, int identifier, int sequence, int payloadBytes) {
                throw new UnsupportedOperationException("test node");
            }

            @Override
            public List<InterfaceStatus> interfaces() {
                throw new UnsupportedOperationException("test node");
            }

            @Override
            public Map<String, Long> counters() {
                return Map.of();
            }

            @Override
            public void addListener(NodeListener listener) {
            }

            @Override
            public void removeListener(NodeListener listener) {
            }
        };
    }
}
