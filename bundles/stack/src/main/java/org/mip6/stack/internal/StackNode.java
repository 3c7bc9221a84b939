package org.mip6.stack.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.link.Port;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.node.AddressStatus;
import org.mip6.node.Advertising;
import org.mip6.node.InterfaceStatus;
import org.mip6.node.Node;
import org.mip6.node.NodeListener;
import org.mip6.stack.internal.engine.AddressEntry;
import org.mip6.stack.internal.engine.NodeEngine;
import org.mip6.stack.internal.engine.NodeEvents;
import org.mip6.stack.internal.engine.NodeRunner;
import org.mip6.stack.internal.engine.RouterConfig;
import org.mip6.time.Scheduler;
import org.mip6.wire.Bytes;
import org.mip6.wire.icmp.NdOption;

/** {@link Node} on top of the sans-IO {@link NodeEngine}. */
final class StackNode implements Node {

    private static final System.Logger LOG = System.getLogger("org.mip6.stack");

    private final NodeRunner runner;
    private long lastLog = System.nanoTime() - 1_000_000_000L;
    private long suppressed;
    private final Scheduler scheduler;
    private final boolean router;
    private volatile NodeListener listener = new NodeListener() {
    };

    StackNode(String name, boolean forwarding, Scheduler scheduler, long seed) {
        this.scheduler = scheduler;
        this.router = forwarding;
        this.runner = new NodeRunner(new NodeEngine(name, forwarding, org.mip6.stack.internal.engine.NdParameters.DEFAULT,
                seed), scheduler);
        runner.engine().setEvents(new NodeEvents() {
            @Override
            public void echoReply(long now, Ipv6Address from, int identifier, int sequence, Bytes data) {
                listener.echoReply(now, from, identifier, sequence);
            }

            @Override
            public void udp(long now, org.mip6.wire.Ipv6Packet packet, org.mip6.wire.Payload.Udp d) {
                listener.udp(now, packet.source(), d.sourcePort(), d.destinationPort(), d.data().toArray());
            }

            @Override
            public void decodeError(long now, int iface, org.mip6.wire.DecodeException e) {
                suppressed++;
                long wall = System.nanoTime();
                if (wall - lastLog >= 1_000_000_000L) { // at most one line a second per node
                    LOG.log(System.Logger.Level.WARNING, name() + " eth" + iface + ": dropped a frame: " + e
                            + (suppressed > 1 ? " (" + (suppressed - 1) + " more since the last line)" : ""));
                    lastLog = wall;
                    suppressed = 0;
                }
            }

            @Override
            public void linkUp(long now, int iface) {
                listener.linkAttached(now, iface);
            }

            @Override
            public void linkDown(long now, int iface) {
                listener.linkDetached(now, iface);
            }

            @Override
            public void addressReady(long now, int iface, Ipv6Address address) {
                listener.addressReady(now, iface, address);
            }

            @Override
            public void newPrefix(long now, int iface, Ipv6Prefix prefix, Ipv6Address r) {
                listener.newPrefix(now, iface, prefix, r);
            }
        });
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
        RouterConfig rc = null;
        if (a != null) {
            List<NdOption.PrefixInformation> pios = new ArrayList<>();
            for (Ipv6Prefix p : a.prefixes()) {
                pios.add(NdOption.PrefixInformation.of(p, true, true, 86400, 14400));
            }
            rc = new RouterConfig(a.minInterval().toNanos(), a.maxInterval().toNanos(), a.routerLifetime(),
                    a.homeAgent(), pios, a.advertisementInterval(),
                    a.homeAgent() ? new NdOption.HomeAgentInformation(false, a.homeAgentPreference(),
                            Math.max(1, a.homeAgentLifetime())) : null);
        }
        return runner.bind(port, rc);
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
        runner.transmit(runner.engine().addProxy(scheduler.nanos(), iface, address));
    }

    @Override
    public void removeProxy(int iface, Ipv6Address address) {
        runner.engine().removeProxy(iface, address);
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
    public void sendUdp(Ipv6Address destination, int sourcePort, int destinationPort, byte[] data) {
        runner.transmit(runner.engine().sendUdp(scheduler.nanos(), destination, sourcePort, destinationPort, Bytes.of(data)));
    }

    @Override
    public void ping(Ipv6Address destination, int identifier, int sequence, int payloadBytes) {
        runner.transmit(runner.engine().ping(scheduler.nanos(), destination, identifier, sequence,
                Bytes.of(new byte[payloadBytes])));
    }

    @Override
    public List<InterfaceStatus> interfaces() {
        NodeEngine e = runner.engine();
        List<InterfaceStatus> out = new ArrayList<>();
        for (int i = 0; i < e.interfaceCount(); i++) {
            List<AddressStatus> as = new ArrayList<>();
            for (AddressEntry a : e.addresses(i)) {
                as.add(new AddressStatus(a.address(), a.prefixLength(), a.state().name(), a.autoconfigured()));
            }
            Port p = runner.port(i);
            out.add(new InterfaceStatus(i, p.name(), e.mac(i), p.link(), as));
        }
        return out;
    }

    @Override
    public Map<String, Long> counters() {
        NodeEngine e = runner.engine();
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("sent", e.packetsSent());
        m.put("received", e.packetsReceived());
        m.put("forwarded", e.packetsForwarded());
        m.put("encapsulated", e.packetsEncapsulated());
        m.put("decapsulated", e.packetsDecapsulated());
        m.put("timers", (long) e.pendingTimers());
        e.drops().forEach((k, v) -> m.put("drop." + k.name(), v));
        e.decodeErrors().forEach((k, v) -> m.put("decode." + k.name(), v));
        return m;
    }

    @Override
    public void setListener(NodeListener listener) {
        this.listener = listener == null ? new NodeListener() {
        } : listener;
    }
}
