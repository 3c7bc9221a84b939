package org.mip6.stack.internal;

import java.util.Hashtable;

import org.mip6.node.Node;
import org.mip6.node.NodeFactory;
import org.mip6.role.RoleNode;
import org.mip6.stack.internal.engine.HoldParameters;
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
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.stack");

    private final BundleContext context;
    private final RoleWhiteboard whiteboard;
    private final HoldParameters hold;

    @Activate
    public StackNodeFactory(BundleContext context, @Reference RoleWhiteboard whiteboard, Config config) {
        this.context = context;
        this.whiteboard = whiteboard;
        try {
            this.hold = new HoldParameters(config.holdQueueSize(), config.holdTimeMs() * 1_000_000L);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "configuration org.mip6.stack: " + e.getMessage());
            throw e;
        }
    }

    /** Outside OSGi (tests, benchmarks): nodes are not offered as services; roles attach through {@link #roles}. */
    public StackNodeFactory() {
        this.context = null;
        this.whiteboard = new RoleWhiteboard();
        this.hold = HoldParameters.DEFAULT;
    }

    @Override
    public Node create(String name, boolean forwarding, Scheduler scheduler, long seed) {
        return new StackNode(name, forwarding, scheduler, seed, hold, whiteboard.forNode(name), this::publish);
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
