package org.mip6.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.world.World;

/**
 * {@code mip6:neighbor-cache [NODE]}: each node's Neighbor Cache (RFC 4861 §5.1: address, link-layer address,
 * reachability state of §7.3.2, IsRouter), then the addresses it answers for on another node's behalf (state
 * PROXY: a home agent's mobile nodes' home addresses, RFC 6275 §10.4.1, with the MAC it answers with).
 */
@Service
@Command(scope = "mip6", name = "neighbor-cache", description = "Neighbor Cache of every node, or of one: address, "
        + "MAC, reachability state, router flag; then proxied addresses (state PROXY)")
public class NeighborCacheCommand extends NodeTableCommand {

    @Override
    Rows table(World world, String node) {
        return perNode(world, node, World::neighbors, e -> new Object[] {"eth" + e.iface(), e.address(),
                        e.mac() == null ? "-" : e.mac(), e.state(), e.router() ? "yes" : "no"},
                "Node", "Interface", "Address", "MAC", "State", "Router");
    }
}
