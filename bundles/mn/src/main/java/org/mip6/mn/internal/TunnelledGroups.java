package org.mip6.mn.internal;

import java.util.List;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.role.ReceivedPacket;
import org.mip6.role.RoleNode;
import org.mip6.time.Timer;
import org.mip6.wire.Bytes;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Option;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Message;

/**
 * RFC 6275 §11.3.4: the multicast groups a mobile node listens to through its home agent's tunnel while away. Their
 * packets out of the tunnel are received; a Query from the home agent through the tunnel is answered with an MLDv2
 * Report (RFC 3810 §6.2: after a random delay within its Maximum Response Delay) naming them, from the link-local
 * address, Hop Limit 1, with a Router Alert, through the tunnel. The mobile node tunnels no MLD before such a query
 * (§11.3.4: not until the home agent has sent one through the tunnel, the binding in place), and nothing at home.
 */
final class TunnelledGroups {

    private static final int V2_REPORT = 143;
    private static final int MODE_IS_EXCLUDE = 2;
    private static final Ipv6Address ALL_MLDV2_ROUTERS = Ipv6Address.parse("ff02::16");
    private static final Ipv6Option ROUTER_ALERT_MLD = new Ipv6Option.UnknownOption(5, Bytes.of(new byte[2]));

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

    /** Away, with a tunnel to {@code ha}: the groups' packets out of it are received from now on. */
    void away(int tunnel, Ipv6Address ha) {
        cancel();
        this.tunnel = tunnel;
        this.homeAgent = ha;
        for (Ipv6Address g : groups) {
            node.receiveTunnelledMulticast(g, true);
        }
    }

    /** At home (or without a tunnel): nothing more through a tunnel. */
    void atHome() {
        cancel();
        tunnel = 0;
        homeAgent = null;
        for (Ipv6Address g : groups) {
            node.receiveTunnelledMulticast(g, false);
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
        if (tunnel == 0 || !packet.tunnelOuter().source().equals(homeAgent)
                || !(message instanceof Icmpv6Message.UnknownIcmpv6 q) || q.body().length() < 20) {
            queriesIgnored++;
            return;
        }
        queries++;
        int code = Wire.u16(q.body().toArray(), 0);
        long maxDelayMillis = code < 32768 ? code // RFC 3810 §5.1.3: mantissa and exponent from 32768 up
                : (long) ((code & 0x0fff) | 0x1000) << (((code >>> 12) & 0x7) + 3);
        if (pending == null) { // a report already due answers this query too
            long delay = maxDelayMillis == 0 ? 0 : random.nextLong(maxDelayMillis * 1_000_000L);
            pending = node.schedule(node.nanos() + delay, this::report);
        }
    }

    /** An MLDv2 Report (RFC 3810 §5.2) naming every group, MODE_IS_EXCLUDE with no sources, through the tunnel. */
    private void report() {
        pending = null;
        Ipv6Address source = node.linkLocalAddress(iface);
        if (tunnel == 0 || source == null) {
            return;
        }
        byte[] body = new byte[4 + 20 * groups.size()];
        Wire.put16(body, 2, groups.size());
        for (int k = 0; k < groups.size(); k++) {
            body[4 + 20 * k] = MODE_IS_EXCLUDE;
            groups.get(k).write(body, 4 + 20 * k + 4);
        }
        reportsSent++;
        node.sendThrough(tunnel, new Ipv6Packet(0, 0, 1, source, ALL_MLDV2_ROUTERS,
                List.of(new ExtensionHeader.HopByHopOptions(List.of(ROUTER_ALERT_MLD))),
                new Payload.Icmpv6(new Icmpv6Message.UnknownIcmpv6(V2_REPORT, 0, Bytes.of(body)))));
    }
}
