package org.mip6.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.world.World;

/**
 * {@code mip6:routes [NODE]}: what each node's next-hop determination uses (RFC 4861 §5.1-5.2): its Prefix
 * List (on-link), configured routes, Default Router List with each router's Neighbor Cache state (§6.3.6
 * prefers the reachable ones), and routes into tunnels (RFC 2473) with the tunnel's remote end, by destination
 * or, for a mobile node's reverse tunnelling (RFC 6275 §11.3.1), by source address (the last column).
 */
@Service
@Command(scope = "mip6", name = "routes", description = "Routes of every node, or of one: on-link prefixes, "
        + "configured routes, default routers (with their neighbor state), tunnel routes (by destination, or from a source); "
        + "remaining lifetime")
public class RoutesCommand extends NodeTableCommand {

    @Override
    Rows table(World world, String node) {
        return perNode(world, node, World::routes, r -> new Object[] {r.prefix(), r.origin(),
                        r.tunnel() >= 0 ? "tunnel " + r.tunnel() : "eth" + r.iface(),
                        r.nextHop() == null ? "on-link" : r.nextHop(),
                        r.remainingNanos() < 0 ? "-" : r.remainingNanos() / 1_000_000_000L,
                        r.routerState() == null ? "-" : r.routerState(), r.source() == null ? "-" : r.source()},
                "Node", "Prefix", "Origin", "Interface", "Next hop", "Lifetime", "Router state", "From");
    }
}
