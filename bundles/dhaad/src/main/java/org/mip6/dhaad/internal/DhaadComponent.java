package org.mip6.dhaad.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mip6.net.Ipv6Prefix;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.RoleCounters;
import org.mip6.role.RoleNode;
import org.mip6.state.BindingCache;
import org.mip6.state.HomeAgentsList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
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
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.dhaad");

    private final BundleContext context;
    private final HomeAgentsList list;
    private final BindingCache bindings;
    private final String pid;
    private final String nodeName;
    private volatile Config config;
    private volatile List<Ipv6Prefix> prefixes;
    private final Map<RoleNode, Attached> attached = new ConcurrentHashMap<>();
    private volatile boolean active = true;

    private static final class Attached {
        DhaadRole role;
        final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    }

    @Activate
    public DhaadComponent(BundleContext context, @Reference HomeAgentsList list, @Reference BindingCache bindings,
                          Config config, Map<String, Object> properties) {
        this.context = context;
        this.list = list;
        this.bindings = bindings;
        this.pid = String.valueOf(properties.getOrDefault(Constants.SERVICE_PID, "org.mip6.ha"));
        this.nodeName = config.node() == null ? "" : config.node().strip();
        this.config = config;
        this.prefixes = prefixes(config);
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

    @Modified
    void modified(Config c) {
        List<Ipv6Prefix> p = prefixes(c);
        if (!c.node().strip().equals(nodeName)) {
            throw new IllegalArgumentException("configuration " + pid + ": a new node needs a new component");
        }
        this.config = c;
        this.prefixes = p;
        attached.forEach((node, a) -> node.execute(() -> {
            try {
                a.role.reconfigure(p, c.preference(), c.managedFlag(), c.otherFlag());
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.ERROR, "configuration " + pid + ", field prefixes: " + e.getMessage());
            }
        }));
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

    private void attach(RoleNode node) {
        if (!active || attached.containsKey(node)) {
            return;
        }
        Config c = config;
        DhaadRole role;
        try {
            role = new DhaadRole(node, list, bindings, prefixes, c.preference(), c.managedFlag(), c.otherFlag());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "configuration " + pid + ", field prefixes: " + e.getMessage()
                    + "; DHAAD is not started");
            return;
        }
        role.start();
        Attached a = new Attached();
        a.role = role;
        attached.put(node, a);
        for (int type : DhaadRole.TYPES) {
            Hashtable<String, Object> p = new Hashtable<>();
            p.put(RoleNode.NODE, nodeName);
            p.put(Icmpv6Handler.ICMPV6_TYPE, type);
            a.registrations.add(context.registerService(Icmpv6Handler.class, role.handler(), p));
        }
        Hashtable<String, Object> cp = new Hashtable<>();
        cp.put(RoleNode.NODE, nodeName);
        cp.put(RoleCounters.ROLE, "dhaad");
        a.registrations.add(context.registerService(RoleCounters.class, role::counters, cp));
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
