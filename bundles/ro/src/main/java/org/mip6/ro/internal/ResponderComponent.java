package org.mip6.ro.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import org.mip6.ro.BindingAuthority;
import org.mip6.role.MobilityHandler;
import org.mip6.role.NodeAttachments;
import org.mip6.role.RoleConfiguration;
import org.mip6.role.RoleCounters;
import org.mip6.role.RoleNode;
import org.mip6.role.RoleTable;
import org.mip6.state.ReturnRoutabilitySecret;
import org.mip6.state.ReturnRoutabilitySecrets;
import org.mip6.wire.Bytes;
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
 * Return routability for one correspondent node (factory PID {@code org.mip6.ro}; PID {@code
 * org.mip6.ro~cn} from etc/org.mip6.ro-cn.cfg): answers its test inits and offers its
 * {@link BindingAuthority}. Kcn is made once per node, from the world's seed and the node's name (same
 * seed, same tokens), and kept in the {@code state} bundle, so a replacement of this bundle answers
 * and checks the same tokens.
 */
@Component(configurationPid = "org.mip6.ro", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ResponderComponent.Config.class, factory = true)
public final class ResponderComponent {

    @ObjectClassDefinition(name = "mip6 return routability", description = "A correspondent node's return routability (RFC 6275 §5.2)")
    public @interface Config {
        @AttributeDefinition(description = "The correspondent node")
        String node() default "cn";

        @AttributeDefinition(description = "A new nonce every this many seconds (1..30: a token must stay usable for "
                + "MAX_TOKEN_LIFETIME within MAX_NONCE_LIFETIME)")
        int nonceInterval() default 30;
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.ro");
    static final long SECOND = 1_000_000_000L;

    private final ReturnRoutabilitySecrets secrets;
    private final World world;
    private final String nodeName;
    private final long intervalNanos;
    private final NodeAttachments<ResponderRole> attachments;

    @Activate
    public ResponderComponent(BundleContext context, @Reference ReturnRoutabilitySecrets secrets,
                              @Reference(cardinality = ReferenceCardinality.OPTIONAL,
                                      policyOption = ReferencePolicyOption.GREEDY) World world,
                              Config config, Map<String, Object> properties) {
        this.secrets = secrets;
        this.world = world;
        RoleConfiguration fields = new RoleConfiguration(properties, "org.mip6.ro");
        try {
            this.nodeName = fields.node(config.node(), world);
            this.intervalNanos = fields.field("nonceInterval", () -> {
                int s = config.nonceInterval();
                if (s < 1 || s > 30) {
                    throw new IllegalArgumentException(s + " s is not in 1..30");
                }
                return s * SECOND;
            });
            this.attachments = new NodeAttachments<>(context, nodeName, this::attach, ResponderRole::close);
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

    /** On the node's thread. */
    private ResponderRole attach(RoleNode node, NodeAttachments.Registrations services) {
        ReturnRoutabilitySecret secret = secrets.get(node.name(), ReturnRoutabilitySecrets.KEY)
                .filter(s -> s.nonceIntervalNanos() == intervalNanos)
                .orElseGet(() -> {
                    ReturnRoutabilitySecret s = new ReturnRoutabilitySecret(kcn(world == null ? 0 : world.seed(), node.name()),
                            node.nanos(), intervalNanos);
                    secrets.put(node.name(), ReturnRoutabilitySecrets.KEY, s);
                    return s;
                });
        ResponderRole role = new ResponderRole(node, secret);
        for (int type : new int[] {1, 2}) {
            services.register(MobilityHandler.class, role.mobilityHandler(), MobilityHandler.MH_TYPE, type);
        }
        services.register(BindingAuthority.class, role.authority());
        services.register(RoleCounters.class, role::counters, RoleCounters.ROLE, "ro");
        services.register(RoleTable.class, role.table(), RoleTable.TABLE, "rr");
        LOG.log(System.Logger.Level.INFO, "return routability on " + node.name() + ": a nonce every "
                + intervalNanos / SECOND + " s");
        return role;
    }

    /** Kcn (RFC 6275 §5.2.3: 20 random bytes), drawn from the world's seed and the node's name. */
    static Bytes kcn(long seed, String node) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-1");
            d.update("mip6 Kcn ".getBytes(StandardCharsets.US_ASCII));
            for (int i = 7; i >= 0; i--) {
                d.update((byte) (seed >>> (8 * i)));
            }
            d.update(node.getBytes(StandardCharsets.UTF_8));
            return Bytes.of(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Deactivate
    void deactivate() {
        attachments.close();
    }
}
