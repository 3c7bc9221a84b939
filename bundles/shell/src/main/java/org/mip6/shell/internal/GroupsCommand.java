package org.mip6.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.world.World;

/**
 * {@code mip6:groups [NODE]}: the multicast groups each node listens to (RFC 3810: what its MLD reports) and why — an
 * address's solicited-node group, all-routers, joined ({@code mip6:join}), joined for a role (a mobile node's at home),
 * taken for tunnels (a home agent's, RFC 6275 §10.4.2), or received out of a tunnel (a mobile node's away, §11.3.4). Not
 * the groups of proxied addresses.
 */
@Service
@Command(scope = "mip6", name = "groups", description = "Multicast groups every node, or one, listens to: interface, group, why")
public class GroupsCommand extends NodeTableCommand {

    @Override
    Rows table(World world, String node) {
        return perNode(world, node, World::groups, g -> new Object[] {g.iface() < 0 ? "tunnel" : "eth" + g.iface(), g.group(),
                g.why()}, "Node", "Interface", "Group", "Why");
    }
}
