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
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.pcap.PcapReader;
import org.mip6.wire.pcap.PcapRecord;

/** IPv6-in-IPv6 tunnel endpoints (RFC 2473) as the HA and MN will use them (RFC 6275 §10.4, §11.3.1). */
class TunnelTest {

    static final NdParameters ND = NdParameters.DEFAULT;
    static final Ipv6Prefix P1 = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Prefix P2 = Ipv6Prefix.parse("2001:db8:2::/64");
    static final Ipv6Prefix VIRTUAL = Ipv6Prefix.parse("2001:db8:99::/64");

    @Test
    void tunnelledTrafficDissectsCleanlyInTshark(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Tshark.available(), "tshark not installed: skipping (apt-get install tshark; CI has it)");
        trafficToATunnelRouteIsEncapsulatedAndDecapsulatedOnlyFromThePeer(dir);
        assertTrue(Tshark.check(dir.resolve("b.pcap")) >= 6, "at least the 6 tunnelled echoes");
    }

    @Test
    void trafficToATunnelRouteIsEncapsulatedAndDecapsulatedOnlyFromThePeer(@TempDir Path dir) throws Exception {
        World w = new World(21).link(LinkParameters.ideal("a")).link(LinkParameters.ideal("b"));
        w.router("r", ND, List.of("a", "b"), List.of(P1, P2), false);
        World.Node x = w.host("x", ND, "a");
        World.Node y = w.host("y", ND, "b");
        w.run(Duration.ofSeconds(6));
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
}
