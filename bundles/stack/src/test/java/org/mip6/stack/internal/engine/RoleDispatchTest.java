package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.role.OutboundHandler;
import org.mip6.role.ReceivedPacket;
import org.mip6.role.Verdict;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.mh.MobilityMessage;

/**
 * The role contract on the node, frame in, frames out: dispatch by MH Type and ICMPv6 type, the Home
 * Address option and Type 2 Routing Header decisions, the reactions of a node without a role, the hold
 * queue while a role is away, and the outbound hook.
 */
class RoleDispatchTest {

    static final Ipv6Prefix P = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address A = P.withInterfaceId(0xa);
    static final Ipv6Address B = P.withInterfaceId(0xb);
    static final Ipv6Address HOME = Ipv6Address.parse("2001:db8:9::99");
    static final long HOLD = 500_000_000L;

    World w;
    World.Node a;
    World.Node b;
    HandlerTable roles;
    final List<String> seen = new ArrayList<>();

    @BeforeEach
    void setUp() {
        w = new World(21).link(LinkParameters.ideal("lan"));
        a = w.host("a", NdParameters.DEFAULT, "lan");
        b = w.node("b", false, NdParameters.DEFAULT, null, new HoldParameters(3, HOLD), "lan");
        a.runner.transmit(a.engine().addAddress(0, 0, P, A));
        b.runner.transmit(b.engine().addAddress(0, 0, P, B));
        w.run(Duration.ofSeconds(3));
        StackScenarioTest.echoOnce(w, a, B); // neighbour caches resolved both ways
        roles = new HandlerTable();
        b.engine().setRoleHandlers(roles);
    }

    static Ipv6Packet bu(int seq, boolean hao) {
        return new Ipv6Packet(0, 0, 64, A, B, hao ? List.of(ExtensionHeader.DestinationOptions.homeAddress(HOME)) : List.of(),
                new Payload.Mobility(new MobilityMessage.BindingUpdate(seq, MobilityMessage.BindingUpdate.A, 10, List.of())));
    }

    /** b receives {@code p} from a; returns what b sent, decoded. */
    List<Ipv6Packet> receive(Ipv6Packet p) throws DecodeException {
        List<Ipv6Packet> sent = decode(b.engine().onFrame(w.clock.nanos(), 0, StackScenarioTest.frame(a, b, p, 0)));
        b.runner.transmit(List.of()); // re-arm b's timer (the hold timer among them)
        return sent;
    }

    /** Leaves out Neighbor Discovery (b's own router solicitations run on the same timers). */
    static List<Ipv6Packet> notNd(List<Ipv6Packet> l) {
        return l.stream().filter(p -> !(p.payload() instanceof Payload.Icmpv6 i && i.message().type() >= 133
                && i.message().type() <= 137)).toList();
    }

    static List<Ipv6Packet> decode(List<Transmit> out) throws DecodeException {
        List<Ipv6Packet> l = new ArrayList<>();
        for (Transmit t : out) {
            l.add(PacketCodec.decodeEthernet(t.frame(), 0, t.frame().length).packet());
        }
        return l;
    }

    static <T> T only(List<Ipv6Packet> sent, Class<T> type) {
        assertEquals(1, sent.size(), sent.toString());
        Object m = sent.get(0).payload() instanceof Payload.Icmpv6 i ? i.message()
                : ((Payload.Mobility) sent.get(0).payload()).message();
        return assertInstanceOf(type, m);
    }

    @Test
    void aNodeWithoutMobileIpv6AnswersTheMobilityHeaderWithParameterProblemCode1() throws Exception {
        Icmpv6Message.ParameterProblem pp = only(receive(bu(1, false)), Icmpv6Message.ParameterProblem.class);
        assertEquals(1, pp.code());
        assertEquals(6, pp.pointer(), "the IPv6 header's Next Header field names the Mobility Header");
        assertEquals(1L, b.engine().drops().get(Drop.UNHANDLED));
    }

    /** b receives {@code p} encoded with {@code options} and its checksum XORed with {@code xor}. */
    List<Ipv6Packet> receiveMalformed(Ipv6Packet p, org.mip6.wire.mh.EncodeOptions options, int xor) throws DecodeException {
        byte[] f = StackScenarioTest.frame(a.engine().mac(0), b.engine().mac(0), p, options, xor);
        return decode(b.engine().onFrame(w.clock.nanos(), 0, f));
    }

    /**
     * A node without Mobile IPv6 does not look inside a Mobility Header: a bad Payload Proto or checksum
     * is still the unrecognised Next Header 135 to it (RFC 8200 §4), not the §9.2 reactions of a node
     * that speaks Mobile IPv6 (Parameter Problem code 0 at Payload Proto; silent discard).
     */
    @Test
    void aMalformedMobilityHeaderIsAnUnrecognisedNextHeaderToANodeWithoutMobileIpv6() throws Exception {
        org.mip6.wire.mh.EncodeOptions badProto = org.mip6.wire.mh.EncodeOptions.DEFAULT.withPayloadProto(17);
        Icmpv6Message.ParameterProblem pp = only(receiveMalformed(bu(1, false), badProto, 0), Icmpv6Message.ParameterProblem.class);
        assertEquals(1, pp.code());
        assertEquals(6, pp.pointer());
        pp = only(receiveMalformed(bu(2, false), org.mip6.wire.mh.EncodeOptions.DEFAULT, 0x0101), Icmpv6Message.ParameterProblem.class);
        assertEquals(1, pp.code(), "not even the checksum is looked at");

        roles.addMobility(5, (rx, m) -> { }, 0); // now it speaks Mobile IPv6: RFC 6275 §9.2
        pp = only(receiveMalformed(bu(3, false), badProto, 0), Icmpv6Message.ParameterProblem.class);
        assertEquals(0, pp.code());
        assertEquals(40, pp.pointer(), "the Payload Proto field, first byte of the Mobility Header");
        assertEquals(List.of(), receiveMalformed(bu(4, false), org.mip6.wire.mh.EncodeOptions.DEFAULT, 0x0101),
                "a bad checksum is discarded silently");
    }

    /** What a node without a role answers, and a Binding Error 2, dissect cleanly in tshark. */
    @Test
    void theReactionsDissectCleanlyInTshark(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tshark.available(), "tshark not installed: skipping (apt-get install tshark; CI has it)");
        List<Transmit> out = new ArrayList<>();
        long now = w.clock.nanos();
        out.addAll(b.engine().onFrame(now, 0, StackScenarioTest.frame(a, b, bu(1, false), 0))); // PP code 1
        out.addAll(b.engine().onFrame(now, 0, StackScenarioTest.frame(a, b, bu(2, true), 0))); // PP code 2 at the HAO
        Ipv6Packet rh2 = new Ipv6Packet(0, 0, 64, A, B, List.of(new ExtensionHeader.Type2RoutingHeader(HOME)),
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY)));
        out.addAll(b.engine().onFrame(now, 0, StackScenarioTest.frame(a, b, rh2, 0))); // PP code 0 at the Routing Type
        roles.addMobility(5, (rx, m) -> { }, 0);
        roles.addHomeAddress(rx -> Verdict.ACCEPT, 0);
        Ipv6Packet brr = bu(3, true).withPayload(new Payload.Mobility(new MobilityMessage.BindingRefreshRequest(List.of())));
        out.addAll(b.engine().onFrame(now, 0, StackScenarioTest.frame(a, b, brr, 0))); // Binding Error 2
        assertEquals(4, out.size(), out.toString());
        java.nio.file.Path pcap = dir.resolve("reactions.pcap");
        try (var pw = org.mip6.wire.pcap.PcapWriter.create(pcap, org.mip6.wire.pcap.PcapRecord.LINKTYPE_ETHERNET)) {
            for (Transmit t : out) {
                pw.write(now, t.frame());
            }
        }
        assertEquals(4, Tshark.check(pcap));
    }

    @Test
    void messagesGoToTheHandlerOfTheirTypeWithTheAddressesResolved() throws Exception {
        List<ReceivedPacket> got = new ArrayList<>();
        roles.addMobility(5, (rx, m) -> got.add(rx), 0);
        roles.addHomeAddress(rx -> Verdict.ACCEPT, 0);
        assertEquals(List.of(), receive(bu(7, true)));
        assertEquals(1, got.size());
        ReceivedPacket rx = got.get(0);
        assertEquals(HOME, rx.source(), "the home address is the source (RFC 6275 §9.3.1)");
        assertEquals(A, rx.careOfAddress());
        assertEquals(B, rx.destination());
        assertTrue(rx.homeAddressOption());
    }

    /** A role's handlers on the view (MobilityViewPath), with what each saw. */
    final class ViewRole implements org.mip6.role.MobilityHandler, org.mip6.role.HomeAddressHandler {
        Verdict viewVerdict = Verdict.ACCEPT;
        boolean takeView = true;
        RuntimeException viewFailure;

        @Override
        public void onMobility(ReceivedPacket rx, MobilityMessage m) {
            seen.add("records " + m.mhType() + " from " + rx.source());
        }

        @Override
        public boolean onMobility(long now, int iface, org.mip6.wire.PacketView v) {
            if (viewFailure != null) {
                throw viewFailure;
            }
            if (takeView) {
                seen.add("view " + v.mobilityType() + " from " + v.source()
                        + (v.homeAddressOffset() < 0 ? "" : " home " + Ipv6Address.read(v.buffer(), v.homeAddressOffset())));
            }
            return takeView;
        }

        @Override
        public Verdict admit(ReceivedPacket rx) {
            seen.add("admit records " + rx.source());
            return Verdict.ACCEPT;
        }

        @Override
        public Verdict admit(long now, int iface, org.mip6.wire.PacketView v) {
            if (viewVerdict != null) {
                seen.add("admit view " + Ipv6Address.read(v.buffer(), v.homeAddressOffset()));
            }
            return viewVerdict;
        }
    }

    /**
     * The view path: a handler that takes the view gets no records; one that declines gets them, and the
     * Home Address option admitted on the view is not asked again; a view verdict of DROP stops it; a
     * handler that throws is counted; whatever the node holds for a role keeps the general path (order).
     */
    @Test
    void mobilityHandlersMayTakeThePacketOnTheViewOrDeclineIt() throws Exception {
        ViewRole role = new ViewRole();
        roles.addMobility(5, role, 0);
        roles.addHomeAddress(role, 0);
        long received = b.engine().packetsReceived();
        assertEquals(List.of(), receive(bu(1, true)));
        assertEquals(List.of("admit view " + HOME, "view 5 from " + A + " home " + HOME), seen);
        assertEquals(received + 1, b.engine().packetsReceived());

        seen.clear();
        role.takeView = false;
        receive(bu(2, true));
        assertEquals(List.of("admit view " + HOME, "records 5 from " + HOME), seen, "admitted once, on the view");
        assertEquals(received + 2, b.engine().packetsReceived(), "counted once");

        seen.clear();
        role.viewVerdict = null; // the option's handler cannot decide on the view: all on records
        receive(bu(3, true));
        assertEquals(List.of("admit records " + HOME, "records 5 from " + HOME), seen);

        seen.clear();
        role.viewVerdict = Verdict.DROP;
        role.takeView = true;
        long dropped = b.engine().drops().getOrDefault(Drop.ROLE_DROPPED, 0L);
        receive(bu(4, true));
        assertEquals(List.of("admit view " + HOME), seen);
        assertEquals(dropped + 1, b.engine().drops().get(Drop.ROLE_DROPPED));

        seen.clear();
        role.viewVerdict = Verdict.ACCEPT;
        receive(bu(5, false));
        assertEquals(List.of("view 5 from " + A), seen, "no Home Address option: straight to the handler");

        seen.clear();
        role.viewFailure = new IllegalStateException("boom");
        long errors = b.engine().roleCounters().get("role.errors");
        assertEquals(List.of(), receive(bu(6, true)));
        assertEquals(errors + 1, b.engine().roleCounters().get("role.errors"));
    }

    @Test
    void anUnknownMhTypeGetsBindingError2WithTheHomeAddressWhenTheNodeSpeaksMobileIpv6() throws Exception {
        roles.addMobility(5, (rx, m) -> { }, 0);
        roles.addHomeAddress(rx -> Verdict.ACCEPT, 0);
        Ipv6Packet brr = bu(1, true).withPayload(new Payload.Mobility(new MobilityMessage.BindingRefreshRequest(List.of())));
        List<Ipv6Packet> sent = receive(brr);
        MobilityMessage.BindingError be = only(sent, MobilityMessage.BindingError.class);
        assertEquals(2, be.status(), "RFC 6275 §9.2: unrecognized MH Type");
        assertEquals(HOME, be.homeAddress(), "§9.3.3: from the Home Address option");
        assertEquals(A, sent.get(0).destination(), "to the packet's source, the care-of address");
        assertEquals(B, sent.get(0).source());
    }

    @Test
    void aBindingErrorIsNeverAnsweredWithABindingError() throws Exception {
        roles.addMobility(5, (rx, m) -> { }, 0);
        Ipv6Packet be = bu(1, false).withPayload(new Payload.Mobility(new MobilityMessage.BindingError(2, HOME)));
        assertEquals(List.of(), receive(be), "dropped and counted, not answered");
        assertEquals(1L, b.engine().drops().get(Drop.UNHANDLED));
    }

    @Test
    void withoutAHomeAddressHandlerTheOptionIsUnrecognisedParameterProblemCode2AtTheOption() throws Exception {
        Icmpv6Message.ParameterProblem pp = only(receive(bu(1, true)), Icmpv6Message.ParameterProblem.class);
        assertEquals(2, pp.code());
        // IPv6 header 40, Destination Options header: Next Header, Hdr Ext Len, PadN(4) -> option at 40 + 6
        assertEquals(46, pp.pointer());
    }

    @Test
    void withoutARoutingHeader2HandlerType2IsUnrecognisedParameterProblemCode0AtTheRoutingType() throws Exception {
        Ipv6Packet echo = new Ipv6Packet(0, 0, 64, A, B, List.of(new ExtensionHeader.Type2RoutingHeader(HOME)),
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY)));
        Icmpv6Message.ParameterProblem pp = only(receive(echo), Icmpv6Message.ParameterProblem.class);
        assertEquals(0, pp.code());
        assertEquals(42, pp.pointer(), "Routing Type, byte 2 of the header after the IPv6 header");
    }

    @Test
    void anAcceptedType2RoutingHeaderDeliversToTheHomeAddress() throws Exception {
        roles.addRoutingHeader2(rx -> rx.destination().equals(HOME) ? Verdict.ACCEPT : Verdict.DROP, 0);
        Ipv6Packet echo = new Ipv6Packet(0, 0, 64, A, B, List.of(new ExtensionHeader.Type2RoutingHeader(HOME)),
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY)));
        List<Ipv6Packet> sent = receive(echo);
        only(sent, Icmpv6Message.EchoReply.class);
        assertEquals(HOME, sent.get(0).source(), "the echo service answered from the home address");
    }

    @Test
    void whileARoleIsAwayItsMessagesAreHeldAndDeliveredInOrderWhenItReturns() throws Exception {
        MobilityHandlerLog first = new MobilityHandlerLog("first");
        roles.addMobility(5, first, 0);
        receive(bu(1, false));
        roles.remove(first); // the role's bundle is being replaced
        assertEquals(List.of(), receive(bu(2, false)));
        assertEquals(List.of(), receive(bu(3, false)));
        assertEquals(2, b.engine().heldPackets());
        w.run(Duration.ofMillis(100));
        MobilityHandlerLog second = new MobilityHandlerLog("second");
        roles.addMobility(5, second, 0);
        b.runner.transmit(b.engine().handlersChanged(w.clock.nanos()));
        assertEquals(List.of("first 1", "second 2", "second 3"), seen);
        assertEquals(0, b.engine().heldPackets());
        assertEquals(2L, b.engine().roleCounters().get("hold.delivered"));
        // bu 2 and 3 were held at the same instant and waited the 100 ms the role was away
        assertEquals(100_000L, b.engine().roleCounters().get("hold.wait.last.us"), "the role's pause");
        assertEquals(100_000L, b.engine().roleCounters().get("hold.wait.max.us"));
        assertEquals(200_000L, b.engine().roleCounters().get("hold.wait.total.us"));
        w.run(Duration.ofSeconds(1));
        assertEquals(0L, b.engine().roleCounters().get("hold.expired"), "nothing left to expire");
    }

    @Test
    void pastTheHoldTimeTheNodeAnswersAsWithoutTheRoleAndStopsHolding() throws Exception {
        MobilityHandlerLog h = new MobilityHandlerLog("h");
        roles.addMobility(5, h, 0);
        roles.remove(h);
        assertEquals(List.of(), receive(bu(1, false)));
        long t0 = w.clock.nanos();
        assertEquals(List.of(), notNd(decode(b.engine().onTimer(t0 + HOLD - 1))));
        assertEquals(1, b.engine().heldPackets(), "still within the hold time");
        List<Ipv6Packet> expired = notNd(decode(b.engine().onTimer(t0 + HOLD)));
        Icmpv6Message.ParameterProblem pp = only(expired, Icmpv6Message.ParameterProblem.class);
        assertEquals(1, pp.code(), "no MH handler left: the node does not speak Mobile IPv6");
        assertEquals(1L, b.engine().roleCounters().get("hold.expired"));
        // the role is taken as gone: the next message is answered at once
        only(receive(bu(2, false)), Icmpv6Message.ParameterProblem.class);
        assertEquals(1L, b.engine().roleCounters().get("hold.held"));
    }

    @Test
    void aHeldPacketKeepsItsOwnBytesWhileTheNodeReceivesOthers() throws Exception {
        org.mip6.role.HomeAddressHandler h = rx -> Verdict.ACCEPT;
        roles.addHomeAddress(h, 0);
        roles.remove(h); // the role that admits Home Address options is being replaced
        assertEquals(List.of(), receive(bu(1, true)));
        Ipv6Packet echo = Ipv6Packet.of(A, B, 64, new Payload.Icmpv6(new Icmpv6Message.EchoRequest(9, 9, Bytes.of(new byte[40]))));
        only(receive(echo), Icmpv6Message.EchoReply.class); // the node's view moves on to other frames
        long t0 = w.clock.nanos();
        List<Ipv6Packet> expired = notNd(decode(b.engine().onTimer(t0 + HOLD)));
        Icmpv6Message.ParameterProblem pp = only(expired, Icmpv6Message.ParameterProblem.class);
        assertEquals(2, pp.code());
        assertEquals(46, pp.pointer(), "still the Home Address option of the held packet");
        assertEquals(HOME, Ipv6Address.read(pp.invokingPacket().toArray(), 48), "the held packet's own bytes are quoted");
    }

    /** RFC 6275 §9.3.1 while the correspondent role is being replaced: the bindings it mirrored into the node decide. */
    @Test
    void whileTheRoleIsAwayTheNodeAdmitsHomeAddressOptionsFromTheMirroredBindings() throws Exception {
        org.mip6.role.HomeAddressHandler h = rx -> Verdict.ACCEPT;
        roles.addHomeAddress(h, 0);
        roles.remove(h);
        long now = w.clock.nanos();
        b.engine().admitHomeAddress(HOME, A, now + 1_000_000_000L); // a's binding: HOME at care-of address A
        Ipv6Packet echo = new Ipv6Packet(0, 0, 64, A, B, List.of(ExtensionHeader.DestinationOptions.homeAddress(HOME)),
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(7, 1, Bytes.EMPTY)));
        receive(echo);
        assertEquals(0, b.engine().heldPackets(), "admitted at once, not held for the role");
        assertEquals(1L, b.engine().roleCounters().get("hao.admitted-by-node"));

        b.engine().admitHomeAddress(HOME, B, now + 1_000_000_000L); // the binding moved to another care-of address
        receive(echo);
        assertEquals(1, b.engine().heldPackets(), "from an address that is not the binding's care-of address: the role decides");
        b.engine().withdrawHomeAddress(HOME);
        b.engine().admitHomeAddress(HOME, A, now); // expired
        receive(echo);
        assertEquals(2, b.engine().heldPackets(), "past the binding's lifetime: the role decides");
        assertEquals(1L, b.engine().roleCounters().get("hao.admitted-by-node"));
        assertEquals(0L, b.engine().roleCounters().get("hao.admissions"), "the expired pair is gone");

        roles.addHomeAddress(rx -> Verdict.DROP, 0); // with the role present, it decides, whatever the node holds
        b.engine().admitHomeAddress(HOME, A, now + 1_000_000_000L);
        b.runner.transmit(b.engine().handlersChanged(w.clock.nanos()));
        receive(echo);
        assertEquals(1L, b.engine().roleCounters().get("hao.admitted-by-node"));
    }

    /** A held packet whose Home Address option is admitted goes on to its MH handler: both roles were away. */
    @Test
    void heldPacketsOfTwoRolesAreDeliveredInOrderWhenBothReturn() throws Exception {
        MobilityHandlerLog mh = new MobilityHandlerLog("mh");
        org.mip6.role.HomeAddressHandler hao = rx -> Verdict.ACCEPT;
        roles.addMobility(5, mh, 0);
        roles.addHomeAddress(hao, 0);
        roles.remove(mh);
        roles.remove(hao);
        assertEquals(List.of(), receive(bu(1, true)));
        assertEquals(List.of(), receive(bu(2, false)));
        assertEquals(List.of(), receive(bu(3, true)));
        assertEquals(3, b.engine().heldPackets());
        roles.addHomeAddress(hao, 0); // the HAO role first: its packets go on and wait for the MH role
        b.runner.transmit(b.engine().handlersChanged(w.clock.nanos()));
        assertEquals(3, b.engine().heldPackets());
        assertEquals(List.of(), seen);
        roles.addMobility(5, mh, 0);
        b.runner.transmit(b.engine().handlersChanged(w.clock.nanos()));
        assertEquals(0, b.engine().heldPackets());
        assertEquals(List.of("mh 1", "mh 2", "mh 3"), seen, "in the order they arrived, across both roles");
    }

    @Test
    void aFullHoldQueueAnswersAtOnceAndCounts() throws Exception {
        MobilityHandlerLog h = new MobilityHandlerLog("h");
        roles.addMobility(5, h, 0);
        roles.addMobility(6, (rx, m) -> { }, 0); // the node still speaks Mobile IPv6
        roles.remove(h);
        for (int k = 1; k <= 3; k++) {
            assertEquals(List.of(), receive(bu(k, false)));
        }
        MobilityMessage.BindingError be = only(receive(bu(4, false)), MobilityMessage.BindingError.class);
        assertEquals(2, be.status());
        assertEquals(1L, b.engine().roleCounters().get("hold.overflow"));
        roles.addMobility(5, h, 0);
        b.runner.transmit(b.engine().handlersChanged(w.clock.nanos()));
        assertEquals(List.of("h 1", "h 2", "h 3"), seen, "the three held, in order; the fourth was answered");
    }

    @Test
    void aHandlerThatThrowsIsCountedAndTheNodeGoesOn() throws Exception {
        roles.addMobility(5, (rx, m) -> {
            throw new IllegalStateException("boom");
        }, 0);
        assertEquals(List.of(), receive(bu(1, false)));
        assertEquals(1L, b.engine().roleCounters().get("role.errors"));
        EchoFlow f = w.ping(a, B, 1, Duration.ofMillis(10), 2);
        w.run(Duration.ofSeconds(1));
        assertEquals(1, f.received(), "the node still answers");
    }

    @Test
    void icmpv6HandlersSeeTheirTypeAfterTheNodesOwnProcessing() throws Exception {
        List<Integer> ids = new ArrayList<>();
        roles.addIcmpv6(128, (rx, m) -> ids.add(((Icmpv6Message.EchoRequest) m).identifier()), 0);
        Ipv6Packet echo = Ipv6Packet.of(A, B, 64, new Payload.Icmpv6(new Icmpv6Message.EchoRequest(77, 1, Bytes.EMPTY)));
        only(receive(echo), Icmpv6Message.EchoReply.class);
        assertEquals(List.of(77), ids);
    }

    @Test
    void theOutboundHandlerChoosesHowUpperLayerTrafficLeaves() throws Exception {
        int tunnel = b.engine().addTunnel(B, A);
        List<OutboundHandler.Decision> next = new ArrayList<>();
        roles.addOutbound(p -> next.remove(0), 0);
        Ipv6Packet echo = Ipv6Packet.of(A, B, 64, new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY)));

        next.add(OutboundHandler.DIRECT);
        assertEquals(A, receive(echo).get(0).destination());

        next.add(new OutboundHandler.Decision.Tunnel(tunnel, null));
        Ipv6Packet outer = receive(echo).get(0);
        assertInstanceOf(Payload.Tunnel.class, outer.payload(), "reverse-tunnelled (RFC 2473)");
        assertEquals(1, b.engine().packetsEncapsulated());

        next.add(OutboundHandler.DROP);
        assertEquals(List.of(), receive(echo));
        assertEquals(1L, b.engine().drops().get(Drop.ROLE_DROPPED));
    }

    /** What a role's handler sends during a receive leaves with that receive's frames, after them, once. */
    @Test
    void whatAHandlerSendsWithinAReceiveLeavesWithItsFrames() throws Exception {
        Ipv6Packet answer = new Ipv6Packet(0, 0, 64, B, A, List.of(),
                new Payload.Mobility(new MobilityMessage.BindingError(2, HOME)));
        List<List<Transmit>> returned = new ArrayList<>();
        int tunnel = b.engine().addTunnel(B, A, HOME);
        roles.addMobility(5, (rx, m) -> {
            seen.add("receiving " + b.engine().receiving());
            returned.add(b.engine().sendAsRole(rx.now(), answer));
            byte[] bytes = PacketCodec.encode(answer);
            returned.add(b.engine().sendAsRole(rx.now(), bytes, 0, bytes.length));
            returned.add(b.engine().sendThrough(rx.now(), tunnel, answer));
            // what it makes the node send: a proxy's unsolicited NA (RFC 6275 §10.4.1), DAD's probe
            returned.add(b.engine().addProxy(rx.now(), 0, PROXIED));
            returned.add(b.engine().detectDuplicate(rx.now(), 0, PROXIED.withInterfaceId(0x78), unique -> { }));
        }, 0);
        List<Transmit> out = b.engine().onFrame(w.clock.nanos(), 0, StackScenarioTest.frame(a, b, bu(1, false), 0));
        assertEquals(List.of("receiving true"), seen);
        for (List<Transmit> r : returned) {
            assertSame(out, r, "the receive's own frames: the host sends them when it returns");
        }
        List<Ipv6Packet> sent = decode(out);
        assertEquals(List.of(answer, answer), sent.subList(0, 2));
        assertEquals(answer, ((Payload.Tunnel) sent.get(2).payload()).inner(), "then the tunnelled one (RFC 2473)");
        Icmpv6Message na = ((Payload.Icmpv6) sent.get(3).payload()).message();
        assertEquals(PROXIED, ((Icmpv6Message.NeighborAdvertisement) na).target(), "then the proxy's NA");
        int made = out.size();
        assertTrue(made >= 4, "and DAD's probe, when it goes at once: " + sent);
        assertFalse(b.engine().receiving(), "between receives");
        List<Transmit> alone = b.engine().sendAsRole(w.clock.nanos(), answer);
        assertNotSame(out, alone);
        assertEquals(List.of(answer), decode(alone));
        List<Transmit> proxyAlone = b.engine().addProxy(w.clock.nanos(), 0, PROXIED.withInterfaceId(0x79));
        assertNotSame(out, proxyAlone);
        assertEquals(1, proxyAlone.size(), "outside a receive, a list of its own: " + decode(proxyAlone));
        assertEquals(made, out.size(), "nothing added to the receive's frames after it returned");
    }

    /** An address on b's link that b answers for as a home agent would. */
    private static final Ipv6Address PROXIED = P.withInterfaceId(0x77);

    @Test
    void aRoleSendsEncodedBytesAsTheNodeSendsTheirRecords() throws Exception {
        // a Binding Acknowledgement with a Type 2 Routing Header, to a resolved neighbour: framed at once
        Ipv6Packet ba = new Ipv6Packet(0, 0, 64, B, A, List.of(new ExtensionHeader.Type2RoutingHeader(1, HOME)),
                new Payload.Mobility(new MobilityMessage.BindingAcknowledgement(0, 0, 7, 100,
                        List.of(new org.mip6.wire.mh.MobilityOption.BindingRefreshAdvice(80)))));
        byte[] bytes = new byte[5 + PacketCodec.encodedLength(ba) + 3];
        java.util.Arrays.fill(bytes, (byte) 0xff);
        int len = PacketCodec.encode(ba, bytes, 5);
        long sent = b.engine().packetsSent();
        List<Transmit> encoded = b.engine().sendAsRole(w.clock.nanos(), bytes, 5, len);
        List<Transmit> records = b.engine().sendAsRole(w.clock.nanos(), ba);
        assertEquals(1, encoded.size());
        assertArrayEquals(records.get(0).frame(), encoded.get(0).frame());
        assertEquals(List.of(ba), decode(encoded));
        assertEquals(sent + 2, b.engine().packetsSent());
        // with the destination the role holds: the same frame; another address than the bytes' is refused
        List<Transmit> withDestination = b.engine().sendAsRole(w.clock.nanos(), bytes, 5, len, A);
        assertArrayEquals(records.get(0).frame(), withDestination.get(0).frame());
        assertThrows(IllegalArgumentException.class, () -> b.engine().sendAsRole(w.clock.nanos(), bytes, 5, len, HOME));
        assertThrows(IllegalArgumentException.class, () -> b.engine().sendAsRole(w.clock.nanos(), bytes, 5, 39, A));
        assertEquals(sent + 3, b.engine().packetsSent());
        sent++;

        // to a neighbour still to resolve: through resolution, as the records go (a solicitation first)
        Ipv6Address c = P.withInterfaceId(0xc);
        Ipv6Packet toC = new Ipv6Packet(0, 0, 64, B, c, List.of(), ba.payload());
        byte[] cBytes = PacketCodec.encode(toC);
        List<Ipv6Packet> out = decode(b.engine().sendAsRole(w.clock.nanos(), cBytes, 0, cBytes.length));
        assertEquals(1, out.size());
        assertInstanceOf(Icmpv6Message.NeighborSolicitation.class, ((Payload.Icmpv6) out.get(0).payload()).message());

        // not IPv6, or a Payload Length that is not the length given: refused, nothing sent
        byte[] bad = PacketCodec.encode(ba);
        bad[0] = 0x40;
        assertThrows(IllegalArgumentException.class, () -> b.engine().sendAsRole(w.clock.nanos(), bad, 0, bad.length));
        byte[] shortened = PacketCodec.encode(ba);
        assertThrows(IllegalArgumentException.class,
                () -> b.engine().sendAsRole(w.clock.nanos(), shortened, 0, shortened.length - 8));
        byte[] unspecified = PacketCodec.encode(new Ipv6Packet(0, 0, 64, Ipv6Address.UNSPECIFIED, A, List.of(), ba.payload()));
        assertThrows(IllegalArgumentException.class,
                () -> b.engine().sendAsRole(w.clock.nanos(), unspecified, 0, unspecified.length));
        assertEquals(sent + 3, b.engine().packetsSent(), "the solicitation for c, nothing else");
        assertThrows(IndexOutOfBoundsException.class,
                () -> b.engine().sendAsRole(w.clock.nanos(), shortened, 4, shortened.length));
    }

    /** Logs what it is told ahead of a burst, and the messages that follow. */
    class PrefetchLog implements org.mip6.role.MobilityHandler {
        final String name;
        RuntimeException failure;
        boolean readsAhead = true;
        int asked;

        PrefetchLog(String name) {
            this.name = name;
        }

        @Override
        public void onMobility(ReceivedPacket rx, MobilityMessage m) {
            seen.add(name + " " + m.getClass().getSimpleName() + " for " + rx.source());
        }

        @Override
        public void prefetch(long[] homeAddresses, int count) {
            StringBuilder sb = new StringBuilder(name + " ahead:");
            for (int k = 0; k < count; k++) {
                sb.append(' ').append(Ipv6Address.of(homeAddresses[2 * k], homeAddresses[2 * k + 1]));
            }
            seen.add(sb.toString());
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public boolean readsAhead() {
            asked++;
            return readsAhead;
        }
    }

    /** {@code bus} for Binding Updates, {@code acks} for Binding Acknowledgements, and a view role admitting Home Address options. */
    private void addBurstHandlers(PrefetchLog bus, PrefetchLog acks) {
        roles.addMobility(MobilityMessage.BINDING_UPDATE, bus, 0);
        roles.addMobility(MobilityMessage.BINDING_ACKNOWLEDGEMENT, acks, 0);
        roles.addHomeAddress(new ViewRole(), 0);
    }

    private static Ipv6Packet acknowledgement() {
        return Ipv6Packet.of(A, B, 64, new Payload.Mobility(new MobilityMessage.BindingAcknowledgement(0, 0, 1, 10, List.of())));
    }

    @Test
    void aBurstTellsEachMobilityHandlerItsMessagesHomeAddressesFirstAndChangesNothing() throws Exception {
        PrefetchLog bus = new PrefetchLog("bu");
        PrefetchLog acks = new PrefetchLog("ba");
        addBurstHandlers(bus, acks);
        Ipv6Address other = Ipv6Address.parse("2001:db8:9::77");
        Ipv6Packet ack = acknowledgement();
        Ipv6Packet echo = Ipv6Packet.of(A, B, 64, new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.of(new byte[4]))));
        Ipv6Packet otherBu = new Ipv6Packet(0, 0, 64, A, B, List.of(ExtensionHeader.DestinationOptions.homeAddress(other)),
                bu(3, false).payload());
        byte[] multicast = StackScenarioTest.frame(a, b, bu(4, true), 0);
        multicast[0] |= 1; // to a group MAC: not a plain message for the node
        byte[] truncated = java.util.Arrays.copyOf(StackScenarioTest.frame(a, b, bu(5, true), 0), 14 + 40 + 10);
        byte[][] burst = {
            StackScenarioTest.frame(a, b, bu(1, true), 0), // home address from the option
            StackScenarioTest.frame(a, b, bu(2, false), 0), // no option: the source
            StackScenarioTest.frame(a, b, echo, 0),
            multicast,
            truncated,
            StackScenarioTest.frame(a, b, ack, 0),
            StackScenarioTest.frame(a, b, otherBu, 0),
            new byte[3],
        };
        long received = b.engine().packetsReceived();
        b.engine().prefetch(w.clock.nanos(), 0, burst, burst.length);
        assertEquals(List.of("bu ahead: " + HOME + " " + A, "ba ahead: " + A, "bu ahead: " + other), seen);
        assertEquals(received, b.engine().packetsReceived(), "nothing received yet");

        seen.clear();
        bus.failure = new IllegalStateException("boom");
        long errors = b.engine().roleCounters().get("role.errors");
        b.engine().prefetch(w.clock.nanos(), 0, burst, 2);
        assertEquals(List.of("bu ahead: " + HOME + " " + A), seen);
        assertEquals(errors + 1, b.engine().roleCounters().get("role.errors"), "a handler that throws is counted");

        // through the link: a burst is announced, then each frame arrives as it would alone
        seen.clear();
        bus.failure = null;
        org.mip6.netsim.internal.engine.SimNetwork.SimLink lan = w.net.link("lan");
        lan.inject(StackScenarioTest.frame(a, b, bu(6, false), 0));
        lan.inject(StackScenarioTest.frame(a, b, ack, 0));
        lan.inject(StackScenarioTest.frame(a, b, bu(7, false), 0));
        w.run(Duration.ofMillis(1));
        assertEquals(List.of("bu ahead: " + A, "ba ahead: " + A, "bu ahead: " + A, "bu BindingUpdate for " + A,
                "ba BindingAcknowledgement for " + A, "bu BindingUpdate for " + A), seen);
    }

    @Test
    void aHandlerThatDoesNotReadAheadIsNotToldOfABurst() throws Exception {
        PrefetchLog bus = new PrefetchLog("bu");
        PrefetchLog acks = new PrefetchLog("ba");
        addBurstHandlers(bus, acks);
        Ipv6Packet ack = acknowledgement();
        byte[][] burst = {
            StackScenarioTest.frame(a, b, bu(1, true), 0),
            StackScenarioTest.frame(a, b, ack, 0),
            StackScenarioTest.frame(a, b, bu(2, false), 0),
        };
        bus.readsAhead = false;
        b.engine().prefetch(w.clock.nanos(), 0, burst, burst.length);
        assertEquals(List.of("ba ahead: " + A), seen, "only the one that reads ahead");
        assertEquals(1, bus.asked, "asked once for the burst");

        seen.clear();
        acks.readsAhead = false;
        b.engine().prefetch(w.clock.nanos(), 0, burst, burst.length);
        assertEquals(List.of(), seen, "nobody reads ahead: the frames are not read");

        long errors = b.engine().roleCounters().get("role.errors");
        acks.readsAhead = true;
        bus = new PrefetchLog("bu") {
            @Override
            public boolean readsAhead() {
                throw new IllegalStateException("boom");
            }
        };
        roles.addMobility(MobilityMessage.BINDING_UPDATE, bus, 1);
        b.engine().prefetch(w.clock.nanos(), 0, burst, burst.length);
        assertEquals(List.of("ba ahead: " + A), seen, "a handler that throws is left out");
        assertEquals(errors + 1, b.engine().roleCounters().get("role.errors"), "and counted");
    }

    /** Records "name sequence" for each Binding Update. */
    final class MobilityHandlerLog implements org.mip6.role.MobilityHandler {
        final String name;

        MobilityHandlerLog(String name) {
            this.name = name;
        }

        @Override
        public void onMobility(ReceivedPacket rx, MobilityMessage m) {
            seen.add(name + " " + ((MobilityMessage.BindingUpdate) m).sequence());
        }
    }
}
