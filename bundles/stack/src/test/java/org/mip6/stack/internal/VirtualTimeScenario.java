package org.mip6.stack.internal;

import org.junit.jupiter.api.AfterEach;
import org.mip6.netsim.internal.engine.SimNetwork;
import org.mip6.time.internal.VirtualTimeScheduler;

/**
 * What the role bundles' scenario tests share (their worlds are made with {@code DefaultWorld} on this
 * network): a virtual clock, the simulated network with the shipped seed, closed after each test,
 * running the world, and moving {@code mn} between links as its link layer would.
 */
public abstract class VirtualTimeScenario {

    protected static final long S = 1_000_000_000L;

    protected final VirtualTimeScheduler clock = new VirtualTimeScheduler("world");
    protected final SimNetwork net = new SimNetwork(clock, 6275);

    @AfterEach
    protected void closeNetwork() throws Exception {
        net.close();
    }

    /** Runs the world for {@code seconds} of virtual time. */
    protected void run(double seconds) {
        clock.runUntil(clock.nanos() + (long) (seconds * S));
    }

    protected SimNetwork.SimPort port(String name) {
        return net.ports().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** {@code mn}'s interface leaves its link and attaches to {@code link}. */
    protected void move(String link) {
        SimNetwork.SimPort p = port("mn.eth0");
        net.detach(p);
        net.attach(p, link);
    }
}
