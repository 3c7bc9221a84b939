package org.mip6.role;

import java.util.function.Consumer;

import org.mip6.net.Ipv6Address;
import org.mip6.node.Advertising;
import org.mip6.node.Node;
import org.mip6.time.Timer;
import org.mip6.wire.Ipv6Packet;

/**
 * A node as the roles configured for it see it: registered as an OSGi service per node, with the
 * node's name in the service property {@link #NODE}, so that a role component configured for
 * {@code ha} targets {@code (mip6.node=ha)}. Everything a role installs in the data path (tunnels,
 * tunnel routes, proxy ND entries) belongs to the node and stays while the role is replaced.
 *
 * <p>Like {@link Node}, every method is called on the node's own thread: handlers already run there;
 * from elsewhere use {@link #execute}.
 */
public interface RoleNode extends Node {

    /** Service property naming the node, on this service and on every handler service. */
    String NODE = "mip6.node";

    /** The node's clock (the world's scheduler), in nanoseconds. */
    long nanos();

    /** Runs {@code task} on the node's thread, after what is already due there. Safe from any thread. */
    void execute(Runnable task);

    /**
     * RFC 6275 §9.3.1 in the node's data path: packets from {@code careOf} whose Home Address option holds
     * {@code home} are admitted by the node itself, until {@code expiresAt} (node clock), while the role that
     * admits Home Address options is away (being replaced); with the role present the role decides. A
     * correspondent node role mirrors its bindings here (a later call for {@code home} replaces the pair),
     * so route-optimized traffic does not wait for its swap. Stays while the role is replaced.
     */
    void admitHomeAddress(Ipv6Address home, Ipv6Address careOf, long expiresAt);

    /** Withdraws what {@link #admitHomeAddress} admitted for {@code home} (the binding was deleted). */
    void withdrawHomeAddress(Ipv6Address home);

    /** Runs {@code task} on the node's thread at {@code deadline} (node clock). */
    Timer schedule(long deadline, Runnable task);

    /**
     * Sends a packet this node originates, routed by its destination: a Home Address option or a
     * Type 2 Routing Header are extension headers of {@code packet} (RFC 6275 §6.3, §6.4), so a role
     * sends with them by building the packet so. An unspecified source is selected by the node.
     * The node's {@link OutboundHandler} is not consulted: the role has decided.
     */
    void send(Ipv6Packet packet);

    /**
     * Sends a packet this node originates, already encoded: {@code length} bytes at {@code offset}, from
     * the IPv6 header's first byte to the end of the upper layer (checksums included), leaving as
     * {@link #send(Ipv6Packet)} would send the packet it decodes to, byte for byte. For messages a role
     * sends at signalling rates (a home agent's Binding Acknowledgements) without records; the node
     * copies the bytes, so {@code buffer} is the caller's again when this returns. The node checks the
     * fixed header (version, Payload Length) and may send the rest unexamined when the packet can leave
     * at once: make the bytes with the codec ({@code PacketCodec.encode}) or from bytes it made.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed IPv6 packet with a source address
     *                                  (always thrown when the node decodes them; see above)
     */
    default void send(byte[] buffer, int offset, int length) {
        send(decodeForSending(buffer, offset, length));
    }

    /**
     * {@link #send(byte[], int, int)} with the packet's destination as the caller already holds it (equal to
     * the bytes' Destination Address): the node routes by it instead of making an address of the bytes, so a
     * role answering at signalling rates (a Binding Acknowledgement to a care-of address) sends without
     * allocating one.
     *
     * @throws IllegalArgumentException as {@link #send(byte[], int, int)}, or if {@code destination} is not the
     *                                  bytes' Destination Address
     */
    default void send(byte[] buffer, int offset, int length, Ipv6Address destination) {
        checkDestination(buffer, offset, length, destination);
        send(buffer, offset, length);
    }

    /**
     * Whether {@code destination} is the Destination Address of the IPv6 header at {@code offset}.
     *
     * @throws IllegalArgumentException if it is not (or the header is cut short)
     */
    static void checkDestination(byte[] buffer, int offset, int length, Ipv6Address destination) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length < 40 || org.mip6.wire.Wire.u64(buffer, offset + 24) != destination.high()
                || org.mip6.wire.Wire.u64(buffer, offset + 32) != destination.low()) {
            throw new IllegalArgumentException("the destination " + destination + " is not the packet's");
        }
    }

    /**
     * The packet {@link #send(byte[], int, int)} sends for these bytes, decoded.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed IPv6 packet with a source address
     */
    static Ipv6Packet decodeForSending(byte[] buffer, int offset, int length) {
        Ipv6Packet p;
        try {
            p = org.mip6.wire.PacketCodec.decodeIpv6(buffer, offset, length);
        } catch (org.mip6.wire.DecodeException e) {
            throw new IllegalArgumentException("not a well-formed IPv6 packet: " + e.getMessage(), e);
        }
        if (p.source().isUnspecified()) {
            throw new IllegalArgumentException("an encoded packet must have its source address");
        }
        return p;
    }

    /** Encapsulates {@code inner} into tunnel {@code tunnel} (RFC 2473) and sends it. */
    void sendThrough(int tunnel, Ipv6Packet inner);

    /**
     * Multicast packets to {@code group} that arrive on interface {@code iface} from its link are also forwarded,
     * a copy each, through tunnel {@code tunnel} ({@code on}), or no longer ({@code !on}): a home agent's for a mobile
     * node that listens to the group through its tunnel (RFC 6275 §10.4.2, §10.4.3). The interface listens to the
     * group (MLD reports on its link) while a tunnel takes it. MLD messages that come out of a tunnel from a link-local
     * source (a mobile node's Reports and Dones, a home agent's Queries) go to the {@link Icmpv6Handler}s of their
     * type, with the tunnel's outer packet ({@link ReceivedPacket#tunnelOuter()}). The default refuses.
     *
     * @throws IllegalArgumentException for a group of link-local scope or less (never tunnelled, §10.4.2)
     */
    default void tunnelMulticast(int iface, Ipv6Address group, int tunnel, boolean on) {
        throw new UnsupportedOperationException("this node does not forward multicast into tunnels");
    }

    /**
     * Packets to {@code group} that come out of a tunnel are received ({@code on}), or no longer: a mobile node's groups,
     * listened to through its home agent's tunnel (RFC 6275 §11.3.4); an Echo Request to one is answered (RFC 4443
     * §4.1). The default refuses.
     *
     * @throws IllegalArgumentException for a group of link-local scope or less
     */
    default void receiveTunnelledMulticast(Ipv6Address group, boolean on) {
        throw new UnsupportedOperationException("this node does not receive multicast out of tunnels");
    }

    /**
     * The groups whose packets are received out of a tunnel ({@link #receiveTunnelledMulticast}), so that a role that
     * replaces another with other groups can take the old ones off. The default: none.
     */
    default java.util.Set<Ipv6Address> receivedTunnelledGroups() {
        return java.util.Set.of();
    }

    /**
     * {@link #joinGroup} on a role's behalf (a mobile node's groups at home, RFC 6275 §11.3.4): the group is joined on
     * {@code iface} while a role or the upper layers ({@link #joinGroup}) want it, so a role that leaves it does not
     * leave what an application joined, and a role that replaces another with other groups can leave the old one's
     * ({@link #roleJoinedGroups}). The default: {@link #joinGroup}.
     *
     * @throws IllegalArgumentException for an address that is not a group, or one of interface-local scope
     */
    default void joinGroupForRole(int iface, Ipv6Address group, boolean on) {
        joinGroup(iface, group, on);
    }

    /** The groups roles joined on {@code iface} ({@link #joinGroupForRole}), in the order joined. The default: none. */
    default java.util.List<Ipv6Address> roleJoinedGroups(int iface) {
        return java.util.List.of();
    }

    /** The groups {@link #tunnelMulticast} sends from interface {@code iface}'s link, and through which tunnels. The default: none. */
    default java.util.Map<Ipv6Address, java.util.List<Integer>> tunnelledGroups(int iface) {
        return java.util.Map.of();
    }

    /** The link-local address of interface {@code iface} (the source of an MLD query, RFC 3810 §5.1.14). The default: none. */
    default Ipv6Address linkLocalAddress(int iface) {
        return null;
    }

    /**
     * Changes what a router interface advertises from its next RA on (RFC 6275 §7: the H flag and the
     * Home Agent Information option of a node that becomes a home agent), and advertises at once.
     *
     * @throws IllegalArgumentException if the interface does not advertise
     */
    void advertise(int iface, Advertising advertising);

    /** What the interface advertises, or null for a host interface. */
    Advertising advertising(int iface);

    /**
     * Duplicate Address Detection for another node's address on {@code iface} (a home agent's for a
     * mobile node's home address, RFC 6275 §10.3.1; RFC 4862 §5.4): DupAddrDetectTransmits probes from
     * the unspecified address, then {@code unique} is called on the node's thread with true when no
     * node claimed the address, false when one did (or the interface went down, or the address is
     * the node's own). Nothing is proxied: on success the role calls {@link #addProxy}.
     */
    void detectDuplicate(int iface, Ipv6Address address, Consumer<Boolean> unique);

    /**
     * A tunnel endpoint (RFC 2473) that decapsulates only packets whose inner source is
     * {@code innerSource}: a home agent's end of a mobile node's reverse tunnel (RFC 6275 §10.4.5).
     * Others are dropped and counted ({@code drop.TUNNEL_INNER_SOURCE}). Returns its id.
     */
    int addTunnel(Ipv6Address local, Ipv6Address remote, Ipv6Address innerSource);

    /**
     * A hint that the role is about to add or look up what the node keeps for {@code address} (proxy
     * entries, a tunnel bound to it): the node starts reading those tables now, so that with a million
     * of them their cache misses overlap one another and the role's own work instead of coming one
     * after another. Changes nothing; the default does nothing.
     */
    default void prefetch(Ipv6Address address) {
    }

    // A tunnel is its endpoints (and inner source): Node.addTunnel and addTunnel above return the id
    // of one that exists already, so a role that replaces another finds the data path it left.

    /**
     * Makes {@code address} an anycast address of interface {@code iface} (RFC 4291 §2.6): packets to
     * it are received, Neighbor Solicitations for it are answered without the Override flag, it is never
     * a source and goes through no DAD. A home agent's Home-Agents anycast address (RFC 2526, RFC 6275
     * §10.5) on which DHAAD requests arrive. Stays while the role is replaced.
     */
    void addAnycast(int iface, Ipv6Address address);

    void removeAnycast(int iface, Ipv6Address address);

    /**
     * Makes {@code address} a mobile node's home address on {@code iface} (RFC 6275 §11), in the
     * prefix of {@code prefixLength} bits. Away from home ({@code atHome} false) packets to it are
     * received (out of the tunnel from the home agent, or through a Type 2 Routing Header the role
     * accepts) but it is not on the link: not answered in Neighbor Discovery, not defended, never
     * chosen as a source (the role's outbound handler puts it on what the node sends). At home it is an
     * ordinary address that goes through no DAD, since the home agent defends it until the
     * deregistration is acknowledged (§11.5.5); so does the interface's link-local address with the same
     * interface identifier (registered with the L flag, the home agent defended it too): a DAD of it in
     * progress, or failed against the home agent's proxy, ends with the address preferred. Replaces an
     * address the node had under that value.
     */
    void setHomeAddress(int iface, Ipv6Address address, int prefixLength, boolean atHome);

    /** Forgets a home address set by {@link #setHomeAddress}. */
    void removeHomeAddress(int iface, Ipv6Address address);

    /**
     * The home agent acknowledged the deregistration of {@code address}, set back home by {@link #setHomeAddress}
     * after it was away: it is no longer defended by the home agent, so Neighbor Solicitations may leave from it
     * again. Until then the node sends them from the unspecified address, to the solicited-node group, without a
     * Source Link-Layer Address option (RFC 6275 §11.5.5). The default does nothing.
     */
    default void homeAddressReleased(int iface, Ipv6Address address) {
    }

    /**
     * An upper layer's confirmation that {@code neighbor} on {@code iface} is reachable (RFC 4861 §7.3.1): its
     * Neighbor Cache entry, if it has one with a link-layer address, becomes REACHABLE for ReachableTime. A mobile
     * node back home confirms its home agent so (RFC 6275 §11.5.5: the home agent's entry, learnt from a Router
     * Advertisement or from its multicast advertisement, SHOULD be REACHABLE). The default does nothing.
     */
    default void confirmReachable(int iface, Ipv6Address neighbor) {
    }

    /**
     * When {@code address}, one of this node's unicast addresses on {@code iface}, stops being valid (node clock,
     * RFC 4862 §5.5.3: an autoconfigured address lives as long as its prefix's Valid Lifetime); Long.MAX_VALUE for
     * one configured without a lifetime, Long.MIN_VALUE when it is not the node's. A home address set at home
     * ({@link #setHomeAddress}) has its prefix's Valid Lifetime from the home link's RAs once one has come, as a SLAAC
     * address would. A mobile node's Binding Update asks no longer a lifetime than its care-of address and its home
     * address have left (RFC 6275 §11.7.1). The default: Long.MAX_VALUE.
     */
    default long addressValidUntil(int iface, Ipv6Address address) {
        return Long.MAX_VALUE;
    }

    /**
     * Whether a packet this node sends to {@code destination} has a route now: link scope or multicast, a tunnel
     * route, an on-link prefix, a static route or a default router (RFC 4861 §5.2; without a default router nothing
     * off the link is assumed on-link, RFC 5942, and such a packet is dropped, counted as {@code drop.NO_ROUTE}). A
     * mobile node back home before its link's router advertised holds its signalling until then. The default: true.
     */
    default boolean hasRoute(Ipv6Address destination) {
        return true;
    }

    /**
     * The Hop Limit for a packet this node originates (RFC 4861 §6.3.2 CurHopLimit): what a Router Advertisement on
     * its link set (§6.3.4; a host's first interface that is up and heard one), else 64. A role puts it in what it
     * sends that is not Neighbor Discovery (Binding Updates and Acknowledgements, the return routability messages,
     * DHAAD and mobile prefix messages). The default: 64.
     */
    default int hopLimit() {
        return 64;
    }

    /** When tunnel {@code id} last carried a packet either way (node clock), or Long.MIN_VALUE if never. */
    long tunnelLastUsed(int id);

    /**
     * A Router Solicitation on host interface {@code iface} now, without RFC 4861 §6.3.7's random
     * delay, and the rest of MAX_RTR_SOLICITATIONS after it until an RA arrives: what a mobile node does
     * on a hint that it moved (RFC 6275 §11.5.1). Nothing on a router interface or one that is down.
     */
    void solicitRouters(int iface);

    /**
     * Forgets {@code router} as a default router of host interface {@code iface} until its next RA: a
     * mobile node that found itself on another router's link (RFC 6275 §11.5.1) stops sending through
     * the old one without waiting for its Router Lifetime or for NUD to give up on it.
     */
    void forgetDefaultRouter(int iface, Ipv6Address router);

    /**
     * A registration of the mobile node with {@code homeAddress} at {@code careOfAddress} (its home address
     * when it came home) was accepted: the node's tunnel-mode IPsec SAs with it move their endpoint there
     * (RFC 4877 §3.4, RFC 3776 §4.3). Kept for a {@link PacketProtection} that comes later (a swap).
     */
    void migrateSecurityAssociations(Ipv6Address homeAddress, Ipv6Address careOfAddress);

    /**
     * Whether the node's IPsec has SAs for the traffic between {@code homeAddress} and {@code peer}
     * ({@link PacketProtection#protects}); false without IPsec, or while it is being replaced.
     */
    boolean sharesSecurityAssociations(Ipv6Address homeAddress, Ipv6Address peer);

    /** Whether {@code address} is one of the node's own, or proxied by it on some interface. */
    boolean isOwnAddress(Ipv6Address address);
}
