package org.mip6.shell.internal;

import java.util.List;

import org.mip6.world.World;

/** A command on the IPsec databases of every node with IPsec, or of one; says so where there is none. */
abstract class IpsecCommand extends NodeCommand {

    @Override
    final void print(World world, String node) {
        List<RoleServices.Ipsec> databases = RoleServices.ipsec(node);
        if (databases.isEmpty()) {
            System.out.println(RoleServices.noIpsec(node));
            return;
        }
        print(databases);
    }

    /** @param databases one per node with IPsec (or the one node asked for), never empty */
    abstract void print(List<RoleServices.Ipsec> databases);
}
