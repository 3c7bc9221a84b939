package org.mip6.netsim.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.TopologySpec.AddressSpec;
import org.mip6.netsim.internal.TopologySpec.InterfaceSpec;
import org.mip6.netsim.internal.TopologySpec.NodeSpec;
import org.mip6.netsim.internal.TopologySpec.RouteSpec;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.netsim.internal.engine.SimNetwork;
import org.mip6.node.Advertising;
import org.mip6.node.Node;
import org.mip6.node.NodeFactory;

/**
 * The default world (docs/commands.md), used when no topology configuration exists; the
 * distribution ships the same world as configuration in {@code etc/org.mip6.world.*.cfg}. Links
 * {@code home} (1 ms), {@code foreign1} (2 ms), {@code foreign2} (5 ms), {@code cn-link} (1 ms),
 * access routers over a {@code backbone} (10 ms); hosts {@code ha} and {@code mn} on home,
 * {@code cn} on cn-link.
 */
public final class DefaultWorld {

    static final String[][] ACCESS = {{"ar-home", "home"}, {"ar-f1", "foreign1"}, {"ar-f2", "foreign2"}, {"ar-cn", "cn-link"}};
    static final Ipv6Prefix[] PREFIXES = {Ipv6Prefix.parse("2001:db8:1::/64"), Ipv6Prefix.parse("2001:db8:2::/64"),
            Ipv6Prefix.parse("2001:db8:3::/64"), Ipv6Prefix.parse("2001:db8:4::/64")};
    static final Ipv6Prefix BACKBONE = Ipv6Prefix.parse("2001:db8:ff::/64");
    static final long[] DELAYS_MS = {1, 2, 5, 1};

    private DefaultWorld() {
    }

    static TopologySpec spec() {
        return spec(TopologySpec.NodeSpec.DEFAULT_MIN_RA, TopologySpec.NodeSpec.DEFAULT_MAX_RA);
    }

    /**
     * The shipped default world on {@code net}, its routers advertising every {@code minRa}-{@code maxRa}
     * (for experiments and tests down to the MIPv6 minimums, 30-70 ms); returns its nodes by name.
     */
    public static Map<String, Node> create(SimNetwork net, NodeFactory factory, long seed, Duration minRa, Duration maxRa) {
        Map<String, Node> nodes = new java.util.LinkedHashMap<>();
        build(spec(minRa.toNanos(), maxRa.toNanos()), net, factory, nodes, new java.util.LinkedHashMap<>(), seed);
        return nodes;
    }

    private static TopologySpec spec(long minRa, long maxRa) {
        long ms = 1_000_000L;
        List<LinkParameters> links = new ArrayList<>();
        for (int k = 0; k < ACCESS.length; k++) {
            links.add(LinkParameters.ideal(ACCESS[k][1]).withDelay(DELAYS_MS[k] * ms));
        }
        links.add(LinkParameters.ideal("backbone").withDelay(10 * ms));
        List<NodeSpec> nodes = new ArrayList<>();
        for (int k = 0; k < ACCESS.length; k++) {
            List<RouteSpec> routes = new ArrayList<>();
            for (int j = 0; j < ACCESS.length; j++) {
                if (j != k) {
                    routes.add(new RouteSpec(PREFIXES[j], BACKBONE.withInterfaceId(0x10 + j), 1));
                }
            }
            nodes.add(new NodeSpec("built-in", ACCESS[k][0], true, List.of(
                    new InterfaceSpec(ACCESS[k][1], List.of(new AddressSpec(PREFIXES[k].withInterfaceId(1), PREFIXES[k])),
                            List.of(PREFIXES[k])),
                    new InterfaceSpec("backbone", List.of(new AddressSpec(BACKBONE.withInterfaceId(0x10 + k), BACKBONE)),
                            List.of())), routes, minRa, maxRa, false, NodeSpec.DEFAULT_ROUTER_LIFETIME));
        }
        // ha: a router on the home link (RFC 6275 §10.1) but not its default router (ar-home is); the home
        // agent role makes its RAs a home agent's
        Ipv6Address ha = PREFIXES[0].withInterfaceId(2);
        nodes.add(new NodeSpec("built-in", "ha", true, List.of(new InterfaceSpec("home",
                List.of(new AddressSpec(ha, PREFIXES[0])), List.of(PREFIXES[0]))),
                List.of(new RouteSpec(Ipv6Prefix.parse("::/0"), PREFIXES[0].withInterfaceId(1), 0)), minRa, maxRa, false, 0));
        for (String[] h : new String[][] {{"mn", "home"}, {"cn", "cn-link"}}) {
            nodes.add(new NodeSpec("built-in", h[0], false, List.of(new InterfaceSpec(h[1], List.of(), List.of())), List.of()));
        }
        // in the order the shipped configuration gives them (by name), so MAC addresses are the same either way
        links.sort(java.util.Comparator.comparing(LinkParameters::name));
        nodes.sort(java.util.Comparator.comparing(NodeSpec::name));
        return new TopologySpec(links, nodes);
    }

    /** Builds any validated topology: links, then nodes with their ports, addresses and routes. */
    static void build(TopologySpec spec, SimNetwork net, NodeFactory factory, Map<String, Node> nodes,
                      Map<String, List<SimNetwork.SimPort>> ports, long seed) {
        for (LinkParameters l : spec.links()) {
            net.addLink(l);
        }
        int mac = 0;
        for (NodeSpec ns : spec.nodes()) {
            Node n = factory.create(ns.name(), ns.router(), net.scheduler(), seed + ns.name().hashCode());
            List<SimNetwork.SimPort> ps = new ArrayList<>();
            for (int i = 0; i < ns.interfaces().size(); i++) {
                InterfaceSpec is = ns.interfaces().get(i);
                SimNetwork.SimPort p = net.addPort(ns.name() + ".eth" + i, EmbeddedWorld.mac(++mac));
                Advertising adv = ns.router() && !is.advertise().isEmpty()
                        ? new Advertising(Duration.ofNanos(ns.minRaNanos()), Duration.ofNanos(ns.maxRaNanos()), ns.routerLifetime(),
                                ns.homeAgent(), is.advertise(), ns.homeAgent(), 0, 1800)
                        : null;
                n.bind(p, adv);
                for (AddressSpec a : is.addresses()) {
                    n.addAddress(i, a.prefix(), a.address());
                }
                ps.add(p);
            }
            for (RouteSpec r : ns.routes()) {
                n.addRoute(r.prefix(), r.iface(), r.nextHop());
            }
            for (int i = 0; i < ps.size(); i++) {
                net.attach(ps.get(i), ns.interfaces().get(i).link());
            }
            nodes.put(ns.name(), n);
            ports.put(ns.name(), ps);
        }
    }
}
