package org.mip6.dhaad.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.ha.internal.HomeAgentRole;
import org.mip6.ha.internal.engine.HomeAgentParameters;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.DefaultWorld;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.RoleNode;
import org.mip6.role.RoutingHeader2Handler;
import org.mip6.role.Verdict;
import org.mip6.stack.internal.StackNodeFactory;
import org.mip6.stack.internal.VirtualTimeScenario;
import org.mip6.stack.internal.engine.Tshark;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.state.internal.MemoryHomeAgentsList;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.mh.MobilityMessage;

/**
 * DHAAD and mobile prefix discovery in the shipped world on virtual time, next to the home agent; the
 * mobile node's messages are made with the codec and sent from {@code mn} at a foreign link.
 */
class DhaadScenarioTest extends VirtualTimeScenario {

    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address HA = HOME.withInterfaceId(2);
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::ff:fe00:b");

    @TempDir
    Path dir;
    final StackNodeFactory nodes = new StackNodeFactory();
    final MemoryBindingCache cache = new MemoryBindingCache();
    final MemoryHomeAgentsList list = new MemoryHomeAgentsList();
    final List<String> atMn = new ArrayList<>();

    @Test
    void dhaadReplyFromTheAnycastAddressAndPrefixAdvertisementOnlyForARegisteredMobileNode() throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        for (String l : List.of("home", "foreign1")) {
            net.startCapture(l, dir.resolve(l + ".pcap"));
        }
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        clock.runUntil(3 * S); // ha's addresses through DAD
        clock.execute(() -> {
            HomeAgentRole role = new HomeAgentRole(ha, cache, HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false),
                    List.of(), r -> 0);
            role.start(new HomeAgentRole.Advertised(0, 1800));
            nodes.register(role.mobilityHandler(), Map.of(RoleNode.NODE, "ha", MobilityHandler.MH_TYPE, 5));
            nodes.register(role.homeAddressHandler(), Map.of(RoleNode.NODE, "ha"));
            DhaadRole dhaad = new DhaadRole(ha, list, cache, List.of(), 0, false, true);
            dhaad.start();
            for (int t : DhaadRole.TYPES) {
                nodes.register(dhaad.handler(), Map.of(RoleNode.NODE, "ha", Icmpv6Handler.ICMPV6_TYPE, t));
            }
            for (int t : new int[] {145, 147}) {
                nodes.register((Icmpv6Handler) (p, m) -> atMn.add(m.getClass().getSimpleName() + " from " + p.source()),
                        Map.of(RoleNode.NODE, "mn", Icmpv6Handler.ICMPV6_TYPE, t));
            }
            nodes.register((MobilityHandler) (p, m) -> atMn.add(m.getClass().getSimpleName()
                    + (m instanceof MobilityMessage.BindingError be ? " " + be.status() : "")),
                    Map.of(RoleNode.NODE, "mn", MobilityHandler.MH_TYPE, 6));
            nodes.register((MobilityHandler) (p, m) -> atMn.add("BindingError " + ((MobilityMessage.BindingError) m).status()),
                    Map.of(RoleNode.NODE, "mn", MobilityHandler.MH_TYPE, 7));
            nodes.register((RoutingHeader2Handler) p -> Verdict.ACCEPT, Map.of(RoleNode.NODE, "mn"));
        });
        clock.runUntil(5 * S);
        move("foreign1");
        clock.runUntil(10 * S);

        Ipv6Address anycast = HOME.homeAgentsAnycast();
        assertEquals(Ipv6Address.parse("2001:db8:1::fdff:ffff:ffff:fffe"), anycast);
        clock.execute(() -> mn.send(Ipv6Packet.of(COA, anycast, 64, new Payload.Icmpv6(new Icmpv6Message.DhaadRequest(7, false)))));
        clock.runUntil(11 * S);
        assertEquals(List.of("DhaadReply from " + HA), atMn);

        // a Mobile Prefix Solicitation without a registration: Binding Error 1 (RFC 6275 §9.3.1)
        atMn.clear();
        clock.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, COA, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new Payload.Icmpv6(new Icmpv6Message.MobilePrefixSolicitation(3)))));
        clock.runUntil(12 * S);
        assertEquals(List.of("BindingError 1"), atMn);

        atMn.clear();
        clock.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, COA, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new Payload.Mobility(new MobilityMessage.BindingUpdate(1, MobilityMessage.BindingUpdate.A
                        | MobilityMessage.BindingUpdate.H, 100, List.of())))));
        clock.runUntil(13 * S);
        clock.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, COA, HA, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new Payload.Icmpv6(new Icmpv6Message.MobilePrefixSolicitation(4)))));
        clock.runUntil(14 * S);
        assertEquals(List.of("BindingAcknowledgement", "MobilePrefixAdvertisement from " + HA), atMn);
        assertTrue(list.entries("ha").stream().anyMatch(e -> HA.equals(e.globalAddress())), "its own entry");
        net.stopCapture("home");
        net.stopCapture("foreign1");
        Tshark.check(dir.resolve("foreign1.pcap"));
        Tshark.check(dir.resolve("home.pcap"));
    }
}
