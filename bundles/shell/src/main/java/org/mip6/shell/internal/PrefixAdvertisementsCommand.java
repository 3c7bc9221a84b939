package org.mip6.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.state.PendingPrefixAdvertisement;
import org.mip6.state.PendingPrefixAdvertisements;
import org.mip6.world.World;

/**
 * {@code mip6:prefix-advertisements [NODE]}: the unsolicited Mobile Prefix Advertisements a home agent owes its
 * mobile nodes (RFC 6275 §10.6.2), soonest first. Columns: node, home address, state ({@code scheduled}: its first
 * transmission, RAND_ADV_DELAY after the prefixes changed; {@code sent}: waiting for the mobile node's solicitation,
 * to be sent again), seconds until it goes next, transmissions left.
 */
@Service
@Command(scope = "mip6", name = "prefix-advertisements", description = "Unsolicited Mobile Prefix Advertisements "
        + "home agents owe their mobile nodes (RFC 6275 §10.6.2): home address, scheduled or sent, next (s), transmissions left")
public class PrefixAdvertisementsCommand extends NodeTableCommand {

    @Override
    Rows table(World world, String node) {
        PendingPrefixAdvertisements pending = RoleServices.require(PendingPrefixAdvertisements.class, "org.mip6.state");
        return rows(pending, node != null ? List.of(node) : pending.nodes(), world.nowNanos());
    }

    /** The table of {@code nodes}' advertisements at {@code now} (node clock, ns). */
    static Rows rows(PendingPrefixAdvertisements pending, List<String> nodes, long now) {
        Rows t = new Rows("Node", "Home address", "State", "Next (s)", "Left");
        for (String n : nodes) {
            List<PendingPrefixAdvertisement> es = new ArrayList<>(pending.entries(n));
            es.sort(Comparator.comparingLong(PendingPrefixAdvertisement::at).thenComparingLong(PendingPrefixAdvertisement::order));
            for (PendingPrefixAdvertisement e : es) {
                t.add(n, e.homeAddress(), e.waitNanos() == 0 ? "scheduled" : "sent",
                        String.format(java.util.Locale.ROOT, "%.3f", Math.max(0, e.at() - now) / 1e9), e.left());
            }
        }
        return t;
    }
}
