package org.mip6.stack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mip6.netsim.internal.DefaultWorld;
import org.mip6.netsim.internal.engine.SimNetwork;
import org.mip6.node.Node;
import org.mip6.time.internal.VirtualTimeScheduler;

/**
 * The shipped default world with every router advertising every 30-70 ms (the MIPv6 minimums, RFC
 * 6275 §7.5): over 10 simulated minutes the pending timers of every node stay as many as its state
 * needs. Counts entries, not time.
 */
class PendingTimersTest {

    @Test
    void pendingTimersPerNodeStayFlatUnderFastRouterAdvertisements() {
        VirtualTimeScheduler clock = new VirtualTimeScheduler("timers");
        SimNetwork net = new SimNetwork(clock, 6275);
        Map<String, Node> nodes = DefaultWorld.create(net, new StackNodeFactory(), 6275,
                Duration.ofMillis(30), Duration.ofMillis(70));
        clock.runFor(Duration.ofSeconds(30)); // DAD, RS/RA and SLAAC settled
        Map<String, Long> settled = timers(nodes);
        long ras = 0;
        Map<String, Long> max = new LinkedHashMap<>(settled);
        for (int minute = 0; minute < 10; minute++) {
            for (int s = 0; s < 60; s++) {
                clock.runFor(Duration.ofSeconds(1));
                timers(nodes).forEach((n, v) -> max.merge(n, v, Math::max));
            }
        }
        for (Node n : nodes.values()) {
            ras += n.counters().getOrDefault("sent", 0L);
        }
        assertTrue(ras > 4 * 10 * 60 * 10, "the routers advertised every 30-70 ms: " + ras + " frames sent");
        assertEquals(settled, timers(nodes), "after 10 minutes the same timers are pending as at the start");
        for (var e : max.entrySet()) {
            // a host: DAD is over; its NUD timers, the router, prefix and address lifetimes; a router: one RA timer
            // per advertising interface, its neighbours' NUD timers. A few dozen at most, whatever the RA rate.
            assertTrue(e.getValue() <= 16, e.getKey() + " had " + e.getValue() + " timers pending at one point");
        }
    }

    private static Map<String, Long> timers(Map<String, Node> nodes) {
        Map<String, Long> m = new LinkedHashMap<>();
        nodes.forEach((name, n) -> m.put(name, n.counters().get("timers")));
        return m;
    }
}
