package org.mip6.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.world.World;

/**
 * {@code mip6:tunnels [NODE]}: each node's IPv6-in-IPv6 tunnels (RFC 2473): id, local and remote end, the one
 * inner source a home agent's tunnel takes (RFC 6275 §10.4.5; "any" for a mobile node's reverse tunnel), and
 * how long it has been idle (what a home agent's Binding Refresh Request looks at, §9.5.5).
 */
@Service
@Command(scope = "mip6", name = "tunnels", description = "IPv6-in-IPv6 tunnels of every node, or of one: id, "
        + "local and remote end, inner source taken, seconds idle")
public class TunnelsCommand extends NodeTableCommand {

    @Override
    Rows table(World world, String node) {
        return perNode(world, node, World::tunnels, s -> new Object[] {s.id(), s.local(), s.remote(),
                        s.innerSource() == null ? "any" : s.innerSource(),
                        s.idleNanos() < 0 ? "never" : String.format(java.util.Locale.ROOT, "%.3f", s.idleNanos() / 1e9)},
                "Node", "Tunnel", "Local", "Remote", "Inner source", "Idle");
    }
}
