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
import org.mip6.world.NodeStatus;
import org.mip6.world.World;

/**
 * {@code mip6:move NODE LINK}: {@code attach}, then the mobility result once it is known: the care-of
 * address the mobile node registered and how long it took (movement to Binding Acknowledgement).
 */
@Service
@Command(scope = "mip6", name = "move", description = "Moves a mobile node to a link and waits for its home "
        + "registration: prints the care-of address and how long registration took")
public class MoveCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "node", required = true)
    @Completion(NodeCompleter.class)
    String node;

    @Argument(index = 1, name = "link", required = true)
    @Completion(LinkCompleter.class)
    String link;

    @Override
    public Object execute() throws InterruptedException {
        World world = Worlds.require(this.world);
        BindingUpdateList list = RoleServices.require(BindingUpdateList.class, "org.mip6.state");
        List<BindingUpdateListEntry> before = list.entries(node);
        String homeLink = before.stream().filter(BindingUpdateListEntry::homeRegistration).findFirst()
                .map(e -> Mobility.linkOf(world, e.destination())).orElse(null);
        if (link.equals(homeLink)) {
            return HomeCommand.returnHome(world, list, node, link); // §11.5.5: a deregistration, not a registration
        }
        NodeStatus status = world.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElse(null);
        boolean stays = before.isEmpty() && status != null && !status.interfaces().isEmpty()
                && link.equals(status.interfaces().get(0).link())
                && status.interfaces().stream().flatMap(i -> i.addresses().stream()).noneMatch(a -> "AWAY".equals(a.state()));
        world.attach(node, link);
        if (stays) { // nothing to register: no movement (§11.5.1), and no home address away from home
            System.out.println(node + " attached to " + link + " again: no binding to update (at home, or not a mobile"
                    + " node: mip6:bul " + node + ")");
            return null;
        }
        long took = Mobility.await(world, list, node, l -> !l.isEmpty() && l.stream().allMatch(e ->
                e.acknowledged() && e.lifetimeSeconds() > 0 && before.stream().noneMatch(b -> b.equals(e))));
        if (took < 0) {
            System.out.println(node + " attached to " + link + ": no home registration within "
                    + Mobility.LIMIT.toSeconds() + " s (mip6:bul " + node + ", mip6:counters " + node + ")");
            return null;
        }
        for (BindingUpdateListEntry e : list.entries(node)) {
            System.out.println(node + " moved to " + link + ": care-of address " + e.careOfAddress() + ", registered with "
                    + e.destination() + " for " + e.lifetimeSeconds() + " s, " + Mobility.seconds(took)
                    + " after the move");
        }
        return null;
    }
}
