package org.mip6.stack.internal.engine;

import java.util.List;

import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.engine.LinkParameters;

/**
 * The default world of the workbench (docs/architecture.md): links {@code home}, {@code foreign1},
 * {@code foreign2}, {@code cn-link} joined by access routers to a {@code backbone}; nodes {@code ha},
 * {@code mn}, {@code cn} (plain hosts until the role issues give them roles). Link delays differ so
 * paths differ measurably.
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
        long ms = 1_000_000L;
        World w = new World(seed)
                .link(LinkParameters.ideal("home").withDelay(1 * ms))
                .link(LinkParameters.ideal("foreign1").withDelay(2 * ms))
                .link(LinkParameters.ideal("foreign2").withDelay(5 * ms))
                .link(LinkParameters.ideal("cn-link").withDelay(1 * ms))
                .link(LinkParameters.ideal("backbone").withDelay(10 * ms));
        List<String[]> access = List.of(new String[] {"ar-home", "home"}, new String[] {"ar-f1", "foreign1"},
                new String[] {"ar-f2", "foreign2"}, new String[] {"ar-cn", "cn-link"});
        List<Ipv6Prefix> prefixes = List.of(HOME, FOREIGN1, FOREIGN2, CN);
        for (int k = 0; k < access.size(); k++) {
            // interface 0 on the access link (advertising), interface 1 on the backbone with address ::(k+1)
            World.Node r = w.router(access.get(k)[0], nd, List.of(access.get(k)[1], "backbone"),
                    List.of(prefixes.get(k), BACKBONE), false);
            r.runner.transmit(r.engine().addAddress(w.clock.nanos(), 1, BACKBONE, BACKBONE.withInterfaceId(0x10 + k)));
        }
        for (int k = 0; k < access.size(); k++) {
            World.Node r = w.nodes.get(access.get(k)[0]);
            for (int j = 0; j < access.size(); j++) {
                if (j != k) {
                    r.engine().addRoute(prefixes.get(j), 1, BACKBONE.withInterfaceId(0x10 + j));
                }
            }
        }
        w.host("ha", nd, "home");
        w.host("mn", nd, "home");
        w.host("cn", nd, "cn-link");
        return w;
    }
}
