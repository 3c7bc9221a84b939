package org.mip6.mn.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mip6.ha.internal.HomeAgentRole;
import org.mip6.ha.internal.engine.HomeAgentParameters;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.RoleNode;
import org.mip6.stack.internal.StackNodeFactory;
import org.mip6.state.BindingCache;

/**
 * The roles of a scenario attached by hand, with the handlers their components would register (shared
 * with the correspondent node's scenario tests through this bundle's test jar).
 */
public final class ScenarioRoles {

    private ScenarioRoles() {
    }

    /** A home agent on {@code ha} with the default parameters, accepting every home address. */
    public static HomeAgentRole homeAgent(StackNodeFactory nodes, RoleNode ha, BindingCache cache) {
        return homeAgent(nodes, ha, cache, HomeAgentParameters.DEFAULT);
    }

    /** A home agent on {@code ha} with {@code parameters}, accepting every home address. */
    public static HomeAgentRole homeAgent(StackNodeFactory nodes, RoleNode ha, BindingCache cache, HomeAgentParameters parameters) {
        return homeAgent(nodes, ha, cache, parameters, r -> 0);
    }

    /** A home agent on {@code ha} with {@code parameters} whose acceptance policy is {@code policy}. */
    public static HomeAgentRole homeAgent(StackNodeFactory nodes, RoleNode ha, BindingCache cache, HomeAgentParameters parameters,
                                          org.mip6.ha.HomeRegistrationPolicy policy) {
        return homeAgent(nodes, ha, cache, parameters, policy, false);
    }

    /** The same, with multicast through the bindings' tunnels when {@code tunnelMulticast} (its MLD handlers registered). */
    public static HomeAgentRole homeAgent(StackNodeFactory nodes, RoleNode ha, BindingCache cache, HomeAgentParameters parameters,
                                          org.mip6.ha.HomeRegistrationPolicy policy, boolean tunnelMulticast) {
        HomeAgentRole role = new HomeAgentRole(ha, cache, parameters, List.of(), policy);
        role.tunnelMulticast(tunnelMulticast);
        role.start(new HomeAgentRole.Advertised(0, 1800));
        if (tunnelMulticast) {
            for (int t : new int[] {143, 131, 132}) {
                nodes.register(role.mldHandler(), Map.of(RoleNode.NODE, ha.name(), Icmpv6Handler.ICMPV6_TYPE, t));
            }
        }
        nodes.register(role.mobilityHandler(), Map.of(RoleNode.NODE, ha.name(), MobilityHandler.MH_TYPE, 5));
        nodes.register(role.homeAddressHandler(), Map.of(RoleNode.NODE, ha.name()));
        nodes.register(role.outboundHandler(), Map.of(RoleNode.NODE, ha.name()));
        return role;
    }

    /** Registers {@code role}'s handlers for node {@code mn} as MobileNodeComponent does, and starts it; returns their withdrawals. */
    public static List<Runnable> mobileNode(StackNodeFactory nodes, String mn, MobileNodeRole role) {
        List<Runnable> withdraw = new ArrayList<>();
        for (int t : new int[] {0, 3, 4, 6, 7}) {
            withdraw.add(nodes.register(role.mobilityHandler(), Map.of(RoleNode.NODE, mn, MobilityHandler.MH_TYPE, t)));
        }
        withdraw.add(nodes.register(role.dhaadReplyHandler(), Map.of(RoleNode.NODE, mn, Icmpv6Handler.ICMPV6_TYPE, 145)));
        withdraw.add(nodes.register(role.mobilePrefixHandler(), Map.of(RoleNode.NODE, mn, Icmpv6Handler.ICMPV6_TYPE, 147)));
        withdraw.add(nodes.register(role.parameterProblemHandler(), Map.of(RoleNode.NODE, mn, Icmpv6Handler.ICMPV6_TYPE, 4)));
        withdraw.add(nodes.register(role.routingHeader2Handler(), Map.of(RoleNode.NODE, mn)));
        withdraw.add(nodes.register(role.outboundHandler(), Map.of(RoleNode.NODE, mn)));
        withdraw.add(nodes.register(role.movementDetector(), Map.of(RoleNode.NODE, mn)));
        if (role.multicastQueryHandler() != null) {
            withdraw.add(nodes.register(role.multicastQueryHandler(), Map.of(RoleNode.NODE, mn, Icmpv6Handler.ICMPV6_TYPE, 130)));
        }
        role.start();
        return withdraw;
    }
}
