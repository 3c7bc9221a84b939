package org.mip6.shell.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.net.Ipv6Prefix;
import org.mip6.state.MobileNetworkPrefixRegistration;
import org.mip6.state.MobileNetworkPrefixes;
import org.mip6.world.World;

/**
 * {@code mip6:mobile-networks [NODE]}: the Mobile Network Prefixes the home agents registered for their mobile routers
 * (RFC 3963 §6.2), routed through each binding's tunnel. Columns: node, home address, prefixes (comma-separated),
 * mode ({@code explicit}: the Binding Update's options; {@code implicit}: the home agent's Prefix Table).
 */
@Service
@Command(scope = "mip6", name = "mobile-networks", description = "Mobile routers' registered Mobile Network Prefixes "
        + "(RFC 3963) of every home agent, or of one: home address, prefixes, explicit or implicit mode")
public class MobileNetworksCommand extends NodeTableCommand {

    @Override
    Rows table(World world, String node) {
        MobileNetworkPrefixes registered = RoleServices.require(MobileNetworkPrefixes.class, "org.mip6.state");
        Rows t = new Rows("Node", "Home address", "Prefixes", "Mode");
        for (String n : node != null ? List.of(node) : registered.nodes()) {
            for (MobileNetworkPrefixRegistration r : registered.entries(n)) {
                t.add(n, r.homeAddress(), r.prefixes().stream().map(Ipv6Prefix::toString).collect(Collectors.joining(",")),
                        r.implicit() ? "implicit" : "explicit");
            }
        }
        return t;
    }
}
