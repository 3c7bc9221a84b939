package org.mip6.role;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;
import org.mip6.wire.Ipv6Packet;

/**
 * IPsec in a node's data path (RFC 4301 §5): one per node (the highest ranking), registered with
 * {@link RoleNode#NODE} by the {@code ipsec} bundle. The node asks it about every packet it originates
 * (after the source is chosen, tunnelled packets as the outer packet), hands it every ESP packet addressed
 * to it once a Home Address option and a Type 2 Routing Header were processed (so transport-mode
 * selectors see the home address, RFC 3776 §4.1), and asks it whether a Mobility Header message or a
 * tunnelled packet that arrived without ESP may be accepted (RFC 4301 §5.2). Once registered, packets
 * wait in the node's hold queue while it is being replaced, and none leaves unprotected meanwhile.
 * Called on the node's thread.
 */
public interface PacketProtection {

    /** What becomes of a packet the node sends. */
    sealed interface Outbound {
    }

    /** No policy covers it: sent as it is. */
    record Bypass() implements Outbound {
    }

    /** Send {@code packet} instead: the ESP packet (transport or tunnel mode). */
    record Protect(Ipv6Packet packet) implements Outbound {
    }

    /** A policy says discard (or the SA it needs cannot be used): not sent, counted by the node. */
    record Discard(String reason) implements Outbound {
    }

    Outbound BYPASS = new Bypass();

    /** What became of a received ESP packet. */
    sealed interface Inbound {
    }

    /**
     * The ESP packet was genuine, new, and its content matches its SA's selectors: the node goes on with
     * {@code payload} (protocol {@code nextHeader}) in its place, received under {@code protection}.
     * IRO (IPsec without HAO/RH2): when the packet came from a mobile node's care-of address without a
     * Home Address option, {@code homeSource} is the home address its SA supplies (the packet is received
     * as if it had carried that option); when it came to the care-of address without a Type 2 Routing
     * Header, {@code homeDestination} is the home address (as if through that header). Both null otherwise.
     */
    record Opened(int nextHeader, byte[] payload, Protection protection, Ipv6Address homeSource,
                  Ipv6Address homeDestination) implements Inbound {

        public Opened(int nextHeader, byte[] payload, Protection protection) {
            this(nextHeader, payload, protection, null, null);
        }
    }

    /** Dropped (no SA for the SPI, replayed, bad ICV, selectors not matched): counted by the service. */
    record Refused(String reason) implements Inbound {
    }

    /** @param packet the packet that will leave, its source chosen */
    Outbound outbound(Ipv6Packet packet);

    /**
     * @param packet the received packet ({@link ReceivedPacket#source()} is the home address when a Home
     *               Address option was admitted)
     * @param esp    the ESP header and everything after it (RFC 4303 §2)
     */
    Inbound inbound(ReceivedPacket packet, Bytes esp);

    /** Whether a packet that arrived without ESP may be accepted: false when a policy says it must be protected. */
    boolean admitsClear(ReceivedPacket packet);

    /**
     * Whether this node has SAs for the traffic between home address {@code homeAddress} and {@code peer}
     * (IPsec route optimization: a mobile node's Binding Update to a correspondent it shares SAs with is
     * protected by them instead of return routability).
     */
    default boolean protects(Ipv6Address homeAddress, Ipv6Address peer) {
        return false;
    }

    /**
     * RFC 4877 §3.4 / RFC 3776 §4.3: the mobile node with {@code homeAddress} is now at {@code careOfAddress}
     * (its home address when at home): tunnel-mode SAs with it move their endpoint there.
     */
    void migrate(Ipv6Address homeAddress, Ipv6Address careOfAddress);
}
