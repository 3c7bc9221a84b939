package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.Bytes;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.icmp.Icmpv6Message.NeighborAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.NeighborSolicitation;
import org.mip6.wire.icmp.NdOption;

/** Address resolution and NUD (RFC 4861 §7) as timelines: frames sent and their instants, states. */
class NeighborCacheTest {

    static final Ipv6Address ME = Parts.P.withInterfaceId(1);
    static final Ipv6Address PEER = Parts.P.withInterfaceId(2);
    static final long S = NdParameters.SECOND;

    static Parts parts() {
        Parts p = new Parts();
        p.addresses.addStatic(0, p.iface, ME, 64, new ArrayList<>());
        p.routes.putOnLink(0, Parts.P, Long.MAX_VALUE);
        return p.settled();
    }

    static Ipv6Packet echo(int seq) {
        return Ipv6Packet.of(ME, PEER, 64, new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, seq, Bytes.EMPTY)));
    }

    static Ipv6Packet na(boolean solicited, boolean override, MacAddress mac) {
        return Ipv6Packet.of(PEER, ME, 255, new Payload.Icmpv6(new NeighborAdvertisement(false, solicited, override, PEER,
                mac == null ? List.of() : List.of(new NdOption.TargetLinkLayerAddress(mac)))));
    }

    static List<Ipv6Packet> timers(Parts p, long now) throws Exception {
        return p.fire(now, (k, out) -> p.neighbors.onTimer(now, p.iface, (Ipv6Address) k.key(), out));
    }

    @Test
    void resolutionQueuesThenSendsEverythingOnTheSolicitedAdvertisement() throws Exception {
        Parts p = parts();
        List<Transmit> out = new ArrayList<>();
        for (int k = 0; k < Parts.ND.maxQueuedPerNeighbor() + 2; k++) {
            p.neighbors.resolveAndSend(0, p.iface, PEER, echo(k), out);
        }
        List<Ipv6Packet> sent = Parts.decode(out);
        assertEquals(1, sent.size(), "one multicast NS, the packets wait");
        assertEquals(PEER.solicitedNodeMulticast(), sent.get(0).destination());
        assertEquals(PEER, ((NeighborSolicitation) Parts.icmp(sent.get(0))).target());
        assertEquals(2L, p.counters.drops().get(Drop.QUEUE_FULL));
        assertEquals(NudState.INCOMPLETE, p.neighbors.get(0, PEER).state());

        List<Transmit> released = new ArrayList<>();
        p.neighbors.onNa(500, p.iface, na(true, true, Parts.PEER_MAC), (NeighborAdvertisement) Parts.icmp(na(true, true, Parts.PEER_MAC)), released);
        assertEquals(Parts.ND.maxQueuedPerNeighbor(), released.size());
        assertEquals(Parts.PEER_MAC, Parts.destinationMac(released.get(0)));
        assertEquals(2, ((Icmpv6Message.EchoRequest) Parts.icmp(Parts.decode(released).get(0))).sequence(), "oldest dropped first");
        assertEquals(NudState.REACHABLE, p.neighbors.get(0, PEER).state());
        assertEquals(500 + Parts.ND.reachableTimeNanos(), p.timers.deadline(TimerKind.NEIGHBOR, 0, PEER));
    }

    @Test
    void unansweredResolutionGivesUpAfterMaxMulticastSolicitAndReportsForwardedPackets() throws Exception {
        Parts p = parts();
        Ipv6Packet forwarded = Ipv6Packet.of(Ipv6Address.parse("2001:db8:9::9"), PEER, 63,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 1, Bytes.EMPTY)));
        p.neighbors.resolveAndSend(0, p.iface, PEER, forwarded, new ArrayList<>());
        p.neighbors.resolveAndSend(0, p.iface, PEER, echo(1), new ArrayList<>());
        assertEquals(1, timers(p, S).size(), "second NS at 1 s");
        assertEquals(1, timers(p, 2 * S).size(), "third NS at 2 s");
        assertEquals(List.of(), timers(p, 3 * S));
        assertNull(p.neighbors.get(0, PEER));
        assertEquals(2L, p.counters.drops().get(Drop.ADDRESS_UNREACHABLE));
        assertEquals(List.of(forwarded), p.unreachable, "Destination Unreachable for the forwarded one only");
    }

    /**
     * RFC 6275 §11.5.5: back home, until the home agent acknowledges the deregistration it still defends the home
     * address, so a solicitation (here for the home agent, whose RA was not heard) leaves from the unspecified
     * address, multicast, without a Source Link-Layer Address; the home agent's answer to all-nodes completes it.
     * Once released the home address is a source like any other. Away and then home, as a mobile node's is.
     */
    @Test
    void aHomeAddressBackHomeSolicitsFromTheUnspecifiedAddressUntilTheHomeAgentReleasesIt() throws Exception {
        Parts p = parts();
        p.addresses.setHome(p.iface, ME, 64, false);
        p.addresses.setHome(p.iface, ME, 64, true);
        p.addresses.setHome(p.iface, ME, 64, true); // a role that replaced another during the return sets it again
        List<Transmit> out = new ArrayList<>();
        p.neighbors.resolveAndSend(0, p.iface, PEER, echo(1), out);
        List<Ipv6Packet> sent = Parts.decode(out);
        assertEquals(1, sent.size());
        assertEquals(Ipv6Address.UNSPECIFIED, sent.get(0).source());
        assertEquals(PEER.solicitedNodeMulticast(), sent.get(0).destination());
        assertEquals(List.of(), ((NeighborSolicitation) Parts.icmp(sent.get(0))).options(), "no SLLA from :: (RFC 4861 §4.3)");
        assertEquals(1, timers(p, S).size());
        assertEquals(Ipv6Address.UNSPECIFIED, timers(p, 2 * S).get(0).source(), "retransmissions too");
        out.clear();
        Ipv6Packet defended = Ipv6Packet.of(PEER, Ipv6Address.ALL_NODES, 255, new Payload.Icmpv6(new NeighborAdvertisement(
                true, false, true, PEER, List.of(new NdOption.TargetLinkLayerAddress(Parts.PEER_MAC)))));
        p.neighbors.onNa(2 * S + 1, p.iface, defended, (NeighborAdvertisement) Parts.icmp(defended), out);
        assertEquals(List.of(echo(1)), Parts.decode(out), "the waiting packet leaves once the home agent answered");

        p.addresses.releaseHome(p.iface, ME);
        out.clear();
        Ipv6Address other = Parts.P.withInterfaceId(3);
        p.neighbors.resolveAndSend(3 * S, p.iface, other, Ipv6Packet.of(ME, other, 64,
                new Payload.Icmpv6(new Icmpv6Message.EchoRequest(1, 2, Bytes.EMPTY))), out);
        Ipv6Packet ns = Parts.decode(out).get(0);
        assertEquals(ME, ns.source(), "released: an ordinary source again");
        assertEquals(List.of(new NdOption.SourceLinkLayerAddress(p.iface.mac)), ((NeighborSolicitation) Parts.icmp(ns)).options());

        Parts first = parts(); // a home address set at home without having been away is no return
        first.addresses.setHome(first.iface, ME, 64, true);
        out.clear();
        first.neighbors.resolveAndSend(0, first.iface, PEER, echo(1), out);
        assertEquals(ME, Parts.decode(out).get(0).source());
    }

    @Test
    void nudWalksReachableStaleDelayProbeAndDeletesAnUnreachableRouter() throws Exception {
        Parts p = parts();
        p.neighbors.learn(0, p.iface, PEER, Parts.PEER_MAC, true, true, new ArrayList<>());
        assertEquals(NudState.STALE, p.neighbors.get(0, PEER).state());
        List<Transmit> out = new ArrayList<>();
        p.neighbors.resolveAndSend(10, p.iface, PEER, echo(1), out);
        assertEquals(1, out.size(), "sent at once to a STALE neighbour");
        assertEquals(NudState.DELAY, p.neighbors.get(0, PEER).state());
        long probe = 10 + Parts.ND.delayFirstProbeNanos();
        List<Ipv6Packet> ns = timers(p, probe);
        assertEquals(PEER, ns.get(0).destination(), "unicast probe (RFC 4861 §7.3.3)");
        assertEquals(NudState.PROBE, p.neighbors.get(0, PEER).state());
        assertEquals(1, timers(p, probe + S).size());
        assertEquals(1, timers(p, probe + 2 * S).size());
        assertEquals(List.of(), timers(p, probe + 3 * S));
        assertNull(p.neighbors.get(0, PEER));
        assertEquals(List.of(PEER + " unreachable"), p.lost);
    }

    @Test
    void anUpperLayersConfirmationMakesAnEntryReachableAndSparesItsProbe() throws Exception {
        Parts p = parts();
        p.neighbors.learn(0, p.iface, PEER, Parts.PEER_MAC, true, true, new ArrayList<>());
        List<Transmit> out = new ArrayList<>();
        p.neighbors.resolveAndSend(10, p.iface, PEER, echo(1), out);
        assertEquals(NudState.DELAY, p.neighbors.get(0, PEER).state());
        p.neighbors.confirm(20, p.iface, PEER); // RFC 4861 §7.3.1 (RFC 6275 §11.5.5: a home agent back home)
        assertEquals(NudState.REACHABLE, p.neighbors.get(0, PEER).state());
        assertEquals(List.of(), timers(p, 10 + Parts.ND.delayFirstProbeNanos()), "no probe: DELAY's timer gave way");
        assertEquals(NudState.REACHABLE, p.neighbors.get(0, PEER).state());
        timers(p, 20 + Parts.ND.reachableTimeNanos());
        assertEquals(NudState.STALE, p.neighbors.get(0, PEER).state(), "for ReachableTime from the confirmation");

        Ipv6Address other = Parts.P.withInterfaceId(3);
        p.neighbors.confirm(30, p.iface, other);
        assertNull(p.neighbors.get(0, other), "no entry is made");
        out.clear();
        p.neighbors.resolveAndSend(40, p.iface, other, echo(1), out);
        p.neighbors.confirm(50, p.iface, other);
        assertEquals(NudState.INCOMPLETE, p.neighbors.get(0, other).state(), "no link-layer address to confirm");
    }

    @Test
    void anNsForOurAddressIsAnsweredAndTeachesTheSender() throws Exception {
        Parts p = parts();
        Ipv6Packet ns = Ipv6Packet.of(PEER, ME.solicitedNodeMulticast(), 255, new Payload.Icmpv6(
                new NeighborSolicitation(ME, List.of(new NdOption.SourceLinkLayerAddress(Parts.PEER_MAC)))));
        List<Transmit> out = new ArrayList<>();
        p.neighbors.onNs(0, p.iface, ns, (NeighborSolicitation) Parts.icmp(ns), out);
        NeighborAdvertisement na = (NeighborAdvertisement) Parts.icmp(Parts.decode(out).get(0));
        assertTrue(na.solicited() && na.override());
        assertEquals(Parts.PEER_MAC, Parts.destinationMac(out.get(0)));
        assertEquals(NudState.STALE, p.neighbors.get(0, PEER).state(), "RFC 4861 §7.2.3");

        Ipv6Packet bad = Ipv6Packet.of(PEER, ME.solicitedNodeMulticast(), 64, ns.payload());
        List<Transmit> none = new ArrayList<>();
        p.neighbors.onNs(0, p.iface, bad, (NeighborSolicitation) Parts.icmp(bad), none);
        assertEquals(List.of(), none);
        assertEquals(1L, p.counters.drops().get(Drop.HOP_LIMIT_NOT_255), "RFC 4861 §7.1.1");
    }

    @Test
    void aProxiedAddressIsAnsweredWithoutOverrideAndDefendedAgainstDad() throws Exception {
        Parts p = new Parts(Parts.ND, RouterConfig.of(org.mip6.node.Advertising.router(Parts.P))); // a home agent
        p.addresses.addStatic(0, p.iface, ME, 64, new ArrayList<>());
        p.routes.putOnLink(0, Parts.P, Long.MAX_VALUE);
        p.settled();
        Ipv6Address home = Parts.P.withInterfaceId(0x99);
        List<Transmit> out = new ArrayList<>();
        p.proxy.add(0, p.iface, home, out);
        NeighborAdvertisement unsolicited = (NeighborAdvertisement) Parts.icmp(Parts.decode(out).get(0));
        assertTrue(unsolicited.override() && !unsolicited.solicited() && !unsolicited.router(), "RFC 6275 §10.4.1");
        assertEquals(Ipv6Address.ALL_NODES, Parts.decode(out).get(0).destination());

        Ipv6Packet dad = Ipv6Packet.of(Ipv6Address.UNSPECIFIED, home.solicitedNodeMulticast(), 255,
                new Payload.Icmpv6(new NeighborSolicitation(home, List.of())));
        List<Transmit> defended = new ArrayList<>();
        p.neighbors.onNs(0, p.iface, dad, (NeighborSolicitation) Parts.icmp(dad), defended);
        assertEquals(Ipv6Address.ALL_NODES, Parts.decode(defended).get(0).destination(), "defended to all-nodes");
        assertTrue(!((NeighborAdvertisement) Parts.icmp(Parts.decode(defended).get(0))).router(), "Router clear");

        Ipv6Packet ns = Ipv6Packet.of(PEER, home.solicitedNodeMulticast(), 255, new Payload.Icmpv6(
                new NeighborSolicitation(home, List.of(new NdOption.SourceLinkLayerAddress(Parts.PEER_MAC)))));
        List<Transmit> answer = new ArrayList<>();
        p.neighbors.onNs(0, p.iface, ns, (NeighborSolicitation) Parts.icmp(ns), answer);
        NeighborAdvertisement na = (NeighborAdvertisement) Parts.icmp(Parts.decode(answer).get(0));
        assertTrue(na.solicited() && !na.override(), "a proxy does not override (RFC 4861 §7.2.8)");
        assertTrue(!na.router(), "on behalf of a host: Router clear (RFC 6275 §10.4.1)");
        assertEquals(Parts.MAC, ((NdOption.TargetLinkLayerAddress) na.options().get(0)).address());
    }

    /**
     * A solicitation for a proxied address while none of the proxy's own addresses is usable (its link-local a
     * duplicate, say): the NA would need one as its source (RFC 4861 §7.2.4), so none goes, and the drop is
     * counted; it threw before.
     */
    @Test
    void aProxiedAddressIsNotAnsweredWithoutAUsableSourceAndTheDropIsCounted() throws Exception {
        Parts p = new Parts(Parts.ND, RouterConfig.of(org.mip6.node.Advertising.router(Parts.P)));
        p.addresses.addStatic(0, p.iface, ME, 64, new ArrayList<>());
        p.settled();
        Ipv6Address home = Parts.P.withInterfaceId(0x99);
        p.proxy.add(0, p.iface, home, new ArrayList<>());
        for (AddressEntry e : p.addresses.entries(0)) {
            e.state = AddressState.DUPLICATE;
        }
        Ipv6Packet ns = Ipv6Packet.of(PEER, home.solicitedNodeMulticast(), 255, new Payload.Icmpv6(
                new NeighborSolicitation(home, List.of(new NdOption.SourceLinkLayerAddress(Parts.PEER_MAC)))));
        List<Transmit> answer = new ArrayList<>();
        p.neighbors.onNs(0, p.iface, ns, (NeighborSolicitation) Parts.icmp(ns), answer);
        assertEquals(List.of(), answer);
        assertEquals(1L, p.counters.drops().get(Drop.DETACHED_SOURCE));
    }

    @Test
    void dadOnBehalfOfAnotherNodeProbesWaitsAndReportsWithoutAnsweringMeanwhile() throws Exception {
        Parts p = parts();
        Ipv6Address home = Parts.P.withInterfaceId(0x99);
        List<Boolean> outcome = new ArrayList<>();
        List<Transmit> out = new ArrayList<>();
        p.proxy.detectDuplicate(0, p.iface, home, outcome::add, out);
        Ipv6Packet probe = Parts.decode(out).get(0);
        assertEquals(Ipv6Address.UNSPECIFIED, probe.source(), "RFC 4862 §5.4.2");
        assertEquals(home.solicitedNodeMulticast(), probe.destination());
        assertEquals(home, ((NeighborSolicitation) Parts.icmp(probe)).target());
        assertTrue(p.proxy.listensTo(p.iface, home.solicitedNodeMulticast()), "joined the group while probing");

        Ipv6Packet ns = Ipv6Packet.of(PEER, home.solicitedNodeMulticast(), 255, new Payload.Icmpv6(
                new NeighborSolicitation(home, List.of(new NdOption.SourceLinkLayerAddress(Parts.PEER_MAC)))));
        List<Transmit> none = new ArrayList<>();
        p.neighbors.onNs(0, p.iface, ns, (NeighborSolicitation) Parts.icmp(ns), none);
        assertEquals(List.of(), none, "a tentative address is not answered for");

        long t = Parts.ND.retransTimerNanos();
        assertEquals(List.of(), p.fire(t - 1, (k, o) -> p.proxy.dadTimer(t - 1, p.iface, (Ipv6Address) k.key(), o)));
        assertEquals(List.of(), outcome);
        p.fire(t, (k, o) -> p.proxy.dadTimer(t, p.iface, (Ipv6Address) k.key(), o));
        assertEquals(List.of(true), outcome, "unique after RetransTimer");
        assertFalse(p.proxy.proxies(p.iface, home), "nothing is proxied until the role says so");
        assertFalse(p.proxy.listensTo(p.iface, home.solicitedNodeMulticast()));
    }

    @Test
    void dadOnBehalfFailsOnAnAdvertisementOrAnotherProbe() throws Exception {
        Parts p = parts();
        Ipv6Address a = Parts.P.withInterfaceId(0x99);
        Ipv6Address b = Parts.P.withInterfaceId(0x98);
        List<String> outcome = new ArrayList<>();
        List<Transmit> out = new ArrayList<>();
        int timers = p.timers.size();
        p.proxy.detectDuplicate(0, p.iface, a, u -> outcome.add("a " + u), out);
        p.proxy.detectDuplicate(0, p.iface, b, u -> outcome.add("b " + u), out);
        Ipv6Packet na = Ipv6Packet.of(PEER, Ipv6Address.ALL_NODES, 255, new Payload.Icmpv6(new NeighborAdvertisement(
                false, false, true, a, List.of(new NdOption.TargetLinkLayerAddress(Parts.PEER_MAC)))));
        p.neighbors.onNa(0, p.iface, na, (NeighborAdvertisement) Parts.icmp(na), new ArrayList<>());
        Ipv6Packet probe = Ipv6Packet.of(Ipv6Address.UNSPECIFIED, b.solicitedNodeMulticast(), 255,
                new Payload.Icmpv6(new NeighborSolicitation(b, List.of())));
        p.neighbors.onNs(0, p.iface, probe, (NeighborSolicitation) Parts.icmp(probe), new ArrayList<>());
        assertEquals(List.of("a false", "b false"), outcome, "RFC 4862 §5.4.3-5.4.4");
        assertEquals(timers, p.timers.size(), "their timers are gone");
    }

    @Test
    void aHomeAddressAwayFromHomeIsNotOnTheLinkAndAtHomeSkipsDad() throws Exception {
        Parts p = parts();
        Ipv6Address home = Ipv6Address.parse("2001:db8:9::b");
        p.addresses.setHome(p.iface, home, 64, false);
        assertTrue(p.addresses.isLocalUnicast(home), "received on (RFC 6275 §11.3.1, §11.3.3)");
        assertFalse(p.addresses.listensTo(p.iface, home.solicitedNodeMulticast()), "not on this link");
        Ipv6Packet ns = Ipv6Packet.of(PEER, home.solicitedNodeMulticast(), 255, new Payload.Icmpv6(
                new NeighborSolicitation(home, List.of(new NdOption.SourceLinkLayerAddress(Parts.PEER_MAC)))));
        List<Transmit> out = new ArrayList<>();
        p.neighbors.onNs(0, p.iface, ns, (NeighborSolicitation) Parts.icmp(ns), out);
        Ipv6Packet dad = Ipv6Packet.of(Ipv6Address.UNSPECIFIED, home.solicitedNodeMulticast(), 255,
                new Payload.Icmpv6(new NeighborSolicitation(home, List.of())));
        p.neighbors.onNs(0, p.iface, dad, (NeighborSolicitation) Parts.icmp(dad), out);
        assertEquals(List.of(), out, "neither answered nor defended");
        assertFalse(p.addresses.usableAddresses(0).contains(home), "never a source");

        p.addresses.setHome(p.iface, home, 64, true); // back at home
        assertTrue(p.addresses.usableAddresses(0).contains(home), "usable at once: no DAD (§11.5.5)");
        p.neighbors.onNs(0, p.iface, ns, (NeighborSolicitation) Parts.icmp(ns), out);
        assertEquals(home, ((NeighborAdvertisement) Parts.icmp(Parts.decode(out).get(0))).target(), "answered at home");
        p.addresses.removeHome(p.iface, home);
        assertFalse(p.addresses.isLocalUnicast(home));
    }
}
