package org.mip6.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.world.World;

/** {@code mip6:detach NODE}: takes a node's interface off its link (mip6:attach puts it back or elsewhere). */
@Service
@Command(scope = "mip6", name = "detach", description = "Detaches a node's (first) interface from its link")
public class DetachCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "node", required = true)
    @Completion(NodeCompleter.class)
    String node;

    @Override
    public Object execute() {
        World world = Worlds.require(this.world);
        world.detach(node);
        System.out.println(node + " detached");
        return null;
    }
}
