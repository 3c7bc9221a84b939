package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.wire.Bytes;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.pcap.PcapReader;
import org.mip6.wire.pcap.PcapRecord;

/** IPv6-in-IPv6 tunnel endpoints (RFC 2473) as the HA and MN will use them (RFC 6275 §10.4, §11.3.1). */
class TunnelTest {

    static final NdParameters ND = NdParameters.DEFAULT;
    static final Ipv6Prefix P1 = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Prefix P2 = Ipv6Prefix.parse("2001:db8:2::/64");
    static final Ipv6Prefix VIRTUAL = Ipv6Prefix.parse("2001:db8:99::/64");

    /** Host x on link a, host y on link b, router r between them; addresses configured. */
    static World routed(long seed) {
        World w = new World(seed).link(LinkParameters.ideal("a")).link(LinkParameters.ideal("b"));
        w.router("r", ND, List.of("a", "b"), List.of(P1, P2), false);
        w.host("x", ND, "a");
        w.host("y", ND, "b");
        w.run(Duration.ofSeconds(6));
        return w;
    }

    @Test
    void tunnelledTrafficDissectsCleanlyInTshark(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Tshark.available(), "tshark not installed: skipping (apt-get install tshark; CI has it)");
        trafficToATunnelRouteIsEncapsulatedAndDecapsulatedOnlyFromThePeer(dir);
        assertTrue(Tshark.check(dir.resolve("b.pcap")) >= 6, "at least the 6 tunnelled echoes");
    }

    @Test
    void trafficToATunnelRouteIsEncapsulatedAndDecapsulatedOnlyFromThePeer(@TempDir Path dir) throws Exception {
        World w = routed(21);
        World.Node x = w.nodes.get("x");
        World.Node y = w.nodes.get("y");
        Ipv6Address xa = x.global(0);
        Ipv6Address ya = y.global(0);
        Ipv6Address inside = VIRTUAL.withInterfaceId(1);
        y.runner.transmit(y.engine().addAddress(w.clock.nanos(), 0, VIRTUAL, inside)); // reachable only through the tunnel
        int tx = x.engine().addTunnel(xa, ya);
        x.engine().addTunnelRoute(VIRTUAL, tx);
        int ty = y.engine().addTunnel(ya, xa);
        y.engine().addTunnelRoute(Ipv6Prefix.of(xa, 128), ty);
        w.run(Duration.ofSeconds(2));
        w.net.startCapture("b", dir.resolve("b.pcap"));

        EchoFlow f = w.ping(x, inside, 3, Duration.ofMillis(100), 5);
        w.run(Duration.ofSeconds(2));
        w.net.close();
        assertEquals(3, f.received(), f.toString());
        assertEquals(3, x.engine().packetsEncapsulated());
        assertEquals(3, y.engine().packetsDecapsulated());
        assertEquals(3, y.engine().packetsEncapsulated(), "the replies go back through the tunnel too");

        int tunnelled = 0;
        for (PcapRecord r : PcapReader.readAll(dir.resolve("b.pcap"))) {
            var p = PacketCodec.decodeEthernet(r.data(), 0, r.data().length).packet();
            if (p != null && p.payload() instanceof Payload.Tunnel t) {
                tunnelled++;
                assertTrue(t.inner().destination().equals(inside) || t.inner().source().equals(inside));
            }
        }
        assertEquals(6, tunnelled, "requests and replies on link b are IPv6-in-IPv6");

        // a tunnelled packet from an address that is not the configured peer is dropped (RFC 2473 §3.2)
        y.engine().removeTunnel(ty);
        y.engine().addTunnel(ya, Ipv6Address.parse("2001:db8:1::dead"));
        EchoFlow g = w.ping(x, inside, 2, Duration.ofMillis(100), 6);
        w.run(Duration.ofSeconds(2));
        assertEquals(0, g.received());
        assertEquals(2L, y.engine().drops().get(Drop.NO_TUNNEL));
    }

    /**
     * RFC 2473 §3.2: the exit point forwards the packet that came out of the tunnel, bytes as they came but
     * for the Hop Limit: here a Destination Options header padded with six Pad1 options (RFC 8200 §4.2), which
     * a packet re-encoded from records would carry as one PadN.
     */
    @Test
    void aDecapsulatedPacketIsForwardedAsItCameOutOfTheTunnel(@TempDir Path dir) throws Exception {
        World w = routed(22);
        World.Node r = w.nodes.get("r");
        World.Node x = w.nodes.get("x");
        World.Node y = w.nodes.get("y");
        Ipv6Address xa = x.global(0);
        Ipv6Address ya = y.global(0);
        Ipv6Address ra = P1.withInterfaceId(1);
        r.engine().addTunnel(ra, xa);
        byte[] inner = PacketCodec.encode(new Ipv6Packet(0, 0, 9, xa, ya,
                List.of(new ExtensionHeader.DestinationOptions(List.of())),
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(7, 1, Bytes.of(new byte[8])))));
        assertEquals(0x01, inner[40 + 2], "the encoder pads with PadN");
        java.util.Arrays.fill(inner, 40 + 2, 40 + 8, (byte) 0); // six Pad1 instead
        byte[] frame = PacketCodec.encodeEthernet(EthernetFrame.ipv6(r.engine().mac(0), x.engine().mac(0),
                Ipv6Packet.of(xa, ra, 64, new Payload.Opaque(Wire.IPV6, Bytes.of(inner)))));
        w.net.startCapture("b", dir.resolve("b.pcap"));
        w.net.ports().stream().filter(p -> p.name().equals("x.eth0")).findFirst().orElseThrow().send(frame);
        w.run(Duration.ofSeconds(1));
        w.net.close();
        assertEquals(1, r.engine().packetsDecapsulated());
        byte[] forwarded = null;
        for (PcapRecord rec : PcapReader.readAll(dir.resolve("b.pcap"))) {
            byte[] d = rec.data();
            if (d.length == 14 + inner.length && Wire.u8(d, 14 + 6) == Wire.DESTINATION_OPTIONS) {
                forwarded = java.util.Arrays.copyOfRange(d, 14, d.length);
            }
        }
        assertTrue(forwarded != null, "the inner packet on link b");
        assertEquals(8, forwarded[7], "the Hop Limit, less one");
        forwarded[7] = 9;
        assertEquals(Bytes.of(inner), Bytes.of(forwarded));
    }
}
