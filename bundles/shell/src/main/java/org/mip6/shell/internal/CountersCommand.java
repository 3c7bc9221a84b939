package org.mip6.shell.internal;

import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.mip6.world.NodeStatus;
import org.mip6.world.World;

/** {@code mip6:counters [NODE]}: what the nodes counted (packets, drops and decode errors by reason, roles, timers). */
@Service
@Command(scope = "mip6", name = "counters", description = "Counters of every node, or of one: packets, drops and "
        + "decode errors by reason, role deliveries and the hold queue, pending timers")
public class CountersCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "node", required = false, description = "Only this node")
    @Completion(NodeCompleter.class)
    String node;

    @Option(name = "--no-format", description = "One tab-separated line per counter: node, counter, value")
    boolean noFormat;

    @Option(name = "--all", description = "Also counters that are zero")
    boolean all;

    @Override
    public Object execute() {
        World world = Worlds.require(this.world);
        boolean found = false;
        ShellTable t = new ShellTable();
        t.column("Node");
        t.column("Counter");
        t.column("Value").alignRight();
        for (NodeStatus n : world.nodes()) {
            if (node != null && !node.equals(n.name())) {
                continue;
            }
            found = true;
            for (Map.Entry<String, Long> c : new TreeMap<>(n.counters()).entrySet()) {
                if (all || c.getValue() != 0) {
                    t.addRow().addContent(n.name(), c.getKey(), c.getValue());
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no node named \"" + node + "\" (nodes: "
                    + String.join(", ", world.nodes().stream().map(NodeStatus::name).toList()) + ")");
        }
        t.print(System.out, !noFormat);
        return null;
    }
}
