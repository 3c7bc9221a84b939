package org.mip6.ha.internal;

import java.util.ArrayList;
import java.util.List;

import org.mip6.ha.HomeRegistrationPolicy;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * The home agent's own acceptance policy: an ordered list of {@code allow PREFIX} / {@code deny PREFIX}
 * rules on the home address, first match wins, no match accepts (the engine has already checked the
 * home address is on a served prefix). A denied registration gets status 129, administratively
 * prohibited (RFC 6275 §10.3.1).
 */
final class Acl implements HomeRegistrationPolicy {

    private record Rule(boolean allow, Ipv6Prefix prefix) {
    }

    private final List<Rule> rules;

    private Acl(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static final Acl ALLOW_ALL = new Acl(List.of());

    /** @throws IllegalArgumentException naming the rule that does not parse */
    static Acl parse(String[] entries) {
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
        return new Acl(rules);
    }

    @Override
    public int decide(Request request) {
        Ipv6Address hoa = request.homeAddress();
        for (Rule r : rules) {
            if (r.prefix.contains(hoa)) {
                return r.allow ? ACCEPT : ADMINISTRATIVELY_PROHIBITED;
            }
        }
        return ACCEPT;
    }

    @Override
    public String toString() {
        return rules.isEmpty() ? "allow all" : rules.stream().map(r -> (r.allow ? "allow " : "deny ") + r.prefix).toList().toString();
    }
}
