package org.mip6.stack.internal.engine;

import java.util.Objects;

import org.mip6.net.Ipv6Address;

/**
 * An IPv6-in-IPv6 tunnel (RFC 2473) between two addresses, as {@link Tunnels} holds it when asked;
 * roles set them up (RFC 6275 §10.4, §11.3.1): its identity, its endpoints, the one inner source it
 * takes (null: any) and when it last carried a packet.
 */
public final class Tunnel {

    private final int id;
    private final Ipv6Address local;
    private final Ipv6Address remote;
    private final Ipv6Address innerSource;
    private final long lastUsed;

    Tunnel(int id, Ipv6Address local, Ipv6Address remote, Ipv6Address innerSource, long lastUsed) {
        this.id = id;
        this.local = Objects.requireNonNull(local, "local");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.innerSource = innerSource;
        this.lastUsed = lastUsed;
    }

    public int id() {
        return id;
    }

    public Ipv6Address local() {
        return local;
    }

    public Ipv6Address remote() {
        return remote;
    }

    /** The only inner source accepted out of it (RFC 6275 §10.4.5), or null for any. */
    public Ipv6Address innerSource() {
        return innerSource;
    }

    /** When it last carried a packet (node clock), Long.MIN_VALUE if never. */
    public long lastUsed() {
        return lastUsed;
    }

    boolean endpoints(Ipv6Address local, Ipv6Address remote) {
        return this.local.equals(local) && this.remote.equals(remote);
    }

    @Override
    public String toString() {
        return "tunnel " + id + " " + local + " -> " + remote + (innerSource == null ? "" : " for " + innerSource);
    }
}
