package org.mip6.node;

import org.mip6.time.Scheduler;

/** Creates nodes; the {@code stack} bundle registers one as an OSGi service. */
public interface NodeFactory {

    /**
     * A new node without interfaces.
     *
     * @param forwarding true for a router
     * @param seed       seeds the node's random delays (same seed, same timeline on virtual time)
     */
    Node create(String name, boolean forwarding, Scheduler scheduler, long seed);
}
