package org.mip6.ha.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
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
import org.mip6.stack.internal.VirtualTimeScenario;
import org.mip6.state.BindingCacheEntry;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.NdOption;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;

/**
 * The home agent reading ahead for bursts of Binding Updates (docs/architecture.md, "Reading ahead for a burst"), end
 * to end on a simulated home link: with more bindings than {@code HomeAgentEngine.READ_AHEAD_BINDINGS} the node gives
 * the role each burst's home addresses and the binding cache locates them (from its index alone when they come in the
 * order they registered). Bursts mixing refreshes in that order, out of order, first registrations and mutated frames
 * (bits flipped, cut short) get exactly the answers and bindings that the Binding Updates' own checks give, whatever
 * the read-ahead guessed.
 */
class HomeAgentReadAheadTest extends VirtualTimeScenario {

    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address HA = HOME.withInterfaceId(2);
    static final Ipv6Address PEER = HOME.withInterfaceId(1);
    static final Ipv6Prefix FOREIGN = Ipv6Prefix.parse("2001:db8:2::/64");
    static final MacAddress HA_MAC = MacAddress.of(0x02000000000aL);
    static final MacAddress PEER_MAC = MacAddress.of(0x020000000007L);
    static final int BINDINGS = 6000;

    final StackNodeFactory nodes = new StackNodeFactory();
    final MemoryBindingCache cache = new MemoryBindingCache();
    final List<byte[]> received = new ArrayList<>();
    SimNetwork.SimLink home;
    HomeAgentRole role;

    static Ipv6Address homeAddress(int i) {
        return HOME.withInterfaceId(0x0100_0000_0000_0000L | i);
    }

    static byte[] bindingUpdate(int i, int sequence) {
        return PacketCodec.encodeEthernet(EthernetFrame.ipv6(HA_MAC, PEER_MAC, new Ipv6Packet(0, 0, 64,
                FOREIGN.withInterfaceId(0x0200_0000_0000_0000L | i), HA,
                List.of(ExtensionHeader.DestinationOptions.homeAddress(homeAddress(i))), new Payload.Mobility(
                new BindingUpdate(sequence, BindingUpdate.A | BindingUpdate.H, 0xffff, List.of())))));
    }

    void world() {
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
                received.add(frame);
            }
        });
        net.attach(peer, "home");
        clock.runUntil(20 * S); // ha's addresses through DAD
        peer.send(PacketCodec.encodeEthernet(EthernetFrame.ipv6(MacAddress.ofMulticast(HA.solicitedNodeMulticast()), PEER_MAC,
                Ipv6Packet.of(PEER, HA.solicitedNodeMulticast(), 255, new Payload.Icmpv6(new Icmpv6Message.NeighborSolicitation(
                        HA, List.of(new NdOption.SourceLinkLayerAddress(PEER_MAC))))))));
        clock.runUntil(clock.nanos() + S / 100);
        RoleNode ha = nodes.roleNode("ha");
        role = new HomeAgentRole(ha, cache, HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false), List.of(),
                r -> 0);
        clock.execute(() -> role.start(new HomeAgentRole.Advertised(0, 1800)));
        clock.runUntil(clock.nanos() + S / 100);
        nodes.register(role.mobilityHandler(), Map.of(RoleNode.NODE, "ha", MobilityHandler.MH_TYPE, 5));
        nodes.register(role.homeAddressHandler(), Map.of(RoleNode.NODE, "ha"));
        nodes.register(role.outboundHandler(), Map.of(RoleNode.NODE, "ha"));
    }

    /** The frames on the home link at one instant (the link hands them to the node in bursts), then the world until idle. */
    void deliver(List<byte[]> frames) {
        for (byte[] f : frames) {
            home.inject(f);
        }
        clock.runUntil(clock.nanos());
    }

    long counter(String name) {
        return role.counters().getOrDefault(name, 0L);
    }

    @Test
    void burstsReadAheadGetTheAnswersTheirOwnChecksGive() {
        world();
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < BINDINGS; i++) {
            frames.add(bindingUpdate(i, 1));
        }
        deliver(frames);
        assertEquals(BINDINGS, counter("bu.accepted"));
        assertTrue(role.engine().readsAhead(), "enough bindings to read ahead");

        SplittableRandom random = new SplittableRandom(6275);
        int[] sequence = new int[BINDINGS + 1000]; // the last sent to each home address
        java.util.Arrays.fill(sequence, 1);
        int[] lastValid = sequence.clone(); // the last sent unmutated
        int fresh = BINDINGS;
        int expectAccepted = BINDINGS;
        int mutated = 0;
        for (int round = 0; round < 40; round++) {
            frames.clear();
            int from = random.nextInt(BINDINGS - 200);
            for (int k = 0; k < 200; k++) {
                int kind = random.nextInt(10);
                // in registration order but for the odd rounds' tenth (the read-ahead then finds them exactly)
                int i = kind == 0 && round % 2 == 1 ? random.nextInt(BINDINGS) : from + k;
                if (kind == 1 && fresh < sequence.length) { // a first registration among them
                    i = fresh++;
                }
                byte[] f = bindingUpdate(i, ++sequence[i]); // a mutated one too: the next valid one is newer whatever it got
                if (kind == 2) { // a bit flipped in the IPv6 header, the Home Address option or the Mobility Header
                    f[14 + random.nextInt(f.length - 14)] ^= (byte) (1 << random.nextInt(8));
                    mutated++;
                } else if (kind == 3) { // cut short
                    f = java.util.Arrays.copyOf(f, 14 + random.nextInt(f.length - 14));
                    mutated++;
                } else {
                    lastValid[i] = sequence[i];
                    expectAccepted++;
                }
                frames.add(f);
            }
            deliver(frames);
        }
        // a mutated frame may still be a valid Binding Update (a flipped bit in the flow label, the hop limit, the
        // Reserved field; in a care-of address, which a move then takes): what the home agent holds must be what
        // each home address's last accepted Binding Update said, and every valid one is accepted
        assertTrue(counter("bu.accepted") >= expectAccepted, counter("bu.accepted") + " of " + expectAccepted);
        assertTrue(mutated > 0);
        for (int i = 0; i < fresh; i++) {
            BindingCacheEntry e = cache.get("ha", homeAddress(i)).orElse(null);
            assertTrue(e != null && e.sequence() >= lastValid[i], "home address " + i + ": " + e);
        }
        assertEquals(fresh, cache.size("ha"));
    }
}
