package org.mip6.state.internal;

import java.util.Map;

import org.mip6.role.RoleNode;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingUpdateList;
import org.mip6.state.HomeAgentsList;
import org.mip6.state.MobileNetworkPrefixes;
import org.mip6.state.PendingPrefixAdvertisements;
import org.mip6.state.ReturnRoutabilitySecrets;
import org.mip6.state.RoleCounterState;
import org.mip6.state.SecurityAssociations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * A node's state goes with the node (its service unregisters when the world is reset or stopped):
 * a new node of the same name starts empty, its clock from zero (and its IPsec SAs' sequence numbers
 * from zero, as its peers' replay windows do). A role's swap leaves the node, so
 * its state stays.
 */
@Component(immediate = true)
public final class NodeStateJanitor {

    private final BindingCache cache;
    private final BindingUpdateList bul;
    private final HomeAgentsList homeAgents;
    private final ReturnRoutabilitySecrets secrets;
    private final RoleCounterState counters;
    private final SecurityAssociations associations;
    private final PendingPrefixAdvertisements advertisements;
    private final MobileNetworkPrefixes mobileNetworks;

    @Activate
    public NodeStateJanitor(@Reference BindingCache cache, @Reference BindingUpdateList bul,
                            @Reference HomeAgentsList homeAgents, @Reference ReturnRoutabilitySecrets secrets,
                            @Reference RoleCounterState counters,
                            @Reference SecurityAssociations associations,
                            @Reference PendingPrefixAdvertisements advertisements,
                            @Reference MobileNetworkPrefixes mobileNetworks) {
        this.cache = cache;
        this.bul = bul;
        this.homeAgents = homeAgents;
        this.secrets = secrets;
        this.counters = counters;
        this.associations = associations;
        this.advertisements = advertisements;
        this.mobileNetworks = mobileNetworks;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNode(RoleNode node, Map<String, Object> props) {
        // nothing to do: state is created by the roles
    }

    void removeNode(RoleNode node, Map<String, Object> props) {
        Object name = props.get(RoleNode.NODE);
        if (name != null) {
            cache.clear(name.toString());
            bul.clear(name.toString());
            homeAgents.clear(name.toString());
            secrets.clear(name.toString());
            counters.clear(name.toString());
            associations.clear(name.toString());
            advertisements.clear(name.toString());
            mobileNetworks.clear(name.toString());
        }
    }
}
