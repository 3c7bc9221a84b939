package org.mip6.benchmarks;

import java.util.concurrent.TimeUnit;

import org.mip6.link.PortListener;
import org.mip6.net.InterfaceIdentifiers;
import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.netsim.internal.engine.SimNetwork;
import org.mip6.stack.internal.engine.NdParameters;
import org.mip6.stack.internal.engine.NodeEngine;
import org.mip6.stack.internal.engine.NodeRunner;
import org.mip6.time.internal.VirtualTimeScheduler;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frames per second through a simulated link and the node stack, on virtual time. One operation is
 * one frame delivered. {@code stackEcho}: echo request and reply between two hosts whose neighbour
 * caches are resolved (each frame: link transmit, scheduler, decode, ND/echo processing, encode).
 * Baselines in the same run: {@code linkOnly} (the same frames through the link to a listener that
 * does nothing) and {@code linkAndDecode} (the listener decodes each frame).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StackBenchmark {

    static final int BATCH = 1000;

    VirtualTimeScheduler clock;
    SimNetwork net;
    NodeRunner a;
    Ipv6Address bAddr;
    SimNetwork.SimPort rawA;
    byte[] echoFrame;
    long sink;

    @Setup(Level.Trial)
    public void setup() throws DecodeException {
        clock = new VirtualTimeScheduler("bench");
        net = new SimNetwork(clock, 1);
        net.addLink(LinkParameters.ideal("lan"));
        net.addLink(LinkParameters.ideal("raw"));
        NdParameters nd = NdParameters.DEFAULT.withDad(0, 1_000_000_000L);
        a = new NodeRunner(new NodeEngine("a", false, nd, 1), clock);
        NodeRunner b = new NodeRunner(new NodeEngine("b", false, nd, 2), clock);
        SimNetwork.SimPort pa = net.addPort("a", MacAddress.of(0x020000000001L));
        SimNetwork.SimPort pb = net.addPort("b", MacAddress.of(0x020000000002L));
        a.bind(pa, null);
        b.bind(pb, null);
        net.attach(pa, "lan");
        net.attach(pb, "lan");
        bAddr = Ipv6Address.linkLocal(InterfaceIdentifiers.eui64(pb.mac()));
        clock.runFor(java.time.Duration.ofSeconds(20)); // RS retries end; nothing else is pending
        a.transmit(a.engine().ping(clock.nanos(), bAddr, 1, 0, Bytes.of(new byte[56])));
        clock.runFor(java.time.Duration.ofMillis(1)); // neighbour resolved both ways
        echoFrame = PacketCodec.encodeEthernet(EthernetFrame.ipv6(pb.mac(), pa.mac(),
                Ipv6Packet.of(Ipv6Address.linkLocal(InterfaceIdentifiers.eui64(pa.mac())), bAddr, 64,
                        new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.of(new byte[56]))))));
        rawA = net.addPort("rawA", MacAddress.of(0x020000000003L));
        SimNetwork.SimPort rawB = net.addPort("rawB", MacAddress.of(0x020000000002L));
        net.attach(rawA, "raw");
        net.attach(rawB, "raw");
        rawB.setListener(new PortListener() {
            @Override
            public void onFrame(long now, byte[] frame) {
                if (decode) {
                    try {
                        sink += PacketCodec.decodeEthernet(frame, 0, frame.length).etherType();
                    } catch (DecodeException e) {
                        throw new IllegalStateException(e);
                    }
                } else {
                    sink += frame.length;
                }
            }
        });
    }

    boolean decode;

    @Benchmark
    @OperationsPerInvocation(2 * BATCH)
    public long stackEcho() {
        for (int i = 0; i < BATCH; i++) {
            a.transmit(a.engine().ping(clock.nanos(), bAddr, 1, i, Bytes.EMPTY));
            clock.runUntil(clock.nanos()); // the request and its reply (ideal link: no delay); no NUD timers
        }
        return a.engine().packetsReceived();
    }

    /**
     * The same pings, each followed by a run until nothing is pending: the neighbour's NUD timers run
     * too (DELAY, PROBE with its NS and NA, REACHABLE, STALE: 35 s of virtual time per ping). What this
     * benchmark measured as {@code stackEcho} before 2026-12; kept to compare with those figures.
     */
    @Benchmark
    @OperationsPerInvocation(2 * BATCH)
    public long stackEchoAndNud() {
        for (int i = 0; i < BATCH; i++) {
            a.transmit(a.engine().ping(clock.nanos(), bAddr, 1, i, Bytes.EMPTY));
            clock.runUntilIdle(Long.MAX_VALUE);
        }
        return a.engine().packetsReceived();
    }

    @Benchmark
    @OperationsPerInvocation(2 * BATCH)
    public long linkOnly() {
        decode = false;
        for (int i = 0; i < 2 * BATCH; i++) {
            rawA.send(echoFrame.clone()); // handed over (Port.send)
            clock.runUntilIdle(Long.MAX_VALUE);
        }
        return sink;
    }

    @Benchmark
    @OperationsPerInvocation(2 * BATCH)
    public long linkAndDecode() {
        decode = true;
        for (int i = 0; i < 2 * BATCH; i++) {
            rawA.send(echoFrame.clone()); // handed over (Port.send)
            clock.runUntilIdle(Long.MAX_VALUE);
        }
        return sink;
    }
}
