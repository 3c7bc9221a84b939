package org.mip6.stack.internal.engine;

import java.util.Objects;

import org.mip6.role.Protection;
import org.mip6.wire.DecodeException;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketView;

/**
 * A packet being received: the interface it arrived on, the packet as records, the checked view of
 * what was received (for pointers into the received bytes: of the outer packet, or of the packet
 * inside a tunnel), and the outer packet when it came through a tunnel. The view is the node's
 * reused one, valid while this packet is processed; {@link #detached()} gives a context that stays
 * valid (a packet held for a role).
 */
final class ReceiveContext {

    private final Iface iface;
    private final Ipv6Packet packet;
    private final byte[] frame;
    private final PacketView view;
    private final int depth;
    private final Ipv6Packet outer;
    private final Protection protection;

    private ReceiveContext(Iface iface, Ipv6Packet packet, byte[] frame, PacketView view, int depth, Ipv6Packet outer) {
        this(iface, packet, frame, view, depth, outer, null);
    }

    private ReceiveContext(Iface iface, Ipv6Packet packet, byte[] frame, PacketView view, int depth, Ipv6Packet outer,
                           Protection protection) {
        this.iface = iface;
        this.packet = packet;
        this.frame = frame;
        this.view = Objects.requireNonNull(view, "view");
        this.depth = depth;
        this.outer = outer;
        this.protection = protection;
    }

    /** A received frame: {@code view} has wrapped {@code frame} and {@code packet} is its IPv6 packet. */
    static ReceiveContext of(Iface iface, Ipv6Packet packet, byte[] frame, PacketView view) {
        return new ReceiveContext(iface, packet, frame, view, 0, null);
    }

    /** A frame wrapped in a view of its own (tests, and packets that outlive the node's view). */
    static ReceiveContext of(Iface iface, byte[] frame) throws DecodeException {
        PacketView v = new PacketView().wrapEthernet(frame, 0, frame.length);
        return new ReceiveContext(iface, v.toPacket(), frame, v, 0, null);
    }

    Iface iface() {
        return iface;
    }

    Ipv6Packet packet() {
        return packet;
    }

    /** The frame this packet came in (the outer packet's, for one out of a tunnel). */
    byte[] frame() {
        return frame;
    }

    /** The checked view of this packet's bytes as received (inside its tunnel for a decapsulated packet). */
    PacketView view() {
        return view;
    }

    /** The outer packet when this one came out of a tunnel, else null. */
    Ipv6Packet outer() {
        return outer;
    }

    /** The ESP SA this packet (or the tunnel it came out of) arrived under, or null. */
    Protection protection() {
        return protection;
    }

    /** The packet inside this one's tunnel: the same interface and frame, the nested view (and the tunnel's protection). */
    ReceiveContext inner(Ipv6Packet inner) {
        return new ReceiveContext(iface, inner, frame, view.tunnelled(), depth + 1, packet, protection);
    }

    /** The same packet as the upper layer sees it (home address as source, final destination). */
    ReceiveContext withPacket(Ipv6Packet p) {
        return new ReceiveContext(iface, p, frame, view, depth, outer, protection);
    }

    /**
     * This packet with its ESP opened (RFC 4303 §3.4.4): {@code opened} is the frame with the payload in
     * place of the ESP header; the interface and the outer packet stay.
     *
     * @throws DecodeException if what the SA carried does not parse (checksums included)
     */
    ReceiveContext reframed(byte[] opened, Protection protection) throws DecodeException {
        PacketView v = new PacketView().wrapEthernet(opened, 0, opened.length);
        return new ReceiveContext(iface, v.toPacket(), opened, v, 0, outer, protection);
    }

    /** A context with a view of its own, valid after the node's reused view has moved on. */
    ReceiveContext detached() {
        PacketView v = new PacketView();
        try {
            v.wrapEthernet(frame, 0, frame.length);
        } catch (DecodeException e) {
            throw new IllegalStateException("a frame that was checked no longer checks", e);
        }
        for (int k = 0; k < depth; k++) {
            v = v.tunnelled();
        }
        return new ReceiveContext(iface, packet, frame, v, depth, outer, protection);
    }
}
