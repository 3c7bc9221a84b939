package org.mip6.cn.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mip6.cn.internal.engine.CorrespondentNodeEngine;
import org.mip6.ro.BindingAuthority;
import org.mip6.role.HomeAddressHandler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.NodeAttachments;
import org.mip6.role.OutboundHandler;
import org.mip6.role.RoleConfiguration;
import org.mip6.role.RoleCounters;
import org.mip6.role.RoleNode;
import org.mip6.state.BindingCache;
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
 * A correspondent node configured for one node (factory PID {@code org.mip6.cn}; PID {@code
 * org.mip6.cn~cn} from etc/org.mip6.cn-cn.cfg). Its bindings live in the {@code state} bundle's
 * binding cache; the node's {@link BindingAuthority} (return routability, bundle {@code ro}) is
 * followed as it comes and goes: without one, Binding Updates cannot be checked and are dropped.
 */
@Component(configurationPid = "org.mip6.cn", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = CorrespondentNodeComponent.Config.class, factory = true)
public final class CorrespondentNodeComponent {

    @ObjectClassDefinition(name = "mip6 correspondent node", description = "A Mobile IPv6 correspondent node (RFC 6275 §9)")
    public @interface Config {
        @AttributeDefinition(description = "The node that is the correspondent node")
        String node() default "cn";

        @AttributeDefinition(description = "Correspondent bindings kept at most; the least recently used goes first")
        int maxBindings() default 1024;

        @AttributeDefinition(description = "Binding Refresh Request at this % of a binding's lifetime when it was used (0: never)")
        int refreshRequestPercent() default 90;

        @AttributeDefinition(description = "Binding Errors sent per second at most (RFC 6275 §9.3.3)")
        int bindingErrorsPerSecond() default 10;
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.cn");

    private final BindingCache cache;
    private final String nodeName;
    private final CorrespondentNodeEngine.Parameters parameters;
    private final Map<String, BindingAuthority> authorities = new ConcurrentHashMap<>();
    private final NodeAttachments<CorrespondentNodeRole> attachments;

    @Activate
    public CorrespondentNodeComponent(BundleContext context, @Reference BindingCache cache,
                                      @Reference(cardinality = ReferenceCardinality.OPTIONAL,
                                              policyOption = ReferencePolicyOption.GREEDY) World world,
                                      Config config, Map<String, Object> properties) {
        this.cache = cache;
        RoleConfiguration fields = new RoleConfiguration(properties, "org.mip6.cn");
        try {
            this.nodeName = fields.node(config.node(), world);
            int max = fields.field("maxBindings", () -> {
                if (config.maxBindings() < 1 || config.maxBindings() > 10_000_000) {
                    throw new IllegalArgumentException(config.maxBindings() + " is not in 1..10000000");
                }
                return config.maxBindings();
            });
            int percent = fields.field("refreshRequestPercent", () -> {
                if (config.refreshRequestPercent() < 0 || config.refreshRequestPercent() > 99) {
                    throw new IllegalArgumentException(config.refreshRequestPercent() + " is not in 0..99");
                }
                return config.refreshRequestPercent();
            });
            int be = fields.field("bindingErrorsPerSecond", () -> {
                if (config.bindingErrorsPerSecond() < 1) {
                    throw new IllegalArgumentException(config.bindingErrorsPerSecond() + " is not at least 1");
                }
                return config.bindingErrorsPerSecond();
            });
            this.parameters = new CorrespondentNodeEngine.Parameters(max, percent, be);
            this.attachments = new NodeAttachments<>(context, nodeName, this::attach, CorrespondentNodeRole::close);
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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAuthority(BindingAuthority authority, Map<String, Object> props) {
        Object node = props.get(RoleNode.NODE);
        if (node != null) {
            authorities.put(node.toString(), authority);
        }
    }

    void removeAuthority(BindingAuthority authority, Map<String, Object> props) {
        Object node = props.get(RoleNode.NODE);
        if (node != null) {
            authorities.remove(node.toString(), authority);
        }
    }

    /** On the node's thread. */
    private CorrespondentNodeRole attach(RoleNode node, NodeAttachments.Registrations services) {
        String name = node.name();
        CorrespondentNodeRole role = new CorrespondentNodeRole(node, cache, parameters, () -> authorities.get(name));
        services.register(MobilityHandler.class, role.mobilityHandler(), MobilityHandler.MH_TYPE, 5);
        services.register(HomeAddressHandler.class, role.homeAddressHandler());
        services.register(OutboundHandler.class, role.outboundHandler());
        services.register(org.mip6.role.Icmpv6Handler.class, role.unreachableHandler(), org.mip6.role.Icmpv6Handler.ICMPV6_TYPE, 1);
        services.register(RoleCounters.class, role::counters, RoleCounters.ROLE, "cn");
        role.start();
        LOG.log(System.Logger.Level.INFO, "correspondent node " + name + ": at most " + parameters.maxBindings()
                + " bindings");
        return role;
    }

    @Deactivate
    void deactivate() {
        attachments.close();
    }
}
