package org.mip6.role;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * What every role component does with the node it is configured for: whenever a {@link RoleNode}
 * service of that name appears (the world is built or rebuilt), make a role instance on the node's
 * thread and register its handler services with {@link RoleNode#NODE}; when the node or the component
 * goes, unregister them and close the instance on the node's thread. The data path and the state the
 * instance made stay with the node and the {@code state} bundle (DESIGN §4). Thread-safe.
 *
 * @param <R> the role instance
 */
public final class NodeAttachments<R> {

    /** Makes the role instance for a node and registers its services; null when it cannot attach (logged by it). */
    @FunctionalInterface
    public interface Attach<R> {
        R attach(RoleNode node, Registrations registrations);
    }

    /** The services of one attached instance. */
    public static final class Registrations {
        private final BundleContext context;
        private final String node;
        private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

        Registrations(BundleContext context, String node) {
            this.context = context;
            this.node = node;
        }

        /** Registers {@code service} as {@code type} with {@code mip6.node} and the given property pairs. */
        public <T> void register(Class<T> type, T service, Object... properties) {
            Hashtable<String, Object> p = new Hashtable<>();
            p.put(RoleNode.NODE, node);
            for (int i = 0; i + 1 < properties.length; i += 2) {
                p.put(String.valueOf(properties[i]), properties[i + 1]);
            }
            registrations.add(context.registerService(type, service, p));
        }

        void unregister() {
            for (ServiceRegistration<?> r : registrations) {
                try {
                    r.unregister();
                } catch (IllegalStateException gone) {
                    // the bundle is stopping
                }
            }
        }
    }

    private record Attached<R>(R role, Registrations registrations) {
    }

    private final BundleContext context;
    private final String node;
    private final Attach<R> attach;
    private final Consumer<R> close;
    private final Map<RoleNode, Attached<R>> attached = new ConcurrentHashMap<>();
    private volatile boolean active = true;

    public NodeAttachments(BundleContext context, String node, Attach<R> attach, Consumer<R> close) {
        this.context = context;
        this.node = Objects.requireNonNull(node, "node");
        this.attach = Objects.requireNonNull(attach, "attach");
        this.close = Objects.requireNonNull(close, "close");
    }

    /** A node service appeared (its properties as the reference's bind method got them). */
    public void added(RoleNode n, Map<String, Object> properties) {
        if (node.equals(properties.get(RoleNode.NODE))) {
            n.execute(() -> {
                if (!active || attached.containsKey(n)) {
                    return;
                }
                Registrations r = new Registrations(context, node);
                R role = attach.attach(n, r);
                if (role == null) {
                    r.unregister();
                    return;
                }
                attached.put(n, new Attached<>(role, r));
            });
        }
    }

    /** A node service went. */
    public void removed(RoleNode n) {
        Attached<R> a = attached.remove(n);
        if (a != null) {
            a.registrations().unregister();
            n.execute(() -> close.accept(a.role()));
        }
    }

    /** Runs {@code action} for every attached instance, on its node's thread. */
    public void forEach(BiConsumer<RoleNode, R> action) {
        attached.forEach((n, a) -> n.execute(() -> action.accept(n, a.role())));
    }

    /** The component goes: everything attached is detached. */
    public void close() {
        active = false;
        for (RoleNode n : List.copyOf(attached.keySet())) {
            removed(n);
        }
    }
}
