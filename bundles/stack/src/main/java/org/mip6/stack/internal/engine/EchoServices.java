package org.mip6.stack.internal.engine;

import java.util.BitSet;
import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.Bytes;
import org.mip6.wire.Checksum;
import org.mip6.wire.PacketView;
import org.mip6.wire.Wire;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message.EchoReply;
import org.mip6.wire.icmp.Icmpv6Message.EchoRequest;

/**
 * The ICMPv6 echo responder (RFC 4443 §4.2) and the UDP echo service (RFC 862) that ping and traffic flows
 * measure against; datagrams to ports nobody listens on are answered port unreachable (RFC 4443 §3.1).
 */
final class EchoServices {

    /** The UDP echo service port (RFC 862). */
    static final int UDP_ECHO_PORT = 7;

    private final Outbound outbound;
    private final SourceAddressSelection sources;
    private final NodeEvents events;
    private final AddressTable addresses;
    private final NodeCounters counters;
    private final Emitter emitter;
    private final boolean optimisticDad;
    private final IcmpErrors errors;
    /** UDP ports this node sent from ({@link #bind}); grows to the highest one only on a node that sends datagrams. */
    private final BitSet boundPorts = new BitSet(0);

    EchoServices(Outbound outbound, SourceAddressSelection sources, NodeEvents events, AddressTable addresses,
                 NodeCounters counters, Emitter emitter, IcmpErrors errors, boolean optimisticDad) {
        this.outbound = outbound;
        this.sources = sources;
        this.events = events;
        this.addresses = addresses;
        this.counters = counters;
        this.emitter = emitter;
        this.optimisticDad = optimisticDad;
        this.errors = errors;
    }

    /**
     * The common case on the checked view, without records: an echo request or reply to one of our
     * unicast addresses, no extension headers, no role watching echoes. A request is answered by
     * rewriting the received bytes (addresses swapped, type 129, checksum recomputed): the same bytes
     * the general path would encode. Anything else (or a neighbour still to resolve) returns false and
     * takes the general path, which reacts to whatever the view found.
     *
     * @param frame a frame the link-layer filter accepted
     * @param v     the frame, wrapped and checked
     */
    boolean fastPath(long now, Iface i, byte[] frame, PacketView v, List<Transmit> out) {
        if (v.extensionHeaderCount() != 0 || v.nextHeader() != Wire.ICMPV6 || v.isPayloadOpaque()
                || (frame[0] & 1) != 0) { // a group frame (a unicast one passed the link-layer filter: ours)
            return false;
        }
        int type = v.icmpv6Type();
        if (type != 128 && type != 129 || v.icmpv6Code() != 0 || v.payloadLength() < 8) {
            return false;
        }
        if (outbound.roles().watchesIcmpv6(type)) {
            return false;
        }
        Ipv6Address dst = v.destination();
        if (!addresses.receivesOn(i, dst, optimisticDad)) {
            return false; // another interface's address, or one that receives nothing yet: the general path decides
        }
        int at = v.payloadOffset();
        int len = v.payloadLength();
        Ipv6Address src = v.source();
        if (type == 129) {
            counters.received++;
            events.echoReply(now, src, Wire.u16(frame, at + 4), Wire.u16(frame, at + 6), Bytes.copyOf(frame, at + 8, len - 8));
            return true;
        }
        if (src.isMulticast() || src.isUnspecified() || !outbound.direct(src) || outbound.tunnelledFrom(dst)) {
            return false;
        }
        MacAddress mac = outbound.nextHopNow(now, src, i.index, v.ipv6End() - v.ipv6Offset());
        if (mac == null) {
            return false;
        }
        Iface outIf = outbound.routedIface;
        counters.received++;
        int ip = v.ipv6Offset();
        byte[] reply = new byte[v.ipv6End()];
        System.arraycopy(frame, 0, reply, 0, reply.length);
        mac.write(reply, 0);
        outIf.mac.write(reply, 6);
        reply[ip] = 0x60; // version 6, traffic class and flow label 0: what Ipv6Packet.of encodes
        reply[ip + 1] = 0;
        reply[ip + 2] = 0;
        reply[ip + 3] = 0;
        reply[ip + 7] = (byte) outbound.hopLimit();
        System.arraycopy(frame, v.destinationOffset(), reply, ip + 8, 16);
        System.arraycopy(frame, v.sourceOffset(), reply, ip + 24, 16);
        reply[at] = (byte) 129;
        reply[at + 2] = 0;
        reply[at + 3] = 0;
        int sum = Checksum.compute(dst, src, Wire.ICMPV6, reply, at, len);
        reply[at + 2] = (byte) (sum >>> 8);
        reply[at + 3] = (byte) sum;
        emitter.emitFrame(outIf, reply, out);
        return true;
    }

    /**
     * Replies to unicast requests, to all-nodes, to a group joined on the interface and to a group listened to through a tunnel (RFC 4443 §4.1, §4.2: a
     * mobile node's through its home agent's, RFC 6275 §11.3.4), from the address asked or a selected one (for the
     * tunnel's group, none: the mobile node role sends it from the home address back through the tunnel).
     */
    void onRequest(long now, ReceiveContext rx, EchoRequest er, List<Transmit> out) {
        Ipv6Packet p = rx.packet();
        if (!p.destination().isMulticast() || p.destination().equals(Ipv6Address.ALL_NODES) || rx.outer() != null
                || rx.iface().joined(p.destination())) {
            // a group listened to through a tunnel: the source is left to the role that owns the tunnel's side (a mobile
            // node's home address, RFC 4443 §4.1's address of the interface asked, sent back through the tunnel, §11.3.1)
            Ipv6Address src = !p.destination().isMulticast() ? p.destination()
                    : rx.outer() != null && !p.destination().equals(Ipv6Address.ALL_NODES) ? Ipv6Address.UNSPECIFIED
                    : sources.select(rx.iface(), p.source());
            if (src == null) {
                counters.drop(Drop.DETACHED_SOURCE, 1); // to all-nodes while no address of the interface is usable yet
                return;
            }
            outbound.originate(now, Ipv6Packet.of(src, p.source(), outbound.hopLimit(), new Payload.Icmpv6(
                    new EchoReply(er.identifier(), er.sequence(), er.data()))), rx.iface().index, out);
        }
    }

    void onReply(long now, ReceiveContext rx, EchoReply er) {
        events.echoReply(now, rx.packet().source(), er.identifier(), er.sequence(), er.data());
    }

    /** A port this node sends datagrams from (a flow's, as a socket would be bound): what comes back to it is heard. */
    void bind(int port) {
        boundPorts.set(port);
    }

    /**
     * A datagram for us: port 7 is echoed back (unicast only). The node's sockets are that echo service and
     * the ports it sent from: a unicast datagram to any other port has no listener and is answered with
     * Destination Unreachable code 4, port unreachable (RFC 4443 §3.1), as Linux answers it (traceroute's
     * last hop). The owner's listeners hear of every datagram all the same, as a capture would.
     */
    void onUdp(long now, ReceiveContext rx, Payload.Udp u, List<Transmit> out) {
        Ipv6Packet p = rx.packet();
        boolean multicast = p.destination().isMulticast();
        int port = u.destinationPort();
        if (port == UDP_ECHO_PORT && !multicast) {
            outbound.originate(now, Ipv6Packet.of(p.destination(), p.source(), outbound.hopLimit(),
                    new Payload.Udp(UDP_ECHO_PORT, u.sourcePort(), u.data())), rx.iface().index, out);
        } else if (port != UDP_ECHO_PORT && !multicast && !boundPorts.get(port)) {
            counters.drop(Drop.PORT_UNREACHABLE, 1);
            errors.destinationUnreachable(now, rx.iface(), p, 4, ExtensionHeaders.invoking(rx), out);
        }
        events.udp(now, p, u);
    }
}
