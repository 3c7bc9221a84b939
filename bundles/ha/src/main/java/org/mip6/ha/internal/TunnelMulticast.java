package org.mip6.ha.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.mip6.ha.internal.engine.ServedPrefix;
import org.mip6.ha.internal.engine.TunnelledListeners;
import org.mip6.net.Ipv6Address;
import org.mip6.role.EngineTimer;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.RoleNode;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingCacheEntry;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.MulticastListenerMessage;

/**
 * Multicast through the home agent's tunnels (RFC 6275 §10.4.2, §10.4.3), when configured: the node side of
 * {@link TunnelledListeners}. General Queries (MLDv2, RFC 3810 §5.1) go into each binding's tunnel from the home
 * link's link-local address to all-nodes, Hop Limit 1, with a Router Alert; the Reports and Dones the node hands over
 * from a tunnel name the groups whose packets from the home link the node then also sends through that tunnel.
 */
final class TunnelMulticast {

    private final RoleNode node;
    private final TunnelledListeners listeners;
    private final EngineTimer timer;
    /** MLD messages that came out of a tunnel and could not be read. */
    private long malformed;
    private volatile boolean closed;

    TunnelMulticast(RoleNode node) {
        this.node = node;
        this.listeners = new TunnelledListeners(new TunnelledListeners.Output() {
            @Override
            public void query(Ipv6Address homeAddress, int iface, int tunnel) {
                sendQuery(iface, tunnel);
            }

            @Override
            public void listen(int iface, Ipv6Address group, int tunnel, boolean on) {
                node.tunnelMulticast(iface, group, tunnel, on);
            }
        });
        this.timer = new EngineTimer(node, listeners::nextDeadline, listeners::onTimer);
    }

    /**
     * At the role's start: what the node already tunnels on the served links (a role this one replaces left it) is
     * kept for the bindings whose tunnels take it, and every binding is asked again; what no binding's tunnel is is
     * taken off.
     */
    void start(BindingCache cache, List<ServedPrefix> served, Function<Ipv6Address, ServedPrefix> servedPrefix) {
        long now = node.nanos();
        Map<Integer, BindingCacheEntry> byTunnel = new LinkedHashMap<>(); // in the cache's order
        for (BindingCacheEntry e : cache.entries(node.name())) {
            if (e.homeRegistration() && e.tunnel() != 0) {
                byTunnel.put(e.tunnel(), e);
            }
        }
        List<Integer> ifaces = new ArrayList<>();
        for (ServedPrefix s : served) {
            if (!ifaces.contains(s.iface())) {
                ifaces.add(s.iface());
            }
        }
        for (int iface : ifaces) {
            node.tunnelledGroups(iface).forEach((group, tunnels) -> {
                for (int t : tunnels) {
                    BindingCacheEntry e = byTunnel.get(t);
                    if (e != null) {
                        listeners.adopt(now, e.homeAddress(), iface, e.careOfAddress(), t, group);
                    } else {
                        node.tunnelMulticast(iface, group, t, false);
                    }
                }
            });
        }
        for (BindingCacheEntry e : byTunnel.values()) {
            ServedPrefix p = servedPrefix.apply(e.homeAddress());
            if (p != null) {
                listeners.bindingUp(now, e.homeAddress(), p.iface(), e.careOfAddress(), e.tunnel());
            }
        }
        timer.rearm();
    }

    /** A role without multicast through its tunnels: what a role before it left the node tunnelling is taken off. */
    static void clear(RoleNode node, List<ServedPrefix> served) {
        for (ServedPrefix s : served) {
            node.tunnelledGroups(s.iface()).forEach((group, tunnels) -> {
                for (int t : tunnels) {
                    node.tunnelMulticast(s.iface(), group, t, false);
                }
            });
        }
    }

    void close() {
        closed = true;
        timer.close();
    }

    void bindingUp(Ipv6Address home, int iface, Ipv6Address careOf, int tunnel) {
        listeners.bindingUp(node.nanos(), home, iface, careOf, tunnel);
        timer.rearm(); // the first query leaves after this instant's work (the BA first)
    }

    void bindingDown(Ipv6Address home) {
        listeners.bindingDown(home);
    }

    Map<String, Long> counters() {
        Map<String, Long> m = listeners.counters();
        m.put("mld.malformed", malformed);
        return m;
    }

    /** The groups the mobile node of {@code home} listens to through its tunnel, and until when. */
    Map<Ipv6Address, Long> groups(Ipv6Address home) {
        return listeners.groups(home);
    }

    /** Reports and Dones out of a tunnel (types 131, 132, 143); on the home link itself the home agent is no querier. */
    Icmpv6Handler handler() {
        return (packet, message) -> {
            if (closed || packet.tunnelOuter() == null || !(message instanceof Icmpv6Message.UnknownIcmpv6 m)) {
                return;
            }
            List<TunnelledListeners.Record> records = records(m);
            if (records == null) {
                malformed++;
                return;
            }
            listeners.report(node.nanos(), packet.tunnelOuter().source(), records);
            timer.rearm();
        };
    }

    /**
     * The records of an MLD message's body (after Type, Code and Checksum): an MLDv2 Report's (RFC 3810 §5.2), an MLDv1
     * Report as MODE_IS_EXCLUDE, a Done as CHANGE_TO_INCLUDE_MODE without sources (RFC 2710 §3); null when the body
     * is too short for what it says it holds, or is a Query's.
     */
    static List<TunnelledListeners.Record> records(int type, byte[] body) {
        return records(new Icmpv6Message.UnknownIcmpv6(type, 0, Bytes.of(body)));
    }

    static List<TunnelledListeners.Record> records(Icmpv6Message.UnknownIcmpv6 message) {
        MulticastListenerMessage m;
        try {
            m = MulticastListenerMessage.decode(message);
        } catch (DecodeException e) {
            return null;
        }
        if (m instanceof MulticastListenerMessage.Report r) {
            return List.of(new TunnelledListeners.Record(MulticastListenerMessage.AddressRecord.MODE_IS_EXCLUDE, r.group(), 0));
        }
        if (m instanceof MulticastListenerMessage.Done d) {
            return List.of(new TunnelledListeners.Record(MulticastListenerMessage.AddressRecord.CHANGE_TO_INCLUDE_MODE, d.group(), 0));
        }
        if (!(m instanceof MulticastListenerMessage.ReportV2 v2)) {
            return null; // a Query is not a listener's
        }
        List<TunnelledListeners.Record> out = new ArrayList<>(v2.records().size());
        for (MulticastListenerMessage.AddressRecord a : v2.records()) {
            out.add(new TunnelledListeners.Record(a.type(), a.group(), a.sources().size()));
        }
        return out;
    }

    /**
     * An MLDv2 General Query (RFC 3810 §5.1): Maximum Response Code 10,000 ms, no group, S clear, QRV 2, QQIC 125 s,
     * no sources; from the home link's link-local address (§5.1.14), Hop Limit 1, Router Alert (§5).
     */
    private void sendQuery(int iface, int tunnel) {
        Ipv6Address source = node.linkLocalAddress(iface);
        if (source == null) {
            return;
        }
        MulticastListenerMessage.Query query = MulticastListenerMessage.Query.general(
                TunnelledListeners.QUERY_RESPONSE_INTERVAL_MILLIS, TunnelledListeners.ROBUSTNESS,
                TunnelledListeners.QUERY_INTERVAL_SECONDS);
        node.sendThrough(tunnel, new Ipv6Packet(0, 0, 1, source, Ipv6Address.ALL_NODES,
                List.of(new ExtensionHeader.HopByHopOptions(List.of(MulticastListenerMessage.ROUTER_ALERT))),
                new Payload.Icmpv6(query.toIcmpv6())));
    }
}
