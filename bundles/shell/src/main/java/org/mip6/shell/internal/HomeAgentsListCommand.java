package org.mip6.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.state.HomeAgentEntry;
import org.mip6.state.HomeAgentsList;
import org.mip6.world.World;

/**
 * {@code mip6:ha-list [NODE]}: the home agents lists (RFC 6275 §10.1) learned from RAs on home links,
 * most preferred first. Columns: node, interface, link-local address, global address, preference,
 * remaining lifetime (s; "-" for the home agent's own entry, which lasts while it serves), whether it serves mobile
 * routers (RFC 3963 §7.3: R in its Home Agent Information option).
 */
@Service
@Command(scope = "mip6", name = "ha-list", description = "Home agents list of every node, or of one: interface, "
        + "link-local and global address, preference, remaining lifetime (most preferred first)")
public class HomeAgentsListCommand extends NodeTableCommand {

    @Override
    Rows table(World world, String node) {
        HomeAgentsList list = RoleServices.require(HomeAgentsList.class, "org.mip6.state");
        long now = world.nowNanos();
        Rows t = new Rows("Node", "Interface", "Link-local", "Global", "Preference", "Lifetime", "Mobile routers");
        for (String n : node != null ? List.of(node) : list.nodes()) {
            List<HomeAgentEntry> es = new ArrayList<>(list.entries(n));
            es.sort(Comparator.comparingInt(HomeAgentEntry::iface)
                    .thenComparing(Comparator.comparingInt(HomeAgentEntry::preference).reversed()));
            for (HomeAgentEntry e : es) {
                t.add(n, "eth" + e.iface(), e.linkLocalAddress(), e.globalAddress() == null ? "-" : e.globalAddress(),
                        e.preference(), e.expiresAt() == Long.MAX_VALUE ? "-"
                                : Math.max(0, (e.expiresAt() - now) / 1_000_000_000L), e.mobileRouters() ? "yes" : "no");
            }
        }
        return t;
    }
}
