package org.mip6.role;

import java.util.ArrayList;
import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * An ordered list of {@code allow PREFIX} / {@code deny PREFIX} rules from a role's configuration, first
 * match wins, no match allows (a home agent's acceptance ACL, a mobile node's route-optimization list).
 * A bare address is a /128. Immutable.
 */
public final class PrefixRules {

    private record Rule(boolean allow, Ipv6Prefix prefix) {
    }

    /** No rules: everything allowed. */
    public static final PrefixRules ALLOW_ALL = new PrefixRules(List.of());

    private final List<Rule> rules;

    private PrefixRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The rules of a configuration field: each entry one or more comma-separated rules.
     *
     * @throws IllegalArgumentException naming the rule that does not parse
     */
    public static PrefixRules parse(String[] entries) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : entries == null ? new String[0] : entries) {
            for (String e : raw.split(",")) {
                String s = e.strip();
                if (s.isEmpty()) {
                    continue;
                }
                String[] w = s.split("\\s+");
                if (w.length != 2 || !(w[0].equals("allow") || w[0].equals("deny"))) {
                    throw new IllegalArgumentException("\"" + s + "\" is not \"allow PREFIX\" or \"deny PREFIX\"");
                }
                String p = w[1].contains("/") ? w[1] : w[1] + "/128";
                try {
                    rules.add(new Rule(w[0].equals("allow"), Ipv6Prefix.parse(p)));
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException("\"" + s + "\": " + x.getMessage());
                }
            }
        }
        return new PrefixRules(rules);
    }

    /** Whether the first rule that matches {@code address} allows it (true when none matches). */
    public boolean allows(Ipv6Address address) {
        for (Rule r : rules) {
            if (r.prefix.contains(address)) {
                return r.allow;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return rules.isEmpty() ? "allow all" : rules.stream().map(r -> (r.allow ? "allow " : "deny ") + r.prefix).toList().toString();
    }
}
