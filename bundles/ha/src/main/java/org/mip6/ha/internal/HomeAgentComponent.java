package org.mip6.ha.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mip6.ha.HomeRegistrationPolicy;
import org.mip6.ha.internal.engine.HomeAgentParameters;
import org.mip6.net.Ipv6Prefix;
import org.mip6.role.HomeAddressHandler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.RoleCounters;
import org.mip6.role.RoleNode;
import org.mip6.state.BindingCache;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.world.NodeStatus;
import org.mip6.world.World;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
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
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.ha");

    private record Policy(HomeRegistrationPolicy policy, String node, int ranking, long id) {
    }

    private final BundleContext context;
    private final BindingCache cache;
    private final String pid;
    private final String nodeName;
    private final List<Ipv6Prefix> prefixes;
    private final HomeAgentParameters parameters;
    private final HomeAgentRole.Advertised advertised;
    private final Acl acl;
    private final List<Policy> policies = new CopyOnWriteArrayList<>();
    private final Map<RoleNode, Attached> attached = new ConcurrentHashMap<>();
    private volatile boolean active = true;

    private static final class Attached {
        HomeAgentRole role;
        final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    }

    @Activate
    public HomeAgentComponent(BundleContext context, @Reference BindingCache cache,
                              @Reference(cardinality = ReferenceCardinality.OPTIONAL,
                                      policyOption = ReferencePolicyOption.GREEDY) World world,
                              Config config, Map<String, Object> properties) {
        this.context = context;
        this.cache = cache;
        this.pid = String.valueOf(properties.getOrDefault(Constants.SERVICE_PID, "org.mip6.ha"));
        try {
            this.nodeName = field("node", () -> {
                String n = config.node() == null ? "" : config.node().strip();
                if (n.isEmpty()) {
                    throw new IllegalArgumentException("must name a node");
                }
                if (world != null && world.nodes().stream().map(NodeStatus::name).noneMatch(n::equals)) {
                    throw new IllegalArgumentException("the world has no node \"" + n + "\" (it has "
                            + world.nodes().stream().map(NodeStatus::name).toList() + ")");
                }
                return n;
            });
            this.prefixes = field("prefixes", () -> {
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
            field("maxLifetime", () -> new HomeAgentParameters(config.maxLifetime(), 80, 90, true, 10));
            field("refreshAdvicePercent", () -> new HomeAgentParameters(3600, config.refreshAdvicePercent(), 90, true, 10));
            field("refreshRequestPercent", () -> new HomeAgentParameters(3600, 80, config.refreshRequestPercent(), true, 10));
            field("bindingErrorsPerSecond", () -> new HomeAgentParameters(3600, 80, 90, true, config.bindingErrorsPerSecond()));
            this.parameters = new HomeAgentParameters(config.maxLifetime(), config.refreshAdvicePercent(),
                    config.refreshRequestPercent(), config.dad(), config.bindingErrorsPerSecond());
            field("preference", () -> new HomeAgentRole.Advertised(config.preference(), 1800));
            this.advertised = field("homeAgentLifetime",
                    () -> new HomeAgentRole.Advertised(config.preference(), config.homeAgentLifetime()));
            this.acl = field("acl", () -> Acl.parse(config.acl()));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            throw e;
        }
    }

    private interface Check<T> {
        T get();
    }

    private <T> T field(String name, Check<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration " + pid + ", field " + name + ": " + e.getMessage(), e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNode(RoleNode node, Map<String, Object> props) {
        if (nodeName.equals(props.get(RoleNode.NODE))) {
            node.execute(() -> attach(node));
        }
    }

    void removeNode(RoleNode node, Map<String, Object> props) {
        detach(node);
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
        attached.forEach((node, a) -> node.execute(() -> {
            if (a.role != null) {
                a.role.setPolicy(p);
            }
        }));
    }

    /** On the node's thread. */
    private void attach(RoleNode node) {
        if (!active || attached.containsKey(node)) {
            return;
        }
        HomeAgentRole role;
        try {
            role = new HomeAgentRole(node, cache, parameters, prefixes, policy());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "configuration " + pid + ", field "
                    + (prefixes.isEmpty() ? "node" : "prefixes") + ": " + e.getMessage() + "; the home agent is not started");
            return;
        }
        role.start(advertised);
        Attached a = new Attached();
        a.role = role;
        attached.put(node, a);
        a.registrations.add(context.registerService(MobilityHandler.class, role.mobilityHandler(),
                props(MobilityHandler.MH_TYPE, MobilityMessage.BINDING_UPDATE)));
        a.registrations.add(context.registerService(HomeAddressHandler.class, role.homeAddressHandler(), props(null, 0)));
        Hashtable<String, Object> cp = props(null, 0);
        cp.put(RoleCounters.ROLE, "ha");
        a.registrations.add(context.registerService(RoleCounters.class, role::counters, cp));
        LOG.log(System.Logger.Level.INFO, "home agent on " + nodeName + " serving " + role.servedPrefixes().stream()
                .map(s -> s.prefix().toString()).toList() + " (" + pid + ")");
    }

    private Hashtable<String, Object> props(String key, int value) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(RoleNode.NODE, nodeName);
        if (key != null) {
            p.put(key, value);
        }
        return p;
    }

    private void detach(RoleNode node) {
        Attached a = attached.remove(node);
        if (a == null) {
            return;
        }
        for (ServiceRegistration<?> r : a.registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException gone) {
                // the bundle is stopping
            }
        }
        node.execute(a.role::close);
    }

    @Deactivate
    void deactivate() {
        active = false;
        for (RoleNode n : List.copyOf(attached.keySet())) {
            detach(n);
        }
    }
}
