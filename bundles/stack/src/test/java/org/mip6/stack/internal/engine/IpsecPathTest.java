package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.role.PacketProtection;
import org.mip6.role.Protection;
import org.mip6.role.ReceivedPacket;
import org.mip6.role.Verdict;
import org.mip6.wire.Bytes;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.Wire;
import org.mip6.wire.mh.MobilityMessage;

/**
 * The node's side of IPsec (RFC 4301 §5) with a stand-in for the ipsec bundle whose "ESP" is the payload in
 * the clear after an SPI and sequence number (the node must not care how it is sealed): what the node sends
 * goes through it, ESP for the node is opened after the Home Address option's swap and received in its
 * place with the HAO admitted for what it carried, unprotected signalling is checked, IRO's home address
 * comes from the SA, and while the service is away nothing is sent or accepted that it would have seen.
 */
class IpsecPathTest {

    static final Ipv6Prefix P = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address A = P.withInterfaceId(0xa);
    static final Ipv6Address B = P.withInterfaceId(0xb);
    static final Ipv6Address HOME = Ipv6Address.parse("2001:db8:9::99");
    static final long HOLD = 500_000_000L;
    static final long SPI = 0x1001;

    World w;
    World.Node a;
    World.Node b;
    HandlerTable roles;
    final List<ReceivedPacket> delivered = new ArrayList<>();
    final List<ReceivedPacket> admissions = new ArrayList<>();
    /** What the stand-in was asked. */
    final List<String> asked = new ArrayList<>();

    /** Seals MH only; opens its own "ESP"; refuses clear MH; IRO when told. */
    final class StandIn implements PacketProtection {
        Ipv6Address iroHome;
        boolean throwing;

        @Override
        public Outbound outbound(Ipv6Packet p) {
            asked.add("out " + p.payload().getClass().getSimpleName());
            if (throwing) {
                throw new IllegalStateException("broken");
            }
            if (!(p.payload() instanceof Payload.Mobility)) {
                return BYPASS;
            }
            return new Protect(sealed(p));
        }

        @Override
        public Inbound inbound(ReceivedPacket rp, Bytes esp) {
            asked.add("in " + rp.source());
            if (throwing) {
                throw new IllegalStateException("broken");
            }
            byte[] e = esp.toArray();
            byte[] payload = java.util.Arrays.copyOfRange(e, 9, e.length);
            return new Opened(e[8] & 0xff, payload, new Protection(SPI, false, 1), iroHome, null);
        }

        @Override
        public boolean admitsClear(ReceivedPacket rp) {
            asked.add("clear " + rp.packet().payload().getClass().getSimpleName());
            return !(rp.packet().payload() instanceof Payload.Mobility);
        }

        @Override
        public void migrate(Ipv6Address homeAddress, Ipv6Address careOfAddress) {
            asked.add("migrate " + homeAddress + " " + careOfAddress);
        }
    }

    static int payloadOffset(Ipv6Packet p) {
        return PacketCodec.encodedLength(p) - payloadLength(p);
    }

    static int payloadLength(Ipv6Packet p) {
        return PacketCodec.encodedLength(p.withExtensionHeaders(List.of())) - PacketCodec.IPV6_HEADER_LENGTH;
    }

    @BeforeEach
    void setUp() {
        w = new World(21).link(LinkParameters.ideal("lan"));
        a = w.host("a", NdParameters.DEFAULT, "lan");
        b = w.node("b", false, NdParameters.DEFAULT, null, new HoldParameters(8, HOLD), "lan");
        a.runner.transmit(a.engine().addAddress(0, 0, P, A));
        b.runner.transmit(b.engine().addAddress(0, 0, P, B));
        w.run(Duration.ofSeconds(3));
        StackScenarioTest.echoOnce(w, a, B);
        roles = new HandlerTable();
        b.engine().setRoleHandlers(roles);
        roles.addMobility(5, (rp, m) -> delivered.add(rp), 0);
        roles.addMobility(6, (rp, m) -> delivered.add(rp), 0);
        roles.addHomeAddress(rp -> {
            admissions.add(rp);
            return Verdict.ACCEPT;
        }, 0);
    }

    static Ipv6Packet bu(Ipv6Address src, boolean hao) {
        return new Ipv6Packet(0, 0, 64, src, B, hao ? List.of(ExtensionHeader.DestinationOptions.homeAddress(HOME)) : List.of(),
                new Payload.Mobility(new MobilityMessage.BindingUpdate(7, MobilityMessage.BindingUpdate.A, 10, List.of())));
    }

    /** A BA b sends to a. */
    static Ipv6Packet ba() {
        return new Ipv6Packet(0, 0, 64, B, A, List.of(), new Payload.Mobility(
                new MobilityMessage.BindingAcknowledgement(0, 0, 7, 10, List.of())));
    }

    /** {@code p} with its MH in the stand-in's "ESP". */
    static Ipv6Packet sealed(Ipv6Packet p) {
        byte[] whole = PacketCodec.encode(p);
        byte[] plain = java.util.Arrays.copyOfRange(whole, payloadOffset(p), whole.length);
        byte[] rest = new byte[plain.length + 1];
        rest[0] = (byte) Wire.MOBILITY;
        System.arraycopy(plain, 0, rest, 1, plain.length);
        return p.withPayload(new Payload.Esp(SPI, 1, Bytes.of(rest)));
    }

    List<Ipv6Packet> receive(Ipv6Packet p) throws Exception {
        List<Ipv6Packet> sent = RoleDispatchTest.decode(b.engine().onFrame(w.clock.nanos(), 0, StackScenarioTest.frame(a, b, p, 0)));
        b.runner.transmit(List.of());
        return RoleDispatchTest.notNd(sent);
    }

    @Test
    void espIsOpenedAfterTheHomeAddressOptionAndTheOptionIsAdmittedForWhatItCarried() throws Exception {
        roles.addProtection(new StandIn(), 0);
        receive(sealed(bu(A, true)));
        assertEquals(List.of("in " + HOME), asked, "the SA sees the home address as the source (RFC 3776 §4.1)");
        assertEquals(1, admissions.size());
        assertInstanceOf(Payload.Mobility.class, admissions.get(0).packet().payload(), "admitted for the BU inside");
        ReceivedPacket rp = delivered.get(0);
        assertEquals(HOME, rp.source());
        assertEquals(A, rp.careOfAddress());
        assertEquals(new Protection(SPI, false, 1), rp.protection());
        assertTrue(rp.mobilityHeader() != null && rp.mobilityHeader().length() > 0);
        assertEquals(1L, b.engine().roleCounters().get("esp.opened"));
    }

    @Test
    void withIroTheSaSuppliesTheHomeAddressOfAPacketFromTheCareOfAddress() throws Exception {
        StandIn s = new StandIn();
        s.iroHome = HOME;
        roles.addProtection(s, 0);
        receive(sealed(bu(A, false)));
        ReceivedPacket rp = delivered.get(0);
        assertEquals(HOME, rp.source(), "as if a Home Address option had said it");
        assertEquals(A, rp.careOfAddress());
    }

    @Test
    void signallingWithoutEspIsCheckedAndRefusedWherePolicySaysSo() throws Exception {
        roles.addProtection(new StandIn(), 0);
        receive(bu(A, true));
        assertEquals(List.of(), delivered);
        assertEquals(1L, b.engine().drops().get(Drop.IPSEC_POLICY));
        assertTrue(asked.contains("clear Mobility"), asked.toString());
    }

    @Test
    void whatTheNodeSendsGoesThroughIpsecAndBypassedTrafficIsUntouched() throws Exception {
        roles.addProtection(new StandIn(), 0);
        Ipv6Packet ba = ba();
        List<Ipv6Packet> out = RoleDispatchTest.decode(b.engine().sendAsRole(w.clock.nanos(), ba));
        assertEquals(1, out.size());
        assertInstanceOf(Payload.Esp.class, out.get(0).payload());
        assertEquals(1L, b.engine().roleCounters().get("esp.sent"));
        List<Ipv6Packet> echo = RoleDispatchTest.decode(b.engine().sendAsRole(w.clock.nanos(), Ipv6Packet.of(B, A, 64,
                new Payload.Icmpv6(new org.mip6.wire.icmp.Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY)))));
        assertInstanceOf(Payload.Icmpv6.class, echo.get(0).payload(), "bypassed");
    }

    @Test
    void whileIpsecIsAwayNothingItWouldSeeLeavesOrIsAcceptedAndItAllGoesOnWhenItIsBack() throws Exception {
        StandIn first = new StandIn();
        roles.addProtection(first, 0);
        roles.remove(first); // the ipsec bundle is being replaced
        Ipv6Packet ba = ba();
        assertEquals(List.of(), RoleDispatchTest.decode(b.engine().sendAsRole(w.clock.nanos(), ba)), "not sent in the clear");
        assertEquals(List.of(), receive(sealed(bu(A, true))));
        assertEquals(List.of(), receive(bu(A, true)));
        assertEquals(List.of(), delivered);
        assertEquals(3, b.engine().heldPackets());
        b.engine().migrateSecurityAssociations(HOME, A);
        StandIn second = new StandIn();
        roles.addProtection(second, 0);
        List<Ipv6Packet> out = RoleDispatchTest.decode(b.engine().handlersChanged(w.clock.nanos()));
        assertInstanceOf(Payload.Esp.class, out.get(0).payload(), "the held BA, sealed");
        assertEquals(1, delivered.size(), "the ESP BU delivered, the clear one refused: " + asked);
        assertEquals(1L, b.engine().drops().get(Drop.IPSEC_POLICY));
        assertTrue(asked.contains("migrate " + HOME + " " + A), "the new instance hears where the mobile node is: " + asked);
    }

    @Test
    void pastTheHoldTimeWhatWaitedForIpsecIsDroppedNeverSentInTheClear() throws Exception {
        StandIn s = new StandIn();
        roles.addProtection(s, 0);
        roles.remove(s);
        Ipv6Packet ba = ba();
        b.runner.transmit(b.engine().sendAsRole(w.clock.nanos(), ba));
        receive(sealed(bu(A, true)));
        long t0 = w.clock.nanos();
        List<Ipv6Packet> expired = RoleDispatchTest.notNd(RoleDispatchTest.decode(b.engine().onTimer(t0 + HOLD)));
        assertEquals(List.of(), expired);
        assertEquals(2L, b.engine().drops().get(Drop.IPSEC_AWAY));
        assertEquals(List.of(), delivered);
    }

    @Test
    void anIpsecServiceThatThrowsIsCountedAndTheNodeGoesOn() throws Exception {
        StandIn s = new StandIn();
        s.throwing = true;
        roles.addProtection(s, 0);
        receive(sealed(bu(A, true)));
        Ipv6Packet ba = ba();
        assertEquals(List.of(), RoleDispatchTest.decode(b.engine().sendAsRole(w.clock.nanos(), ba)));
        assertEquals(2L, b.engine().roleCounters().get("role.errors"));
        assertEquals(1L, b.engine().drops().get(Drop.IPSEC_REFUSED));
        assertEquals(1L, b.engine().drops().get(Drop.IPSEC_DISCARDED));
        assertEquals(List.of(), delivered);
        s.throwing = false; // fail closed meanwhile (nothing it would have seen left unprotected); then on as before
        receive(sealed(bu(A, true)));
        assertEquals(1, delivered.size());
    }
}
