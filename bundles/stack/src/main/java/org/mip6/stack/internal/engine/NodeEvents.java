package org.mip6.stack.internal.engine;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;

/** Things the node reports to whoever drives it (movement detection, ping, traffic). All default to no-ops. */
public interface NodeEvents {

    NodeEvents NONE = new NodeEvents() {
    };

    default void addressReady(long now, int iface, Ipv6Address address) {
    }

    default void duplicateAddress(long now, int iface, Ipv6Address address) {
    }

    /**
     * An RA announced a prefix not seen on this interface before (RFC 6275 §11.5.1 movement hint);
     * {@code defaultRouter}: its Router Lifetime was not zero (RFC 4861 §4.2).
     */
    default void newPrefix(long now, int iface, Ipv6Prefix prefix, Ipv6Address router, boolean defaultRouter) {
    }

    default void routerUnreachable(long now, int iface, Ipv6Address router) {
    }

    /** A host interface took in an RA; {@code intervalMillis} from its Advertisement Interval option, or -1. */
    default void routerAdvertised(long now, int iface, Ipv6Address router, long intervalMillis, boolean defaultRouter) {
    }

    /** A frame did not decode (counted; the RFC reaction is already sent). */
    default void decodeError(long now, int iface, DecodeException error) {
    }

    /** The interface was attached to a link (a link-layer movement hint, RFC 6275 §11.5.1). */
    default void linkUp(long now, int iface) {
    }

    /** The interface lost its link. */
    default void linkDown(long now, int iface) {
    }

    default void echoReply(long now, Ipv6Address from, int identifier, int sequence, Bytes data) {
    }

    default void udp(long now, Ipv6Packet packet, Payload.Udp datagram) {
    }

    /** A role's handler threw (counted; the node goes on). */
    default void roleError(long now, HandlerKey key, RuntimeException error) {
    }

    /** A packet waited for a role past the hold time and was answered as by a node without it. */
    default void holdExpired(long now, HandlerKey key) {
    }

    /** The hold queue was full: a packet for an absent role was answered as by a node without it. */
    default void holdOverflow(long now, HandlerKey key) {
    }

    /**
     * A Router Advertisement's Reachable Time or Retrans Timer (named by {@code field}, in ms) was above the bound this
     * node takes and was left unused (RFC 4861 §6.3.4, {@link RouterDiscovery}).
     */
    default void advertisedTimerIgnored(long now, int iface, Ipv6Address router, String field, long millis, long bound) {
    }

    /** An ICMPv6 error arrived for something this node sent. */
    default void icmpError(long now, Ipv6Packet packet, Icmpv6Message error) {
    }
}
