package org.mip6.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Attach and detach raced against a node's removal: a world reset removes the node while an attach is
 * still queued on (or running on) the node's thread, and a component reconfigured at that moment closes
 * while the old world's scheduler is already closed.
 */
class NodeAttachmentsTest {

    /** Registered and not yet unregistered services. */
    final List<Object> live = new ArrayList<>();
    /** The properties each service was registered with. */
    final Map<Object, java.util.Dictionary<?, ?>> properties = new java.util.IdentityHashMap<>();
    final List<String> closed = new ArrayList<>();

    /** A node whose thread is a queue run by hand; execute throws once the world is closed. */
    final class FakeNode {
        final Queue<Runnable> queue = new ArrayDeque<>();
        boolean worldClosed;
        final RoleNode node = (RoleNode) Proxy.newProxyInstance(RoleNode.class.getClassLoader(),
                new Class<?>[] {RoleNode.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "execute" -> {
                        if (worldClosed) {
                            throw new IllegalStateException("scheduler world is closed");
                        }
                        queue.add((Runnable) args[0]);
                        yield null;
                    }
                    case "name" -> "mn";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "node mn";
                    default -> throw new UnsupportedOperationException(m.getName());
                });

        void runQueued() {
            while (!queue.isEmpty()) {
                queue.poll().run();
            }
        }
    }

    /** The state bundle's counter store, when the test provides one. */
    org.mip6.state.RoleCounterState counterState;
    final Map<String, Map<String, Long>> kept = new java.util.HashMap<>();

    final BundleContext context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, m, args) -> {
                switch (m.getName()) {
                    case "getServiceReference" -> {
                        return counterState == null ? null : Proxy.newProxyInstance(org.osgi.framework.ServiceReference.class
                                .getClassLoader(), new Class<?>[] {org.osgi.framework.ServiceReference.class}, (p, rm, ra) -> null);
                    }
                    case "getService" -> {
                        return counterState;
                    }
                    case "ungetService" -> {
                        return true;
                    }
                    default -> {
                    }
                }
                if (!m.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(m.getName());
                }
                Object service = args[1];
                live.add(service);
                properties.put(service, (java.util.Dictionary<?, ?>) args[2]);
                return Proxy.newProxyInstance(ServiceRegistration.class.getClassLoader(),
                        new Class<?>[] {ServiceRegistration.class}, (p, rm, ra) -> {
                            if (rm.getName().equals("unregister")) {
                                live.remove(service);
                                return null;
                            }
                            throw new UnsupportedOperationException(rm.getName());
                        });
            });

    static final Map<String, Object> MN = Map.of(RoleNode.NODE, "mn");
    int attachCalls;

    NodeAttachments<String> attachments(NodeAttachments.Attach<String> attach) {
        return new NodeAttachments<>(context, "mn", attach, closed::add);
    }

    NodeAttachments<String> plain() {
        return attachments((n, r) -> {
            attachCalls++;
            r.register(Runnable.class, () -> { }, "k", "v");
            return "role" + attachCalls;
        });
    }

    @Test
    void attachesOnTheNodeThreadAndDetachesOnRemoval() {
        NodeAttachments<String> a = plain();
        FakeNode n = new FakeNode();
        a.added(n.node, MN);
        assertEquals(0, attachCalls, "not before the node's thread runs");
        n.runQueued();
        assertEquals(1, live.size());
        a.removed(n.node);
        assertEquals(0, live.size(), "services go at once");
        n.runQueued();
        assertEquals(List.of("role1"), closed);
    }

    /** A node {@code a} attached to (its thread run). */
    FakeNode attached(NodeAttachments<String> a) {
        FakeNode n = new FakeNode();
        a.added(n.node, MN);
        n.runQueued();
        return n;
    }

    List<String> refusals() {
        return live.stream().filter(RoleRefusal.class::isInstance).map(o -> ((RoleRefusal) o).reason()).toList();
    }

    /** A role that refuses its node says why as a service (mip6:info shows it) while the node is there. */
    @Test
    void aRefusalIsOfferedUntilTheNodeGoesOrTheComponentCloses() {
        boolean[] refuse = {true};
        NodeAttachments<String> a = attachments((n, r) -> {
            if (refuse[0]) {
                r.register(Runnable.class, () -> { });
                r.refuse("org.mip6.ha~ha", "configuration org.mip6.ha~ha, field prefixes: not on mn");
                return null;
            }
            return "role";
        });
        FakeNode n1 = new FakeNode();
        a.added(n1.node, MN);
        n1.runQueued();
        assertEquals(List.of("configuration org.mip6.ha~ha, field prefixes: not on mn"), refusals());
        assertEquals(1, live.size(), "the refused role's own services went");
        a.removed(n1.node);
        assertEquals(List.of(), live, "the node went, and the refusal with it");

        FakeNode n2 = new FakeNode();
        a.added(n2.node, MN);
        n2.runQueued();
        assertEquals(1, refusals().size());
        a.close();
        assertEquals(List.of(), live, "the component went, and the refusal with it");

        refuse[0] = false;
        NodeAttachments<String> b = attachments((n, r) -> refuse[0] ? null : "role");
        FakeNode n3 = new FakeNode();
        b.added(n3.node, MN);
        n3.runQueued();
        assertEquals(List.of(), live, "nothing refused, nothing offered");
    }

    /**
     * An attached instance that refuses a change of the configuration goes on as it was; the refusal is offered
     * (attached, so mip6:info says the change was not applied) until a change is made, the node goes or the
     * component closes.
     */
    @Test
    void aRefusedChangeIsOfferedUntilAChangeIsMadeOrTheNodeGoes() {
        NodeAttachments<String> a = plain();
        FakeNode n = attached(a);
        List<String> applied = new ArrayList<>();
        java.util.function.BiConsumer<RoleNode, String> refuse = (node, role) -> {
            throw new IllegalArgumentException("configuration org.mip6.ha~ha, field prefixes: not on mn");
        };
        a.reconfigure("org.mip6.ha~ha", refuse, "; mn goes on with the prefixes before it");
        assertEquals(List.of(), refusals(), "on the node's thread");
        n.runQueued();
        assertEquals(List.of("configuration org.mip6.ha~ha, field prefixes: not on mn; mn goes on with the prefixes before it"),
                refusals());
        Object refusal = live.stream().filter(RoleRefusal.class::isInstance).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, properties.get(refusal).get(RoleRefusal.ATTACHED));
        assertEquals("org.mip6.ha~ha", properties.get(refusal).get(RoleRefusal.CONFIGURATION));
        assertEquals("mn", properties.get(refusal).get(RoleNode.NODE));
        assertEquals(List.of(), closed, "the instance stays");

        a.reconfigure("org.mip6.ha~ha", refuse, "; again");
        n.runQueued();
        assertEquals(1, refusals().size(), "the later refusal replaces the earlier");
        assertTrue(refusals().get(0).endsWith("; again"));

        a.reconfigure("org.mip6.ha~ha", (node, role) -> applied.add(role), "");
        n.runQueued();
        assertEquals(List.of("role1"), applied);
        assertEquals(List.of(), refusals(), "a change made clears it");

        a.reconfigure("org.mip6.ha~ha", refuse, "");
        n.runQueued();
        assertEquals(1, refusals().size());
        a.removed(n.node);
        assertEquals(List.of(), live, "the node went, and the refusal with it");

        FakeNode n2 = new FakeNode();
        a.added(n2.node, MN);
        n2.runQueued();
        a.reconfigure("org.mip6.ha~ha", refuse, "");
        n2.runQueued();
        assertEquals(1, refusals().size());
        a.close();
        assertEquals(List.of(), live, "the component went, and the refusal with it");
    }

    /** A change the component refused before giving it to any instance is offered the same way, for each attached instance. */
    @Test
    void aChangeTheComponentRefusedIsOfferedUntilAChangeIsMade() {
        NodeAttachments<String> a = plain();
        FakeNode n = attached(a);
        a.refuseChange("org.mip6.ha~ha", "configuration org.mip6.ha~ha, field maxMobPfxAdvInterval: 5; the configuration before it stays");
        n.runQueued();
        assertEquals(List.of("configuration org.mip6.ha~ha, field maxMobPfxAdvInterval: 5; the configuration before it stays"),
                refusals());
        Object refusal = live.stream().filter(RoleRefusal.class::isInstance).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, properties.get(refusal).get(RoleRefusal.ATTACHED));
        a.reconfigure("org.mip6.ha~ha", (node, role) -> { }, "");
        n.runQueued();
        assertEquals(List.of(), refusals(), "a change made clears it");
        assertEquals(List.of(), closed);
    }

    /** A role that refuses its node is offered as not attached. */
    @Test
    void aRefusedNodeIsOfferedAsNotAttached() {
        NodeAttachments<String> a = attachments((n, r) -> {
            r.refuse("org.mip6.ha~ha", "no");
            return null;
        });
        FakeNode n = new FakeNode();
        a.added(n.node, MN);
        n.runQueued();
        assertEquals(Boolean.FALSE, properties.get(live.get(0)).get(RoleRefusal.ATTACHED));
    }

    /** A refusal whose node went before the node's thread got to the attach is not offered. */
    @Test
    void aRefusalForANodeThatWentMeanwhileIsNotOffered() {
        NodeAttachments<String>[] holder = new NodeAttachments[1];
        FakeNode n = new FakeNode();
        holder[0] = attachments((node, r) -> {
            holder[0].removed(node);
            r.refuse("org.mip6.ha~ha", "no");
            return null;
        });
        holder[0].added(n.node, MN);
        n.runQueued();
        assertEquals(List.of(), live);
    }

    @Test
    void aNodeOfAnotherNameIsIgnored() {
        NodeAttachments<String> a = plain();
        FakeNode n = new FakeNode();
        a.added(n.node, Map.of(RoleNode.NODE, "ha"));
        assertTrue(n.queue.isEmpty());
    }

    @Test
    void aNodeRemovedBeforeItsThreadRanTheAttachGetsNoRole() {
        NodeAttachments<String> a = plain();
        FakeNode n = new FakeNode();
        a.added(n.node, MN);
        a.removed(n.node); // the world reset overtook the queued attach
        n.runQueued();
        assertEquals(0, attachCalls);
        assertEquals(List.of(), live, "no services left for the next world's mn to pick up");
    }

    @Test
    void aNodeRemovedWhileTheAttachRunsIsCleanedUpByTheAttach() {
        NodeAttachments<String>[] holder = new NodeAttachments[1];
        FakeNode n = new FakeNode();
        holder[0] = attachments((node, r) -> {
            r.register(Runnable.class, () -> { });
            holder[0].removed(node); // another thread removes the node meanwhile
            return "role";
        });
        holder[0].added(n.node, MN);
        n.runQueued();
        assertEquals(List.of(), live);
        assertEquals(List.of("role"), closed);
    }

    @Test
    void anAttachThatThrowsLeavesNoServices() {
        FakeNode n = new FakeNode();
        NodeAttachments<String> a = attachments((node, r) -> {
            r.register(Runnable.class, () -> { });
            throw new IllegalStateException("scheduler world is closed");
        });
        a.added(n.node, MN);
        assertThrows(IllegalStateException.class, n::runQueued);
        assertEquals(List.of(), live);
    }

    @Test
    void closingAfterTheWorldClosedDetachesEverythingHere() {
        NodeAttachments<String> a = plain();
        FakeNode n1 = new FakeNode();
        FakeNode n2 = new FakeNode();
        a.added(n1.node, MN);
        a.added(n2.node, MN);
        n1.runQueued();
        n2.runQueued();
        n1.worldClosed = true;
        n2.worldClosed = true;
        a.close(); // a component reconfigured during a world reset
        assertEquals(List.of(), live);
        assertEquals(2, closed.size(), "both roles closed on the calling thread: " + closed);
        FakeNode n3 = new FakeNode();
        a.added(n3.node, MN);
        assertTrue(n3.queue.isEmpty(), "a closed component attaches nothing");
    }

    @Test
    void aNodeWhoseWorldClosedAlreadyGetsNoRole() {
        NodeAttachments<String> a = plain();
        FakeNode n = new FakeNode();
        n.worldClosed = true; // a component activated while the world resets
        a.added(n.node, MN);
        assertEquals(0, attachCalls);
        assertEquals(List.of(), live);
    }

    /** A swap: the component goes, the node stays; the next instance's counters go on from the last one's. */
    @Test
    void countersGoOnAcrossASwapButNotAcrossAWorldReset() {
        counterState = new org.mip6.state.RoleCounterState() {
            @Override
            public void keep(String node, String role, Map<String, Long> counters) {
                kept.put(node + "/" + role, counters);
            }

            @Override
            public Map<String, Long> take(String node, String role) {
                Map<String, Long> m = kept.remove(node + "/" + role);
                return m == null ? Map.of() : m;
            }

            @Override
            public void clear(String node) {
                kept.keySet().removeIf(k -> k.startsWith(node + "/"));
            }
        };
        long[] count = {5};
        NodeAttachments.Attach<String> attach = (n, r) -> {
            r.register(RoleCounters.class, () -> Map.of("bu.received", count[0]), RoleCounters.ROLE, "ha");
            return "role";
        };
        FakeNode n = new FakeNode();
        NodeAttachments<String> first = attachments(attach);
        first.added(n.node, MN);
        n.runQueued();
        first.close(); // the bundle is replaced
        n.runQueued();
        assertEquals(Map.of("mn/ha", Map.of("bu.received", 5L)), kept);
        count[0] = 2; // the new instance counted two more
        NodeAttachments<String> second = attachments(attach);
        second.added(n.node, MN);
        n.runQueued();
        RoleCounters shown = (RoleCounters) live.get(0);
        assertEquals(Map.of("bu.received", 7L), shown.counters());
        assertTrue(kept.isEmpty(), "taken");
        second.removed(n.node); // the world is reset: nothing kept for the next world's node
        assertTrue(kept.isEmpty());
    }

    @Test
    void theSameNodeAddedTwiceAttachesOnce() {
        NodeAttachments<String> a = plain();
        FakeNode n = new FakeNode();
        a.added(n.node, MN);
        a.added(n.node, MN);
        n.runQueued();
        assertEquals(1, attachCalls);
    }
}
