package org.mip6.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.world.World;

/** {@code mip6:attach NODE LINK}: moves a node's interface to another link (how a mobile node moves). */
@Service
@Command(scope = "mip6", name = "attach", description = "Moves a node's (first) interface to a link")
public class AttachCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "node", required = true)
    @Completion(NodeCompleter.class)
    String node;

    @Argument(index = 1, name = "link", required = true)
    @Completion(LinkCompleter.class)
    String link;

    @Override
    public Object execute() {
        World world = Worlds.require(this.world);
        world.attach(node, link);
        System.out.println(node + " attached to " + link);
        return null;
    }
}
