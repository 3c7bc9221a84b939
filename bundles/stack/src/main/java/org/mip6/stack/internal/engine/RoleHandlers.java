package org.mip6.stack.internal.engine;

import java.util.List;

import org.mip6.role.HomeAddressHandler;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.OutboundHandler;
import org.mip6.role.PacketProtection;
import org.mip6.role.RoutingHeader2Handler;

/**
 * The handlers the roles registered for one node (the host keeps this current from the OSGi
 * whiteboard; read on the node's thread). A key is <em>claimed</em> once a handler was registered for
 * it, and stays claimed after the handler went (its role is presumably being replaced) until the node
 * releases it.
 */
public interface RoleHandlers {

    RoleHandlers NONE = new RoleHandlers() {
        @Override
        public MobilityHandler mobility(int mhType) {
            return null;
        }

        @Override
        public boolean handlesMobility() {
            return false;
        }

        @Override
        public List<MobilityHandler> mobilityHandlers() {
            return List.of();
        }

        @Override
        public List<Icmpv6Handler> icmpv6(int type) {
            return List.of();
        }

        @Override
        public HomeAddressHandler homeAddress() {
            return null;
        }

        @Override
        public RoutingHeader2Handler routingHeader2() {
            return null;
        }

        @Override
        public OutboundHandler outbound() {
            return null;
        }

        @Override
        public PacketProtection protection() {
            return null;
        }

        @Override
        public boolean claimed(HandlerKey key) {
            return false;
        }

        @Override
        public void release(HandlerKey key) {
        }
    };

    /** The handler of an MH Type, or null. */
    MobilityHandler mobility(int mhType);

    /** Whether any MH Type has a handler (the node speaks Mobile IPv6 at all). */
    boolean handlesMobility();

    /** The MH Types' handlers, each once. */
    List<MobilityHandler> mobilityHandlers();

    /** The handlers of an ICMPv6 Type (empty when none). */
    List<Icmpv6Handler> icmpv6(int type);

    HomeAddressHandler homeAddress();

    RoutingHeader2Handler routingHeader2();

    OutboundHandler outbound();

    /** The node's IPsec, or null. */
    PacketProtection protection();

    /** Whether a handler was registered for {@code key} and the key was not released since. */
    boolean claimed(HandlerKey key);

    /** The hold time passed without a handler coming back: the role is gone. */
    void release(HandlerKey key);

    /** Whether an ICMPv6 type has handlers or is held for them (asked for every ICMPv6 message: keep it cheap). */
    default boolean watchesIcmpv6(int type) {
        HandlerKey key = HandlerKey.icmpv6(type);
        return has(key) || claimed(key);
    }

    /** Whether {@code key} has a handler now. */
    default boolean has(HandlerKey key) {
        return switch (key.kind()) {
            case MOBILITY -> mobility(key.type()) != null;
            case ICMPV6 -> !icmpv6(key.type()).isEmpty();
            case HOME_ADDRESS -> homeAddress() != null;
            case ROUTING_HEADER_2 -> routingHeader2() != null;
            case OUTBOUND -> outbound() != null;
            case PROTECTION -> protection() != null;
        };
    }
}
