package org.mip6.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
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
public class ReturnRoutabilityCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "node", required = false, multiValued = true,
            description = "Only this node (options may also follow it)")
    @Completion(NodeCompleter.class)
    List<String> words;

    @Option(name = "--no-format", description = "One line per row, cells separated by single tabs; a table's title on a line starting with #")
    boolean noFormat;

    @Override
    public Object execute() {
        List<String> rest = new TrailingOptions().flag(() -> noFormat = true, "--no-format").parse(words);
        String node = NodeTableCommand.node(Worlds.require(world), rest);
        List<RoleServices.Table> tables = RoleServices.tables("rr", node);
        if (tables.isEmpty()) {
            System.out.println("no return routability " + (node == null ? "on any node" : "on " + node)
                    + " (bundles org.mip6.ro and org.mip6.mn, etc/org.mip6.ro-NAME.cfg)");
            return null;
        }
        for (RoleServices.Table t : tables) {
            System.out.println(noFormat ? "# " + t.title() : t.title() + ":");
            Rows rows = new Rows(t.columns().toArray(String[]::new));
            for (List<Object> r : t.rows()) {
                rows.add(r.toArray());
            }
            rows.print(System.out, !noFormat);
        }
        return null;
    }
}
