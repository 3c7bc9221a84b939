package org.mip6.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.state.BindingUpdateList;
import org.mip6.state.BindingUpdateListEntry;
import org.mip6.world.World;

/**
 * {@code mip6:bul [NODE]}: the binding update lists of the mobile nodes (RFC 6275 §11.1). Columns:
 * node, destination, home address, care-of address, sequence, lifetime (s; asked, or granted once
 * acknowledged), remaining (s), state, retransmissions, kind (home registration or correspondent). A home
 * agent that refused for a reason no move corrects (RFC 6275 §11.7.3) shows as state {@code refused}, its other
 * cells {@code -}, while the record lasts (§11.1: the lifetime the refused Binding Update asked).
 */
@Service
@Command(scope = "mip6", name = "bul", description = "Binding update list of every node, or of one: destination, "
        + "home and care-of address, sequence number, lifetime, remaining time, state, retransmissions, home or correspondent")
public class BindingUpdateListCommand extends NodeTableCommand {

    @Override
    Rows table(World world, String node) {
        BindingUpdateList list = RoleServices.require(BindingUpdateList.class, "org.mip6.state");
        long now = world.nowNanos();
        Rows t = new Rows("Node", "Destination", "Home address", "Care-of address", "Seq", "Lifetime", "Remaining",
                "State", "Retransmissions", "Kind");
        for (String n : node != null ? List.of(node) : list.nodes()) {
            for (BindingUpdateListEntry e : list.entries(n)) {
                String state = e.lifetimeSeconds() == 0 ? "deregistering" : e.acknowledged() ? "registered" : "registering";
                t.add(n, e.destination(), e.homeAddress(), e.careOfAddress(), e.sequence(), e.lifetimeSeconds(),
                        Math.max(0, (e.expiresAt() - now) / 1_000_000_000L), state, e.retransmissions(),
                        e.homeRegistration() ? "home" : "correspondent");
            }
            for (org.mip6.net.Ipv6Address d : list.refusedDestinations(n)) { // §11.7.3: no Binding Update goes there
                if (list.refused(n, d, now)) { // while the record's entry lives (§11.1)
                    t.add(n, d, "-", "-", "-", "-", "-", "refused", "-", "home");
                }
            }
        }
        return t;
    }
}
