package org.mip6.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mip6.ha.internal.HomeAgentRole;
import org.mip6.ha.internal.engine.HomeAgentParameters;
import org.mip6.mn.internal.MobileNodeRole;
import org.mip6.mn.internal.engine.MobileNodeEngine;
import org.mip6.mn.internal.engine.MobilityParameters;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.DefaultWorld;
import org.mip6.netsim.internal.engine.SimNetwork;
import org.mip6.node.NodeListener;
import org.mip6.role.MobilityHandler;
import org.mip6.role.RoleNode;
import org.mip6.stack.internal.StackNodeFactory;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.state.internal.MemoryBindingUpdateList;
import org.mip6.time.internal.VirtualTimeScheduler;

/**
 * Handover gaps of the default world's mobile node on virtual time: {@code cn} pings the home address
 * every 10 ms while {@code mn} moves between {@code foreign1} and {@code foreign2}; a move's gap is the
 * time from the link change to the first echo reply to a request sent after it. Beside it, a plain
 * IPv6 host (no roles): the time from the link change to its new address, after which every connection
 * to the old one is broken anyway. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar org.mip6.benchmarks.HandoverGaps [MOVES]}.
 */
public final class HandoverGaps {

    static final long MS = 1_000_000L;
    static final long S = 1_000 * MS;
    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address HA = HOME.withInterfaceId(2);
    static final Ipv6Address HOA = HOME.withInterfaceId(0x0000_00ff_fe00_000bL);

    private HandoverGaps() {
    }

    public static void main(String[] args) {
        int moves = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        for (Duration[] ra : new Duration[][] {{Duration.ofMillis(30), Duration.ofMillis(70)},
                {Duration.ofSeconds(3), Duration.ofSeconds(10)}}) {
            String what = "RAs every " + ra[0].toMillis() + "-" + ra[1].toMillis() + " ms";
            System.out.println(what + ", mobile node (MIPv6, home address kept):   " + stats(run(moves, ra, true, false)));
            System.out.println(what + ", mobile node, prefix hint, optimistic DAD: " + stats(run(moves, ra, true, true)));
            System.out.println(what + ", plain IPv6 host (new address, old broken): " + stats(run(moves, ra, false, false)));
        }
    }

    static String stats(List<Long> gaps) {
        List<Long> g = new ArrayList<>(gaps);
        Collections.sort(g);
        if (g.isEmpty()) {
            return "no moves completed";
        }
        return String.format("%d moves, gap p50 %d ms, p99 %d ms, max %d ms", g.size(), g.get(g.size() / 2) / MS,
                g.get(Math.min(g.size() - 1, (int) Math.ceil(g.size() * 0.99) - 1)) / MS, g.get(g.size() - 1) / MS);
    }

    static List<Long> run(int moves, Duration[] ra, boolean mobile, boolean fast) {
        VirtualTimeScheduler clock = new VirtualTimeScheduler("gaps");
        SimNetwork net = new SimNetwork(clock, 6275);
        StackNodeFactory nodes = new StackNodeFactory(
                org.mip6.stack.internal.engine.NdParameters.DEFAULT.withOptimisticDad(fast));
        DefaultWorld.create(net, nodes, 6275, ra[0], ra[1]);
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        RoleNode cn = nodes.roleNode("cn");
        MemoryBindingUpdateList bul = new MemoryBindingUpdateList();
        MobileNodeRole[] role = new MobileNodeRole[1];
        Map<Integer, Long> sentAt = new HashMap<>();
        long[] firstReplyAfter = {Long.MAX_VALUE};
        long[] moveAt = {Long.MAX_VALUE};
        long[] addressAt = {Long.MAX_VALUE};
        clock.runUntil(5 * S);
        clock.execute(() -> {
            if (mobile) {
                HomeAgentRole h = new HomeAgentRole(ha, new MemoryBindingCache(), HomeAgentParameters.DEFAULT, List.of(),
                        r -> 0);
                h.start(new HomeAgentRole.Advertised(0, 1800));
                nodes.register(h.mobilityHandler(), Map.of(RoleNode.NODE, "ha", MobilityHandler.MH_TYPE, 5));
                nodes.register(h.homeAddressHandler(), Map.of(RoleNode.NODE, "ha"));
                role[0] = new MobileNodeRole(mn, 0, HOME, HOA, HA, MobilityParameters.DEFAULT, 11, bul);
                role[0].setMovementHints(java.util.EnumSet.of(org.mip6.mn.internal.MovementHint.PREFIX));
                for (int t : new int[] {0, 6}) {
                    nodes.register(role[0].mobilityHandler(), Map.of(RoleNode.NODE, "mn", MobilityHandler.MH_TYPE, t));
                }
                nodes.register(role[0].routingHeader2Handler(), Map.of(RoleNode.NODE, "mn"));
                nodes.register(role[0].outboundHandler(), Map.of(RoleNode.NODE, "mn"));
                nodes.register(role[0].movementDetector(), Map.of(RoleNode.NODE, "mn"));
                role[0].start();
            }
            cn.addListener(new NodeListener() {
                @Override
                public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                    Long sent = sentAt.remove(sequence);
                    if (sent != null && sent >= moveAt[0] && firstReplyAfter[0] == Long.MAX_VALUE) {
                        firstReplyAfter[0] = now;
                    }
                }
            });
            mn.addListener(new NodeListener() {
                @Override
                public void addressReady(long now, int iface, Ipv6Address address) {
                    if (now >= moveAt[0] && !address.isLinkLocal() && !HOME.contains(address)
                            && addressAt[0] == Long.MAX_VALUE) {
                        addressAt[0] = now;
                    }
                }
            });
        });
        SimNetwork.SimPort port = net.ports().stream().filter(p -> p.name().equals("mn.eth0")).findFirst().orElseThrow();
        int[] seq = {0};
        if (mobile) { // cn's echo stream to the home address, every 10 ms
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                int s = ++seq[0] & 0xffff;
                sentAt.put(s, clock.nanos());
                cn.ping(HOA, 0x600d, s, 8);
                cn.schedule(clock.nanos() + 10 * MS, tick[0]);
            };
            clock.execute(tick[0]);
        }
        List<Long> gaps = new ArrayList<>();
        for (int k = 0; k <= moves; k++) {
            String link = k % 2 == 0 ? "foreign1" : "foreign2";
            firstReplyAfter[0] = Long.MAX_VALUE;
            addressAt[0] = Long.MAX_VALUE;
            moveAt[0] = clock.nanos();
            net.detach(port);
            net.attach(port, link);
            long limit = clock.nanos() + 60 * S;
            while (clock.nanos() < limit && (mobile ? firstReplyAfter[0] : addressAt[0]) == Long.MAX_VALUE) {
                clock.runUntil(clock.nanos() + MS);
            }
            long done = mobile ? firstReplyAfter[0] : addressAt[0];
            if (k > 0 && done != Long.MAX_VALUE) { // the first move is the first registration, not a handover
                gaps.add(done - moveAt[0]);
            }
            clock.runUntil(clock.nanos() + 300 * MS);
            if (mobile && role[0].engine().state() == MobileNodeEngine.State.NONE) {
                throw new IllegalStateException("not registered after move " + k);
            }
            sentAt.keySet().removeIf(s -> true);
        }
        return gaps;
    }
}
