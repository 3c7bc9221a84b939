package org.mip6.ipsec.internal;

import java.util.List;
import java.util.Map;

import org.mip6.ipsec.SecurityDatabase;
import org.mip6.ipsec.internal.engine.IpsecEngine;
import org.mip6.ipsec.internal.engine.SaConfig;
import org.mip6.role.NodeAttachments;
import org.mip6.role.PacketProtection;
import org.mip6.role.RateLimitedLog;
import org.mip6.role.RoleConfiguration;
import org.mip6.role.RoleCounters;
import org.mip6.role.RoleNode;
import org.mip6.state.SecurityAssociationState;
import org.mip6.state.SecurityAssociations;
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
 * IPsec for one node (factory PID {@code org.mip6.ipsec}; PIDs org.mip6.ipsec~mn and org.mip6.ipsec~ha from
 * {@code etc/org.mip6.ipsec-mn.cfg} and {@code etc/org.mip6.ipsec-ha.cfg}): the manually keyed SAs between
 * mobile nodes and their home agent (RFC 3776 §4.1), their policies, and ESP in the node's data path
 * ({@link PacketProtection}); the SPD and SAD for the shell ({@link SecurityDatabase}). What the SAs counted
 * (sequence numbers, replay windows, where the mobile node is) lives in {@code state}, so a replacement of
 * this bundle goes on from there.
 */
@Component(configurationPid = "org.mip6.ipsec", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = IpsecComponent.Config.class, factory = true)
public final class IpsecComponent {

    @ObjectClassDefinition(name = "mip6 IPsec", description = "ESP between mobile nodes and their home agent (RFC 3776, RFC 4877)")
    public @interface Config {
        @AttributeDefinition(description = "The node")
        String node() default "mn";

        @AttributeDefinition(description = "What the node is to its SAs' peers: mobile-node, home-agent or correspondent-node")
        String role() default "mobile-node";

        @AttributeDefinition(description = "Manually keyed SAs, comma-separated: in|out transport|tunnel spi=N "
                + "alg=aes-gcm-16-128|aes-gcm-16-256|aes-cbc-128/hmac-sha2-256-128|aes-cbc-256/hmac-sha2-256-128|"
                + "aes-cbc-128/hmac-sha1-96 key=0xHEX [auth=0xHEX] mn=HOME-ADDRESS ha=HOME-AGENT|cn=CORRESPONDENT"
                + " [iro] [payload] [esn]")
        String[] sa() default {};

        @AttributeDefinition(description = "A home agent refuses home registrations without ESP also from mobile nodes"
                + " it has no SAs with (RFC 6275 §10.3.1); ignored on a mobile node")
        boolean requireProtectedHomeRegistration() default true;
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.ipsec");

    private final SecurityAssociations states;
    private final World world;
    private final String pid;
    private final String nodeName;
    private final String role;
    private final boolean homeAgent;
    private final List<SaConfig> sas;
    private final boolean requireProtected;
    private final NodeAttachments<IpsecEngine> attachments;

    @Activate
    public IpsecComponent(BundleContext context, @Reference SecurityAssociations states,
                          @Reference(cardinality = ReferenceCardinality.OPTIONAL,
                                  policyOption = ReferencePolicyOption.GREEDY) World world,
                          Config config, Map<String, Object> properties) {
        this.states = states;
        this.world = world;
        RoleConfiguration fields = new RoleConfiguration(properties, "org.mip6.ipsec");
        this.pid = fields.pid();
        try {
            this.nodeName = fields.node(config.node(), world);
            fields.booleans("requireProtectedHomeRegistration");
            this.role = fields.field("role", () -> switch (config.role().strip()) {
                case "home-agent", "mobile-node", "correspondent-node" -> config.role().strip();
                default -> throw new IllegalArgumentException("\"" + config.role()
                        + "\" is not mobile-node, home-agent or correspondent-node");
            });
            this.homeAgent = role.equals("home-agent");
            this.sas = fields.field("sa", () -> SaConfig.parseAll(config.sa()));
            this.requireProtected = homeAgent && config.requireProtectedHomeRegistration(); // a home agent's switch
            this.attachments = new NodeAttachments<>(context, nodeName, this::attach, e -> { });
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
    private IpsecEngine attach(RoleNode node, NodeAttachments.Registrations services) {
        RateLimitedLog log = new RateLimitedLog(LOG, node.name());
        IpsecEngine engine = new IpsecEngine(node.name(), role, sas, requireProtected,
                world == null ? 0 : world.seed(), key -> states.get(node.name(), key).orElseGet(() -> {
                    SecurityAssociationState s = new SecurityAssociationState();
                    states.put(node.name(), key, s);
                    return s;
                }), (counter, detail) -> log.warn(counter + ": " + detail));
        services.register(PacketProtection.class, engine);
        services.register(SecurityDatabase.class, engine);
        services.register(RoleCounters.class, engine::counters, RoleCounters.ROLE, "ipsec");
        LOG.log(System.Logger.Level.INFO, "IPsec on " + node.name() + " (" + role.replace('-', ' ')
                + "): " + sas.size() + " SAs" + (homeAgent ? requireProtected
                        ? "; home registrations without ESP are refused (RFC 6275 §10.3.1)"
                        : "; home registrations without ESP are accepted from mobile nodes without SAs"
                        + " (requireProtectedHomeRegistration = false in " + pid + ", not the RFC's behaviour)" : ""));
        return engine;
    }

    @Deactivate
    void deactivate() {
        attachments.close();
    }
}
