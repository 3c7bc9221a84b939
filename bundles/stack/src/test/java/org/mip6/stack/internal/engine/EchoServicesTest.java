package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.role.OutboundHandler;
import org.mip6.wire.Bytes;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.PacketView;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;

/** The echo responder: the record-free path writes exactly the bytes the general path encodes. */
class EchoServicesTest {

    static final Ipv6Address ME = Parts.P.withInterfaceId(1);
    static final Ipv6Address PEER = Parts.P.withInterfaceId(2);

    final Parts p = ExtensionHeadersTest.parts();
    final Outbound outbound = new Outbound(p.ifaces, p.routes, new Tunnels("t"), p.sources, p.neighbors, p.counters, NodeEvents.NONE);
    final List<String> replies = new ArrayList<>();
    final List<String> datagrams = new ArrayList<>();
    final EchoServices echo = new EchoServices(outbound, p.sources, new NodeEvents() {
        @Override
        public void echoReply(long now, Ipv6Address from, int identifier, int sequence, Bytes data) {
            replies.add(from + " " + identifier + " " + sequence + " " + data.length());
        }

        @Override
        public void udp(long now, Ipv6Packet packet, Payload.Udp datagram) {
            datagrams.add(packet.destination() + " " + datagram.destinationPort());
        }
    }, p.addresses, p.counters, p.emitter, new IcmpErrors(outbound, p.sources, p.counters), false);

    static byte[] frame(Ipv6Packet pk) {
        return PacketCodec.encodeEthernet(EthernetFrame.ipv6(Parts.MAC, Parts.PEER_MAC, pk));
    }

    @Test
    void theRecordFreeReplyIsTheReplyTheGeneralPathEncodes() throws Exception {
        for (int len : new int[] {0, 1, 7, 56, 1000}) {
            for (int tc : new int[] {0, 0x2e}) {
                Ipv6Packet request = new Ipv6Packet(tc, 0x12345, 17, PEER, ME, List.of(),
                        new Payload.Icmpv6(new Icmpv6Message.EchoRequest(0xbeef, len, Bytes.of(new byte[len]))));
                byte[] f = frame(request);
                List<Transmit> fast = new ArrayList<>();
                assertTrue(echo.fastPath(0, p.iface, f, new PacketView().wrapEthernet(f, 0, f.length), fast));
                List<Transmit> general = new ArrayList<>();
                echo.onRequest(0, ReceiveContext.of(p.iface, f), (Icmpv6Message.EchoRequest) Parts.icmp(request), general);
                assertEquals(1, fast.size());
                assertArrayEquals(general.get(0).frame(), fast.get(0).frame(), "data " + len + ", traffic class " + tc);
            }
        }
    }

    /** RFC 8201: a reply longer than the Path MTU a Packet Too Big taught is left to the general path, which fragments it. */
    @Test
    void aReplyLongerThanThePathMtuIsLeftToTheGeneralPath() throws Exception {
        Ipv6Packet request = Ipv6Packet.of(PEER, ME, 64,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.of(new byte[1400]))));
        byte[] f = frame(request);
        assertTrue(echo.fastPath(0, p.iface, f, new PacketView().wrapEthernet(f, 0, f.length), new ArrayList<>()));
        outbound.learnPathMtu(0, PEER, 1280);
        assertFalse(echo.fastPath(1, p.iface, f, new PacketView().wrapEthernet(f, 0, f.length), new ArrayList<>()));
        assertTrue(echo.fastPath(Outbound.PATH_MTU_LIFETIME_NANOS, p.iface, f, new PacketView().wrapEthernet(f, 0, f.length),
                new ArrayList<>()), "forgotten after 10 minutes (RFC 8201 §5.3)");
    }

    @Test
    void aReplyIsReportedWithItsFields() throws Exception {
        Ipv6Packet reply = Ipv6Packet.of(PEER, ME, 64, new Payload.Icmpv6(new Icmpv6Message.EchoReply(7, 3, Bytes.of(new byte[5]))));
        byte[] f = frame(reply);
        assertTrue(echo.fastPath(0, p.iface, f, new PacketView().wrapEthernet(f, 0, f.length), new ArrayList<>()));
        assertEquals(List.of(PEER + " 7 3 5"), replies);
    }

    @Test
    void whatTheRecordFreePathLeavesToTheGeneralOne() throws Exception {
        Ipv6Packet toOther = Ipv6Packet.of(PEER, Parts.P.withInterfaceId(9), 64,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY)));
        Ipv6Packet withHao = new Ipv6Packet(0, 0, 64, PEER, ME,
                List.of(org.mip6.wire.ExtensionHeader.DestinationOptions.homeAddress(Ipv6Address.parse("2001:db8:9::9"))),
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY)));
        Ipv6Packet fromUnresolved = Ipv6Packet.of(Parts.P.withInterfaceId(3), ME, 64,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY)));
        for (Ipv6Packet pk : List.of(toOther, withHao, fromUnresolved)) {
            byte[] f = frame(pk);
            List<Transmit> out = new ArrayList<>();
            assertFalse(echo.fastPath(0, p.iface, f, new PacketView().wrapEthernet(f, 0, f.length), out), pk.toString());
            assertEquals(List.of(), out);
        }
        // a role watching echo requests sees them through the general path
        HandlerTable roles = new HandlerTable();
        roles.addIcmpv6(128, (rx, m) -> { }, 0);
        outbound.setRoles(roles);
        byte[] f = frame(Ipv6Packet.of(PEER, ME, 64, new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY))));
        assertFalse(echo.fastPath(0, p.iface, f, new PacketView().wrapEthernet(f, 0, f.length), new ArrayList<>()));
    }

    /**
     * An echo request to all-nodes while no address of the interface is usable (all tentative or duplicate, the
     * home-link fuzz test's seeds 220, 540, ...): no reply, since a reply needs a source (RFC 4443 §4.2), and the
     * drop counted; it threw before.
     */
    @Test
    void anEchoRequestToAllNodesWithNoUsableAddressIsDroppedAndCounted() throws Exception {
        for (AddressEntry e : p.addresses.entries(0)) {
            e.state = AddressState.DUPLICATE;
        }
        Ipv6Packet request = Ipv6Packet.of(PEER, Ipv6Address.ALL_NODES, 64,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY)));
        byte[] f = frame(request);
        List<Transmit> out = new ArrayList<>();
        echo.onRequest(0, ReceiveContext.of(p.iface, f), (Icmpv6Message.EchoRequest) Parts.icmp(request), out);
        assertEquals(List.of(), out);
        assertEquals(1L, p.counters.drops().get(Drop.DETACHED_SOURCE));
    }

    /** RFC 4443 §3.1: a unicast datagram to a port nobody listens on gets Destination Unreachable code 4. */
    @Test
    void aDatagramToAPortWithNoListenerIsAnsweredPortUnreachable() throws Exception {
        Ipv6Packet toClosed = Ipv6Packet.of(PEER, ME, 64, new Payload.Udp(40000, 9, Bytes.of(new byte[4])));
        byte[] f = frame(toClosed);
        List<Transmit> out = new ArrayList<>();
        echo.onUdp(0, ReceiveContext.of(p.iface, f), (Payload.Udp) toClosed.payload(), out);
        Ipv6Packet error = Parts.decode(out).get(0);
        assertEquals(List.of(ME, PEER), List.of(error.source(), error.destination()));
        Icmpv6Message.DestinationUnreachable du = (Icmpv6Message.DestinationUnreachable) Parts.icmp(error);
        assertEquals(4, du.code());
        assertArrayEquals(java.util.Arrays.copyOfRange(f, 14, f.length), du.invokingPacket().toArray(), "the datagram quoted");
        assertEquals(1L, p.counters.drops().get(Drop.PORT_UNREACHABLE));
        assertEquals(List.of(ME + " 9"), datagrams, "the node's listeners hear it all the same");
        datagrams.clear();

        // a port this node sent from is listened on; the echo service's too; a group's datagram is heard, never answered
        echo.bind(40001);
        Ipv6Packet toBound = Ipv6Packet.of(PEER, ME, 64, new Payload.Udp(7, 40001, Bytes.of(new byte[4])));
        Ipv6Packet toGroup = Ipv6Packet.of(PEER, Ipv6Address.ALL_NODES, 64, new Payload.Udp(40000, 9, Bytes.of(new byte[4])));
        for (Ipv6Packet pk : List.of(toBound, toGroup)) {
            List<Transmit> none = new ArrayList<>();
            echo.onUdp(0, ReceiveContext.of(p.iface, frame(pk)), (Payload.Udp) pk.payload(), none);
            assertEquals(List.of(), none, pk.toString());
        }
        assertEquals(List.of(ME + " 40001", Ipv6Address.ALL_NODES + " 9"), datagrams);
        assertEquals(1L, p.counters.drops().get(Drop.PORT_UNREACHABLE));
    }

    /** A node with an outbound handler keeps the record-free path for destinations the handler promises to leave alone. */
    @Test
    void anOutboundHandlerThatLeavesADestinationAloneKeepsTheRecordFreePath() throws Exception {
        byte[] f = frame(Ipv6Packet.of(PEER, ME, 64, new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY))));
        HandlerTable roles = new HandlerTable();
        roles.addOutbound(pk -> OutboundHandler.DIRECT, 0); // promises nothing: every packet is asked about
        outbound.setRoles(roles);
        assertFalse(echo.fastPath(0, p.iface, f, new PacketView().wrapEthernet(f, 0, f.length), new ArrayList<>()));
        HandlerTable promising = new HandlerTable();
        promising.addOutbound(new OutboundHandler() {
            @Override
            public Decision outbound(Ipv6Packet pk) {
                return DIRECT;
            }

            @Override
            public boolean direct(Ipv6Address destination) {
                return destination.equals(PEER);
            }
        }, 0);
        outbound.setRoles(promising);
        assertTrue(echo.fastPath(0, p.iface, f, new PacketView().wrapEthernet(f, 0, f.length), new ArrayList<>()));
    }
}
