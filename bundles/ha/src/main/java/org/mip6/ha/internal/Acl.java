package org.mip6.ha.internal;

import org.mip6.ha.HomeRegistrationPolicy;
import org.mip6.role.PrefixRules;

/**
 * The home agent's own acceptance policy: the configuration's {@code allow PREFIX} / {@code deny PREFIX}
 * rules on the home address ({@link PrefixRules}: first match wins, no match accepts; the engine has
 * already checked the home address is on a served prefix). A denied registration gets status 129,
 * administratively prohibited (RFC 6275 §10.3.1).
 */
final class Acl implements HomeRegistrationPolicy {

    static final Acl ALLOW_ALL = new Acl(PrefixRules.ALLOW_ALL);

    private final PrefixRules rules;

    private Acl(PrefixRules rules) {
        this.rules = rules;
    }

    /** @throws IllegalArgumentException naming the rule that does not parse */
    static Acl parse(String[] entries) {
        return new Acl(PrefixRules.parse(entries));
    }

    @Override
    public int decide(Request request) {
        return rules.allows(request.homeAddress()) ? ACCEPT : ADMINISTRATIVELY_PROHIBITED;
    }

    @Override
    public String toString() {
        return rules.toString();
    }
}
