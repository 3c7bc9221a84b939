package org.mip6.dhaad.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mip6.dhaad.internal.engine.PrefixAdvertisementIntervals;
import org.mip6.net.Ipv6Prefix;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.NodeAttachments;
import org.mip6.role.RoleConfiguration;
import org.mip6.role.RoleCounters;
import org.mip6.role.RoleNode;
import org.mip6.state.BindingCache;
import org.mip6.state.HomeAgentsList;
import org.mip6.state.PendingPrefixAdvertisements;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * DHAAD and mobile prefix discovery wherever a home agent is configured: it reads the home agent's
 * own configuration (factory PID {@code org.mip6.ha}, e.g. etc/org.mip6.ha-ha.cfg: node, prefixes,
 * preference) plus {@code managedFlag} and {@code otherFlag} for its Mobile Prefix Advertisements. A
 * change of the prefixes is announced to every registered mobile node (RFC 6275 §10.6.2).
 */
@Component(configurationPid = "org.mip6.ha", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class DhaadComponent {

    /** The part of the home agent's configuration this bundle reads. */
    public @interface Config {
        String node() default "ha";

        String[] prefixes() default {};

        int preference() default 0;

        /** M flag of Mobile Prefix Advertisements (RFC 6275 §6.8). */
        boolean managedFlag() default false;

        /** O flag of Mobile Prefix Advertisements. */
        boolean otherFlag() default false;

        /** RFC 6275 §13 MinMobPfxAdvInterval, s: the least delay of an unsolicited Mobile Prefix Advertisement after a change (§10.6.2). */
        int minMobPfxAdvInterval() default 600;

        /** RFC 6275 §13 MaxMobPfxAdvInterval, s: the most (with the prefix's preferred lifetime, whichever is less). */
        int maxMobPfxAdvInterval() default 86_400;

        /** The mobile routers the home agent serves (RFC 3963; its bundle checks the entries): any, and DHAAD says so. */
        String[] mobileRouters() default {};
    }

    /** RFC 3963 §7: whether the home agent serves mobile routers (an entry that is not blank). */
    static boolean mobileRouters(Config c) {
        return java.util.Arrays.stream(c.mobileRouters()).flatMap(e -> java.util.Arrays.stream(e.split(";")))
                .anyMatch(e -> !e.isBlank());
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.dhaad");

    private final HomeAgentsList list;
    private final PendingPrefixAdvertisements pending;
    private final BindingCache bindings;
    private final String pid;
    private final String nodeName;
    private volatile Config config;
    private volatile List<Ipv6Prefix> prefixes;
    private volatile PrefixAdvertisementIntervals intervals;
    private final NodeAttachments<DhaadRole> attachments;

    @Activate
    public DhaadComponent(BundleContext context, @Reference HomeAgentsList list,
                          @Reference PendingPrefixAdvertisements pending, @Reference BindingCache bindings,
                          Config config, Map<String, Object> properties) {
        this.list = list;
        this.pending = pending;
        this.bindings = bindings;
        RoleConfiguration fields = new RoleConfiguration(properties, "org.mip6.ha");
        this.pid = fields.pid();
        checkFlags(fields, "");
        this.nodeName = config.node() == null ? "" : config.node().strip();
        this.config = config;
        this.prefixes = prefixes(config);
        this.intervals = intervals(fields, config, "");
        this.attachments = new NodeAttachments<>(context, nodeName, this::attach, DhaadRole::close);
    }

    private List<Ipv6Prefix> prefixes(Config c) {
        List<Ipv6Prefix> l = new ArrayList<>();
        for (String s : c.prefixes()) {
            for (String p : s.split(",")) {
                if (!p.isBlank()) {
                    try {
                        l.add(Ipv6Prefix.parse(p.strip()));
                    } catch (IllegalArgumentException e) {
                        String m = "configuration " + pid + ", field prefixes: " + e.getMessage();
                        LOG.log(System.Logger.Level.ERROR, m);
                        throw new IllegalArgumentException(m, e);
                    }
                }
            }
        }
        return List.copyOf(l);
    }

    /** The intervals of unsolicited Mobile Prefix Advertisements, refused with the PID and field, logged. */
    private static PrefixAdvertisementIntervals intervals(RoleConfiguration fields, Config c, String consequence) {
        try {
            fields.field("minMobPfxAdvInterval", () -> new PrefixAdvertisementIntervals(c.minMobPfxAdvInterval(), Integer.MAX_VALUE));
            return fields.field("maxMobPfxAdvInterval",
                    () -> new PrefixAdvertisementIntervals(c.minMobPfxAdvInterval(), c.maxMobPfxAdvInterval()));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage() + consequence);
            throw e;
        }
    }

    /** The M and O flags as written (DS would read a typo as false), refused with the PID and field, logged. */
    private static void checkFlags(RoleConfiguration fields, String consequence) {
        try {
            fields.booleans("managedFlag", "otherFlag");
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage() + consequence);
            throw e;
        }
    }

    @Modified
    void modified(Config c, Map<String, Object> properties) {
        if (!c.node().strip().equals(nodeName)) {
            throw new IllegalArgumentException("configuration " + pid + ": a new node needs a new component");
        }
        String stays = "; the configuration before it stays";
        PrefixAdvertisementIntervals i;
        List<Ipv6Prefix> p;
        try {
            RoleConfiguration fields = new RoleConfiguration(properties, pid);
            checkFlags(fields, stays);
            i = intervals(fields, c, stays);
            p = prefixes(c);
        } catch (IllegalArgumentException e) { // logged: mip6:info shows it beside the component too
            attachments.refuseChange(pid, e.getMessage() + stays);
            return;
        }
        this.config = c;
        this.prefixes = p;
        this.intervals = i;
        attachments.reconfigure(pid, (node, role) -> {
            try {
                role.reconfigure(p, c.preference(), c.managedFlag(), c.otherFlag(), i);
                role.mobileRouterSupport(mobileRouters(c));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("configuration " + pid + ", field prefixes: " + e.getMessage(), e);
            }
        }, "; DHAAD on " + nodeName + " goes on with the prefixes before it");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNode(RoleNode node, Map<String, Object> props) {
        attachments.added(node, props);
    }

    void removeNode(RoleNode node, Map<String, Object> props) {
        attachments.removed(node);
    }

    /** On the node's thread: the role and its handlers, or null when the node serves no home link. */
    private DhaadRole attach(RoleNode node, NodeAttachments.Registrations services) {
        Config c = config;
        DhaadRole role;
        try {
            role = new DhaadRole(node, list, pending, bindings, prefixes, c.preference(), c.managedFlag(), c.otherFlag(),
                    intervals);
        } catch (IllegalArgumentException e) {
            services.refuse(pid, "configuration " + pid + ", field prefixes: " + e.getMessage()
                    + "; DHAAD is not started on " + node.name());
            return null;
        }
        role.mobileRouterSupport(mobileRouters(c));
        role.start();
        for (int type : DhaadRole.TYPES) {
            services.register(Icmpv6Handler.class, role.handler(), Icmpv6Handler.ICMPV6_TYPE, type);
        }
        services.register(RoleCounters.class, role::counters, RoleCounters.ROLE, "dhaad");
        return role;
    }

    @Deactivate
    void deactivate() {
        attachments.close();
    }
}
