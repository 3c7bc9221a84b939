package org.mip6.netsim.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.mip6.net.Ipv6Address;
import org.mip6.node.AddressStatus;
import org.mip6.node.InterfaceStatus;
import org.mip6.node.Node;
import org.mip6.node.NodeListener;
import org.mip6.time.Scheduler;
import org.mip6.world.TrafficStats;

/**
 * One world's echo traffic: {@code mip6:ping}'s requests (ICMPv6 echo, RFC 4443 §4.1) and {@code mip6:traffic}'s
 * open-ended flows (ICMPv6 echo or UDP to the echo port), and the replies its nodes hear, tallied per flow. Its
 * methods that send run where the world may be touched ({@link EmbeddedWorld}'s lock or scheduler thread); the
 * tallies are read from any thread.
 */
final class WorldTraffic {

    /** The most data an echo request carries: the largest IPv6 payload less the ICMPv6 echo header. */
    static final int MAX_ECHO_DATA = 65_535 - 8;
    /** The echo service's port (RFC 862), which a flow's UDP datagrams go to. */
    private static final int UDP_ECHO_PORT = 7;

    private final Scheduler scheduler;
    private final List<Ping> pings = new CopyOnWriteArrayList<>();
    private final List<Flow> flows = new CopyOnWriteArrayList<>();
    /** Echo identifiers of mip6:ping, drawn from the world's seed (same seed, same pcap). */
    private final SplittableRandom echoIds;

    WorldTraffic(Scheduler scheduler, long seed) {
        this.scheduler = scheduler;
        this.echoIds = new SplittableRandom(seed ^ 0x6275_4443L);
    }

    /** What every node of the world tells: echo replies and the echo service's answers, to the flows they belong to. */
    NodeListener listener() {
        return new NodeListener() {
            @Override
            public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                for (Ping p : pings) {
                    p.reply(now, from, identifier, sequence);
                }
            }

            @Override
            public void udp(long now, Ipv6Address from, int sourcePort, int destinationPort, byte[] data) {
                if (sourcePort == UDP_ECHO_PORT && data.length >= 2) { // a reply of the echo service
                    int seq = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
                    for (Ping p : pings) {
                        p.reply(now, from, destinationPort, seq);
                    }
                }
            }
        };
    }

    /** Refuses what {@code mip6:ping} cannot send. */
    static void checkPing(int count, Duration interval, int dataBytes) {
        if (count < 1 || count > 100_000) {
            throw new IllegalArgumentException("count must be 1..100000, got " + count);
        }
        if (dataBytes < 0 || dataBytes > MAX_ECHO_DATA) {
            throw new IllegalArgumentException("size must be 0.." + MAX_ECHO_DATA + " octets of data, got " + dataBytes);
        }
        checkInterval(interval);
    }

    static void checkInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
    }

    /**
     * The address {@code destination} names: an IPv6 address as it is, else the node of that name at its home
     * address when it is a mobile node away from home, else at its first preferred global address.
     */
    static Ipv6Address resolve(String destination, Function<String, Node> nodes) {
        Ipv6Address a = Ipv6Address.tryParse(destination);
        if (a != null) {
            return a;
        }
        Node n = nodes.apply(destination);
        for (InterfaceStatus i : n.interfaces()) {
            for (AddressStatus as : i.addresses()) {
                if (as.state().equals("AWAY")) {
                    return as.address(); // a mobile node away from home is addressed at its home address
                }
            }
        }
        for (InterfaceStatus i : n.interfaces()) {
            for (AddressStatus as : i.addresses()) {
                if (as.state().equals("PREFERRED") && !as.address().isLinkLocal()) {
                    return as.address();
                }
            }
        }
        throw new IllegalArgumentException("node " + destination + " has no preferred global address yet");
    }

    /**
     * {@code count} echo requests from {@code from} to {@code dst}, {@code interval} apart from now; the tally
     * they go to, which {@link #finished} drops once read.
     */
    Ping ping(Node from, Ipv6Address dst, int count, Duration interval, int dataBytes) {
        // identifiers below 0x8000 (traffic flows use 0x8000 | id), from the seed: same seed, same pcap
        Ping ping = new Ping(dst, echoIds.nextInt(0x8000));
        pings.add(ping);
        long t0 = scheduler.nanos();
        for (int k = 0; k < count; k++) {
            scheduler.schedule(t0 + k * interval.toNanos(), () -> from.ping(ping.dst, ping.id, ping.request(scheduler.nanos()), dataBytes));
        }
        return ping;
    }

    /** Replies to {@code p} are no longer tallied. */
    void finished(Ping p) {
        pings.remove(p);
    }

    /** A flow from {@code from} (named {@code node}) to {@code dst}, a request every {@code interval} until stopped; its number. */
    int startFlow(Node from, String node, Ipv6Address dst, Duration interval, boolean udp) {
        int id = flows.size() + 1;
        Ping ping = new Ping(dst, 0x8000 | id);
        Flow f = new Flow(id, node, ping, interval, udp);
        pings.add(ping);
        flows.add(f);
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            if (f.running) {
                int seq = ping.request(scheduler.nanos());
                if (udp) {
                    // port = 0x8000|id identifies the flow; the data carries the sequence number
                    from.sendUdp(ping.dst, ping.id, UDP_ECHO_PORT, new byte[] {(byte) (seq >>> 8), (byte) seq, 0, 0, 0, 0, 0, 0});
                } else {
                    from.ping(ping.dst, ping.id, seq, 56);
                }
                f.timer = scheduler.scheduleAfter(interval.toNanos(), tick[0]);
            }
        };
        tick[0].run();
        return id;
    }

    /** Stops flow {@code id}, or every flow when it is -1. */
    void stop(int id) {
        boolean found = false;
        for (Flow f : flows) {
            if (id == -1 || f.id == id) {
                found = true;
                f.running = false;
                if (f.timer != null) {
                    f.timer.cancel();
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no traffic flow " + id);
        }
    }

    /** Every flow's tally now; a request unanswered for a second counts as lost. */
    List<TrafficStats> stats() {
        long now = scheduler.nanos();
        List<TrafficStats> out = new ArrayList<>();
        for (Flow f : flows) {
            long[] c = f.ping.counts();
            long lost = f.ping.olderThan(now, 1_000_000_000L);
            long outstanding = c[0] - c[1] - lost;
            out.add(new TrafficStats(f.id, f.node, f.ping.dst.toString(), f.udp ? "udp" : "icmpv6", f.interval, f.running,
                    c[0], c[1], lost, outstanding, c[2], c[3], c[4]));
        }
        return out;
    }
}
