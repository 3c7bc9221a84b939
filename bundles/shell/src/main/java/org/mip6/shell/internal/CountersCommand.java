package org.mip6.shell.internal;

import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.world.NodeStatus;
import org.mip6.world.World;

/**
 * {@code mip6:counters [NODE]}: what the nodes counted (packets, drops and decode errors by reason,
 * roles, timers) and what each role on them counted, prefixed with the role's name ({@code ha.}).
 */
@Service
@Command(scope = "mip6", name = "counters", description = "Counters of every node, or of one: packets, drops and "
        + "decode errors by reason, role deliveries and the hold queue, pending timers, and each role's own (ha.*)")
public class CountersCommand extends NodeTableCommand {

    @Option(name = "--all", description = "Also counters that are zero")
    boolean all;

    @Override
    TrailingOptions moreOptions(TrailingOptions options) {
        return options.flag(() -> all = true, "--all");
    }

    @Override
    Rows table(World world, String node) {
        Rows t = new Rows("Node", "Counter", "Value");
        for (NodeStatus n : world.nodes()) {
            if (node != null && !node.equals(n.name())) {
                continue;
            }
            Map<String, Long> counters = new TreeMap<>(n.counters());
            counters.putAll(RoleServices.roleCounters(n.name()));
            for (Map.Entry<String, Long> c : counters.entrySet()) {
                if (all || c.getValue() != 0) {
                    t.add(n.name(), c.getKey(), c.getValue());
                }
            }
        }
        return t;
    }
}
