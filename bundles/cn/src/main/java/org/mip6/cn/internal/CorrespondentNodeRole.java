package org.mip6.cn.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.mip6.cn.internal.engine.CorrespondentNodeEngine;
import org.mip6.net.Ipv6Address;
import org.mip6.ro.BindingAuthority;
import org.mip6.role.EngineTimer;
import org.mip6.role.HomeAddressHandler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.OutboundHandler;
import org.mip6.role.RoleNode;
import org.mip6.role.Verdict;
import org.mip6.state.BindingCache;
import org.mip6.wire.Bytes;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.mh.MobilityHeaderCodec;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityOption;

/**
 * The correspondent node on one node (RFC 6275 §9): the {@link CorrespondentNodeEngine} wired to the
 * node. Binding Updates (MH Type 5) are checked with the node's {@link BindingAuthority} (the return
 * routability bundle's, looked up at each update, so either bundle can be replaced on its own); packets
 * with a Home Address option are admitted only with a binding; what the node's upper layers send to a
 * bound home address goes to the care-of address with a Type 2 Routing Header. No OSGi here; every
 * method runs on the node's thread.
 */
public final class CorrespondentNodeRole implements CorrespondentNodeEngine.Output {

    private final RoleNode node;
    private final Supplier<BindingAuthority> authority;
    private final CorrespondentNodeEngine engine;
    private final EngineTimer timer;
    private final MirroredBindingCache bindings;
    private volatile boolean closed;

    public CorrespondentNodeRole(RoleNode node, BindingCache cache, CorrespondentNodeEngine.Parameters parameters,
                                 Supplier<BindingAuthority> authority) {
        this.node = Objects.requireNonNull(node, "node");
        this.authority = Objects.requireNonNull(authority, "authority");
        this.bindings = new MirroredBindingCache(cache, node);
        this.engine = new CorrespondentNodeEngine(node.name(), bindings, parameters, this);
        this.timer = new EngineTimer(node, engine::nextDeadline, engine::onTimer);
    }

    /** Arms the timers of the bindings found in the cache (a role that replaces another), and mirrors them into the node. */
    public void start() {
        bindings.mirrorAll();
        timer.rearm();
    }

    public void close() {
        closed = true;
        timer.close();
    }

    public CorrespondentNodeEngine engine() {
        return engine;
    }

    public Map<String, Long> counters() {
        return engine.counters();
    }

    /** Binding Updates (MH Type 5). */
    public MobilityHandler mobilityHandler() {
        return (p, m) -> {
            if (closed || !(m instanceof MobilityMessage.BindingUpdate bu)) {
                return;
            }
            Ipv6Address ipSource = p.homeAddressOption() ? p.careOfAddress() : p.packet().source();
            engine.onBindingUpdate(new CorrespondentNodeEngine.ReceivedUpdate(p.now(), p.destination(), ipSource, p.source(),
                    bu, p.mobilityHeader(), p.protectedByEsp()), authority.get());
            timer.rearm();
        };
    }

    /** §9.3.4: ICMPv6 Destination Unreachable (Type 1) about what this node sent to a care-of address. */
    public org.mip6.role.Icmpv6Handler unreachableHandler() {
        return (p, m) -> {
            if (!closed && m instanceof org.mip6.wire.icmp.Icmpv6Message.DestinationUnreachable du) {
                byte[] invoking = du.invokingPacket().toArray();
                if (invoking.length >= 40) {
                    engine.destinationUnreachable(p.now(), du.code(), Ipv6Address.read(invoking, 24));
                }
            }
        };
    }

    /**
     * §9.3.1: a Home Address option only with a binding (or on a Binding Update). A Home or Care-of Test
     * Init with one is let through to return routability, which ignores it silently (§9.4.1, §9.4.3): no
     * Binding Error about it (the IPv6 Ready CN tests HoTI_HaO and CoTI_HaO expect no answer).
     */
    public HomeAddressHandler homeAddressHandler() {
        return p -> {
            MobilityMessage m = p.packet().payload() instanceof Payload.Mobility mob ? mob.message() : null;
            boolean exempt = m instanceof MobilityMessage.BindingUpdate || m instanceof MobilityMessage.HomeTestInit
                    || m instanceof MobilityMessage.CareOfTestInit;
            boolean admitted = engine.admit(p.now(), p.destination(), p.source(), p.careOfAddress(), exempt);
            rearmOnFirstUse();
            return admitted ? Verdict.ACCEPT : Verdict.DROP;
        };
    }

    /** §9.3.2: to a bound home address, via its care-of address with a Type 2 Routing Header. */
    public OutboundHandler outboundHandler() {
        return p -> {
            if (closed || p.destination().isMulticast() || p.destination().isLinkLocal()) {
                return OutboundHandler.DIRECT;
            }
            Ipv6Address coa = engine.careOfAddressFor(node.nanos(), p.destination());
            if (coa == null) {
                return OutboundHandler.DIRECT;
            }
            rearmOnFirstUse();
            return OutboundHandler.viaCareOfAddress(p, coa);
        };
    }

    @Override
    public void sendAcknowledgement(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, BindingAcknowledgement ba,
                                    byte[] kbm, Ipv6Address careOfAddress) {
        BindingAcknowledgement signed = ba;
        if (kbm != null) {
            BindingAuthority a = authority.get();
            if (a == null) {
                return; // the authority went between the update and its answer: the mobile node retransmits
            }
            byte[] mh = MobilityHeaderCodec.encode(ba);
            byte[] auth = a.authenticator(kbm, careOfAddress, from, MobilityHeaderCodec.authenticatedData(mh, 0, mh.length));
            List<MobilityOption> options = new ArrayList<>(ba.options());
            options.set(options.size() - 1, new MobilityOption.BindingAuthorizationData(Bytes.of(auth)));
            signed = new BindingAcknowledgement(ba.status(), ba.flags(), ba.sequence(), ba.lifetime(), options);
        }
        send(from, to, homeAddress, signed);
    }

    @Override
    public void sendBindingError(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, int status) {
        node.send(Ipv6Packet.of(from, to, node.hopLimit(), new Payload.Mobility(new MobilityMessage.BindingError(status, homeAddress))));
    }

    /** The node's timer moves only when a binding's first use brought its refresh request before the timer (§9.5.5). */
    private void rearmOnFirstUse() {
        if (engine.takeEarlierTimer()) {
            timer.rearm();
        }
    }

    @Override
    public void sendRefreshRequest(Ipv6Address from, Ipv6Address homeAddress) {
        send(from, homeAddress, null, new MobilityMessage.BindingRefreshRequest(List.of()));
    }

    private void send(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, MobilityMessage m) {
        List<ExtensionHeader> ext = homeAddress == null ? List.of() : List.of(new ExtensionHeader.Type2RoutingHeader(1, homeAddress));
        node.send(new Ipv6Packet(0, 0, node.hopLimit(), from == null ? Ipv6Address.UNSPECIFIED : from, to, ext, new Payload.Mobility(m)));
    }
}
