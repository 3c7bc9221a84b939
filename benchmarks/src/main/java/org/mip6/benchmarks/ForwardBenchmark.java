package org.mip6.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.net.MacAddress;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.netsim.internal.engine.SimNetwork;
import org.mip6.stack.internal.engine.NdParameters;
import org.mip6.stack.internal.engine.NodeEngine;
import org.mip6.stack.internal.engine.NodeRunner;
import org.mip6.stack.internal.engine.Transmit;
import org.mip6.time.internal.VirtualTimeScheduler;
import org.mip6.wire.Bytes;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A router's cost per forwarded packet ({@code NodeEngine.onFrame} up to the frame it sends on,
 * neighbour resolved). {@code transit}: an echo request for a host behind the router, forwarded on
 * its IPv6 header alone (RFC 8200 §4). In the same run, {@code transitWithHopByHop}: the same packet
 * with an empty Hop-by-Hop header, which the router reads too (its options' action bits, RFC 8200 §4.2)
 * before forwarding the bytes as they came.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForwardBenchmark {

    NodeEngine router;
    long now;
    byte[] transit;
    byte[] transitWithHopByHop;

    @Setup
    public void setup() {
        VirtualTimeScheduler clock = new VirtualTimeScheduler("bench");
        SimNetwork net = new SimNetwork(clock, 1);
        net.addLink(LinkParameters.ideal("a"));
        net.addLink(LinkParameters.ideal("b"));
        NdParameters nd = NdParameters.DEFAULT.withDad(0, 1_000_000_000L);
        Ipv6Prefix pa = Ipv6Prefix.parse("2001:db8:1::/64");
        Ipv6Prefix pb = Ipv6Prefix.parse("2001:db8:2::/64");
        NodeRunner r = new NodeRunner(new NodeEngine("r", true, nd, 1), clock);
        NodeRunner h = new NodeRunner(new NodeEngine("h", false, nd, 2), clock);
        SimNetwork.SimPort ra = net.addPort("r.a", MacAddress.of(0x020000000001L));
        SimNetwork.SimPort rb = net.addPort("r.b", MacAddress.of(0x020000000002L));
        SimNetwork.SimPort hb = net.addPort("h", MacAddress.of(0x020000000003L));
        r.bind(ra, null);
        r.bind(rb, null);
        h.bind(hb, null);
        net.attach(ra, "a");
        net.attach(rb, "b");
        net.attach(hb, "b");
        r.transmit(r.engine().addAddress(0, 0, pa, pa.withInterfaceId(1)));
        r.transmit(r.engine().addAddress(0, 1, pb, pb.withInterfaceId(1)));
        Ipv6Address hAddr = pb.withInterfaceId(0xb);
        h.transmit(h.engine().addAddress(0, 0, pb, hAddr));
        h.engine().addRoute(Ipv6Prefix.parse("::/0"), 0, pb.withInterfaceId(1));
        clock.runFor(Duration.ofSeconds(20)); // RS retries end
        h.transmit(h.engine().ping(clock.nanos(), pb.withInterfaceId(1), 1, 0, Bytes.EMPTY));
        clock.runFor(Duration.ofMillis(1)); // the router now knows h's link-layer address
        router = r.engine();
        now = clock.nanos();
        Ipv6Packet echo = Ipv6Packet.of(pa.withInterfaceId(0x99), hAddr, 64,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.of(new byte[56]))));
        transit = frame(ra.mac(), echo);
        transitWithHopByHop = frame(ra.mac(), echo.withExtensionHeaders(List.of(new ExtensionHeader.HopByHopOptions(List.of()))));
        for (byte[] f : List.of(transit, transitWithHopByHop)) {
            List<Transmit> out = router.onFrame(now, 0, f);
            if (out.size() != 1 || out.get(0).iface() != 1 || out.get(0).frame().length != f.length) {
                throw new IllegalStateException("the router does not forward the benchmark's frames: " + out);
            }
        }
    }

    static byte[] frame(MacAddress to, Ipv6Packet p) {
        return PacketCodec.encodeEthernet(EthernetFrame.ipv6(to, MacAddress.of(0x020000000099L), p));
    }

    @Benchmark
    public int transit() {
        return router.onFrame(now, 0, transit).size();
    }

    @Benchmark
    public int transitWithHopByHop() {
        return router.onFrame(now, 0, transitWithHopByHop).size();
    }
}
