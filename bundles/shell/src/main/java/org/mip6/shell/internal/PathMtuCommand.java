package org.mip6.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.world.World;

/**
 * {@code mip6:path-mtu [NODE]}: the Path MTUs each node learnt from Packet Too Big (RFC 8201 §4), by
 * destination, with the seconds left before it is forgotten and the link's MTU tried again (§5.3).
 */
@Service
@Command(scope = "mip6", name = "path-mtu", description = "Path MTUs learnt from Packet Too Big by every node, or by one: "
        + "destination, MTU, seconds until forgotten")
public class PathMtuCommand extends NodeTableCommand {

    @Override
    Rows table(World world, String node) {
        return perNode(world, node, World::pathMtus,
                p -> new Object[] {p.destination(), p.mtu(), p.remainingNanos() / 1_000_000_000L},
                "Node", "Destination", "MTU", "Lifetime");
    }
}
