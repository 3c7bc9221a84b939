package org.mip6.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.mip6.ha.internal.HomeAgentRole;
import org.mip6.ha.internal.engine.HomeAgentParameters;
import org.mip6.link.PortListener;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.net.MacAddress;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.netsim.internal.engine.SimNetwork;
import org.mip6.node.Advertising;
import org.mip6.node.Node;
import org.mip6.role.MobilityHandler;
import org.mip6.role.RoleNode;
import org.mip6.stack.internal.StackNodeFactory;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.time.internal.VirtualTimeScheduler;
import org.mip6.wire.Bytes;
import org.mip6.wire.Checksum;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.NdOption;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;

/**
 * One home agent node on a simulated home link, fed Binding Updates as frames (a template whose home
 * address, care-of address, sequence number and checksum are patched per frame, so nothing is
 * encoded on the sending side): each goes through the link, the node's decode and checks, the home
 * agent's validation and binding cache, and its Binding Acknowledgement is encoded and sent back
 * through the link. Shared by {@link HomeAgentBenchmark} (JMH) and {@link HomeAgentHeap}.
 */
final class HomeAgentBench {

    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address HA = HOME.withInterfaceId(2);
    static final Ipv6Address PEER = HOME.withInterfaceId(1);
    static final Ipv6Prefix FOREIGN = Ipv6Prefix.parse("2001:db8:2::/64");
    static final MacAddress HA_MAC = MacAddress.of(0x02000000000aL);
    static final MacAddress PEER_MAC = MacAddress.of(0x020000000007L);

    final VirtualTimeScheduler clock = new VirtualTimeScheduler("bench");
    final SimNetwork net = new SimNetwork(clock, 1);
    final SimNetwork.SimLink home;
    final RoleNode ha;
    final HomeAgentRole role;
    final MemoryBindingCache cache = new MemoryBindingCache();
    final StackNodeFactory nodes = new StackNodeFactory();
    final byte[] bu;
    final byte[] echo;
    final int hoaAt;
    final int coaAt;
    final int mhAt;
    final int mhLength;
    /** Frames the peer received (BAs, echo replies, proxy NAs). */
    long received;

    HomeAgentBench() throws Exception {
        home = net.addLink(LinkParameters.ideal("home"));
        Node n = nodes.create("ha", true, clock, 1);
        SimNetwork.SimPort port = net.addPort("ha", HA_MAC);
        n.bind(port, new Advertising(Duration.ofSeconds(600), Duration.ofSeconds(1800), 0, false, List.of(HOME), false, 0, 0));
        n.addAddress(0, HOME, HA);
        n.addRoute(Ipv6Prefix.parse("::/0"), 0, PEER);
        net.attach(port, "home");
        SimNetwork.SimPort peer = net.addPort("peer", PEER_MAC);
        peer.setListener(new PortListener() {
            @Override
            public void onFrame(long now, byte[] frame) {
                received++;
            }
        });
        net.attach(peer, "home");
        clock.runFor(Duration.ofSeconds(20)); // DAD of ha's addresses, its first RAs
        // the peer (the home link's router) makes itself known: ha learns its MAC (STALE, and no
        // NUD timer ever fires on an ideal link, where virtual time does not move)
        peer.send(PacketCodec.encodeEthernet(EthernetFrame.ipv6(MacAddress.ofMulticast(HA.solicitedNodeMulticast()), PEER_MAC,
                Ipv6Packet.of(PEER, HA.solicitedNodeMulticast(), 255, new Payload.Icmpv6(new Icmpv6Message.NeighborSolicitation(
                        HA, List.of(new NdOption.SourceLinkLayerAddress(PEER_MAC))))))));
        clock.runFor(Duration.ofMillis(10)); // not until idle: a router advertises forever
        ha = nodes.roleNode("ha");
        role = new HomeAgentRole(ha, cache, new HomeAgentParameters(262_140, 80, 0, false, 10), List.of(),
                r -> 0);
        clock.execute(() -> role.start(new HomeAgentRole.Advertised(0, 1800)));
        clock.runFor(Duration.ofMillis(10)); // not until idle: a router advertises forever
        nodes.register(role.mobilityHandler(), Map.of(RoleNode.NODE, "ha", MobilityHandler.MH_TYPE, 5));
        nodes.register(role.homeAddressHandler(), Map.of(RoleNode.NODE, "ha"));
        nodes.register(role.outboundHandler(), Map.of(RoleNode.NODE, "ha"));

        Ipv6Address hoa0 = homeAddress(0);
        Ipv6Address coa0 = careOfAddress(0);
        bu = PacketCodec.encodeEthernet(EthernetFrame.ipv6(HA_MAC, PEER_MAC, new Ipv6Packet(0, 0, 64, coa0, HA,
                List.of(ExtensionHeader.DestinationOptions.homeAddress(hoa0)), new Payload.Mobility(
                new BindingUpdate(1, BindingUpdate.A | BindingUpdate.H, 0xffff, List.of())))));
        coaAt = 14 + 8;
        hoaAt = indexOf(bu, hoa0.toBytes());
        mhAt = 14 + 40 + 8 * (Wire.u8(bu, 14 + 41) + 1);
        mhLength = bu.length - mhAt;
        echo = PacketCodec.encodeEthernet(EthernetFrame.ipv6(HA_MAC, PEER_MAC, Ipv6Packet.of(PEER, HA, 64,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.of(new byte[8]))))));
    }

    static Ipv6Address homeAddress(long i) {
        return HOME.withInterfaceId(0x0100_0000_0000_0000L | i);
    }

    static Ipv6Address careOfAddress(long i) {
        return FOREIGN.withInterfaceId(0x0200_0000_0000_0000L | i);
    }

    /** The BU for home address {@code i} from care-of address {@code i} with {@code seq}, in place. */
    byte[] bindingUpdate(long i, int seq) {
        return bindingUpdate(i, seq, 0xffff);
    }

    /** The deregistration (lifetime 0, RFC 6275 §10.3.2) of home address {@code i} with {@code seq}, in place. */
    byte[] deregistration(long i, int seq) {
        return bindingUpdate(i, seq, 0);
    }

    private byte[] bindingUpdate(long i, int seq, int lifetime) {
        Wire.put64(bu, hoaAt + 8, 0x0100_0000_0000_0000L | i);
        Wire.put64(bu, coaAt + 8, 0x0200_0000_0000_0000L | i);
        Wire.put16(bu, mhAt + 6, seq);
        Wire.put16(bu, mhAt + 10, lifetime);
        Wire.put16(bu, mhAt + 4, 0);
        Ipv6Address hoa = Ipv6Address.read(bu, hoaAt);
        Wire.put16(bu, mhAt + 4, Checksum.compute(hoa, HA, Wire.MOBILITY, bu, mhAt, mhLength));
        return bu;
    }

    /** First registrations of home addresses 0 to n - 1 (sequence number 1), in batches; checks they were all accepted. */
    void registerBindings(int n) {
        for (int i = 0; i < n; i++) {
            deliver(bindingUpdate(i, 1));
            if (i % 1000 == 999) {
                run();
            }
        }
        run();
        if (accepted() != n) {
            throw new IllegalStateException("set-up: " + accepted() + " of " + n + " accepted: " + role.counters());
        }
    }

    /**
     * Deregisters home addresses {@code from} to {@code to - 1} (each registered once, sequence number
     * 1), so that a run adding first registrations keeps the binding count, and the tables' sizes, where
     * they were; checks they were all accepted.
     */
    void deregisterBindings(long from, long to) {
        long before = accepted();
        for (long i = from; i < to; i++) {
            deliver(deregistration(i, 2));
            if (i % 1000 == 999) {
                run();
            }
        }
        run();
        if (accepted() - before != to - from) {
            throw new IllegalStateException("deregistrations: " + (accepted() - before) + " of " + (to - from) + " accepted: "
                    + role.counters());
        }
    }

    /** Puts a handler (IPsec's PacketProtection) on the node's whiteboard, as its bundle would. */
    void register(Object handler, Map<String, Object> properties) {
        nodes.register(handler, properties);
    }

    /** Puts {@code frame} on the home link (copied) and runs the world until it and its answers are through. */
    void deliver(byte[] frame) {
        home.inject(frame);
    }

    void run() {
        clock.runUntil(clock.nanos());
    }

    long accepted() {
        return role.counters().get("bu.accepted");
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (b[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }
}
