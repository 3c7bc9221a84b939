package org.mip6.netsim.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.netsim.internal.engine.SimNetwork;
import org.mip6.node.Advertising;
import org.mip6.node.Node;
import org.mip6.node.NodeFactory;

/**
 * The default world (docs/architecture.md): links {@code home} (1 ms), {@code foreign1} (2 ms),
 * {@code foreign2} (5 ms), {@code cn-link} (1 ms), joined by access routers {@code ar-home},
 * {@code ar-f1}, {@code ar-f2}, {@code ar-cn} over a {@code backbone} (10 ms); hosts {@code ha} and
 * {@code mn} on home, {@code cn} on cn-link. Prefixes 2001:db8:1::/64 home, :2:: foreign1, :3::
 * foreign2, :4:: cn-link, :ff:: backbone; routers are ::1 on their access link.
 */
final class DefaultWorld {

    static final String[][] ACCESS = {{"ar-home", "home"}, {"ar-f1", "foreign1"}, {"ar-f2", "foreign2"}, {"ar-cn", "cn-link"}};
    static final Ipv6Prefix[] PREFIXES = {Ipv6Prefix.parse("2001:db8:1::/64"), Ipv6Prefix.parse("2001:db8:2::/64"),
            Ipv6Prefix.parse("2001:db8:3::/64"), Ipv6Prefix.parse("2001:db8:4::/64")};
    static final Ipv6Prefix BACKBONE = Ipv6Prefix.parse("2001:db8:ff::/64");
    static final long[] DELAYS_MS = {1, 2, 5, 1};

    private DefaultWorld() {
    }

    static void build(SimNetwork net, NodeFactory factory, Map<String, Node> nodes,
                      Map<String, List<SimNetwork.SimPort>> ports, long seed) {
        long ms = 1_000_000L;
        for (int k = 0; k < ACCESS.length; k++) {
            net.addLink(LinkParameters.ideal(ACCESS[k][1]).withDelay(DELAYS_MS[k] * ms));
        }
        net.addLink(LinkParameters.ideal("backbone").withDelay(10 * ms));
        int mac = 0;
        for (int k = 0; k < ACCESS.length; k++) {
            Node r = factory.create(ACCESS[k][0], true, net.scheduler(), seed + k);
            List<SimNetwork.SimPort> ps = new ArrayList<>();
            SimNetwork.SimPort access = net.addPort(ACCESS[k][0] + ".eth0", EmbeddedWorld.mac(++mac));
            SimNetwork.SimPort back = net.addPort(ACCESS[k][0] + ".eth1", EmbeddedWorld.mac(++mac));
            r.bind(access, new Advertising(Duration.ofSeconds(3), Duration.ofSeconds(10), 1800, false,
                    List.of(PREFIXES[k]), false, 0, 0));
            r.bind(back, null);
            r.addAddress(0, PREFIXES[k], PREFIXES[k].withInterfaceId(1));
            r.addAddress(1, BACKBONE, BACKBONE.withInterfaceId(0x10 + k));
            for (int j = 0; j < ACCESS.length; j++) {
                if (j != k) {
                    r.addRoute(PREFIXES[j], 1, BACKBONE.withInterfaceId(0x10 + j));
                }
            }
            net.attach(access, ACCESS[k][1]);
            net.attach(back, "backbone");
            ps.add(access);
            ps.add(back);
            nodes.put(r.name(), r);
            ports.put(r.name(), ps);
        }
        String[][] hosts = {{"ha", "home"}, {"mn", "home"}, {"cn", "cn-link"}};
        for (String[] h : hosts) {
            Node n = factory.create(h[0], false, net.scheduler(), seed + h[0].hashCode());
            SimNetwork.SimPort p = net.addPort(h[0] + ".eth0", EmbeddedWorld.mac(++mac));
            n.bind(p, null);
            net.attach(p, h[1]);
            nodes.put(h[0], n);
            ports.put(h[0], List.of(p));
        }
    }
}
