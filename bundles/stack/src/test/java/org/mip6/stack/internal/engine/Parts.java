package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.net.MacAddress;
import org.mip6.wire.DecodeException;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;

/**
 * The stack's parts wired by hand, without a network, for tests of one part at a time: frames a part
 * emits are decoded for assertions, timers are polled on a fake clock, events are logged.
 */
final class Parts {

    static final NdParameters ND = NdParameters.DEFAULT;
    static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:02");
    static final Ipv6Prefix P = Ipv6Prefix.parse("2001:db8:1::/64");

    final List<String> events = new ArrayList<>();
    final NodeCounters counters = new NodeCounters();
    final TimerTable timers = new TimerTable();
    final SplittableRandom random = new SplittableRandom(1);
    final Emitter emitter = new Emitter(counters);
    final Interfaces ifaces = new Interfaces("test");
    final NodeEvents log = new NodeEvents() {
        @Override
        public void addressReady(long now, int iface, Ipv6Address address) {
            events.add(now + " ready " + address);
        }

        @Override
        public void duplicateAddress(long now, int iface, Ipv6Address address) {
            events.add(now + " duplicate " + address);
        }

        @Override
        public void newPrefix(long now, int iface, Ipv6Prefix prefix, Ipv6Address router, boolean defaultRouter) {
            events.add(now + " prefix " + prefix);
        }

        @Override
        public void routerUnreachable(long now, int iface, Ipv6Address router) {
            events.add(now + " unreachable " + router);
        }

        @Override
        public void advertisedTimerIgnored(long now, int iface, Ipv6Address router, String field, long millis, long bound) {
            events.add(now + " ignored " + field + " " + millis);
        }
    };
    final NdParameters nd;
    final AddressTable addresses;
    final SourceAddressSelection sources;
    final ProxyNd proxy;
    final NeighborCache neighbors;
    final RoutingTable routes;
    final Iface iface;
    final List<String> lost = new ArrayList<>();
    final List<Ipv6Packet> unreachable = new ArrayList<>();

    Parts() {
        this(ND, null);
    }

    Parts(NdParameters nd, RouterConfig router) {
        this.nd = nd;
        addresses = new AddressTable(nd, random, timers, emitter, log);
        sources = new SourceAddressSelection(addresses);
        proxy = new ProxyNd(nd, timers, sources, emitter);
        neighbors = new NeighborCache(nd, timers, emitter, counters, addresses, sources, proxy);
        routes = new RoutingTable(ifaces, neighbors);
        neighbors.setListener(new NeighborCache.Listener() {
            @Override
            public void routerLost(long now, Iface i, Ipv6Address r, boolean unreachableToo) {
                lost.add(r + (unreachableToo ? " unreachable" : " no longer a router"));
                routes.removeDefaultRouter(i.index, r);
            }

            @Override
            public void unreachable(long now, Ipv6Packet p, List<Transmit> out) {
                unreachable.add(p);
            }
        });
        iface = ifaces.add(MAC, router);
        addresses.addInterface(iface);
        proxy.addInterface();
        neighbors.addInterface();
        routes.addInterface();
        iface.up = true;
    }

    /** Makes every address of the interface preferred, as after DAD. */
    Parts settled() {
        for (AddressEntry e : addresses.entries(0)) {
            e.state = AddressState.PREFERRED;
        }
        return this;
    }

    /** Runs the timers due at {@code now} through {@code fire}; returns what they sent. */
    List<Ipv6Packet> fire(long now, TimerFire fire) throws DecodeException {
        List<Transmit> out = new ArrayList<>();
        TimerTable.Key k;
        while ((k = timers.pollDue(now)) != null) {
            fire.fire(k, out);
        }
        return decode(out);
    }

    interface TimerFire {
        void fire(TimerTable.Key key, List<Transmit> out);
    }

    static List<Ipv6Packet> decode(List<Transmit> out) throws DecodeException {
        List<Ipv6Packet> l = new ArrayList<>();
        for (Transmit t : out) {
            l.add(PacketCodec.decodeEthernet(t.frame(), 0, t.frame().length).packet());
        }
        return l;
    }

    static MacAddress destinationMac(Transmit t) {
        return MacAddress.read(t.frame(), 0);
    }

    static Icmpv6Message icmp(Ipv6Packet p) {
        return ((Payload.Icmpv6) p.payload()).message();
    }
}
