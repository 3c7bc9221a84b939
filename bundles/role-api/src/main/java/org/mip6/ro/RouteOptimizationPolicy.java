package org.mip6.ro;

import org.mip6.net.Ipv6Address;

/**
 * Whether a mobile node optimizes its route to a correspondent (RFC 6275 §11.7.2 leaves it to the
 * node): a whiteboard service, the experimental extension point of route optimization. The mobile node
 * asks the one with the highest service ranking for each packet to a correspondent that goes through
 * the tunnel while no route optimization with it is under way; without one, its configuration decides
 * ({@code routeOptimization}, {@code routeOptimizationRules}). Called on the node's thread: keep it quick.
 */
@FunctionalInterface
public interface RouteOptimizationPolicy {

    /**
     * A flow through the tunnel.
     *
     * @param node                 the mobile node
     * @param homeAddress          its home address
     * @param correspondent        the destination
     * @param packetsThroughTunnel packets sent to it through the tunnel so far, this one included
     * @param nanosThroughTunnel   since the first of them
     */
    record Flow(String node, Ipv6Address homeAddress, Ipv6Address correspondent, long packetsThroughTunnel,
                long nanosThroughTunnel) {
    }

    /** Whether to start return routability with the flow's correspondent now. */
    boolean optimize(Flow flow);
}
