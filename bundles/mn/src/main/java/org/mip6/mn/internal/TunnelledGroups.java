package org.mip6.mn.internal;

import java.util.List;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.role.ReceivedPacket;
import org.mip6.role.RoleNode;
import org.mip6.time.Timer;
import org.mip6.wire.DecodeException;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.MulticastListenerMessage;

/**
 * RFC 6275 §11.3.4: the multicast groups a mobile node listens to through its home agent's tunnel while away. Their
 * packets out of the tunnel are received; a Query from the home agent through the tunnel is answered with an MLDv2
 * Report (RFC 3810 §6.2: after a random delay within its Maximum Response Delay) naming them, from the link-local
 * address, Hop Limit 1, with a Router Alert, through the tunnel. The mobile node tunnels no MLD before such a query
 * (§11.3.4: not until the home agent has sent one through the tunnel, the binding in place), and nothing at home,
 * where the groups are joined on the home link as a stationary node joins them (its MLD reports them there).
 */
final class TunnelledGroups {

    private final RoleNode node;
    private final int iface;
    private final List<Ipv6Address> groups;
    /** The report delays, from the world's seed (same seed, same pcap). */
    private final SplittableRandom random;
    private int tunnel;
    private Ipv6Address homeAgent;
    private Timer pending;
    long queries;
    long reportsSent;
    long queriesIgnored;

    /** @throws IllegalArgumentException for a group that is not a multicast address of global scope */
    TunnelledGroups(RoleNode node, int iface, List<Ipv6Address> groups, long seed) {
        for (Ipv6Address g : groups) {
            if (g.multicastScope() != 0xe) {
                throw new IllegalArgumentException(g + " is not a multicast group of global scope (RFC 6275 §10.4.2: a home"
                        + " agent tunnels no other)");
            }
        }
        this.node = node;
        this.iface = iface;
        this.groups = List.copyOf(groups);
        this.random = new SplittableRandom(seed ^ 0x6d6c6476L);
    }

    /** Whether {@code group} is one of these. */
    boolean contains(Ipv6Address group) {
        return groups.contains(group);
    }

    /** Away, with a tunnel to {@code ha}: the groups' packets out of it are received from now on. */
    void away(int tunnel, Ipv6Address ha) {
        cancel();
        this.tunnel = tunnel;
        this.homeAgent = ha;
        for (Ipv6Address g : groups) {
            node.joinGroupForRole(iface, g, false); // not on the foreign link (§11.3.4's first way is not taken)
            node.receiveTunnelledMulticast(g, true);
        }
    }

    /** At home: nothing more through a tunnel; the groups are joined on the home link, as a stationary node's (§11.3.4). */
    void atHome() {
        cancel();
        tunnel = 0;
        homeAgent = null;
        for (Ipv6Address g : groups) {
            node.receiveTunnelledMulticast(g, false);
            node.joinGroupForRole(iface, g, true);
        }
    }

    void close() {
        cancel();
    }

    private void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    /** A Query: one through the tunnel from the home agent is answered; any other is not this role's. */
    void onQuery(ReceivedPacket packet, Icmpv6Message message) {
        if (packet.tunnelOuter() == null) {
            return; // on the link itself: the node's own MLD answers
        }
        MulticastListenerMessage.Query q = tunnel == 0 || !packet.tunnelOuter().source().equals(homeAgent) ? null
                : query(message);
        if (q == null) {
            queriesIgnored++;
            return;
        }
        queries++;
        long maxDelayMillis = q.maximumResponseDelayMillis(); // RFC 3810 §5.1.3
        if (pending == null) { // a report already due answers this query too
            long delay = maxDelayMillis == 0 ? 0 : random.nextLong(maxDelayMillis * 1_000_000L);
            pending = node.schedule(node.nanos() + delay, this::report);
        }
    }

    /** The MLD Query {@code message} holds (MLDv1's or MLDv2's), or null for anything else or a malformed one. */
    private static MulticastListenerMessage.Query query(Icmpv6Message message) {
        try {
            return message instanceof Icmpv6Message.UnknownIcmpv6 u
                    && MulticastListenerMessage.decode(u) instanceof MulticastListenerMessage.Query q ? q : null;
        } catch (DecodeException e) {
            return null;
        }
    }

    /** An MLDv2 Report (RFC 3810 §5.2) naming every group, MODE_IS_EXCLUDE with no sources, through the tunnel. */
    private void report() {
        pending = null;
        Ipv6Address source = node.linkLocalAddress(iface);
        if (tunnel == 0 || source == null) {
            return;
        }
        List<MulticastListenerMessage.AddressRecord> records = new java.util.ArrayList<>(groups.size());
        for (Ipv6Address g : groups) {
            records.add(new MulticastListenerMessage.AddressRecord(MulticastListenerMessage.AddressRecord.MODE_IS_EXCLUDE, g));
        }
        reportsSent++;
        node.sendThrough(tunnel, new Ipv6Packet(0, 0, 1, source, MulticastListenerMessage.ALL_MLDV2_ROUTERS,
                List.of(new ExtensionHeader.HopByHopOptions(List.of(MulticastListenerMessage.ROUTER_ALERT))),
                new Payload.Icmpv6(new MulticastListenerMessage.ReportV2(records).toIcmpv6())));
    }
}
