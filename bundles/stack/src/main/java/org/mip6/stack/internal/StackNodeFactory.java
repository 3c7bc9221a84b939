package org.mip6.stack.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mip6.node.Node;
import org.mip6.node.NodeFactory;
import org.mip6.node.NodeListener;
import org.mip6.role.HomeAddressHandler;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.OutboundHandler;
import org.mip6.role.PacketProtection;
import org.mip6.role.RoleConfiguration;
import org.mip6.role.RoleNode;
import org.mip6.role.RoutingHeader2Handler;
import org.mip6.stack.internal.engine.HoldParameters;
import org.mip6.stack.internal.engine.NdParameters;
import org.mip6.time.Scheduler;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Registers the {@link NodeFactory} service: nodes are {@link org.mip6.stack.internal.engine.NodeEngine}s,
 * each offered to roles as a {@link RoleNode} service with {@code mip6.node=NAME} once it is built.
 * Configuration PID {@code org.mip6.stack}.
 */
@Component(service = NodeFactory.class, immediate = true, configurationPid = "org.mip6.stack")
@Designate(ocd = StackNodeFactory.Config.class)
public final class StackNodeFactory implements NodeFactory {

    @ObjectClassDefinition(name = "mip6 stack", description = "The IPv6 node stack and its role contract")
    public @interface Config {
        @AttributeDefinition(description = "Packets a node holds while a role that handled them is being replaced")
        int holdQueueSize() default 256;

        @AttributeDefinition(description = "How long (ms) a packet waits for its role before the node answers as without it")
        long holdTimeMs() default 2000;

        @AttributeDefinition(description = "Optimistic DAD (RFC 4429): a tentative address is usable at once (movement experiments)")
        boolean optimisticDad() default false;
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.stack");

    private final BundleContext context;
    private final RoleWhiteboard whiteboard;
    private final HoldParameters hold;
    private final NdParameters nd;
    private final Map<String, StackNode> standalone = new ConcurrentHashMap<>();

    @Activate
    public StackNodeFactory(BundleContext context, @Reference RoleWhiteboard whiteboard, Config config,
                            Map<String, Object> properties) {
        this.context = context;
        this.whiteboard = whiteboard;
        RoleConfiguration fields = new RoleConfiguration(properties, "org.mip6.stack");
        try {
            fields.field("holdQueueSize", () -> new HoldParameters(config.holdQueueSize(), 0));
            this.hold = fields.field("holdTimeMs", () -> {
                if (config.holdTimeMs() > Long.MAX_VALUE / 1_000_000L) {
                    throw new IllegalArgumentException(config.holdTimeMs() + " ms is too long");
                }
                return new HoldParameters(config.holdQueueSize(), config.holdTimeMs() * 1_000_000L);
            });
            fields.booleans("optimisticDad");
            this.nd = NdParameters.DEFAULT.withOptimisticDad(config.optimisticDad());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            throw e;
        }
    }

    /** Outside OSGi (tests, benchmarks): nodes are not offered as services; roles attach through {@link #roles}. */
    public StackNodeFactory() {
        this(NdParameters.DEFAULT);
    }

    /** Outside OSGi, with these Neighbor Discovery parameters (optimistic DAD for movement experiments). */
    public StackNodeFactory(NdParameters nd) {
        this.context = null;
        this.whiteboard = new RoleWhiteboard();
        this.hold = HoldParameters.DEFAULT;
        this.nd = java.util.Objects.requireNonNull(nd, "nd");
    }

    @Override
    public Node create(String name, boolean forwarding, Scheduler scheduler, long seed) {
        StackNode n = new StackNode(name, forwarding, scheduler, seed, nd, hold, whiteboard.forNode(name), this::publish);
        if (context == null) {
            standalone.put(name, n);
        }
        return n;
    }

    /** Outside OSGi: the last node built under {@code name}, as roles see it (null if none). */
    public RoleNode roleNode(String name) {
        return standalone.get(name);
    }

    /**
     * Outside OSGi (tests, benchmarks): puts a role's handler or node listener on the whiteboard as if
     * it were a service with {@code properties} ({@code mip6.node}, the type property); returns what
     * withdraws it, as the service's unregistration would.
     */
    public Runnable register(Object handler, Map<String, Object> properties) {
        Map<String, Object> p = Map.copyOf(properties);
        List<Runnable> undo = new ArrayList<>();
        if (handler instanceof MobilityHandler h) {
            whiteboard.addMobilityHandler(h, p);
            undo.add(() -> whiteboard.removeMobilityHandler(h, p));
        }
        if (handler instanceof Icmpv6Handler h) {
            whiteboard.addIcmpv6Handler(h, p);
            undo.add(() -> whiteboard.removeIcmpv6Handler(h, p));
        }
        if (handler instanceof HomeAddressHandler h) {
            whiteboard.addHomeAddressHandler(h, p);
            undo.add(() -> whiteboard.removeHomeAddressHandler(h, p));
        }
        if (handler instanceof RoutingHeader2Handler h) {
            whiteboard.addRoutingHeader2Handler(h, p);
            undo.add(() -> whiteboard.removeRoutingHeader2Handler(h, p));
        }
        if (handler instanceof OutboundHandler h) {
            whiteboard.addOutboundHandler(h, p);
            undo.add(() -> whiteboard.removeOutboundHandler(h, p));
        }
        if (handler instanceof PacketProtection h) {
            whiteboard.addPacketProtection(h, p);
            undo.add(() -> whiteboard.removePacketProtection(h, p));
        }
        if (handler instanceof NodeListener l) {
            whiteboard.addNodeListener(l, p);
            undo.add(() -> whiteboard.removeNodeListener(l, p));
        }
        if (undo.isEmpty()) {
            throw new IllegalArgumentException(handler.getClass().getName() + " is no role handler");
        }
        return () -> undo.forEach(Runnable::run);
    }

    private Runnable publish(StackNode node) {
        if (context == null) {
            return () -> { };
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(RoleNode.NODE, node.name());
        ServiceRegistration<?> reg = context.registerService(new String[] {RoleNode.class.getName(), Node.class.getName()},
                node, props);
        return () -> {
            try {
                reg.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle stopped first
            }
        };
    }

    /** The whiteboard this factory's nodes use (tests register handlers on it directly). */
    RoleWhiteboard roles() {
        return whiteboard;
    }
}
