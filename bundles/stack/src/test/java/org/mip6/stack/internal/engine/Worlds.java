package org.mip6.stack.internal.engine;

import java.time.Duration;

import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.DefaultWorld;

/**
 * The shipped default world (docs/commands.md; the same topology as the distribution's etc/
 * configuration, built by the world's own builder): links {@code home}, {@code foreign1},
 * {@code foreign2}, {@code cn-link} joined by access routers to a {@code backbone}; hosts {@code ha},
 * {@code mn}, {@code cn}; RAs every 3-10 s.
 */
final class Worlds {

    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Prefix FOREIGN1 = Ipv6Prefix.parse("2001:db8:2::/64");
    static final Ipv6Prefix FOREIGN2 = Ipv6Prefix.parse("2001:db8:3::/64");
    static final Ipv6Prefix CN = Ipv6Prefix.parse("2001:db8:4::/64");
    static final Ipv6Prefix BACKBONE = Ipv6Prefix.parse("2001:db8:ff::/64");

    private Worlds() {
    }

    static World defaultWorld(long seed, NdParameters nd) {
        World w = new World(seed);
        EngineNodes nodes = new EngineNodes(nd);
        DefaultWorld.create(w.net, nodes, seed, Duration.ofSeconds(3), Duration.ofSeconds(10));
        nodes.runners.forEach((name, runner) -> w.nodes.put(name, new World.Node(name, runner)));
        return w;
    }
}
