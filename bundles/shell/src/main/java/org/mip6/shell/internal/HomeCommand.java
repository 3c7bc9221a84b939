package org.mip6.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.state.BindingUpdateList;
import org.mip6.state.BindingUpdateListEntry;
import org.mip6.world.World;

/**
 * {@code mip6:home NODE}: moves a registered mobile node back to its home link (its home agent's link)
 * and waits for the deregistration to be acknowledged (RFC 6275 §11.5.5).
 */
@Service
@Command(scope = "mip6", name = "home", description = "Moves a registered mobile node back to its home link and "
        + "waits for its deregistration")
public class HomeCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "node", required = true)
    @Completion(NodeCompleter.class)
    String node;

    @Override
    public Object execute() throws InterruptedException {
        World world = Worlds.require(this.world);
        BindingUpdateList list = RoleServices.require(BindingUpdateList.class, "org.mip6.state");
        List<BindingUpdateListEntry> l = list.entries(node);
        if (l.isEmpty()) {
            throw new IllegalArgumentException(node + " has no home registration: it is at home, or no mobile node"
                    + " (mip6:bul)");
        }
        String link = Mobility.linkOf(world, l.get(0).destination());
        if (link == null) {
            throw new IllegalStateException("no node of the world has " + node + "'s home agent address "
                    + l.get(0).destination());
        }
        return returnHome(world, list, node, link);
    }

    /** Attaches {@code node} to its home link and waits for its bindings to go (also {@code mip6:move} to that link). */
    static Object returnHome(World world, BindingUpdateList list, String node, String link) throws InterruptedException {
        world.attach(node, link);
        long took = Mobility.await(world, list, node, List::isEmpty);
        System.out.println(took < 0 ? node + " attached to " + link + ": not deregistered within "
                + Mobility.LIMIT.toSeconds() + " s (mip6:bul " + node + ")"
                : node + " is home on " + link + ": deregistered " + Mobility.seconds(took) + " after the move");
        return null;
    }
}
