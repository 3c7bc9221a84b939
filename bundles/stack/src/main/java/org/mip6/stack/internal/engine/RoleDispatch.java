package org.mip6.stack.internal.engine;

import java.util.Iterator;
import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.role.HomeAddressHandler;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.ReceivedPacket;
import org.mip6.role.RoutingHeader2Handler;
import org.mip6.role.Verdict;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.mh.MobilityMessage;

/**
 * Hands received packets to the roles registered for this node (DESIGN §3): Mobility Header messages
 * by MH Type, ICMPv6 messages by type, and the decisions on a Home Address option (RFC 6275 §9.3.1)
 * and a Type 2 Routing Header (§11.3.3). While a key that had a handler has none (its role is being
 * replaced) packets are held in a bounded queue and delivered in order when a handler returns; past
 * the hold time, or when the queue is full, the node answers as a node without the role would.
 * A handler that throws is counted and reported; the node goes on.
 */
final class RoleDispatch {

    /** Where a held packet goes: on to its handler, or to the reaction of a node without the role. */
    interface Delivery {
        void deliver(long now, ReceiveContext rx, List<Transmit> out);

        void expire(long now, ReceiveContext rx, List<Transmit> out);
    }

    /**
     * A held packet; its context has a view of its own (the node's view moves on to the next frame).
     * {@code arrival} orders the queue: a packet held again on its way (its Home Address option was
     * admitted, its MH role is away too) keeps its place.
     */
    private record Held(long arrival, HandlerKey key, long heldAt, long deadline, Delivery delivery, ReceiveContext rx) {
    }

    /** Continues a packet's processing once a role accepted it. */
    interface Resume {
        void resume(long now, ReceiveContext rx, List<Transmit> out);
    }

    /** Binding Error status 2: unrecognized MH Type value (RFC 6275 §6.1.9). */
    static final int UNRECOGNIZED_MH_TYPE = 2;

    private final int holdCapacity;
    private final long holdNanos;
    private final TimerTable timers;
    private final NodeCounters counters;
    private final NodeEvents events;
    private final Outbound outbound;
    private final IcmpErrors errors;
    private final ExtensionHeaders extensionHeaders;
    private final TokenBucket bindingErrors = new TokenBucket(IcmpErrors.BURST, IcmpErrors.INTERVAL_NANOS);
    /** Held packets in the order they arrived. */
    private final List<Held> held = new java.util.ArrayList<>();
    private long arrivals;
    /** The arrival of the held packet being delivered (its continuation keeps it), or -1. */
    private long delivering = -1;
    private RoleHandlers handlers = RoleHandlers.NONE;
    /** What a correspondent node role mirrored of its binding cache (RoleNode.admitHomeAddress). */
    final HomeAddressAdmissions homeAddressAdmissions = new HomeAddressAdmissions();

    RoleDispatch(int holdCapacity, long holdNanos, TimerTable timers, NodeCounters counters, NodeEvents events,
                 Outbound outbound, IcmpErrors errors, ExtensionHeaders extensionHeaders) {
        if (holdCapacity < 0 || holdNanos < 0) {
            throw new IllegalArgumentException("hold queue size and hold time must not be negative");
        }
        this.holdCapacity = holdCapacity;
        this.holdNanos = holdNanos;
        this.timers = timers;
        this.counters = counters;
        this.events = events;
        this.outbound = outbound;
        this.errors = errors;
        this.extensionHeaders = extensionHeaders;
    }

    void setHandlers(RoleHandlers handlers) {
        this.handlers = handlers == null ? RoleHandlers.NONE : handlers;
    }

    RoleHandlers handlers() {
        return handlers;
    }

    int heldCount() {
        return held.size();
    }

    // ---------------------------------------------------------------------------------------------
    // Dispatch

    /** A Mobility Header message for this node (already checked, RFC 6275 §9.2). */
    void mobility(long now, ReceiveContext rx, ReceivedPacket rp, MobilityMessage m, List<Transmit> out) {
        HandlerKey key = HandlerKey.mobility(m.mhType());
        dispatch(now, key, new Delivery() {
            @Override
            public void deliver(long t, ReceiveContext r, List<Transmit> o) {
                MobilityHandler h = handlers.mobility(key.type());
                if (h == null) { // went away between the check and the call (another thread): hold it again
                    dispatch(t, key, this, r, o);
                    return;
                }
                call(t, key, () -> {
                    h.onMobility(rp, m);
                    return Verdict.ACCEPT;
                });
            }

            @Override
            public void expire(long t, ReceiveContext r, List<Transmit> o) {
                withoutMobilityRole(t, r, rp, o);
            }
        }, rx, out);
    }

    /** Whether a role decides on Type 2 Routing Headers now. */
    boolean handlesRoutingHeader2() {
        return handlers.routingHeader2() != null;
    }

    /** Whether a role handles (or held) this ICMPv6 type: if not, the node's own processing was all there is. */
    boolean watchesIcmpv6(int type) {
        return handlers.watchesIcmpv6(type);
    }

    /** An ICMPv6 message for this node, after the node's own processing of the types it knows. */
    void icmpv6(long now, ReceivedPacket rp, Icmpv6Message m) {
        if (!handlers.watchesIcmpv6(m.type())) {
            return; // nobody asked for this type: the node's own processing was all there was
        }
        HandlerKey key = HandlerKey.icmpv6(m.type());
        dispatch(now, key, new Delivery() {
            @Override
            public void deliver(long t, ReceiveContext r, List<Transmit> o) {
                for (Icmpv6Handler h : handlers.icmpv6(key.type())) {
                    call(t, key, () -> {
                        h.onIcmpv6(rp, m);
                        return Verdict.ACCEPT;
                    });
                }
            }

            @Override
            public void expire(long t, ReceiveContext r, List<Transmit> o) {
                // a node without the role: informational messages it does not know are discarded (RFC 4443 §2.4(b))
            }
        }, null, null);
    }

    /**
     * RFC 6275 §9.3.1: may the packet with this Home Address option go on, with the home address as its
     * source? While the role that decides is away (being replaced), the bindings it mirrored into the node
     * decide, so route-optimized traffic does not wait for it; what they do not admit waits as usual.
     */
    void homeAddress(long now, ReceiveContext rx, ReceivedPacket rp, Resume resume, List<Transmit> out) {
        if (!handlers.has(HandlerKey.HOME_ADDRESS) && handlers.claimed(HandlerKey.HOME_ADDRESS)
                && homeAddressAdmissions.admits(now, rp.source(), rp.careOfAddress())) {
            counters.homeAddressAdmittedByNode++;
            resume.resume(now, rx, out);
            return;
        }
        decide(now, HandlerKey.HOME_ADDRESS, rx, rp, resume, out);
    }

    /** RFC 6275 §11.3.3: may the packet with this Type 2 Routing Header go on, to the home address? */
    void routingHeader2(long now, ReceiveContext rx, ReceivedPacket rp, Resume resume, List<Transmit> out) {
        decide(now, HandlerKey.ROUTING_HEADER_2, rx, rp, resume, out);
    }

    private void decide(long now, HandlerKey key, ReceiveContext rx, ReceivedPacket rp, Resume resume,
                        List<Transmit> out) {
        dispatch(now, key, new Delivery() {
            @Override
            public void deliver(long t, ReceiveContext r, List<Transmit> o) {
                HomeAddressHandler hao = key == HandlerKey.HOME_ADDRESS ? handlers.homeAddress() : null;
                RoutingHeader2Handler rh2 = key == HandlerKey.ROUTING_HEADER_2 ? handlers.routingHeader2() : null;
                if (hao == null && rh2 == null) { // went away between the check and the call: hold it again
                    dispatch(t, key, this, r, o);
                    return;
                }
                Verdict v = call(t, key, () -> hao != null ? hao.admit(rp) : rh2.accept(rp));
                if (v == null) {
                    return; // the handler threw: counted and reported
                }
                if (v == Verdict.ACCEPT) {
                    resume.resume(t, r, o);
                } else {
                    counters.drop(Drop.ROLE_DROPPED, 1);
                }
            }

            @Override
            public void expire(long t, ReceiveContext r, List<Transmit> o) {
                counters.drop(Drop.UNHANDLED, 1);
                if (key == HandlerKey.HOME_ADDRESS) {
                    // RFC 8200 §4.2: option type 201 unrecognised, high-order bits 11: discard, and
                    // Parameter Problem code 2 at the option unless the destination was multicast
                    if (!r.packet().destination().isMulticast()) {
                        errors.parameterProblem(t, r.iface(), r.packet(), 2,
                                extensionHeaders.homeAddressOptionPointer(r), ExtensionHeaders.invoking(r), o);
                    }
                } else {
                    // RFC 8200 §4.4: Routing Type 2 unrecognised with Segments Left 1
                    errors.parameterProblem(t, r.iface(), r.packet(), 0,
                            extensionHeaders.type2RoutingTypePointer(r), ExtensionHeaders.invoking(r), o);
                }
            }
        }, rx, out);
    }

    /** {@link #dispatch} for the node's other parts (IPsec): delivered now, held while the key's role is away, or expired. */
    void await(long now, HandlerKey key, Delivery d, ReceiveContext rx, List<Transmit> out) {
        dispatch(now, key, d, rx, out);
    }

    /**
     * Delivers now, holds while the key's role is away, or reacts as a node without the role.
     * {@code rx}: the packet's context (null where the delivery needs none), detached from the node's view if held.
     */
    private void dispatch(long now, HandlerKey key, Delivery d, ReceiveContext rx, List<Transmit> out) {
        if (handlers.has(key)) {
            if (!held.isEmpty()) {
                handlersChanged(now, out); // what waited for this role goes first: order is kept
            }
            d.deliver(now, rx, out);
            return;
        }
        if (!handlers.claimed(key)) {
            d.expire(now, rx, out);
            return;
        }
        if (held.size() >= holdCapacity) {
            counters.holdOverflow++;
            events.holdOverflow(now, key);
            d.expire(now, rx, out);
            return;
        }
        long arrival = delivering >= 0 ? delivering : arrivals++;
        Held h = new Held(arrival, key, now, now + holdNanos, d, rx == null ? null : rx.detached());
        int at = held.size();
        while (at > 0 && held.get(at - 1).arrival() > arrival) {
            at--;
        }
        held.add(at, h);
        counters.held++;
        rearm();
    }

    /** A batch released to a role that is back: how long its oldest waited is the role's pause. */
    private void waited(long now, List<Held> released) {
        long longest = 0;
        for (Held h : released) {
            longest = Math.max(longest, now - h.heldAt());
        }
        counters.holdWaitLastNanos = longest;
        counters.holdWaitMaxNanos = Math.max(counters.holdWaitMaxNanos, longest);
        for (Held h : released) {
            counters.holdWaitTotalNanos += now - h.heldAt();
        }
    }

    private void deliver(long now, Held h, List<Transmit> out) {
        counters.heldDelivered++;
        long outer = delivering;
        delivering = h.arrival();
        try {
            h.delivery().deliver(now, h.rx(), out);
        } finally {
            delivering = outer;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Held packets

    /** Handlers changed: what waited for one that is back goes to it, in the order it arrived. */
    void handlersChanged(long now, List<Transmit> out) {
        if (held.isEmpty()) {
            return;
        }
        // take what can go out of the queue first: a delivery may dispatch again (a packet whose Home
        // Address option was admitted goes on to its MH handler), which must find the queue consistent
        List<Held> ready = new java.util.ArrayList<>();
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (handlers.has(h.key())) {
                it.remove();
                ready.add(h);
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        rearm();
        waited(now, ready);
        for (Held h : ready) {
            deliver(now, h, out);
        }
    }

    /** HOLD: what waited past the hold time gets the reaction of a node without the role; the role is taken as gone. */
    void holdTimer(long now, List<Transmit> out) {
        List<Held> due = new java.util.ArrayList<>();
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.deadline() <= now) {
                it.remove();
                due.add(h);
            }
        }
        rearm();
        for (Held h : due) { // in arrival order
            if (handlers.has(h.key())) {
                waited(now, List.of(h));
                deliver(now, h, out);
                continue;
            }
            counters.heldExpired++;
            handlers.release(h.key());
            events.holdExpired(now, h.key());
            h.delivery().expire(now, h.rx(), out);
        }
    }

    /** One HOLD timer at the earliest hold deadline (a re-held packet keeps its place but not its deadline). */
    private void rearm() {
        long earliest = Long.MAX_VALUE;
        for (int k = 0, n = held.size(); k < n; k++) {
            earliest = Math.min(earliest, held.get(k).deadline());
        }
        if (earliest == Long.MAX_VALUE) {
            timers.cancel(TimerKind.HOLD, 0, null);
        } else {
            timers.set(earliest, TimerKind.HOLD, 0, null);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // A node without the role

    /**
     * RFC 6275 §9.2: a node that handles other MH Types answers an unrecognised one with a Binding Error
     * status 2 to the packet's source (the Home Address field from its Home Address option, §9.3.3;
     * rate-limited); a node that does not speak Mobile IPv6 at all does not recognise Next Header 135
     * and answers with a Parameter Problem code 1 (RFC 8200 §4).
     */
    private void withoutMobilityRole(long now, ReceiveContext rx, ReceivedPacket rp, List<Transmit> out) {
        if (!handlers.handlesMobility()) {
            extensionHeaders.unrecognizedNextHeader(now, rx, out); // counts it
            return;
        }
        counters.drop(Drop.UNHANDLED, 1);
        Ipv6Packet p = rx.packet();
        Ipv6Address to = p.source();
        if (to.isUnspecified() || to.isMulticast() || rp.destination().isMulticast()) {
            return;
        }
        if (p.payload() instanceof Payload.Mobility m && m.message() instanceof MobilityMessage.BindingError) {
            return; // never a Binding Error about a Binding Error: two such nodes would answer each other forever
        }
        if (!bindingErrors.take(now)) {
            counters.drop(Drop.BINDING_ERROR_RATE_LIMITED, 1);
            return;
        }
        Ipv6Address home = rp.homeAddressOption() ? rp.source() : Ipv6Address.UNSPECIFIED;
        counters.bindingErrors++;
        outbound.send(now, Ipv6Packet.of(rp.destination(), to, outbound.hopLimit(), new Payload.Mobility(
                new MobilityMessage.BindingError(UNRECOGNIZED_MH_TYPE, home, List.of()))),
                rx.iface().index, true, out);
    }

    /** Calls a role's handler: counted when it returns, counted and reported (null) when it throws; the node goes on. */
    private Verdict call(long now, HandlerKey key, java.util.function.Supplier<Verdict> handler) {
        try {
            Verdict v = handler.get();
            counters.roleDelivered++;
            return v;
        } catch (RuntimeException e) {
            counters.roleErrors++;
            events.roleError(now, key, e);
            return null;
        }
    }
}
