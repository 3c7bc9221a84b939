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

    /**
     * A soak of the world until the hours {@code -Dmip6.soak.hours} gives (else {@code defaultHours}) of virtual
     * time have passed: {@code mn} moves through {@code links} in turn, staying 5 minutes and 20 minutes
     * alternately; {@code echo} (true: answered) is asked every 30 s from 20 s after each move, and may take up to
     * 29 s of the world's time; {@code afterStay} is told each stay's number when it ends. The links' captures stop
     * first (a year's frames would fill the disk).
     *
     * @return the echoes not answered, each with when it was asked
     */
    protected java.util.List<String> soak(long defaultHours, java.util.List<String> links,
                                          java.util.function.BooleanSupplier echo,
                                          java.util.function.IntConsumer afterStay) throws java.io.IOException {
        for (SimNetwork.SimLink l : net.links()) {
            net.stopCapture(l.parameters().name());
        }
        long end = Long.getLong("mip6.soak.hours", defaultHours) * 3600 * S;
        java.util.List<String> lost = new java.util.ArrayList<>();
        for (int m = 0; clock.nanos() < end; m++) {
            String link = links.get(m % links.size());
            int stay = m % 2 == 0 ? 300 : 1200;
            long movedAt = clock.nanos();
            move(link);
            for (int t = 20; t < stay; t += 30) {
                clock.runUntil(movedAt + t * S);
                if (!echo.getAsBoolean()) {
                    lost.add("echo at " + clock.nanos() / S + " s, " + t + " s after move " + m + " to " + link);
                }
            }
            clock.runUntil(movedAt + stay * S);
            afterStay.accept(m);
        }
        return lost;
    }

    /** {@code mn}'s interface leaves its link and attaches to {@code link}. */
    protected void move(String link) {
        SimNetwork.SimPort p = port("mn.eth0");
        net.detach(p);
        net.attach(p, link);
    }
}
