package org.mip6.stack.internal.engine;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;

/**
 * A node's parts report their events here, made before anyone listens; each goes to the listener of the moment
 * ({@link NodeEngine#setEvents}), nothing before one is set.
 */
final class NodeEventRelay implements NodeEvents {

    private NodeEvents listener = NodeEvents.NONE;

    void listener(NodeEvents l) {
        listener = l;
    }

    @Override
    public void addressReady(long now, int iface, Ipv6Address address) {
        listener.addressReady(now, iface, address);
    }

    @Override
    public void duplicateAddress(long now, int iface, Ipv6Address address) {
        listener.duplicateAddress(now, iface, address);
    }

    @Override
    public void newPrefix(long now, int iface, Ipv6Prefix prefix, Ipv6Address router, boolean defaultRouter) {
        listener.newPrefix(now, iface, prefix, router, defaultRouter);
    }

    @Override
    public void routerUnreachable(long now, int iface, Ipv6Address router) {
        listener.routerUnreachable(now, iface, router);
    }

    @Override
    public void routerAdvertised(long now, int iface, Ipv6Address router, long intervalMillis, boolean defaultRouter) {
        listener.routerAdvertised(now, iface, router, intervalMillis, defaultRouter);
    }

    @Override
    public void decodeError(long now, int iface, DecodeException error) {
        listener.decodeError(now, iface, error);
    }

    @Override
    public void linkUp(long now, int iface) {
        listener.linkUp(now, iface);
    }

    @Override
    public void linkDown(long now, int iface) {
        listener.linkDown(now, iface);
    }

    @Override
    public void echoReply(long now, Ipv6Address from, int identifier, int sequence, Bytes data) {
        listener.echoReply(now, from, identifier, sequence, data);
    }

    @Override
    public void udp(long now, Ipv6Packet packet, Payload.Udp datagram) {
        listener.udp(now, packet, datagram);
    }

    @Override
    public void icmpError(long now, Ipv6Packet packet, Icmpv6Message error) {
        listener.icmpError(now, packet, error);
    }

    @Override
    public void roleError(long now, HandlerKey key, RuntimeException error) {
        listener.roleError(now, key, error);
    }

    @Override
    public void holdExpired(long now, HandlerKey key) {
        listener.holdExpired(now, key);
    }

    @Override
    public void holdOverflow(long now, HandlerKey key) {
        listener.holdOverflow(now, key);
    }

    @Override
    public void advertisedTimerIgnored(long now, int iface, Ipv6Address router, String field, long millis, long bound) {
        listener.advertisedTimerIgnored(now, iface, router, field, millis, bound);
    }
}
