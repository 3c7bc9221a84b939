package org.mip6.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.mip6.net.Ipv6Prefix;
import org.mip6.net.MacAddress;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.netsim.internal.engine.SimNetwork;
import org.mip6.stack.internal.engine.EchoFlow;
import org.mip6.stack.internal.engine.NdParameters;
import org.mip6.stack.internal.engine.NodeEngine;
import org.mip6.stack.internal.engine.NodeRunner;
import org.mip6.stack.internal.engine.NodeEvents;
import org.mip6.stack.internal.engine.RouterConfig;
import org.mip6.time.internal.VirtualTimeScheduler;
import org.mip6.wire.Bytes;
import org.mip6.wire.icmp.NdOption;

/**
 * Scenario benchmark: {@code links} links, each with one advertising router and {@code hostsPerLink}
 * hosts doing DAD, router discovery, SLAAC, then pinging their router once a second, for
 * {@code seconds} of virtual time. Reports wall-clock time, scheduler events per second, the speed-up
 * over real time (the baseline: the same simulated seconds on the wall clock) and heap per host.
 *
 * <pre>java -Xmx4g -cp benchmarks/target/benchmarks.jar org.mip6.benchmarks.WorldBenchmark [links hostsPerLink seconds [minRaMs maxRaMs]]</pre>
 *
 * Routers advertise every 3-10 s by default; {@code 30 70} gives the MIPv6 minimums (RFC 6275 §7.5).
 */
public final class WorldBenchmark {

    public static void main(String[] args) {
        int links = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int hostsPerLink = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        long minRa = (args.length > 3 ? Long.parseLong(args[3]) : 3000) * 1_000_000L;
        long maxRa = (args.length > 4 ? Long.parseLong(args[4]) : 10000) * 1_000_000L;
        System.gc();
        long heapBefore = usedHeap();
        long t0 = System.nanoTime();

        VirtualTimeScheduler clock = new VirtualTimeScheduler("world");
        SimNetwork net = new SimNetwork(clock, 6275);
        NdParameters nd = NdParameters.DEFAULT;
        long mac = 0x0200_0000_0000L;
        List<NodeRunner> hosts = new ArrayList<>();
        List<EchoFlow> flows = new ArrayList<>();
        for (int l = 0; l < links; l++) {
            String name = "link" + l;
            net.addLink(LinkParameters.ideal(name).withDelay(500_000L));
            Ipv6Prefix pfx = Ipv6Prefix.of(org.mip6.net.Ipv6Address.of(0x2001_0db8_0000_0000L | ((long) l << 16), 0), 64);
            NodeRunner r = new NodeRunner(new NodeEngine("r" + l, true, nd, l), clock);
            SimNetwork.SimPort rp = net.addPort("r" + l, MacAddress.of(++mac));
            int idx = r.bind(rp, new RouterConfig(minRa, maxRa, 1800, false,
                    List.of(NdOption.PrefixInformation.of(pfx, true, true, 86400, 14400)), false, null));
            r.transmit(r.engine().addAddress(0, idx, pfx, pfx.withInterfaceId(1)));
            net.attach(rp, name);
            for (int h = 0; h < hostsPerLink; h++) {
                NodeRunner n = new NodeRunner(new NodeEngine("h" + l + "." + h, false, nd, mac), clock);
                SimNetwork.SimPort p = net.addPort("h" + l + "." + h, MacAddress.of(++mac));
                n.bind(p, null);
                net.attach(p, name);
                hosts.add(n);
                EchoFlow f = new EchoFlow(pfx.withInterfaceId(1), h, 32);
                flows.add(f);
                n.engine().setEvents(new NodeEvents() {
                    @Override
                    public void echoReply(long now, org.mip6.net.Ipv6Address from, int id, int seq, Bytes data) {
                        f.onReply(now, from, id, seq);
                    }
                });
                // from t = 5 s on, one echo a second, spread over the second; each request schedules the next
                long start = 5_000_000_000L + (long) (h * 1e9 / hostsPerLink);
                long end = seconds * 1_000_000_000L;
                Runnable[] tick = new Runnable[1];
                tick[0] = () -> {
                    n.transmit(n.engine().ping(clock.nanos(), f.destination(), f.identifier(), f.nextRequest(clock.nanos()),
                            f.payload()));
                    if (clock.nanos() + 1_000_000_000L < end) {
                        clock.schedule(clock.nanos() + 1_000_000_000L, tick[0]);
                    }
                };
                if (start < end) {
                    clock.schedule(start, tick[0]);
                }
            }
        }
        long built = System.nanoTime();
        long lastReport = built;
        long simNanos = seconds * 1_000_000_000L;
        for (long t = 1_000_000_000L; t <= simNanos; t += 1_000_000_000L) {
            clock.runUntil(t);
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                System.err.printf("  ... %d of %d simulated s, %d events%n", t / 1_000_000_000L, seconds, clock.tasksRun());
            }
        }
        long done = System.nanoTime();
        System.gc();
        long heapAfter = usedHeap();
        long sent = 0;
        long received = 0;
        for (EchoFlow f : flows) {
            sent += f.sent();
            received += f.received();
        }
        long framesDelivered = net.links().stream().mapToLong(SimNetwork.SimLink::framesDelivered).sum();
        double runSecs = (done - built) / 1e9;
        System.out.printf("world: %d links x (1 router + %d hosts) = %d hosts, %d simulated s, RAs every %d-%d ms%n",
                links, hostsPerLink, links * hostsPerLink, seconds, minRa / 1_000_000L, maxRa / 1_000_000L);
        System.out.printf("build %.1f s, run %.1f s wall (%.1fx faster than real time)%n", (built - t0) / 1e9, runSecs,
                seconds / runSecs);
        // a discrete event is a frame reaching a port or a timer firing; the network may deliver a frame to
        // every receiver of one instant in one scheduler task
        long deliveryTasks = deliveryTasks(net);
        long events = clock.tasksRun() - deliveryTasks + framesDelivered;
        System.out.printf("%d events (%d frame deliveries + %d timers), %.2f M events/s; %.2f M frames/s; %d scheduler tasks%n",
                events, framesDelivered, clock.tasksRun() - deliveryTasks, events / runSecs / 1e6,
                framesDelivered / runSecs / 1e6, clock.tasksRun());
        System.out.printf("echo: %d sent, %d received (%.2f %%)%n", sent, received, 100.0 * received / Math.max(1, sent));
        System.out.printf("heap: %.1f MB for the world, %.1f KB per host; %d tasks pending in the scheduler at the end%n",
                (heapAfter - heapBefore) / 1e6, (heapAfter - heapBefore) / 1e3 / (links * (hostsPerLink + 1)), clock.pending());
        if (hosts.isEmpty()) {
            System.out.println("no hosts");
        }
    }

    /** Tasks that delivered frames, where the network counts them (0 for a network that does not). */
    static long deliveryTasks(SimNetwork net) {
        try {
            java.lang.reflect.Method m = SimNetwork.SimLink.class.getMethod("deliveryTasks");
            long sum = 0;
            for (SimNetwork.SimLink l : net.links()) {
                sum += (Long) m.invoke(l);
            }
            return sum;
        } catch (ReflectiveOperationException e) {
            return sumOfDeliveries(net); // one task per delivery
        }
    }

    static long sumOfDeliveries(SimNetwork net) {
        return net.links().stream().mapToLong(SimNetwork.SimLink::framesDelivered).sum();
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
