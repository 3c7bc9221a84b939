package org.mip6.shell.internal;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.node.InterfaceStatus;
import org.mip6.world.NodeStatus;
import org.mip6.world.World;

/** {@code mip6:node-list}: nodes, interfaces, links and addresses with their DAD state. */
@Service
@Command(scope = "mip6", name = "node-list", description = "Nodes of the world with interfaces, links and addresses")
public class NodeListCommand implements Action {

    @Reference(optional = true)
    World world;

    @Option(name = "--no-format", description = "Plain output without table borders")
    boolean noFormat;

    @Override
    public Object execute() {
        World world = Worlds.require(this.world);
        print(world, noFormat);
        return null;
    }

    static void print(World world, boolean noFormat) {
        Rows t = new Rows("Node", "Role", "Interface", "MAC", "Link", "Addresses");
        for (NodeStatus n : world.nodes()) {
            for (InterfaceStatus i : n.interfaces()) {
                String addrs = i.addresses().stream()
                        .map(a -> a.address() + "/" + a.prefixLength() + (a.state().equals("PREFERRED") ? "" : " (" + a.state().toLowerCase() + ")"))
                        .collect(Collectors.joining(" "));
                t.add(n.name(), n.router() ? "router" : "host", i.port(), i.mac(),
                        i.link() == null ? "-" : i.link(), addrs);
            }
        }
        t.print(System.out, !noFormat);
    }
}
