package org.mip6.cn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.cn.internal.engine.CorrespondentNodeEngine;
import org.mip6.mn.internal.MobileNodeRole;
import org.mip6.mn.internal.ScenarioRoles;
import org.mip6.mn.internal.engine.MobileNodeEngine;
import org.mip6.mn.internal.engine.MobilityParameters;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.DefaultWorld;
import org.mip6.node.NodeListener;
import org.mip6.ro.internal.ResponderRole;
import org.mip6.ro.internal.engine.ReturnRoutabilityCrypto;
import org.mip6.role.MobilityHandler;
import org.mip6.role.RoleNode;
import org.mip6.stack.internal.StackNodeFactory;
import org.mip6.stack.internal.VirtualTimeScenario;
import org.mip6.stack.internal.engine.Tshark;
import org.mip6.state.ReturnRoutabilitySecret;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.state.internal.MemoryBindingUpdateList;
import org.mip6.wire.Bytes;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.mh.MobilityHeaderCodec;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.mh.MobilityOption;

/**
 * The correspondent node and return routability on the shipped world's cn, on virtual time. The mobile
 * node's route optimisation is played by hand from mn (registered with ha by the mobile node role): the
 * tests, a Binding Update signed with their tokens, then cn's traffic to the home address goes straight
 * to the care-of address with a Type 2 Routing Header.
 */
class CorrespondentNodeScenarioTest extends VirtualTimeScenario {

    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address HA = HOME.withInterfaceId(2);
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::ff:fe00:b");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:4::ff:fe00:9");

    @TempDir
    Path dir;
    final StackNodeFactory nodes = new StackNodeFactory();
    final MemoryBindingCache cache = new MemoryBindingCache();
    final List<MobilityMessage> atMobileNode = new ArrayList<>();
    final List<Integer> echoReplies = new ArrayList<>();
    final ReturnRoutabilityCrypto crypto = new ReturnRoutabilityCrypto();
    CorrespondentNodeRole cnRole;
    ResponderRole rrRole;
    MobileNodeRole mnRole;
    RoleNode mn;
    RoleNode cn;

    /** mn registered on foreign1 with ha; cn a correspondent node with return routability. */
    void world() throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        for (String l : List.of("foreign1", "cn-link")) {
            net.startCapture(l, dir.resolve(l + ".pcap"));
        }
        RoleNode ha = nodes.roleNode("ha");
        mn = nodes.roleNode("mn");
        cn = nodes.roleNode("cn");
        run(5);
        clock.execute(() -> {
            ScenarioRoles.homeAgent(nodes, ha, cache);
            mnRole = new MobileNodeRole(mn, 0, HOME, HOA, HA, MobilityParameters.DEFAULT, 11, new MemoryBindingUpdateList());
            for (int t : new int[] {0, 6}) {
                nodes.register(mnRole.mobilityHandler(), Map.of(RoleNode.NODE, "mn", MobilityHandler.MH_TYPE, t));
            }
            nodes.register(mnRole.routingHeader2Handler(), Map.of(RoleNode.NODE, "mn"));
            nodes.register(mnRole.outboundHandler(), Map.of(RoleNode.NODE, "mn"));
            nodes.register(mnRole.movementDetector(), Map.of(RoleNode.NODE, "mn"));
            mnRole.start();
            for (int t : new int[] {3, 4}) { // the hand-played route optimisation hears the tests
                nodes.register((MobilityHandler) (p, m) -> atMobileNode.add(m), Map.of(RoleNode.NODE, "mn", MobilityHandler.MH_TYPE, t));
            }
            rrRole = new ResponderRole(cn, new ReturnRoutabilitySecret(Bytes.fromHex("0102030405060708090a0b0c0d0e0f1011121314"),
                    cn.nanos(), 30 * S));
            for (int t : new int[] {1, 2}) {
                nodes.register(rrRole.mobilityHandler(), Map.of(RoleNode.NODE, "cn", MobilityHandler.MH_TYPE, t));
            }
            cnRole = new CorrespondentNodeRole(cn, cache, CorrespondentNodeEngine.Parameters.DEFAULT, rrRole::authority);
            nodes.register(cnRole.mobilityHandler(), Map.of(RoleNode.NODE, "cn", MobilityHandler.MH_TYPE, 5));
            nodes.register(cnRole.homeAddressHandler(), Map.of(RoleNode.NODE, "cn"));
            // as the component registers it: §9.3.4, Destination Unreachable about packets sent to a care-of address
            nodes.register(cnRole.unreachableHandler(), Map.of(RoleNode.NODE, "cn", org.mip6.role.Icmpv6Handler.ICMPV6_TYPE, 1));
            nodes.register(cnRole.outboundHandler(), Map.of(RoleNode.NODE, "cn"));
            cnRole.start();
            cn.addListener(new NodeListener() {
                @Override
                public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                    echoReplies.add(sequence);
                }
            });
        });
        run(1);
        move("foreign1");
        run(5);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
    }

    /** The return routability tests from mn: Home Test Init from the home address, Care-of Test Init from the care-of address. */
    MobilityMessage.HomeTest[] tests(MobilityMessage.CareOfTest[] cot) {
        atMobileNode.clear();
        clock.execute(() -> {
            mn.send(Ipv6Packet.of(HOA, CN, 64, new Payload.Mobility(new MobilityMessage.HomeTestInit(0x1234, List.of()))));
            mn.send(Ipv6Packet.of(COA, CN, 64, new Payload.Mobility(new MobilityMessage.CareOfTestInit(0x5678, List.of()))));
        });
        run(1);
        MobilityMessage.HomeTest hot = (MobilityMessage.HomeTest) atMobileNode.stream()
                .filter(m -> m instanceof MobilityMessage.HomeTest).findFirst().orElseThrow();
        cot[0] = (MobilityMessage.CareOfTest) atMobileNode.stream()
                .filter(m -> m instanceof MobilityMessage.CareOfTest).findFirst().orElseThrow();
        return new MobilityMessage.HomeTest[] {hot};
    }

    /** A correspondent BU from the care-of address with a Home Address option, signed under {@code kbm} (null: a forged one). */
    void sendUpdate(int seq, MobilityMessage.HomeTest hot, MobilityMessage.CareOfTest cot, byte[] kbm) {
        MobilityMessage.BindingUpdate draft = new MobilityMessage.BindingUpdate(seq, MobilityMessage.BindingUpdate.A, 100,
                List.of(new MobilityOption.NonceIndices(hot.nonceIndex(), cot.nonceIndex()),
                        MobilityOption.BindingAuthorizationData.placeholder()));
        byte[] mh = MobilityHeaderCodec.encode(draft);
        byte[] auth = kbm == null ? new byte[12] : crypto.authenticator(kbm, COA, CN, MobilityHeaderCodec.authenticatedData(mh, 0, mh.length));
        MobilityMessage.BindingUpdate bu = new MobilityMessage.BindingUpdate(seq, MobilityMessage.BindingUpdate.A, 100,
                List.of(new MobilityOption.NonceIndices(hot.nonceIndex(), cot.nonceIndex()),
                        new MobilityOption.BindingAuthorizationData(Bytes.of(auth))));
        clock.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, COA, CN, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new Payload.Mobility(bu))));
        run(1);
    }

    @Test
    void afterReturnRoutabilityCnReachesTheMobileNodeDirectly() throws Exception {
        world();
        MobilityMessage.CareOfTest[] cot = new MobilityMessage.CareOfTest[1];
        MobilityMessage.HomeTest hot = tests(cot)[0];
        assertEquals(0x1234, hot.cookie());
        assertEquals(0x5678, cot[0].cookie());
        assertEquals(1L, rrRole.counters().get("hoti.received"));

        sendUpdate(1, hot, cot[0], null); // forged
        assertTrue(cache.get("cn", HOA).isEmpty(), "a forged update changes nothing");
        assertEquals(1L, cnRole.counters().get("bu.bad-authenticator"));

        byte[] kbm = crypto.bindingManagementKey(hot.keygenToken(), cot[0].keygenToken());
        sendUpdate(2, hot, cot[0], kbm);
        assertEquals(COA, cache.get("cn", HOA).orElseThrow().careOfAddress());
        assertEquals(1L, cnRole.counters().get("ba.sent"));

        clock.execute(() -> cn.ping(HOA, 7, 1, 16));
        run(1);
        assertEquals(List.of(1), echoReplies, "the request on the direct path (RH2), the reply through the tunnel");
        net.stopCapture("foreign1");
        net.stopCapture("cn-link");
        Tshark.check(dir.resolve("foreign1.pcap"));
        Tshark.check(dir.resolve("cn-link.pcap"));
        String direct = Tshark.fields(dir.resolve("foreign1.pcap"), "ipv6.routing.type == 2 && icmpv6.type == 128",
                "ipv6.src", "ipv6.dst");
        assertNotNull(direct);
        assertTrue(direct.contains(CN + "\t" + COA), "cn's echo request went to the care-of address with RH2: " + direct);
    }

    @Test
    void aHomeAddressOptionWithoutBindingGetsBindingError1() throws Exception {
        world();
        clock.execute(() -> mn.send(new Ipv6Packet(0, 0, 64, COA, CN, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                new Payload.Udp(9, 9, Bytes.of(new byte[4])))));
        run(1);
        assertEquals(1L, cnRole.counters().get("hao.no-binding"));
        assertEquals(1L, cnRole.counters().get("be.sent"));
    }

    /** §9.4.1, §9.4.3 (the IPv6 Ready CN tests HoTI_HaO and CoTI_HaO): a test init with a Home Address option gets no answer. */
    @Test
    void aTestInitWithAHomeAddressOptionIsIgnoredSilently() throws Exception {
        world();
        atMobileNode.clear();
        clock.execute(() -> {
            mn.send(new Ipv6Packet(0, 0, 64, COA, CN, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                    new Payload.Mobility(new MobilityMessage.HomeTestInit(0x1234, List.of()))));
            mn.send(new Ipv6Packet(0, 0, 64, COA, CN, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOA)),
                    new Payload.Mobility(new MobilityMessage.CareOfTestInit(0x5678, List.of()))));
        });
        run(1);
        assertEquals(2L, rrRole.counters().get("test-init.ignored-hao"));
        assertEquals(0L, cnRole.counters().get("be.sent"), "no Binding Error");
        assertEquals(0L, rrRole.counters().get("hot.sent") + rrRole.counters().get("cot.sent"));
        assertEquals(List.of(), atMobileNode);
    }
}
