package org.mip6.ha.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mip6.ha.HomeRegistrationPolicy;
import org.mip6.ha.internal.engine.HomeAgentParameters;
import org.mip6.ha.internal.engine.PrefixTable;
import org.mip6.net.Ipv6Prefix;
import org.mip6.role.HomeAddressHandler;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.NodeAttachments;
import org.mip6.role.OutboundHandler;
import org.mip6.role.RoleConfiguration;
import org.mip6.role.RoleCounters;
import org.mip6.role.RoleNode;
import org.mip6.state.BindingCache;
import org.mip6.state.MobileNetworkPrefixes;
import org.mip6.wire.icmp.MulticastListenerMessage;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.world.World;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A home agent configured for one node (factory PID {@code org.mip6.ha}; PID org.mip6.ha~ha from {@code etc/org.mip6.ha-ha.cfg}):
 * whenever that node is offered (the world is built or rebuilt), a {@link HomeAgentRole} attaches to it
 * and its handlers go on the whiteboard; when the node or this bundle goes, they go too, and the
 * bindings and data path stay with the node and the {@code state} bundle (DESIGN §4). A configuration
 * that does not make sense is refused with its PID and field named, and nothing starts.
 */
@Component(configurationPid = "org.mip6.ha", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = HomeAgentComponent.Config.class, factory = true)
public final class HomeAgentComponent {

    @ObjectClassDefinition(name = "mip6 home agent", description = "A Mobile IPv6 home agent on one node (RFC 6275 §10)")
    public @interface Config {
        @AttributeDefinition(description = "The node that is the home agent (a router advertising its home prefixes)")
        String node() default "ha";

        @AttributeDefinition(description = "Home prefixes served; empty: every prefix the node advertises")
        String[] prefixes() default {};

        @AttributeDefinition(description = "Longest binding lifetime granted, in seconds (4..262140)")
        int maxLifetime() default 3600;

        @AttributeDefinition(description = "Binding Refresh Advice, in percent of the granted lifetime (0: none)")
        int refreshAdvicePercent() default 80;

        @AttributeDefinition(description = "Binding Refresh Request to a binding in use, at this percent of its lifetime (0: never)")
        int refreshRequestPercent() default 90;

        @AttributeDefinition(description = "Duplicate Address Detection for a new binding's home address (RFC 6275 §10.3.1)")
        boolean dad() default true;

        @AttributeDefinition(description = "Home Agent Preference advertised (-32768..32767, RFC 6275 §7.4)")
        int preference() default 0;

        @AttributeDefinition(description = "Home Agent Lifetime advertised, in seconds (1..65535)")
        int homeAgentLifetime() default 1800;

        @AttributeDefinition(description = "Acceptance rules on the home address, first match wins: allow PREFIX | deny PREFIX (deny: status 129)")
        String[] acl() default {};

        @AttributeDefinition(description = "Binding Errors sent per second at most (RFC 6275 §9.3.3)")
        int bindingErrorsPerSecond() default 10;

        @AttributeDefinition(description = "Most bindings held; a new registration beyond is refused with status 130 (insufficient resources)")
        int maxBindings() default HomeAgentParameters.DEFAULT_MAX_BINDINGS;

        @AttributeDefinition(description = "Multicast through the bindings' tunnels (RFC 6275 §10.4.2, §10.4.3): MLD queries into "
                + "each tunnel, and what the home link carries for the groups a mobile node reports sent through its tunnel")
        boolean tunnelMulticast() default false;

        @AttributeDefinition(description = "Mobile routers served (RFC 3963 NEMO Basic Support), one per entry: HOME_ADDRESS "
                + "[PREFIX ...], the Mobile Network Prefixes it may register; empty: no mobile router (the R flag is ignored)")
        String[] mobileRouters() default {};
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.ha");

    private record Policy(HomeRegistrationPolicy policy, String node, int ranking, long id) {
    }

    private final BindingCache cache;
    private final String pid;
    private final String nodeName;
    private final List<Ipv6Prefix> prefixes;
    private final HomeAgentParameters parameters;
    private final HomeAgentRole.Advertised advertised;
    private final Acl acl;
    private final List<Policy> policies = new CopyOnWriteArrayList<>();
    private final NodeAttachments<HomeAgentRole> attachments;
    private final boolean tunnelMulticast;
    private final PrefixTable mobileRouters;
    private final MobileNetworkPrefixes mobileNetworkPrefixes;

    @Activate
    public HomeAgentComponent(BundleContext context, @Reference BindingCache cache,
                              @Reference MobileNetworkPrefixes mobileNetworkPrefixes,
                              @Reference(cardinality = ReferenceCardinality.OPTIONAL,
                                      policyOption = ReferencePolicyOption.GREEDY) World world,
                              Config config, Map<String, Object> properties) {
        this.cache = cache;
        this.mobileNetworkPrefixes = mobileNetworkPrefixes;
        RoleConfiguration fields = new RoleConfiguration(properties, "org.mip6.ha");
        this.pid = fields.pid();
        try {
            this.nodeName = fields.node(config.node(), world);
            fields.booleans("dad", "managedFlag", "otherFlag", "tunnelMulticast");
            this.tunnelMulticast = config.tunnelMulticast();
            this.prefixes = fields.field("prefixes", () -> {
                List<Ipv6Prefix> l = new ArrayList<>();
                for (String s : config.prefixes()) {
                    for (String p : s.split(",")) {
                        if (!p.isBlank()) {
                            l.add(Ipv6Prefix.parse(p.strip()));
                        }
                    }
                }
                return List.copyOf(l);
            });
            fields.field("maxLifetime", () -> new HomeAgentParameters(config.maxLifetime(), 80, 90, true, 10));
            fields.field("refreshAdvicePercent", () -> new HomeAgentParameters(3600, config.refreshAdvicePercent(), 90, true, 10));
            fields.field("refreshRequestPercent", () -> new HomeAgentParameters(3600, 80, config.refreshRequestPercent(), true, 10));
            fields.field("bindingErrorsPerSecond", () -> new HomeAgentParameters(3600, 80, 90, true, config.bindingErrorsPerSecond()));
            fields.field("maxBindings", () -> HomeAgentParameters.DEFAULT.withMaxBindings(config.maxBindings()));
            this.parameters = new HomeAgentParameters(config.maxLifetime(), config.refreshAdvicePercent(),
                    config.refreshRequestPercent(), config.dad(), config.bindingErrorsPerSecond(), config.maxBindings());
            fields.field("preference", () -> new HomeAgentRole.Advertised(config.preference(), 1800));
            this.advertised = fields.field("homeAgentLifetime",
                    () -> new HomeAgentRole.Advertised(config.preference(), config.homeAgentLifetime()));
            this.acl = fields.field("acl", () -> Acl.parse(config.acl()));
            this.mobileRouters = fields.field("mobileRouters", () -> PrefixTable.parse(config.mobileRouters()));
            this.attachments = new NodeAttachments<>(context, nodeName, this::attach, HomeAgentRole::close);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            throw e;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNode(RoleNode node, Map<String, Object> props) {
        attachments.added(node, props);
    }

    void removeNode(RoleNode node, Map<String, Object> props) {
        attachments.removed(node);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPolicy(HomeRegistrationPolicy policy, Map<String, Object> props) {
        Object n = props.get(RoleNode.NODE);
        policies.add(new Policy(policy, n == null ? null : n.toString(),
                props.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0,
                props.get(Constants.SERVICE_ID) instanceof Long id ? id : 0L));
        policyChanged();
    }

    void removePolicy(HomeRegistrationPolicy policy, Map<String, Object> props) {
        policies.removeIf(p -> p.policy == policy);
        policyChanged();
    }

    /** The highest-ranked policy for the node (lowest service id on a tie), else the ACL. */
    HomeRegistrationPolicy policy() {
        return policies.stream().filter(p -> p.node == null || p.node.equals(nodeName))
                .min(Comparator.comparingInt((Policy p) -> -p.ranking).thenComparingLong(p -> p.id))
                .map(p -> p.policy).orElse(acl);
    }

    private void policyChanged() {
        HomeRegistrationPolicy p = policy();
        attachments.forEach((node, role) -> role.setPolicy(p));
    }

    /** On the node's thread: the role and its handlers, or null when the node cannot be a home agent. */
    private HomeAgentRole attach(RoleNode node, NodeAttachments.Registrations services) {
        HomeAgentRole role;
        try {
            role = new HomeAgentRole(node, cache, parameters, prefixes, policy());
        } catch (IllegalArgumentException e) {
            services.refuse(pid, "configuration " + pid + ", field " + (prefixes.isEmpty() ? "node" : "prefixes") + ": "
                    + e.getMessage() + "; the home agent is not started on " + node.name());
            return null;
        }
        try {
            role.setMobileRouters(mobileRouters, mobileNetworkPrefixes);
        } catch (IllegalArgumentException e) {
            role.close();
            services.refuse(pid, "configuration " + pid + ", field mobileRouters: " + e.getMessage()
                    + "; the home agent is not started on " + node.name());
            return null;
        }
        role.tunnelMulticast(tunnelMulticast);
        role.start(advertised);
        services.register(MobilityHandler.class, role.mobilityHandler(), MobilityHandler.MH_TYPE,
                MobilityMessage.BINDING_UPDATE);
        if (tunnelMulticast) { // MLD Reports (v2 and v1) and Dones out of the tunnels (RFC 6275 §10.4.3)
            for (int type : new int[] {MulticastListenerMessage.V2_REPORT, MulticastListenerMessage.V1_REPORT,
                    MulticastListenerMessage.V1_DONE}) {
                services.register(Icmpv6Handler.class, role.mldHandler(), Icmpv6Handler.ICMPV6_TYPE, type);
            }
        }
        services.register(HomeAddressHandler.class, role.homeAddressHandler());
        services.register(OutboundHandler.class, role.outboundHandler());
        services.register(RoleCounters.class, role::counters, RoleCounters.ROLE, "ha");
        LOG.log(System.Logger.Level.INFO, "home agent on " + nodeName + " serving " + role.servedPrefixes().stream()
                .map(sp -> sp.prefix().toString()).toList() + " (" + pid + ")");
        return role;
    }

    @Deactivate
    void deactivate() {
        attachments.close();
    }
}
