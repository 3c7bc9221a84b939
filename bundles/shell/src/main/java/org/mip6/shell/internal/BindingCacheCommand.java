package org.mip6.shell.internal;

import java.util.List;
import java.util.function.Predicate;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingCacheEntry;
import org.mip6.world.World;

/**
 * {@code mip6:bc [NODE] [--home A|P] [--care-of A|P] [--count]}: the binding caches of the home agents and
 * correspondents (RFC 6275 §9.1). Columns: node, home address, care-of address, remaining lifetime (s), sequence,
 * flags, kind, granted lifetime (s), tunnel. {@code --home} and {@code --care-of} keep the entries whose address is
 * the one given or lies in the prefix given (a home agent with a million bindings: one of them, or one prefix's);
 * {@code --count} prints how many entries each node has (that match), not the entries.
 */
@Service
@Command(scope = "mip6", name = "bc", description = "Binding cache of every node, or of one: home address, care-of "
        + "address, remaining lifetime, sequence number, flags, home or correspondent registration")
public class BindingCacheCommand extends NodeTableCommand {

    @Option(name = "--home", description = "Only the entry of this home address, or the entries of home addresses in "
            + "this prefix (2001:db8:1::/64)")
    String home;

    @Option(name = "--care-of", description = "Only entries whose care-of address is this address, or in this prefix")
    String careOf;

    @Option(name = "--count", description = "How many entries each node has (that match), not the entries")
    boolean count;

    @Override
    TrailingOptions moreOptions(TrailingOptions options) {
        return options.value(v -> home = v, "--home").value(v -> careOf = v, "--care-of").flag(() -> count = true, "--count");
    }

    @Override
    Rows table(World world, String node) {
        BindingCache cache = RoleServices.require(BindingCache.class, "org.mip6.state");
        Predicate<Ipv6Address> homes = addresses("--home", home);
        Predicate<Ipv6Address> careOfs = addresses("--care-of", careOf);
        Ipv6Address one = home == null || home.contains("/") ? null : Ipv6Address.parse(home);
        long now = world.nowNanos();
        Rows t = count ? new Rows("Node", "Entries") : new Rows("Node", "Home address", "Care-of address", "Lifetime", "Seq",
                "Flags", "Kind", "Granted", "Tunnel");
        for (String n : node != null ? List.of(node) : cache.nodes()) {
            if (count && home == null && careOf == null) {
                t.add(n, cache.size(n)); // without reading a million entries
                continue;
            }
            // one home address: found in the cache's index, not among all its entries
            List<BindingCacheEntry> entries = one != null ? cache.get(n, one).stream().toList() : cache.entries(n);
            long matched = 0;
            for (BindingCacheEntry e : entries) {
                if (!homes.test(e.homeAddress()) || !careOfs.test(e.careOfAddress())) {
                    continue;
                }
                matched++;
                if (!count) {
                    long left = Math.max(0, (e.expiresAt() - now) / 1_000_000_000L);
                    t.add(n, e.homeAddress(), e.careOfAddress(), left, e.sequence(), flags(e.flags()),
                            e.homeRegistration() ? "home" : "correspondent", e.lifetimeSeconds(),
                            e.tunnel() == 0 ? "-" : e.tunnel());
                }
            }
            if (count) {
                t.add(n, matched);
            }
        }
        return t;
    }

    /**
     * What {@code text}, the value of {@code option}, lets through: an address, or every address of a prefix
     * ({@code address/length}); everything when null. @throws IllegalArgumentException naming the option
     */
    static Predicate<Ipv6Address> addresses(String option, String text) {
        if (text == null) {
            return a -> true;
        }
        try {
            if (text.contains("/")) {
                Ipv6Prefix p = Ipv6Prefix.parse(text);
                return p::contains;
            }
            Ipv6Address a = Ipv6Address.parse(text);
            return a::equals;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
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
