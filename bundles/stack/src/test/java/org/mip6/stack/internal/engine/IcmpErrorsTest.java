package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;

/** RFC 4443 §2.4: what this node never answers with an error, how much it quotes, how often it answers. */
class IcmpErrorsTest {

    static final Ipv6Address ME = Parts.P.withInterfaceId(1);
    static final Ipv6Address PEER = Parts.P.withInterfaceId(2);

    final Parts p = ExtensionHeadersTest.parts();
    final Outbound outbound = new Outbound(p.ifaces, p.routes, new Tunnels("t"), p.sources, p.neighbors, p.counters, NodeEvents.NONE);
    final IcmpErrors errors = new IcmpErrors(outbound, p.sources, p.counters);

    static Ipv6Packet from(Ipv6Address src, Ipv6Address dst, Icmpv6Message m) {
        return Ipv6Packet.of(src, dst, 1, new Payload.Icmpv6(m));
    }

    List<Ipv6Packet> timeExceeded(Ipv6Packet offending) throws Exception {
        List<Transmit> out = new ArrayList<>();
        errors.send(0, p.iface, offending, new Icmpv6Message.TimeExceeded(0, IcmpErrors.invoking(offending)), out);
        return Parts.decode(out);
    }

    @Test
    void neverAboutAnErrorAMulticastDestinationOrAnUnspecifiedSource() throws Exception {
        Icmpv6Message echo = new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY);
        assertEquals(1, timeExceeded(from(PEER, Ipv6Address.parse("2001:db8:9::1"), echo)).size());
        assertEquals(List.of(), timeExceeded(from(PEER, Ipv6Address.parse("2001:db8:9::1"),
                new Icmpv6Message.DestinationUnreachable(0, Bytes.EMPTY))), "§2.4(e.1): about an error");
        assertEquals(List.of(), timeExceeded(from(PEER, Ipv6Address.ALL_NODES, echo)), "§2.4(e.3): multicast destination");
        assertEquals(List.of(), timeExceeded(from(Ipv6Address.UNSPECIFIED, ME, echo)), "§2.4(e.6): no source to answer");
    }

    @Test
    void theInvokingPacketIsCutToFitTheMinimumMtu() {
        Ipv6Packet big = from(PEER, ME, new Icmpv6Message.EchoRequest(1, 1, Bytes.of(new byte[1400])));
        assertEquals(1280 - 48, IcmpErrors.invoking(big).length(), "§2.4(c)");
    }

    @Test
    void aBurstOfTenThenTenASecond() throws Exception {
        Icmpv6Message echo = new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY);
        int sent = 0;
        for (int k = 0; k < 50; k++) {
            sent += timeExceeded(from(PEER, Ipv6Address.parse("2001:db8:9::1"), echo)).size();
        }
        assertEquals(IcmpErrors.BURST, sent, "§2.4(f)");
        assertEquals(40L, p.counters.drops().get(Drop.ICMP_ERROR_RATE_LIMITED));
    }
}
