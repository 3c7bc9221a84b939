package org.mip6.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mip6.mn.internal.MobileNodeRole;
import org.mip6.mn.internal.MovementHint;
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
import org.mip6.stack.internal.engine.NdParameters;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.state.internal.MemoryBindingUpdateList;
import org.mip6.time.internal.VirtualTimeScheduler;

/**
 * Handover gaps of the default world's mobile node on virtual time, per movement hint: {@code cn} sends
 * a UDP datagram to the home address every 10 ms while {@code mn} moves between {@code foreign1} and
 * {@code foreign2}; a move's gap runs from the link change to the first datagram delivered to {@code mn}
 * on the new link. Datagrams lost outside the gaps (sent before a move minus the path's one-way delay,
 * or after the gap) are counted too: there should be none. Beside it, in the same run, a plain IPv6
 * host (no roles): the time from the link change to its new address, after which every connection to
 * the old one is broken anyway. Between moves the node stays 1-1.1 s (seeded) on the link. Path round trips mn-ha are measured by echo on each link. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar org.mip6.benchmarks.HandoverGaps [MOVES]}.
 */
public final class HandoverGaps {

    static final long MS = 1_000_000L;
    static final long S = 1_000 * MS;
    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address HA = HOME.withInterfaceId(2);
    static final Ipv6Address HOA = HOME.withInterfaceId(0x0000_00ff_fe00_000bL);
    static final int PORT = 9;

    /** A way to move: a mobile node with these hints (or a plain host when {@code hints} is null), DAD optimistic or not. */
    record Variant(String name, Set<MovementHint> hints, boolean optimisticDad) {
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("plain IPv6 host (new address, old broken)", null, false),
            new Variant("MN, RA-based (prefix)", EnumSet.of(MovementHint.PREFIX), false),
            new Variant("MN, RA-based (prefix), optimistic DAD", EnumSet.of(MovementHint.PREFIX), true),
            new Variant("MN, L2 attach hint", EnumSet.of(MovementHint.L2), false),
            new Variant("MN, L2 attach hint, optimistic DAD", EnumSet.of(MovementHint.L2), true),
            new Variant("MN, all hints (default), optimistic DAD", EnumSet.allOf(MovementHint.class), true));

    /** One variant's outcome. */
    record Result(List<Long> gaps, List<Long> gapsForeign1, List<Long> gapsForeign2, long lostOutsideGaps, long delivered,
                  long[] pathRttNanos) {
    }

    private HandoverGaps() {
    }

    public static void main(String[] args) {
        int moves = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        for (Duration[] ra : new Duration[][] {{Duration.ofMillis(30), Duration.ofMillis(70)},
                {Duration.ofSeconds(3), Duration.ofSeconds(10)}}) {
            System.out.println("RAs every " + ra[0].toMillis() + "-" + ra[1].toMillis() + " ms, " + moves + " moves:");
            for (Variant v : VARIANTS) {
                Result r = run(moves, ra, v);
                System.out.printf("  %-45s %s%n", v.name() + ":", stats(r.gaps()));
                if (v.hints() != null) {
                    for (int l = 0; l < 2; l++) {
                        System.out.printf("      on foreign%d (path RTT mn-ha %d ms): %s%n", l + 1, r.pathRttNanos()[l] / MS,
                                stats(l == 0 ? r.gapsForeign1() : r.gapsForeign2()));
                    }
                    System.out.printf("      %d datagrams delivered, %d lost outside the gaps%n", r.delivered(), r.lostOutsideGaps());
                }
            }
        }
    }

    static String stats(List<Long> gaps) {
        List<Long> g = new ArrayList<>(gaps);
        Collections.sort(g);
        if (g.isEmpty()) {
            return "no moves completed";
        }
        return String.format("gap p50 %d ms, p99 %d ms, max %d ms", g.get(g.size() / 2) / MS,
                g.get(Math.min(g.size() - 1, (int) Math.ceil(g.size() * 0.99) - 1)) / MS, g.get(g.size() - 1) / MS);
    }

    static Result run(int moves, Duration[] ra, Variant v) {
        boolean mobile = v.hints() != null;
        VirtualTimeScheduler clock = new VirtualTimeScheduler("gaps");
        SimNetwork net = new SimNetwork(clock, 6275);
        StackNodeFactory nodes = new StackNodeFactory(NdParameters.DEFAULT.withOptimisticDad(v.optimisticDad()));
        DefaultWorld.create(net, nodes, 6275, ra[0], ra[1]);
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        RoleNode cn = nodes.roleNode("cn");
        MobileNodeRole[] role = new MobileNodeRole[1];
        Map<Integer, Long> sentAt = new HashMap<>();
        long[] firstAfter = {Long.MAX_VALUE};
        long[] moveAt = {Long.MAX_VALUE};
        long[] addressAt = {Long.MAX_VALUE};
        long[] rtt = new long[2];
        long[] pingAt = {0};
        clock.runUntil(5 * S);
        clock.execute(() -> {
            if (mobile) {
                org.mip6.ha.internal.HomeAgentRole h = new org.mip6.ha.internal.HomeAgentRole(ha, new MemoryBindingCache(),
                        org.mip6.ha.internal.engine.HomeAgentParameters.DEFAULT, List.of(), r -> 0);
                h.start(new org.mip6.ha.internal.HomeAgentRole.Advertised(0, 1800));
                nodes.register(h.mobilityHandler(), Map.of(RoleNode.NODE, "ha", MobilityHandler.MH_TYPE, 5));
                nodes.register(h.homeAddressHandler(), Map.of(RoleNode.NODE, "ha"));
                nodes.register(h.outboundHandler(), Map.of(RoleNode.NODE, "ha"));
                role[0] = new MobileNodeRole(mn, 0, HOME, HOA, HA, MobilityParameters.DEFAULT, 11, new MemoryBindingUpdateList());
                role[0].setMovementHints(v.hints());
                for (int t : new int[] {0, 6}) {
                    nodes.register(role[0].mobilityHandler(), Map.of(RoleNode.NODE, "mn", MobilityHandler.MH_TYPE, t));
                }
                nodes.register(role[0].routingHeader2Handler(), Map.of(RoleNode.NODE, "mn"));
                nodes.register(role[0].outboundHandler(), Map.of(RoleNode.NODE, "mn"));
                nodes.register(role[0].movementDetector(), Map.of(RoleNode.NODE, "mn"));
                role[0].start();
            }
            mn.addListener(new NodeListener() {
                @Override
                public void addressReady(long now, int iface, Ipv6Address address) {
                    if (now >= moveAt[0] && !address.isLinkLocal() && !HOME.contains(address) && addressAt[0] == Long.MAX_VALUE) {
                        addressAt[0] = now;
                    }
                }

                @Override
                public void udp(long now, Ipv6Address from, int sourcePort, int destinationPort, byte[] data) {
                    int seq = ((data[0] & 0xff) << 24) | ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
                    sentAt.remove(seq);
                    if (now >= moveAt[0] && firstAfter[0] == Long.MAX_VALUE) {
                        firstAfter[0] = now;
                    }
                }

                @Override
                public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                    rtt[identifier] = now - pingAt[0];
                }
            });
        });
        clock.runUntil(clock.nanos() + S);
        SimNetwork.SimPort port = net.ports().stream().filter(p -> p.name().equals("mn.eth0")).findFirst().orElseThrow();
        int[] seq = {0};
        long[] delivered = {0};
        List<long[]> windows = new ArrayList<>();
        if (mobile) { // cn's datagrams to the home address, every 10 ms
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                int s = ++seq[0];
                sentAt.put(s, clock.nanos());
                cn.sendUdp(HOA, PORT, PORT, new byte[] {(byte) (s >>> 24), (byte) (s >>> 16), (byte) (s >>> 8), (byte) s});
                cn.schedule(clock.nanos() + 10 * MS, tick[0]);
            };
            clock.execute(tick[0]);
        }
        java.util.SplittableRandom dwell = new java.util.SplittableRandom(6275);
        List<Long> gaps = new ArrayList<>();
        List<List<Long>> byLink = List.of(new ArrayList<>(), new ArrayList<>());
        for (int k = 0; k <= moves; k++) {
            String link = k % 2 == 0 ? "foreign1" : "foreign2";
            firstAfter[0] = Long.MAX_VALUE;
            addressAt[0] = Long.MAX_VALUE;
            moveAt[0] = clock.nanos();
            net.detach(port);
            net.attach(port, link);
            long limit = clock.nanos() + 60 * S;
            while (clock.nanos() < limit && (mobile ? firstAfter[0] : addressAt[0]) == Long.MAX_VALUE) {
                clock.runUntil(clock.nanos() + MS);
            }
            long done = mobile ? firstAfter[0] : addressAt[0];
            // the first move is the first registration (with the home agent's DAD), not a handover
            if (k > 0 && done != Long.MAX_VALUE) {
                gaps.add(done - moveAt[0]);
                byLink.get(k % 2).add(done - moveAt[0]);
            }
            // lost in the gap: sent up to the path's one-way delay (40 ms is more than any here) before the move, until delivery
            windows.add(new long[] {moveAt[0] - 40 * MS, done});
            // a second or a little more on the link (seeded, so the traffic's phase varies from move to move): moves
            // closer than that would meet MAX_UPDATE_RATE (3 BUs per second, RFC 6275 §12)
            clock.runUntil(clock.nanos() + S + dwell.nextLong(100 * MS));
            if (mobile && role[0].engine().state() == MobileNodeEngine.State.NONE) {
                throw new IllegalStateException("not registered after move " + k);
            }
            if (mobile && k < 2) { // the path's round trip on this link, through the tunnel to the home agent
                int id = k;
                clock.execute(() -> {
                    pingAt[0] = clock.nanos();
                    mn.ping(HA, id, 1, 8);
                });
                clock.runUntil(clock.nanos() + 200 * MS);
            }
        }
        clock.runUntil(clock.nanos() + 2 * S);
        long lostOutside = 0;
        for (long t : sentAt.values()) {
            boolean inGap = false;
            for (long[] w : windows) {
                inGap |= t >= w[0] && t <= w[1];
            }
            if (!inGap && t < clock.nanos() - S) {
                lostOutside++;
            }
        }
        delivered[0] = seq[0] - sentAt.size();
        return new Result(gaps, byLink.get(0), byLink.get(1), lostOutside, delivered[0], rtt);
    }
}
