package org.mip6.shell.internal;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.mip6.net.Ipv6Address;
import org.mip6.node.AddressStatus;
import org.mip6.node.InterfaceStatus;
import org.mip6.state.BindingUpdateList;
import org.mip6.state.BindingUpdateListEntry;
import org.mip6.time.TimeMode;
import org.mip6.world.NodeStatus;
import org.mip6.world.World;

/** What {@code mip6:move} and {@code mip6:home} share: waiting for a mobile node's registration to settle. */
final class Mobility {

    /** How long a move may take before the command gives up waiting (it does not undo the move). */
    static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofMillis(10);

    private Mobility() {
    }


    /**
     * Runs (virtual time) or waits (real time) until {@code done} holds for the node's list, at most
     * {@link #LIMIT}; returns the time it took in nanoseconds of the world's clock, or -1.
     */
    static long await(World world, BindingUpdateList list, String node, Predicate<List<BindingUpdateListEntry>> done)
            throws InterruptedException {
        long start = world.nowNanos();
        long end = start + LIMIT.toNanos();
        while (world.nowNanos() < end) {
            if (done.test(list.entries(node))) {
                return world.nowNanos() - start;
            }
            if (world.mode() == TimeMode.VIRTUAL) {
                world.run(STEP);
            } else {
                Thread.sleep(STEP.toMillis());
            }
        }
        return done.test(list.entries(node)) ? world.nowNanos() - start : -1;
    }

    /** The link of the node that has {@code address} (a mobile node's home agent), or null. */
    static String linkOf(World world, Ipv6Address address) {
        for (NodeStatus n : world.nodes()) {
            for (InterfaceStatus i : n.interfaces()) {
                for (AddressStatus a : i.addresses()) {
                    if (a.address().equals(address)) {
                        return i.link();
                    }
                }
            }
        }
        return null;
    }

    static String seconds(long nanos) {
        return String.format("%.3f s", nanos / 1e9);
    }
}
