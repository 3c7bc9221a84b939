package org.mip6.netsim.internal;

import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.engine.LinkParameters;

/** A whole topology: links and nodes, validated before anything is built. */
record TopologySpec(List<LinkParameters> links, List<NodeSpec> nodes) {

    TopologySpec {
        links = List.copyOf(links);
        nodes = List.copyOf(nodes);
    }

    /**
     * A node: host or router, its interfaces in order, static routes; a router's RA intervals, Router
     * Lifetime (0: advertises prefixes but is no default router) and whether it starts as a home agent.
     */
    record NodeSpec(String source, String name, boolean router, List<InterfaceSpec> interfaces, List<RouteSpec> routes,
                    long minRaNanos, long maxRaNanos, boolean homeAgent, int routerLifetime) {
        static final int DEFAULT_ROUTER_LIFETIME = 1800;

        static final long DEFAULT_MIN_RA = 3_000_000_000L;
        static final long DEFAULT_MAX_RA = 10_000_000_000L;

        NodeSpec(String source, String name, boolean router, List<InterfaceSpec> interfaces, List<RouteSpec> routes) {
            this(source, name, router, interfaces, routes, DEFAULT_MIN_RA, DEFAULT_MAX_RA, false, DEFAULT_ROUTER_LIFETIME);
        }

        NodeSpec {
            interfaces = List.copyOf(interfaces);
            routes = List.copyOf(routes);
        }
    }

    /** An interface: the link it starts on, static addresses, prefixes it advertises (routers). */
    record InterfaceSpec(String link, List<AddressSpec> addresses, List<Ipv6Prefix> advertise) {
        InterfaceSpec {
            addresses = List.copyOf(addresses);
            advertise = List.copyOf(advertise);
        }
    }

    record AddressSpec(Ipv6Address address, Ipv6Prefix prefix) {
    }

    /** {@code prefix} via {@code nextHop} (null: on-link) on interface {@code iface}. */
    record RouteSpec(Ipv6Prefix prefix, Ipv6Address nextHop, int iface) {
    }
}
