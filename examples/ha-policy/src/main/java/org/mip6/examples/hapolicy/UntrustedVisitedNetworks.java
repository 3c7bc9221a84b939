package org.mip6.examples.hapolicy;

import org.mip6.ha.HomeRegistrationPolicy;
import org.mip6.role.PrefixRules;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An example acceptance policy for home agents (docs/extending.md): a home registration from a
 * care-of address in a visited network the operator does not trust is refused with status 129
 * (administratively prohibited, RFC 6275 §10.3.1); everything else is left to the home agent's usual
 * checks. Registered with service ranking 10, so it wins over the home agent's own ACL; deploy the jar
 * to use it, remove it to go back. PID {@code org.mip6.examples.hapolicy} changes the networks.
 */
@Component(service = HomeRegistrationPolicy.class, property = "service.ranking:Integer=10",
        configurationPid = "org.mip6.examples.hapolicy")
@Designate(ocd = UntrustedVisitedNetworks.Config.class)
public final class UntrustedVisitedNetworks implements HomeRegistrationPolicy {

    @ObjectClassDefinition(name = "mip6 example: untrusted visited networks")
    public @interface Config {
        @AttributeDefinition(description = "Care-of address rules, first match wins: deny PREFIX / allow PREFIX")
        String[] careOfRules() default {"deny 2001:db8:3::/64"};
    }

    private final PrefixRules careOf;

    @Activate
    public UntrustedVisitedNetworks(Config config) {
        this.careOf = PrefixRules.parse(config.careOfRules());
    }

    @Override
    public int decide(Request request) {
        return careOf.allows(request.careOfAddress()) ? ACCEPT : ADMINISTRATIVELY_PROHIBITED;
    }
}
