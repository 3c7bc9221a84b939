package org.mip6.role;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.mip6.state.RoleCounterState;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
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

    /**
     * Makes the role instance for a node and registers its services; null when it cannot attach, after saying why
     * with {@link Registrations#refuse}.
     */
    @FunctionalInterface
    public interface Attach<R> {
        R attach(RoleNode node, Registrations registrations);
    }

    /** The services of one attached instance. */
    public static final class Registrations {
        private final BundleContext context;
        private final String node;
        private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
        /** The role's counters as registered (role name -> counters, carried ones included). */
        private final Map<String, RoleCounters> counters = new HashMap<>();
        /** Set by {@link #refuse}: the configuration's PID and the reason. */
        private String refusedConfiguration;
        private String refusal;

        Registrations(BundleContext context, String node) {
            this.context = context;
            this.node = node;
        }

        /**
         * Registers {@code service} as {@code type} with {@code mip6.node} and the given property pairs. A
         * {@link RoleCounters} with {@link RoleCounters#ROLE} goes on from what the role's previous instance
         * counted on this node, when it was replaced ({@link RoleCounterState}).
         */
        @SuppressWarnings("unchecked")
        public <T> void register(Class<T> type, T service, Object... properties) {
            Hashtable<String, Object> p = new Hashtable<>();
            p.put(RoleNode.NODE, node);
            for (int i = 0; i + 1 < properties.length; i += 2) {
                p.put(String.valueOf(properties[i]), properties[i + 1]);
            }
            if (service instanceof RoleCounters rc && p.get(RoleCounters.ROLE) instanceof String role) {
                Map<String, Long> carried = withCounterState(s -> s.take(node, role), Map.of());
                RoleCounters sum = carried.isEmpty() ? rc : () -> plus(carried, rc.counters());
                counters.put(role, sum);
                service = (T) sum;
            }
            registrations.add(context.registerService(type, service, p));
        }

        /**
         * The role cannot attach to this node (its attach then returns null): logged, and offered as a
         * {@link RoleRefusal} service, which {@code mip6:info} shows, until the role attaches or the node goes.
         *
         * @param configuration the PID of the component's configuration
         * @param reason        why, naming the PID and the field
         */
        public void refuse(String configuration, String reason) {
            refusedConfiguration = Objects.requireNonNull(configuration, "configuration");
            refusal = Objects.requireNonNull(reason, "reason");
            LOG.log(System.Logger.Level.ERROR, reason);
        }

        /** The refusal as a service, or null when the role did not refuse. */
        ServiceRegistration<?> registerRefusal() {
            return refusal == null ? null : NodeAttachments.registerRefusal(context, node, refusedConfiguration, refusal, false);
        }

        /** The role instance goes but the node stays (a swap): what it counted is kept for the next one. */
        void keepCounters() {
            counters.forEach((role, rc) -> withCounterState(s -> {
                s.keep(node, role, rc.counters());
                return null;
            }, null));
        }

        private <X> X withCounterState(java.util.function.Function<RoleCounterState, X> f, X without) {
            try {
                ServiceReference<RoleCounterState> r = context.getServiceReference(RoleCounterState.class);
                RoleCounterState s = r == null ? null : context.getService(r);
                if (s == null) {
                    return without; // no state bundle: counters start at zero
                }
                try {
                    return f.apply(s);
                } finally {
                    context.ungetService(r);
                }
            } catch (IllegalStateException stopping) {
                return without;
            }
        }

        private static Map<String, Long> plus(Map<String, Long> carried, Map<String, Long> now) {
            Map<String, Long> m = new java.util.LinkedHashMap<>(now);
            carried.forEach((k, v) -> m.merge(k, v, Long::sum));
            return m;
        }

        void unregister() {
            registrations.forEach(NodeAttachments::unregister);
        }
    }

    private record Attached<R>(R role, Registrations registrations) {
    }

    private static final System.Logger LOG = System.getLogger("role");

    private final BundleContext context;
    private final String node;
    private final Attach<R> attach;
    private final Consumer<R> close;
    /** Guards present, attached and active together, so an attach queued on a node's thread and the node's
     *  removal on another thread cannot leave a role on a node that is gone (its services would then be
     *  picked up by the next world's node of the same name). */
    private final Object lock = new Object();
    private final Set<RoleNode> present = new HashSet<>();
    private final Map<RoleNode, Attached<R>> attached = new HashMap<>();
    /** The nodes the role refused, or whose instance refused a change of the configuration, with the refusal's service. */
    private final Map<RoleNode, ServiceRegistration<?>> refused = new HashMap<>();
    private boolean active = true;

    public NodeAttachments(BundleContext context, String node, Attach<R> attach, Consumer<R> close) {
        this.context = context;
        this.node = Objects.requireNonNull(node, "node");
        this.attach = Objects.requireNonNull(attach, "attach");
        this.close = Objects.requireNonNull(close, "close");
    }

    /** A node service appeared (its properties as the reference's bind method got them). */
    public void added(RoleNode n, Map<String, Object> properties) {
        if (!node.equals(properties.get(RoleNode.NODE))) {
            return;
        }
        synchronized (lock) {
            if (!active || !present.add(n)) {
                return;
            }
        }
        try {
            n.execute(() -> attachOnNodeThread(n));
        } catch (IllegalStateException closed) {
            removed(n); // the node's world closed already: nothing to attach to
        }
    }

    private void attachOnNodeThread(RoleNode n) {
        synchronized (lock) {
            if (!active || !present.contains(n) || attached.containsKey(n)) {
                return; // the node (or this component) went before the node's thread got here
            }
        }
        Registrations r = new Registrations(context, node);
        R role;
        try {
            role = attach.attach(n, r);
        } catch (RuntimeException e) {
            r.unregister(); // no half-attached role left behind
            throw e;
        }
        if (role == null) {
            r.unregister();
            ServiceRegistration<?> refusal = r.registerRefusal();
            synchronized (lock) {
                if (refusal != null && active && present.contains(n)) {
                    refused.put(n, refusal); // one attach per presence of a node: no refusal was there before
                    refusal = null;
                }
            }
            unregister(refusal); // the node or the component went meanwhile
            return;
        }
        boolean keep;
        synchronized (lock) {
            keep = active && present.contains(n);
            if (keep) {
                attached.put(n, new Attached<>(role, r));
            }
        }
        if (!keep) {
            r.unregister();
            close.accept(role);
        }
    }

    /** A node service went. */
    public void removed(RoleNode n) {
        Attached<R> a;
        ServiceRegistration<?> refusal;
        synchronized (lock) {
            present.remove(n);
            a = attached.remove(n);
            refusal = refused.remove(n);
        }
        unregister(refusal);
        detach(n, a);
    }

    private void detach(RoleNode n, Attached<R> a) {
        if (a != null) {
            a.registrations().unregister();
            execute(n, () -> close.accept(a.role()));
        }
    }

    /**
     * A change of the component's configuration, made to every attached instance on its node's thread (as
     * {@link #forEach}). An instance that refuses it ({@code change} throws an {@link IllegalArgumentException}
     * whose message names the configuration's PID and field) goes on as it was: the refusal, {@code consequence}
     * appended, is logged and offered as a {@link RoleRefusal} with {@link RoleRefusal#ATTACHED}, which
     * {@code mip6:info} shows, until a later change is made to it, or the node or the component goes.
     *
     * @param configuration the PID of the component's configuration
     * @param consequence   what the refusal leaves, appended to its message ("; ... goes on with ... before it")
     */
    public void reconfigure(String configuration, BiConsumer<RoleNode, R> change, String consequence) {
        Objects.requireNonNull(configuration, "configuration");
        forEach((n, role) -> {
            String reason = null;
            try {
                change.accept(n, role);
            } catch (IllegalArgumentException e) {
                reason = e.getMessage() + consequence;
                LOG.log(System.Logger.Level.ERROR, reason);
            }
            changeRefused(n, configuration, reason);
        });
    }

    /**
     * A change of the component's configuration refused before any instance was given it (its own check failed and
     * said why in the log): offered for every attached instance as {@link #reconfigure} offers an instance's refusal,
     * until a later change is made, or the node or the component goes.
     *
     * @param reason naming the configuration's PID and field, and what the refusal leaves
     */
    public void refuseChange(String configuration, String reason) {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(reason, "reason");
        forEach((n, role) -> changeRefused(n, configuration, reason));
    }

    /** On {@code n}'s thread: its refusal of the last change ({@code reason}), or none (null). */
    private void changeRefused(RoleNode n, String configuration, String reason) {
        ServiceRegistration<?> refusal = reason == null ? null : registerRefusal(context, node, configuration, reason, true);
        ServiceRegistration<?> old;
        synchronized (lock) {
            if (active && attached.containsKey(n)) {
                old = refusal == null ? refused.remove(n) : refused.put(n, refusal);
            } else {
                old = refusal; // the node or the component went meanwhile
            }
        }
        unregister(old);
    }

    /** A {@link RoleRefusal} service for {@code node}, or null without a context (a test's). */
    private static ServiceRegistration<?> registerRefusal(BundleContext context, String node, String configuration,
                                                          String reason, boolean attached) {
        if (context == null) {
            return null;
        }
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(RoleNode.NODE, node);
        p.put(RoleRefusal.CONFIGURATION, configuration);
        p.put(RoleRefusal.REASON, reason);
        p.put(RoleRefusal.ATTACHED, attached);
        return context.registerService(RoleRefusal.class, () -> reason, p);
    }

    /** Runs {@code action} for every attached instance, on its node's thread. */
    public void forEach(BiConsumer<RoleNode, R> action) {
        Map<RoleNode, Attached<R>> now;
        synchronized (lock) {
            now = Map.copyOf(attached);
        }
        now.forEach((n, a) -> execute(n, () -> action.accept(n, a.role())));
    }

    /**
     * The component goes (its bundle is replaced or stopped, or it is reconfigured): everything attached is
     * detached; the nodes stay, so the roles' counters are kept for the instances that come next.
     */
    public void close() {
        Map<RoleNode, Attached<R>> all;
        List<ServiceRegistration<?>> refusals;
        synchronized (lock) {
            active = false;
            present.clear();
            all = Map.copyOf(attached);
            attached.clear();
            refusals = List.copyOf(refused.values());
            refused.clear();
        }
        refusals.forEach(NodeAttachments::unregister);
        all.values().forEach(a -> a.registrations().keepCounters());
        all.forEach(this::detach);
    }

    private static void unregister(ServiceRegistration<?> r) {
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException gone) {
                // the bundle is stopping
            }
        }
    }

    /** On the node's thread; a node whose world is already closed has no thread: then here (nothing else runs on it), failures logged. */
    private static void execute(RoleNode n, Runnable task) {
        try {
            n.execute(task);
        } catch (IllegalStateException closed) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a role closing on a dead node may still try to send: nothing to send it on
                LOG.log(System.Logger.Level.DEBUG, "closing a role on node " + n.name() + " after its world closed: " + e);
            }
        }
    }
}
