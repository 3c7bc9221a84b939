package org.mip6.mn.internal;

import java.util.List;
import java.util.Map;

import org.mip6.mn.internal.engine.MobilityParameters;
import org.mip6.net.InterfaceIdentifiers;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.node.NodeListener;
import org.mip6.ro.BindingKeys;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.NodeAttachments;
import org.mip6.role.OutboundHandler;
import org.mip6.role.RoleConfiguration;
import org.mip6.role.RoleCounters;
import org.mip6.role.RoleNode;
import org.mip6.role.RoutingHeader2Handler;
import org.mip6.state.BindingUpdateList;
import org.mip6.world.World;
import org.osgi.framework.BundleContext;
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
 * A mobile node configured for one node (factory PID {@code org.mip6.mn}; PID {@code org.mip6.mn~mn}
 * from etc/org.mip6.mn-mn.cfg): whenever the node is offered, a {@link MobileNodeRole} attaches to it
 * and its handlers go on the whiteboard; its registration stays in the {@code state} bundle's binding
 * update list while the bundle is replaced. A configuration that makes no sense is refused with its
 * PID and field named, and nothing starts.
 */
@Component(configurationPid = "org.mip6.mn", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = MobileNodeComponent.Config.class, factory = true)
public final class MobileNodeComponent {

    @ObjectClassDefinition(name = "mip6 mobile node", description = "A Mobile IPv6 mobile node on one node (RFC 6275 §11)")
    public @interface Config {
        @AttributeDefinition(description = "The node that is the mobile node (a host)")
        String node() default "mn";

        @AttributeDefinition(description = "Its home prefix")
        String homePrefix() default "2001:db8:1::/64";

        @AttributeDefinition(description = "Its home address; empty: the home prefix with the interface's EUI-64 identifier")
        String homeAddress() default "";

        @AttributeDefinition(description = "Its home agent's address; empty: found by DHAAD when away (RFC 6275 §11.4.1)")
        String homeAgent() default "2001:db8:1::2";

        @AttributeDefinition(description = "Home registration lifetime asked for, in seconds (4..262140)")
        int lifetime() default 600;

        @AttributeDefinition(description = "Without a Binding Refresh Advice, refresh at this % of the granted lifetime")
        int refreshPercent() default 80;

        @AttributeDefinition(description = "Movement hints (RFC 6275 §11.5.1): l2 (link attached: solicit routers at once), "
                + "prefix (a new prefix in an RA), nud (the router failed NUD), ra-interval (no RA within its Advertisement "
                + "Interval); the care-of address is used at once with optimisticDad in org.mip6.stack, after its DAD otherwise")
        String[] movementHints() default {"l2", "prefix", "nud", "ra-interval"};

        @AttributeDefinition(description = "Route optimisation with correspondents (RFC 6275 §11.7.2): always, never, "
                + "\"after N\" (after N packets to it went through the tunnel) or \"after Ns\" (after N seconds of such a flow); "
                + "needs the ro bundle")
        String routeOptimization() default "always";

        @AttributeDefinition(description = "Which correspondents route optimisation may be tried with: allow PREFIX / deny PREFIX, "
                + "first match wins, none matching allows (an RouteOptimizationPolicy service, if any, decides instead)")
        String[] routeOptimizationRules() default {};

        @AttributeDefinition(description = "A correspondent that never answers the tests, answers with a Parameter Problem or "
                + "refuses is left alone this many seconds (1..86400)")
        int routeOptimizationRetry() default 300;

        @AttributeDefinition(description = "Multicast groups of global scope listened to through the home agent's tunnel while "
                + "away (RFC 6275 §11.3.4; the home agent must have tunnelMulticast), comma-separated; empty: none")
        String[] multicastGroups() default {};
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.mn");

    private final BindingUpdateList list;
    private final String pid;
    private final String nodeName;
    private final Ipv6Prefix homePrefix;
    private final Ipv6Address homeAddress;
    private final Ipv6Address homeAgent;
    private final MobilityParameters parameters;
    private final java.util.Set<MovementHint> hints;
    private final NodeAttachments<MobileNodeRole> attachments;
    private final java.util.function.Predicate<org.mip6.ro.RouteOptimizationPolicy.Flow> routeOptimizationAfter;
    private final org.mip6.role.PrefixRules routeOptimizationRules;
    private final int routeOptimizationRetry;
    private final List<Ipv6Address> multicastGroups;

    /** An experimental route-optimization policy (whiteboard): the highest ranked one decides instead of the configuration. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile org.mip6.ro.RouteOptimizationPolicy policy;

    /** The return routability formulas (bundle ro), followed as they come and go. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BindingKeys keys;

    @Activate
    public MobileNodeComponent(BundleContext context, @Reference BindingUpdateList list,
                               @Reference(cardinality = ReferenceCardinality.OPTIONAL,
                                       policyOption = ReferencePolicyOption.GREEDY) World world,
                               Config config, Map<String, Object> properties) {
        this.list = list;
        RoleConfiguration fields = new RoleConfiguration(properties, "org.mip6.mn");
        this.pid = fields.pid();
        try {
            this.nodeName = fields.node(config.node(), world);
            this.homePrefix = fields.field("homePrefix", () -> Ipv6Prefix.parse(config.homePrefix().strip()));
            this.homeAddress = fields.field("homeAddress", () -> {
                String a = config.homeAddress() == null ? "" : config.homeAddress().strip();
                if (a.isEmpty()) {
                    return null;
                }
                Ipv6Address h = Ipv6Address.parse(a);
                if (!homePrefix.contains(h)) {
                    throw new IllegalArgumentException(h + " is not in the home prefix " + homePrefix);
                }
                return h;
            });
            this.homeAgent = fields.field("homeAgent", () -> {
                String a = config.homeAgent() == null ? "" : config.homeAgent().strip();
                if (a.isEmpty()) {
                    return null;
                }
                Ipv6Address h = Ipv6Address.parse(a);
                if (h.isMulticast() || h.isLinkLocal() || h.isUnspecified()) {
                    throw new IllegalArgumentException(h + " is not a unicast routable address");
                }
                return h;
            });
            // each field checked alone, so that a refusal names the field that is wrong
            fields.field("lifetime", () -> parameters(config.lifetime(), MobilityParameters.DEFAULT.refreshPercent()));
            this.parameters = fields.field("refreshPercent", () -> parameters(config.lifetime(), config.refreshPercent()));
            this.hints = fields.field("movementHints", () -> MovementHint.parse(config.movementHints()));
            this.routeOptimizationAfter = fields.field("routeOptimization", () -> routeOptimizationAfter(config.routeOptimization()));
            this.routeOptimizationRules = fields.field("routeOptimizationRules",
                    () -> org.mip6.role.PrefixRules.parse(config.routeOptimizationRules()));
            this.multicastGroups = fields.field("multicastGroups", () -> multicastGroups(config.multicastGroups()));
            this.routeOptimizationRetry = fields.field("routeOptimizationRetry", () -> {
                if (config.routeOptimizationRetry() < 1 || config.routeOptimizationRetry() > 86_400) {
                    throw new IllegalArgumentException(config.routeOptimizationRetry() + " s is not in 1..86400");
                }
                return config.routeOptimizationRetry();
            });
            this.attachments = new NodeAttachments<>(context, nodeName, this::attach, MobileNodeRole::close);
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

    /** On the node's thread: the role and its handlers. */
    private MobileNodeRole attach(RoleNode node, NodeAttachments.Registrations services) {
        Ipv6Address hoa = homeAddress != null ? homeAddress
                : homePrefix.withInterfaceId(InterfaceIdentifiers.eui64(node.interfaces().get(0).mac()));
        // the seed of the first sequence number: the node's name (same world, same pcap)
        MobileNodeRole role = new MobileNodeRole(node, 0, homePrefix, hoa, homeAgent, parameters,
                node.name().hashCode(), list);
        role.setMovementHints(hints);
        role.setRouteOptimization(() -> keys, flow -> {
            org.mip6.ro.RouteOptimizationPolicy p = policy;
            if (p != null) {
                return p.optimize(flow);
            }
            return routeOptimizationAfter.test(flow) && routeOptimizationRules.allows(flow.correspondent());
        });
        role.setRouteOptimizationRetry(routeOptimizationRetry * MobilityParameters.SECOND);
        role.setTunnelledGroups(multicastGroups);
        if (role.multicastQueryHandler() != null) { // the home agent's MLD Queries through the tunnel (§11.3.4)
            services.register(Icmpv6Handler.class, role.multicastQueryHandler(), Icmpv6Handler.ICMPV6_TYPE, 130);
        }
        for (int type : new int[] {0, 3, 4, 6, 7}) {
            services.register(MobilityHandler.class, role.mobilityHandler(), MobilityHandler.MH_TYPE, type);
        }
        services.register(RoutingHeader2Handler.class, role.routingHeader2Handler());
        services.register(OutboundHandler.class, role.outboundHandler());
        services.register(NodeListener.class, role.movementDetector());
        services.register(Icmpv6Handler.class, role.dhaadReplyHandler(), Icmpv6Handler.ICMPV6_TYPE, 145);
        services.register(Icmpv6Handler.class, role.parameterProblemHandler(), Icmpv6Handler.ICMPV6_TYPE, 4);
        services.register(Icmpv6Handler.class, role.mobilePrefixHandler(), Icmpv6Handler.ICMPV6_TYPE, 147);
        services.register(RoleCounters.class, role::counters, RoleCounters.ROLE, "mn");
        services.register(org.mip6.role.RoleTable.class, role.routeOptimizationTable(), org.mip6.role.RoleTable.TABLE, "rr");
        role.start();
        LOG.log(System.Logger.Level.INFO, "mobile node " + nodeName + ": home address " + hoa + ", home agent "
                + (homeAgent == null ? "by DHAAD" : homeAgent) + ", movement hints " + hints + " (" + pid + ")");
        return role;
    }

    /** "always" (the first tunnelled packet), "never", "after N" (packets) or "after Ns" (seconds of the flow). */
    static java.util.function.Predicate<org.mip6.ro.RouteOptimizationPolicy.Flow> routeOptimizationAfter(String value) {
        String v = value == null ? "" : value.strip();
        if (v.equals("always")) {
            return f -> true;
        }
        if (v.equals("never")) {
            return f -> false;
        }
        if (v.startsWith("after ")) {
            String n = v.substring(6).strip();
            boolean seconds = n.endsWith("s");
            try {
                long k = Long.parseLong(seconds ? n.substring(0, n.length() - 1).strip() : n);
                if (k >= 1 && seconds) {
                    long nanos = k * MobilityParameters.SECOND;
                    return f -> f.nanosThroughTunnel() >= nanos;
                }
                if (k >= 1) {
                    return f -> f.packetsThroughTunnel() >= k;
                }
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw new IllegalArgumentException("\"" + v + "\" is not always, never, \"after N\" (N >= 1 packets) or \"after Ns\" (seconds)");
    }

    @Deactivate
    void deactivate() {
        attachments.close();
    }

    /** RFC 6275 §12's defaults with the configured lifetime and refresh point. */
    private static MobilityParameters parameters(int lifetime, int refreshPercent) {
        MobilityParameters d = MobilityParameters.DEFAULT;
        return new MobilityParameters(d.initialBindackTimeoutFirstReg(), d.initialBindackTimeout(), d.maxBindackTimeout(),
                d.maxUpdateRate(), lifetime, refreshPercent);
    }

    /**
     * The groups of {@code multicastGroups}: each a multicast address of global scope (RFC 6275 §10.4.2: a home agent
     * tunnels no other), at most as many as one MLDv2 Report of the minimum MTU holds (61), none twice.
     */
    static List<Ipv6Address> multicastGroups(String[] values) {
        List<Ipv6Address> out = new java.util.ArrayList<>();
        for (String v : values) {
            for (String g : v.split(",")) {
                if (g.isBlank()) {
                    continue;
                }
                Ipv6Address a = Ipv6Address.parse(g.strip());
                if (a.multicastScope() != 0xe) {
                    throw new IllegalArgumentException(a + " is not a multicast group of global scope");
                }
                if (out.contains(a)) {
                    throw new IllegalArgumentException(a + " is named twice");
                }
                out.add(a);
            }
        }
        if (out.size() > 61) {
            throw new IllegalArgumentException(out.size() + " groups: one MLDv2 Report of 1,280 octets names 61 at most");
        }
        return List.copyOf(out);
    }
}
