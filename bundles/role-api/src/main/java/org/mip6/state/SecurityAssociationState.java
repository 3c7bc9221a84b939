package org.mip6.state;

import org.mip6.net.Ipv6Address;

/**
 * What an IPsec SA has counted that must outlive a swap of the {@code ipsec} bundle (and of the roles):
 * the last Sequence Number sent (outbound SA) or the anti-replay window (inbound SA, RFC 4303 §3.4.3),
 * packets and octets, and where a tunnel-mode SA's mobile end is now (RFC 4877 §3.4). Keys and selectors
 * stay in configuration. Thread-safe: the node's thread writes it, the shell reads it.
 */
public final class SecurityAssociationState {

    private long sequence;
    private long replayHighest;
    private long replayBitmap;
    private long packets;
    private long octets;
    private Ipv6Address peer;

    /** The last Sequence Number sent (outbound), or the right edge of the replay window (inbound). */
    public synchronized long sequence() {
        return sequence;
    }

    /** The anti-replay bitmap (bit i: sequence() - i was received); inbound SAs only. */
    public synchronized long replayBitmap() {
        return replayBitmap;
    }

    public synchronized long packets() {
        return packets;
    }

    public synchronized long octets() {
        return octets;
    }

    /** Where a tunnel-mode SA's mobile end is now (the mobile node's care-of address), or null. */
    public synchronized Ipv6Address peer() {
        return peer;
    }

    /** An outbound packet sealed with {@code sequence}, of {@code octets} octets of ESP. */
    public synchronized void sent(long sequence, int octets) {
        this.sequence = sequence;
        this.packets++;
        this.octets += octets;
    }

    /** An inbound packet opened: the window is now ({@code highest}, {@code bitmap}). */
    public synchronized void received(long highest, long bitmap, int octets) {
        this.sequence = highest;
        this.replayBitmap = bitmap;
        this.packets++;
        this.octets += octets;
    }

    public synchronized void peer(Ipv6Address peer) {
        this.peer = peer;
    }
}
