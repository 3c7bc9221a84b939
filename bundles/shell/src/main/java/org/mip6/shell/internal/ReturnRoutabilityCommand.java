package org.mip6.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.world.World;

/**
 * {@code mip6:rr [NODE] [--no-format]}: return routability (RFC 6275 §5.2). On a correspondent node the
 * nonces it accepts now (index, made how long ago, accepted for how long); on a mobile node, per
 * correspondent, the state of its registration, the nonce index and age of the home and care-of keygen
 * tokens, and whether packets go on the direct path. Counters: {@code mip6:counters NODE}.
 */
@Service
@Command(scope = "mip6", name = "rr", description = "Return routability: a correspondent node's nonces, a mobile node's "
        + "tests and route optimisation per correspondent")
public class ReturnRoutabilityCommand extends NodeCommand {

    @Override
    void print(World world, String node) {
        List<RoleServices.Table> tables = RoleServices.tables("rr", node);
        if (tables.isEmpty()) {
            System.out.println("no return routability " + (node == null ? "on any node" : "on " + node)
                    + " (bundles org.mip6.ro and org.mip6.mn, etc/org.mip6.ro-NAME.cfg)");
            return;
        }
        for (RoleServices.Table t : tables) {
            System.out.println(noFormat ? "# " + t.title() : t.title() + ":");
            Rows rows = new Rows(t.columns().toArray(String[]::new));
            for (List<Object> r : t.rows()) {
                rows.add(r.toArray());
            }
            rows.print(System.out, !noFormat);
        }
    }
}
