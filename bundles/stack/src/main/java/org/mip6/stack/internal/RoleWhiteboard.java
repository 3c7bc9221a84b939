package org.mip6.stack.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mip6.node.NodeListener;
import org.mip6.role.HomeAddressHandler;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.OutboundHandler;
import org.mip6.role.PacketProtection;
import org.mip6.role.RoleNode;
import org.mip6.role.RoutingHeader2Handler;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The handler whiteboard (DESIGN §3): every role handler registered as a service with
 * {@code mip6.node=NAME} goes to that node's {@link NodeRoles}, and leaves it when the service goes
 * (the role's bundle stopped or is being updated). A handler service without the properties it needs
 * is logged and ignored. Nodes of the same name (after a world reset) share the registrations.
 */
@Component(service = RoleWhiteboard.class, immediate = true)
public final class RoleWhiteboard {

    private static final System.Logger LOG = System.getLogger("org.mip6.stack");

    private final Map<String, NodeRoles> byNode = new ConcurrentHashMap<>();

    NodeRoles forNode(String name) {
        return byNode.computeIfAbsent(name, n -> new NodeRoles());
    }

    /** One line per registered handler, for the shell. */
    public List<String> describe(String node) {
        NodeRoles r = byNode.get(node);
        return r == null ? List.of() : r.handlers().describe();
    }

    private NodeRoles node(Object handler, Map<String, Object> props) {
        Object n = props.get(RoleNode.NODE);
        if (n == null || n.toString().isBlank()) {
            LOG.log(System.Logger.Level.WARNING, "role handler " + handler.getClass().getName() + " has no "
                    + RoleNode.NODE + " service property: ignored");
            return null;
        }
        return forNode(n.toString());
    }

    private static int ranking(Map<String, Object> props) {
        return props.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    /** An Integer or a numeric string in 0..255, or -1 (logged). */
    private static int type(Object handler, Map<String, Object> props, String key) {
        Object t = props.get(key);
        try {
            int v = t instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(t).trim());
            if (v >= 0 && v <= 255) {
                return v;
            }
        } catch (NumberFormatException e) {
            // logged below
        }
        LOG.log(System.Logger.Level.WARNING, "role handler " + handler.getClass().getName() + " needs " + key
                + " = 0..255, has " + t + ": ignored");
        return -1;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMobilityHandler(MobilityHandler h, Map<String, Object> props) {
        NodeRoles r = node(h, props);
        int t = type(h, props, MobilityHandler.MH_TYPE);
        if (r != null && t >= 0) {
            r.handlers().addMobility(t, h, ranking(props));
        }
    }

    void removeMobilityHandler(MobilityHandler h, Map<String, Object> props) {
        remove(h, props);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addIcmpv6Handler(Icmpv6Handler h, Map<String, Object> props) {
        NodeRoles r = node(h, props);
        int t = type(h, props, Icmpv6Handler.ICMPV6_TYPE);
        if (r != null && t >= 0) {
            r.handlers().addIcmpv6(t, h, ranking(props));
        }
    }

    void removeIcmpv6Handler(Icmpv6Handler h, Map<String, Object> props) {
        remove(h, props);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHomeAddressHandler(HomeAddressHandler h, Map<String, Object> props) {
        NodeRoles r = node(h, props);
        if (r != null) {
            r.handlers().addHomeAddress(h, ranking(props));
        }
    }

    void removeHomeAddressHandler(HomeAddressHandler h, Map<String, Object> props) {
        remove(h, props);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRoutingHeader2Handler(RoutingHeader2Handler h, Map<String, Object> props) {
        NodeRoles r = node(h, props);
        if (r != null) {
            r.handlers().addRoutingHeader2(h, ranking(props));
        }
    }

    void removeRoutingHeader2Handler(RoutingHeader2Handler h, Map<String, Object> props) {
        remove(h, props);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addOutboundHandler(OutboundHandler h, Map<String, Object> props) {
        NodeRoles r = node(h, props);
        if (r != null) {
            r.handlers().addOutbound(h, ranking(props));
        }
    }

    void removeOutboundHandler(OutboundHandler h, Map<String, Object> props) {
        remove(h, props);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPacketProtection(PacketProtection h, Map<String, Object> props) {
        NodeRoles r = node(h, props);
        if (r != null) {
            r.handlers().addProtection(h, ranking(props));
        }
    }

    void removePacketProtection(PacketProtection h, Map<String, Object> props) {
        remove(h, props);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNodeListener(NodeListener l, Map<String, Object> props) {
        NodeRoles r = node(l, props);
        if (r != null) {
            r.listeners().add(l);
        }
    }

    void removeNodeListener(NodeListener l, Map<String, Object> props) {
        Object n = props.get(RoleNode.NODE);
        NodeRoles r = n == null ? null : byNode.get(n.toString());
        if (r != null) {
            r.listeners().remove(l);
        }
    }

    private void remove(Object h, Map<String, Object> props) {
        Object n = props.get(RoleNode.NODE);
        NodeRoles r = n == null ? null : byNode.get(n.toString());
        if (r != null) {
            r.handlers().remove(h);
        }
    }
}
