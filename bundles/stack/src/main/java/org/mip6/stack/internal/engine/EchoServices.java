package org.mip6.stack.internal.engine;

import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message.EchoReply;
import org.mip6.wire.icmp.Icmpv6Message.EchoRequest;

/** The ICMPv6 echo responder (RFC 4443 §4.2) and the UDP echo service (RFC 862) that ping and traffic flows measure against. */
final class EchoServices {

    /** The UDP echo service port (RFC 862). */
    static final int UDP_ECHO_PORT = 7;

    private final Outbound outbound;
    private final SourceAddressSelection sources;
    private final NodeEvents events;

    EchoServices(Outbound outbound, SourceAddressSelection sources, NodeEvents events) {
        this.outbound = outbound;
        this.sources = sources;
        this.events = events;
    }

    /** Replies to unicast requests and to all-nodes (RFC 4443 §4.2), from the address asked or a selected one. */
    void onRequest(long now, ReceiveContext rx, EchoRequest er, List<Transmit> out) {
        Ipv6Packet p = rx.packet();
        if (!p.destination().isMulticast() || p.destination().equals(Ipv6Address.ALL_NODES)) {
            Ipv6Address src = p.destination().isMulticast() ? sources.select(rx.iface(), p.source()) : p.destination();
            outbound.originate(now, Ipv6Packet.of(src, p.source(), outbound.hopLimit(), new Payload.Icmpv6(
                    new EchoReply(er.identifier(), er.sequence(), er.data()))), rx.iface().index, out);
        }
    }

    void onReply(long now, ReceiveContext rx, EchoReply er) {
        events.echoReply(now, rx.packet().source(), er.identifier(), er.sequence(), er.data());
    }

    /** A datagram for us: port 7 is echoed back (unicast only), and the owner hears of every datagram. */
    void onUdp(long now, ReceiveContext rx, Payload.Udp u, List<Transmit> out) {
        Ipv6Packet p = rx.packet();
        if (u.destinationPort() == UDP_ECHO_PORT && !p.destination().isMulticast()) {
            outbound.originate(now, Ipv6Packet.of(p.destination(), p.source(), outbound.hopLimit(),
                    new Payload.Udp(UDP_ECHO_PORT, u.sourcePort(), u.data())), rx.iface().index, out);
        }
        events.udp(now, p, u);
    }
}
