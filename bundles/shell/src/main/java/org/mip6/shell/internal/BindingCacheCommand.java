package org.mip6.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingCacheEntry;
import org.mip6.world.World;

/**
 * {@code mip6:bc [NODE]}: the binding caches of the home agents and correspondents (RFC 6275 §9.1).
 * Columns: node, home address, care-of address, remaining lifetime (s), sequence, flags, kind, granted
 * lifetime (s), tunnel.
 */
@Service
@Command(scope = "mip6", name = "bc", description = "Binding cache of every node, or of one: home address, care-of "
        + "address, remaining lifetime, sequence number, flags, home or correspondent registration")
public class BindingCacheCommand extends NodeTableCommand {

    @Override
    Rows table(World world, String node) {
        BindingCache cache = RoleServices.require(BindingCache.class, "org.mip6.state");
        long now = world.nowNanos();
        Rows t = new Rows("Node", "Home address", "Care-of address", "Lifetime", "Seq", "Flags", "Kind",
                "Granted", "Tunnel");
        for (String n : node != null ? List.of(node) : cache.nodes()) {
            for (BindingCacheEntry e : cache.entries(n)) {
                long left = Math.max(0, (e.expiresAt() - now) / 1_000_000_000L);
                t.add(n, e.homeAddress(), e.careOfAddress(), left, e.sequence(), flags(e.flags()),
                        e.homeRegistration() ? "home" : "correspondent", e.lifetimeSeconds(),
                        e.tunnel() == 0 ? "-" : e.tunnel());
            }
        }
        return t;
    }

    /**
     * The Binding Update flags as letters in the field's order (RFC 6275 §6.1.7: A H L K; M R P F T B of later
     * RFCs, as mip6:decode and tshark show them), "-" when none.
     */
    static String flags(int f) {
        StringBuilder b = new StringBuilder();
        String letters = "AHLKMRPFTB";
        for (int i = 0; i < letters.length(); i++) {
            if ((f & (0x8000 >>> i)) != 0) {
                b.append(letters.charAt(i));
            }
        }
        return b.length() == 0 ? "-" : b.toString();
    }
}
