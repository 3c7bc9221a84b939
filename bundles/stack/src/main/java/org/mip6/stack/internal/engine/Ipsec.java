package org.mip6.stack.internal.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.role.PacketProtection;
import org.mip6.role.ReceivedPacket;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketView;
import org.mip6.wire.Payload;
import org.mip6.wire.Wire;

/**
 * IPsec in the node's data path (RFC 4301 §5), for the {@link PacketProtection} a role bundle registers:
 * packets this node sends go through its outbound processing once their source is chosen; ESP packets
 * for this node are opened once the Home Address option and Type 2 Routing Header are processed (RFC
 * 3776 §4.1: transport-mode selectors keep the home address), and what comes out is received in their
 * place; Mobility Header messages and tunnelled packets that arrive without ESP are checked against the
 * policy. While the service is being replaced, all of these wait in the hold queue: nothing leaves or is
 * accepted unprotected that a policy would protect.
 */
final class Ipsec {

    /** Goes on with a packet once IPsec let it through. */
    interface Continuation {
        void resume(long now, ReceiveContext rx, ReceivedPacket rp, List<Transmit> out);
    }

    /** Sends a packet that waited for IPsec. */
    interface Resend {
        void send(long now, Ipv6Packet p, List<Transmit> out);
    }

    private final NodeCounters counters;
    private final NodeEvents events;
    private RoleDispatch dispatch;
    /**
     * The last care-of address of each mobile node away from home (RoleNode.migrateSecurityAssociations),
     * for a service that replaces the one that heard it; kept only on a node that has (or had) IPsec, so a
     * home agent without it does not hold a second copy of its bindings.
     */
    private final Map<Ipv6Address, Ipv6Address> migrations = new LinkedHashMap<>();
    private PacketProtection told;

    Ipsec(NodeCounters counters, NodeEvents events) {
        this.counters = counters;
        this.events = events;
    }

    void setDispatch(RoleDispatch dispatch) {
        this.dispatch = dispatch;
    }

    private RoleHandlers handlers() {
        return dispatch == null ? RoleHandlers.NONE : dispatch.handlers();
    }

    /** Whether IPsec has anything to say on this node: a service registered, now or before its swap. */
    boolean active() {
        RoleHandlers h = handlers();
        return h.protection() != null || h.claimed(HandlerKey.PROTECTION);
    }

    // ---------------------------------------------------------------------------------------------
    // Outbound (RFC 4301 §5.1)

    /**
     * A packet this node sends, its source chosen: the packet to send (protected, or as it was), or null
     * when it was discarded or waits for the service (then {@code resend} sends it when it is back).
     */
    Ipv6Packet outbound(long now, Ipv6Packet p, Resend resend, List<Transmit> out) {
        if (neverProtected(p) || !active()) {
            return p;
        }
        PacketProtection pp = handlers().protection();
        if (pp == null) {
            dispatch.await(now, HandlerKey.PROTECTION, new RoleDispatch.Delivery() {
                @Override
                public void deliver(long t, ReceiveContext r, List<Transmit> o) {
                    resend.send(t, p, o);
                }

                @Override
                public void expire(long t, ReceiveContext r, List<Transmit> o) {
                    counters.drop(Drop.IPSEC_AWAY, 1);
                }
            }, null, out);
            return null;
        }
        PacketProtection.Outbound d = call(now, () -> pp.outbound(p), null);
        if (d instanceof PacketProtection.Protect pr) {
            counters.espSent++;
            return pr.packet();
        }
        if (d instanceof PacketProtection.Bypass) {
            return p;
        }
        counters.drop(Drop.IPSEC_DISCARDED, 1); // discarded by policy, or the service threw: never sent in the clear
        return null;
    }

    /** Calls the service: its answer, or {@code failed} when it throws (counted and reported; the node goes on). */
    private <T> T call(long now, java.util.function.Supplier<T> call, T failed) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            counters.roleErrors++;
            events.roleError(now, HandlerKey.PROTECTION, e);
            return failed;
        }
    }

    /** Neighbor Discovery and MLD are never protected here (RFC 4301 §4.4.1.1's ICMP bypass). */
    private static boolean neverProtected(Ipv6Packet p) {
        if (p.payload() instanceof Payload.Icmpv6 i) {
            int t = i.message().type();
            return t >= 130 && t <= 137 || t == 143;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Inbound (RFC 4301 §5.2)

    /** Whether the packet is an ESP packet (after its extension headers). */
    static boolean isEsp(Ipv6Packet p) {
        return p.payload() instanceof Payload.Esp || p.payload() instanceof Payload.Opaque o && o.protocol() == Wire.ESP;
    }

    /**
     * An ESP packet for this node, its Home Address option and Type 2 Routing Header processed:
     * opened by the service and received in its place ({@code next}), or dropped. Only when {@link #active()}.
     */
    void esp(long now, ReceiveContext rx, ReceivedPacket rp, Continuation next, List<Transmit> out) {
        dispatch.await(now, HandlerKey.PROTECTION, new RoleDispatch.Delivery() {
            @Override
            public void deliver(long t, ReceiveContext r, List<Transmit> o) {
                open(t, r, rp, next, o);
            }

            @Override
            public void expire(long t, ReceiveContext r, List<Transmit> o) {
                counters.drop(Drop.IPSEC_AWAY, 1);
            }
        }, rx, out);
    }

    private void open(long now, ReceiveContext rx, ReceivedPacket rp, Continuation next, List<Transmit> out) {
        PacketProtection pp = handlers().protection();
        if (pp == null) { // went between the check and the call: wait again
            esp(now, rx, rp, next, out);
            return;
        }
        PacketView v = rx.view();
        PacketProtection.Inbound in = call(now, () -> pp.inbound(rp, Bytes.copyOf(v.buffer(), v.payloadOffset(),
                v.payloadLength())), null);
        if (!(in instanceof PacketProtection.Opened opened)) {
            counters.drop(Drop.IPSEC_REFUSED, 1);
            return;
        }
        counters.espOpened++;
        ReceiveContext inner;
        try {
            inner = rx.reframed(v.withPayload(opened.nextHeader(), opened.payload()), opened.protection()); // RFC 4303 §3.4.4
        } catch (DecodeException e) { // what the SA carried does not parse: as a malformed packet would be
            counters.decodeError(e.reason());
            events.decodeError(now, rx.iface().index, e);
            return;
        } catch (RuntimeException e) { // a payload the frame cannot hold (an oversized one): dropped, counted
            counters.roleErrors++;
            events.roleError(now, HandlerKey.PROTECTION, e);
            counters.drop(Drop.IPSEC_REFUSED, 1);
            return;
        }
        Ipv6Packet p = inner.packet();
        PacketView iv = inner.view();
        // IRO: the SA supplied the home address the packet carried no option or header for
        Ipv6Address home = opened.homeSource();
        Ipv6Address homeTo = opened.homeDestination();
        ReceivedPacket opened2 = new ReceivedPacket(now, rp.iface(), p, home != null ? home : rp.source(),
                homeTo != null ? homeTo : rp.destination(), home != null ? p.source() : rp.careOfAddress(),
                homeTo != null || rp.routingHeader2(), rp.tunnelOuter(),
                p.payload() instanceof Payload.Mobility ? Bytes.copyOf(iv.buffer(), iv.payloadOffset(), iv.payloadLength()) : null,
                opened.protection());
        next.resume(now, inner, opened2, out);
    }

    /**
     * A packet a role may see (Mobility Header, a HAO or RH2, tunnelled, an ICMPv6 type a role watches) that
     * arrived without ESP: on to {@code next} when the policy admits it, else dropped (RFC 4301 §5.2; RFC 6275
     * §10.3.1: no Binding Acknowledgement). Which of them a policy protects is the service's to say.
     */
    void clear(long now, ReceiveContext rx, ReceivedPacket rp, Continuation next, List<Transmit> out) {
        if (rp.protectedByEsp() || !active()) {
            next.resume(now, rx, rp, out);
            return;
        }
        dispatch.await(now, HandlerKey.PROTECTION, new RoleDispatch.Delivery() {
            @Override
            public void deliver(long t, ReceiveContext r, List<Transmit> o) {
                PacketProtection pp = handlers().protection();
                if (pp == null) {
                    clear(t, r, rp, next, o);
                    return;
                }
                if (call(t, () -> pp.admitsClear(rp), false)) {
                    next.resume(t, r, rp, o);
                } else {
                    counters.drop(Drop.IPSEC_POLICY, 1);
                }
            }

            @Override
            public void expire(long t, ReceiveContext r, List<Transmit> o) {
                counters.drop(Drop.IPSEC_AWAY, 1);
            }
        }, rx, out);
    }

    // ---------------------------------------------------------------------------------------------
    // SA migration (RFC 4877 §3.4)

    boolean protects(Ipv6Address home, Ipv6Address peer) {
        PacketProtection pp = handlers().protection();
        return pp != null && call(0, () -> pp.protects(home, peer), false);
    }

    void migrate(Ipv6Address home, Ipv6Address careOf) {
        PacketProtection pp = handlers().protection();
        if (home.equals(careOf)) {
            migrations.remove(home); // at home or gone: nothing to replay
        } else if (active()) {
            migrations.put(home, careOf);
        }
        if (pp != null) {
            tell(pp, home, careOf);
        }
    }

    /** The handlers changed: a service that came (back) hears where each mobile node is. */
    void handlersChanged(long now) {
        PacketProtection pp = handlers().protection();
        if (pp == null || pp == told) {
            return;
        }
        told = pp;
        migrations.forEach((home, careOf) -> tell(pp, home, careOf));
    }

    private void tell(PacketProtection pp, Ipv6Address home, Ipv6Address careOf) {
        call(0, () -> {
            pp.migrate(home, careOf);
            return null;
        }, null);
    }

}
