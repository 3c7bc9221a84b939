package org.mip6.stack.internal.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.net.MacAddress;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.netsim.internal.engine.SimNetwork;
import org.mip6.time.internal.VirtualTimeScheduler;
import org.mip6.wire.Bytes;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.NdOption;

/** A scenario on virtual time: a SimNetwork plus nodes, with recorded events. */
final class World {

    final VirtualTimeScheduler clock = new VirtualTimeScheduler("world");
    final SimNetwork net;
    final Map<String, Node> nodes = new LinkedHashMap<>();
    private int macs;

    World(long seed) {
        net = new SimNetwork(clock, seed);
    }

    static final class Node implements NodeEvents {
        final String name;
        final NodeRunner runner;
        final List<String> log = new ArrayList<>();
        final List<EchoFlow> flows = new ArrayList<>();
        final List<Icmpv6Message> errors = new ArrayList<>();
        final List<Ipv6Packet> errorPackets = new ArrayList<>();

        Node(String name, NodeRunner runner) {
            this.name = name;
            this.runner = runner;
            runner.engine().setEvents(this);
        }

        NodeEngine engine() {
            return runner.engine();
        }

        @Override
        public void addressReady(long now, int iface, Ipv6Address address) {
            log.add("ready " + address);
        }

        @Override
        public void duplicateAddress(long now, int iface, Ipv6Address address) {
            log.add("duplicate " + address);
        }

        @Override
        public void newPrefix(long now, int iface, Ipv6Prefix prefix, Ipv6Address router, boolean defaultRouter) {
            log.add("prefix " + prefix + " from " + router);
        }

        @Override
        public void routerUnreachable(long now, int iface, Ipv6Address router) {
            log.add("router unreachable " + router);
        }

        @Override
        public void echoReply(long now, Ipv6Address from, int identifier, int sequence, Bytes data) {
            for (EchoFlow f : flows) {
                if (f.onReply(now, from, identifier, sequence)) {
                    return;
                }
            }
            log.add("stray echo reply from " + from);
        }

        @Override
        public void icmpError(long now, Ipv6Packet packet, Icmpv6Message error) {
            errors.add(error);
            errorPackets.add(packet);
        }

        Ipv6Address global(int iface) {
            for (Ipv6Address a : engine().preferredAddresses(iface)) {
                if (!a.isLinkLocal()) {
                    return a;
                }
            }
            throw new AssertionError(name + " has no preferred global address on " + iface + ": "
                    + engine().addresses(iface).stream().map(e -> e.address() + " " + e.state()).toList());
        }
    }

    World link(LinkParameters p) {
        net.addLink(p);
        return this;
    }

    MacAddress nextMac() {
        macs++;
        return MacAddress.of(0x0200_0000_0000L | macs);
    }

    Node host(String name, NdParameters nd, String... links) {
        return node(name, false, nd, null, links);
    }

    Node node(String name, boolean forwarding, NdParameters nd, RouterConfig router, String... links) {
        return node(name, forwarding, nd, router, HoldParameters.DEFAULT, links);
    }

    Node node(String name, boolean forwarding, NdParameters nd, RouterConfig router, HoldParameters hold, String... links) {
        NodeRunner r = new NodeRunner(new NodeEngine(name, forwarding, nd, 6275, hold), clock);
        Node n = new Node(name, r);
        nodes.put(name, n);
        for (int k = 0; k < links.length; k++) {
            var port = net.addPort(name + ".eth" + k, nextMac());
            r.bind(port, router);
            net.attach(port, links[k]);
        }
        return n;
    }

    /** A router with one advertising interface per link, prefix index-th of the given prefixes. */
    Node router(String name, NdParameters nd, List<String> links, List<Ipv6Prefix> prefixes, boolean homeAgent) {
        NodeRunner r = new NodeRunner(new NodeEngine(name, true, nd, 6275), clock);
        Node n = new Node(name, r);
        nodes.put(name, n);
        for (int k = 0; k < links.size(); k++) {
            var port = net.addPort(name + ".eth" + k, nextMac());
            Ipv6Prefix pfx = prefixes.get(k);
            RouterConfig rc = new RouterConfig(200_000_000L, 600_000_000L, 1800, homeAgent,
                    List.of(NdOption.PrefixInformation.of(pfx, true, true, 86400, 14400)), homeAgent,
                    homeAgent ? new NdOption.HomeAgentInformation(false, 0, 1800) : null);
            int idx = r.bind(port, rc);
            r.transmit(r.engine().addAddress(clock.nanos(), idx, pfx, pfx.withInterfaceId(1)));
            net.attach(port, links.get(k));
        }
        return n;
    }

    void run(Duration d) {
        clock.runFor(d);
    }

    /** Sends {@code count} echo requests every {@code interval} from {@code from} to {@code dst}; returns the flow. */
    EchoFlow ping(Node from, Ipv6Address dst, int count, Duration interval, int id) {
        return ping(from, dst, count, interval, id, 56);
    }

    /** The same with {@code payloadBytes} of data in each request. */
    EchoFlow ping(Node from, Ipv6Address dst, int count, Duration interval, int id, int payloadBytes) {
        EchoFlow f = new EchoFlow(dst, id, payloadBytes);
        from.flows.add(f);
        for (int k = 0; k < count; k++) {
            clock.scheduleAfter(interval.multipliedBy(k), () -> {
                int seq = f.nextRequest(clock.nanos());
                from.runner.transmit(from.engine().ping(clock.nanos(), dst, f.identifier(), seq, f.payload()));
            });
        }
        return f;
    }
}
