package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.wire.Bytes;
import org.mip6.wire.EthernetFrame;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Option;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message;
import org.mip6.wire.pcap.PcapReader;
import org.mip6.wire.pcap.PcapRecord;

/** MLD as a listener (RFC 3810; RFC 2710 under an MLDv1 querier), as timelines on the simulated link. */
class MulticastListeningTest {

    static final Ipv6Address QUERIER = Ipv6Address.parse("fe80::99");
    static final MacAddress QUERIER_MAC = MacAddress.parse("02:00:00:00:00:99");
    static final Ipv6Address MLDV2_ROUTERS = Ipv6Address.parse("ff02::16");

    /** One MLD message seen on the link: its packet's source, destination, hop limit, Router Alert, type, records. */
    record Mld(double at, Ipv6Address src, Ipv6Address dst, int hopLimit, boolean routerAlert, int type, List<String> records) {
    }

    @Test
    void aNodeReportsItsGroupsBeforeItsFirstProbeAndOnceMore(@TempDir Path dir) throws Exception {
        World w = new World(1).link(LinkParameters.ideal("lan"));
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        World.Node h = w.host("h", NdParameters.DEFAULT, "lan");
        w.run(Duration.ofSeconds(3));
        Ipv6Address extra = Ipv6Address.parse("2001:db8:1::10");
        h.runner.transmit(h.engine().addAddress(w.clock.nanos(), 0, StackScenarioTest.P1, extra));
        w.run(Duration.ofSeconds(3));
        w.net.stopCapture("lan");
        List<PcapRecord> frames = PcapReader.readAll(dir.resolve("lan.pcap"));
        List<Mld> mld = mld(frames);
        Ipv6Address ll = h.engine().addresses(0).get(0).address();
        String llGroup = "4 " + ll.solicitedNodeMulticast();
        assertEquals(4, mld.size(), mld.toString());
        // RFC 4862 §5.4.2: joined before the first probe, from the unspecified address while the link-local is tentative
        assertEquals(new Mld(mld.get(0).at(), Ipv6Address.UNSPECIFIED, MLDV2_ROUTERS, 1, true, 143, List.of(llGroup)), mld.get(0));
        Icmpv6Message second = PacketCodec.decodeEthernet(frames.get(1).data(), 0, frames.get(1).data().length).packet()
                .payload() instanceof Payload.Icmpv6 ic ? ic.message() : null;
        assertTrue(second instanceof Icmpv6Message.NeighborSolicitation, "then the DAD probe: " + second);
        // §6.1: sent [Robustness Variable] times, the second within the Unsolicited Report Interval
        assertEquals(mld.get(0).records(), mld.get(1).records());
        assertTrue(mld.get(1).at() - mld.get(0).at() <= 1.0, mld.toString());
        // a new address's group, from the link-local address now that it is valid; the link-local's is not repeated
        assertEquals(new Mld(mld.get(2).at(), ll, MLDV2_ROUTERS, 1, true, 143, List.of("4 " + extra.solicitedNodeMulticast())),
                mld.get(2));
        assertEquals(mld.get(2).records(), mld.get(3).records());
        assertEquals(4L, h.engine().roleCounters().get("mld.reports.sent"));
    }

    @Test
    void aRoutersInterfaceReportsAllRoutersAndALeftGroupIsReportedLeft(@TempDir Path dir) throws Exception {
        World w = new World(2).link(LinkParameters.ideal("lan"));
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        World.Node r = w.router("r", NdParameters.DEFAULT, List.of("lan"), List.of(StackScenarioTest.P1), false);
        w.run(Duration.ofSeconds(5));
        // another node claims the address r configures next: r gives it up (RFC 4862 §5.4.5) and leaves its group
        Ipv6Address taken = Ipv6Address.parse("2001:db8:1::77");
        World.Node other = w.host("other", NdParameters.DEFAULT, "lan");
        other.runner.transmit(other.engine().addAddress(w.clock.nanos(), 0, StackScenarioTest.P1, taken));
        w.run(Duration.ofSeconds(5));
        r.runner.transmit(r.engine().addAddress(w.clock.nanos(), 0, StackScenarioTest.P1, taken));
        w.run(Duration.ofSeconds(5));
        w.net.stopCapture("lan");
        MacAddress rMac = r.engine().mac(0);
        List<Mld> fromR = mld(PcapReader.readAll(dir.resolve("lan.pcap")).stream()
                .filter(f -> MacAddress.read(f.data(), 6).equals(rMac)).toList());
        assertTrue(fromR.get(0).records().containsAll(List.of("4 ff02::2", "4 ff02::1:ff00:1")), fromR.toString());
        List<String> last = fromR.get(fromR.size() - 1).records();
        assertEquals(List.of("3 ff02::1:ff00:77"), last, "CHANGE_TO_INCLUDE_MODE with no sources: left; " + fromR);
    }

    @Test
    void aQuerierIsAnsweredWithinItsMaximumResponseDelayAndABadQueryIsIgnored(@TempDir Path dir) throws Exception {
        World w = new World(3).link(LinkParameters.ideal("lan"));
        World.Node h = w.host("h", NdParameters.DEFAULT, "lan");
        Ipv6Address extra = Ipv6Address.parse("2001:db8:1::10");
        h.runner.transmit(h.engine().addAddress(w.clock.nanos(), 0, StackScenarioTest.P1, extra));
        w.run(Duration.ofSeconds(5));
        Ipv6Address ll = h.engine().addresses(0).get(0).address();
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        // an MLDv2 General Query, Maximum Response Code 2000 ms
        double asked = w.clock.nanos() / 1e9;
        inject(w, query(QUERIER, Ipv6Address.ALL_NODES, 1, true, v2Query(2000, Ipv6Address.UNSPECIFIED)));
        w.run(Duration.ofSeconds(3));
        // not answered (§5.1.14): Hop Limit 255, no Router Alert, a global source
        inject(w, query(QUERIER, Ipv6Address.ALL_NODES, 255, true, v2Query(100, Ipv6Address.UNSPECIFIED)));
        inject(w, query(QUERIER, Ipv6Address.ALL_NODES, 1, false, v2Query(100, Ipv6Address.UNSPECIFIED)));
        inject(w, query(Ipv6Address.parse("2001:db8:1::99"), Ipv6Address.ALL_NODES, 1, true,
                v2Query(100, Ipv6Address.UNSPECIFIED)));
        // nor malformed ones: 26 octets, neither MLDv1's 24 nor MLDv2's 28 (RFC 3810 §8.1); two sources counted, one there
        inject(w, query(QUERIER, Ipv6Address.ALL_NODES, 1, true, java.util.Arrays.copyOf(v2Query(100, Ipv6Address.UNSPECIFIED), 22)));
        byte[] short1 = java.util.Arrays.copyOf(v2Query(100, Ipv6Address.UNSPECIFIED, QUERIER, QUERIER), 24 + 16);
        inject(w, query(QUERIER, Ipv6Address.ALL_NODES, 1, true, short1));
        w.run(Duration.ofSeconds(1));
        // a query about another group (to that group): nothing; about one of h's, to that group: that group
        Ipv6Address group = extra.solicitedNodeMulticast();
        inject(w, query(QUERIER, Ipv6Address.parse("ff02::1:ff00:55"), 1, true, v2Query(100, Ipv6Address.parse("ff02::1:ff00:55"))));
        inject(w, query(QUERIER, group, 1, true, v2Query(100, group)));
        w.run(Duration.ofSeconds(1));
        // about sources of that group (§6.3: EXCLUDE({}) asked about Q answers IS_IN(Q)); the code 0x8001 is
        // exponential (§5.1.3): (0x001 | 0x1000) << 3 = 32776 ms
        Ipv6Address s1 = Ipv6Address.parse("2001:db8:9::1");
        inject(w, query(QUERIER, group, 1, true, v2Query(0x8001, group, s1)));
        w.run(Duration.ofSeconds(33));
        w.net.stopCapture("lan");
        List<Mld> mld = mld(PcapReader.readAll(dir.resolve("lan.pcap"))).stream().filter(m -> m.type() != 130).toList();
        assertEquals(3, mld.size(), mld.toString());
        assertEquals(new Mld(mld.get(0).at(), ll, MLDV2_ROUTERS, 1, true, 143,
                List.of("2 " + ll.solicitedNodeMulticast(), "2 " + group)), mld.get(0), "MODE_IS_EXCLUDE, every group");
        assertTrue(mld.get(0).at() - asked < 2.0, "within the Maximum Response Delay: " + mld.get(0));
        assertEquals(List.of("2 " + group), mld.get(1).records());
        assertEquals(List.of("1 " + group + " " + s1), mld.get(2).records(), "MODE_IS_INCLUDE, with the source asked about");
        // the query sent to a group h is not in never passes its link-layer filter
        assertEquals(8L, h.engine().roleCounters().get("mld.queries.received"));
        assertEquals(5L, h.engine().roleCounters().get("mld.queries.ignored"));
    }

    /** RFC 3810 §5.1 (and RFC 2710 §3): the Code is "ignored by receivers", so a query with another is answered as any. */
    @Test
    void aQueryWithANonZeroCodeIsAnswered(@TempDir Path dir) throws Exception {
        World w = new World(3).link(LinkParameters.ideal("lan"));
        World.Node h = w.host("h", NdParameters.DEFAULT, "lan");
        w.run(Duration.ofSeconds(5));
        Ipv6Address ll = h.engine().addresses(0).get(0).address();
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        Ipv6Packet q = query(QUERIER, Ipv6Address.ALL_NODES, 1, true, v2Query(1000, Ipv6Address.UNSPECIFIED));
        Icmpv6Message.UnknownIcmpv6 m = (Icmpv6Message.UnknownIcmpv6) ((Payload.Icmpv6) q.payload()).message();
        inject(w, new Ipv6Packet(0, 0, 1, q.source(), q.destination(), q.extensionHeaders(),
                new Payload.Icmpv6(new Icmpv6Message.UnknownIcmpv6(130, 9, m.body()))));
        w.run(Duration.ofSeconds(2));
        w.net.stopCapture("lan");
        List<Mld> mld = mld(PcapReader.readAll(dir.resolve("lan.pcap"))).stream().filter(x -> x.type() == 143).toList();
        assertEquals(List.of(List.of("2 " + ll.solicitedNodeMulticast())), mld.stream().map(Mld::records).toList());
        assertEquals(0L, h.engine().roleCounters().get("mld.queries.ignored"));
    }

    /** RFC 3810 §8.2.1: after an MLDv1 query, MLDv1 Reports, to the group itself, also for a group joined meanwhile. */
    @Test
    void underAnMldv1QuerierTheNodeSpeaksMldv1(@TempDir Path dir) throws Exception {
        World w = new World(4).link(LinkParameters.ideal("lan"));
        World.Node h = w.host("h", NdParameters.DEFAULT, "lan");
        w.run(Duration.ofSeconds(5));
        Ipv6Address ll = h.engine().addresses(0).get(0).address();
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        byte[] v1 = new byte[20]; // Maximum Response Delay 1000 ms, Reserved, Multicast Address ::
        v1[0] = 0x03;
        v1[1] = (byte) 0xe8;
        inject(w, query(QUERIER, Ipv6Address.ALL_NODES, 1, true, v1));
        w.run(Duration.ofSeconds(2));
        Ipv6Address extra = Ipv6Address.parse("2001:db8:1::10");
        h.runner.transmit(h.engine().addAddress(w.clock.nanos(), 0, StackScenarioTest.P1, extra));
        double joined = w.clock.nanos() / 1e9;
        w.run(Duration.ofSeconds(11));
        w.net.stopCapture("lan");
        List<Mld> mld = mld(PcapReader.readAll(dir.resolve("lan.pcap"))).stream().filter(m -> m.type() != 130).toList();
        Ipv6Address g1 = ll.solicitedNodeMulticast();
        Ipv6Address g2 = extra.solicitedNodeMulticast();
        // RFC 2710 §4: the new group's unsolicited Report, and once more within its Unsolicited Report Interval (10 s)
        assertEquals(List.of(new Mld(mld.get(0).at(), ll, g1, 1, true, 131, List.of(g1.toString())),
                new Mld(mld.get(1).at(), ll, g2, 1, true, 131, List.of(g2.toString())),
                new Mld(mld.get(2).at(), ll, g2, 1, true, 131, List.of(g2.toString()))), mld);
        assertTrue(mld.get(1).at() - joined <= 1.0 && mld.get(2).at() - mld.get(1).at() <= 10.0, mld.toString());
    }

    /**
     * RFC 2710 §4: in MLDv1 mode another listener's Report for a group suppresses this node's answer for it, and the
     * repeat of its unsolicited Report; the groups nobody else reported are answered. Reports not as MLD sends them
     * (a Hop Limit above 1) suppress nothing.
     */
    @Test
    void underAnMldv1QuerierAnotherListenersReportSuppressesTheNodes(@TempDir Path dir) throws Exception {
        World w = new World(6).link(LinkParameters.ideal("lan"));
        World.Node h = w.host("h", NdParameters.DEFAULT, "lan");
        Ipv6Address a2 = Ipv6Address.parse("2001:db8:1::10");
        Ipv6Address a3 = Ipv6Address.parse("2001:db8:1::20");
        h.runner.transmit(h.engine().addAddress(w.clock.nanos(), 0, StackScenarioTest.P1, a2));
        h.runner.transmit(h.engine().addAddress(w.clock.nanos(), 0, StackScenarioTest.P1, a3));
        w.run(Duration.ofSeconds(5));
        Ipv6Address ll = h.engine().addresses(0).get(0).address();
        Ipv6Address g1 = ll.solicitedNodeMulticast();
        Ipv6Address g2 = a2.solicitedNodeMulticast();
        Ipv6Address g3 = a3.solicitedNodeMulticast();
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        byte[] v1 = new byte[20]; // Maximum Response Delay 10,000 ms, Multicast Address ::
        v1[0] = 0x27;
        v1[1] = 0x10;
        inject(w, query(QUERIER, Ipv6Address.ALL_NODES, 1, true, v1));
        inject(w, report(OTHER, g1, 1)); // suppresses g1's answer
        inject(w, report(OTHER, g2, 2)); // not as MLD sends it: suppresses nothing
        w.run(Duration.ofSeconds(11));
        Ipv6Address a4 = Ipv6Address.parse("2001:db8:1::30");
        h.runner.transmit(h.engine().addAddress(w.clock.nanos(), 0, StackScenarioTest.P1, a4));
        Ipv6Address g4 = a4.solicitedNodeMulticast();
        w.run(Duration.ofMillis(1500)); // h joined g4 (before its DAD probe) and reported it
        inject(w, report(OTHER, g4, 1)); // suppresses the repeat of h's unsolicited Report for g4
        w.run(Duration.ofSeconds(11));
        w.net.stopCapture("lan");
        List<Mld> mine = mld(PcapReader.readAll(dir.resolve("lan.pcap"))).stream()
                .filter(m -> m.type() != 130 && m.src().equals(ll)).toList();
        assertEquals(List.of(List.of(g2.toString()), List.of(g3.toString()), List.of(g4.toString())),
                mine.stream().map(Mld::records).toList(), mine.toString());
        assertEquals(2L, h.engine().roleCounters().get("mld.reports.suppressed"));
    }

    /**
     * RFC 4861 §7.2.8: a proxy (a home agent answering for mobile nodes' home addresses) joins the solicited-node
     * groups of the addresses it proxies, by MLD: a group joined when its first address is proxied, in one report for
     * all joined at one instant, and once more; left when its last one goes; answered in a General Query; one also of
     * the node's own addresses is not reported twice, nor left while the other still has it.
     */
    @Test
    void aProxyReportsTheSolicitedNodeGroupsOfTheAddressesItProxies(@TempDir Path dir) throws Exception {
        World w = new World(7).link(LinkParameters.ideal("lan"));
        World.Node h = w.host("h", NdParameters.DEFAULT, "lan");
        w.run(Duration.ofSeconds(5));
        Ipv6Address ll = h.engine().addresses(0).get(0).address();
        Ipv6Address a = Ipv6Address.parse("2001:db8:1::a:1");
        Ipv6Address a2 = Ipv6Address.parse("2001:db8:2::a:1"); // the same low 24 bits: the same group
        Ipv6Address b = Ipv6Address.parse("2001:db8:1::b:1");
        Ipv6Address mine = Ipv6Address.parse("2001:db8:1::c:1"); // one of h's own, then also proxied... by its group
        Ipv6Address c = Ipv6Address.parse("2001:db8:9::c:1");
        String ga = a.solicitedNodeMulticast().toString();
        String gb = b.solicitedNodeMulticast().toString();
        String gc = c.solicitedNodeMulticast().toString();
        h.runner.transmit(h.engine().addAddress(w.clock.nanos(), 0, StackScenarioTest.P1, mine));
        w.run(Duration.ofSeconds(3));
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        long t = w.clock.nanos();
        h.runner.transmit(h.engine().addProxy(t, 0, a));
        h.runner.transmit(h.engine().addProxy(t, 0, a2));
        h.runner.transmit(h.engine().addProxy(t, 0, b));
        h.runner.transmit(h.engine().addProxy(t, 0, c)); // h's own address's group: already reported
        w.run(Duration.ofSeconds(2));
        h.engine().removeProxy(0, a); // a2 keeps the group
        h.runner.transmit(h.engine().reportMulticastChanges(w.clock.nanos()));
        w.run(Duration.ofSeconds(2));
        h.engine().removeProxy(0, b);
        h.runner.transmit(h.engine().reportMulticastChanges(w.clock.nanos()));
        w.run(Duration.ofSeconds(2));
        inject(w, query(QUERIER, Ipv6Address.ALL_NODES, 1, true, v2Query(100, Ipv6Address.UNSPECIFIED)));
        w.run(Duration.ofSeconds(1));
        w.net.stopCapture("lan");
        List<Mld> mld = mld(PcapReader.readAll(dir.resolve("lan.pcap"))).stream().filter(m -> m.type() != 130).toList();
        assertEquals(List.of(List.of("4 " + ga, "4 " + gb), List.of("4 " + ga, "4 " + gb), // joined, once more
                        List.of("3 " + gb), List.of("3 " + gb), // b's group left (a's stays for a2)
                        List.of("2 " + ll.solicitedNodeMulticast(), "2 " + gc, "2 " + ga)), // every group, once each
                mld.stream().map(Mld::records).toList(), mld.toString());
        assertTrue(mld.get(1).at() - mld.get(0).at() <= 1.0, mld.toString());
        assertEquals(MLDV2_ROUTERS, mld.get(0).dst());
        assertEquals(ll, mld.get(0).src());
    }

    /** After the link was down, the proxied addresses' groups are reported again with the node's own (RFC 3810 §6.1). */
    @Test
    void theProxiedGroupsAreReportedAgainWhenTheLinkComesBack(@TempDir Path dir) throws Exception {
        World w = new World(9).link(LinkParameters.ideal("lan"));
        World.Node h = w.host("h", NdParameters.DEFAULT, "lan");
        w.run(Duration.ofSeconds(5));
        Ipv6Address a = Ipv6Address.parse("2001:db8:1::e:1");
        h.runner.transmit(h.engine().addProxy(w.clock.nanos(), 0, a));
        w.run(Duration.ofSeconds(3));
        h.engine().linkDown(w.clock.nanos(), 0);
        w.run(Duration.ofSeconds(1));
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        h.runner.transmit(h.engine().linkUp(w.clock.nanos(), 0, 1500));
        w.run(Duration.ofSeconds(3));
        w.net.stopCapture("lan");
        List<String> records = mld(PcapReader.readAll(dir.resolve("lan.pcap"))).stream().filter(m -> m.type() == 143)
                .flatMap(m -> m.records().stream()).toList();
        assertTrue(records.contains("4 " + a.solicitedNodeMulticast()), records.toString());
    }

    /** RFC 4862 §5.4.2: DAD for another node's address (a home agent's, RFC 6275 §10.3.1) joins its group before the probe. */
    @Test
    void dadForAnotherNodesAddressJoinsItsGroupBeforeTheProbe(@TempDir Path dir) throws Exception {
        World w = new World(8).link(LinkParameters.ideal("lan"));
        World.Node h = w.host("h", NdParameters.DEFAULT, "lan");
        w.run(Duration.ofSeconds(5));
        Ipv6Address home = Ipv6Address.parse("2001:db8:1::d:1");
        w.net.startCapture("lan", dir.resolve("lan.pcap"));
        List<Boolean> unique = new ArrayList<>();
        h.runner.transmit(h.engine().detectDuplicate(w.clock.nanos(), 0, home, u -> {
            unique.add(u);
            // as a home agent does: the binding made, its address proxied (still joined: no report)
            h.runner.transmit(h.engine().addProxy(w.clock.nanos(), 0, home));
        }));
        w.run(Duration.ofSeconds(4));
        w.net.stopCapture("lan");
        assertEquals(List.of(true), unique);
        List<PcapRecord> frames = PcapReader.readAll(dir.resolve("lan.pcap"));
        Icmpv6Message first = ((Payload.Icmpv6) PacketCodec.decodeEthernet(frames.get(0).data(), 0, frames.get(0).data().length)
                .packet().payload()).message();
        assertEquals(143, first.type(), "the report first: " + first);
        Icmpv6Message second = ((Payload.Icmpv6) PacketCodec.decodeEthernet(frames.get(1).data(), 0, frames.get(1).data().length)
                .packet().payload()).message();
        assertTrue(second instanceof Icmpv6Message.NeighborSolicitation, "then the probe: " + second);
        List<Mld> mld = mld(frames).stream().filter(m -> m.type() == 143).toList();
        assertEquals(List.of(List.of("4 " + home.solicitedNodeMulticast()), List.of("4 " + home.solicitedNodeMulticast())),
                mld.stream().map(Mld::records).toList(), "joined (and once more), never left between DAD and the proxy");
    }

    static final Ipv6Address OTHER = Ipv6Address.parse("fe80::98");

    /** Another listener's MLDv1 Report for {@code group} (RFC 2710 §3), to the group, with a Router Alert. */
    static Ipv6Packet report(Ipv6Address src, Ipv6Address group, int hopLimit) {
        byte[] b = new byte[20];
        group.write(b, 4);
        return new Ipv6Packet(0, 0, hopLimit, src, group, List.of(new ExtensionHeader.HopByHopOptions(
                List.of(new Ipv6Option.UnknownOption(5, Bytes.of(new byte[2]))))),
                new Payload.Icmpv6(new Icmpv6Message.UnknownIcmpv6(131, 0, Bytes.of(b))));
    }

    /** A home address set or removed by a role (a call that sends nothing) is reported when the caller asks, not later. */
    @Test
    void aHomeAddressSetOrRemovedIsReportedAtOnce() throws Exception {
        World w = new World(5).link(LinkParameters.ideal("lan"));
        World.Node h = w.host("h", NdParameters.DEFAULT, "lan");
        w.run(Duration.ofSeconds(5));
        Ipv6Address home = Ipv6Address.parse("2001:db8:1::77");
        h.engine().setHomeAddress(0, home, 64, true);
        List<Transmit> out = h.engine().reportMulticastChanges(w.clock.nanos());
        assertEquals(List.of("4 " + home.solicitedNodeMulticast()), records(out));
        h.engine().removeHomeAddress(0, home);
        assertEquals(List.of("3 " + home.solicitedNodeMulticast()), records(h.engine().reportMulticastChanges(w.clock.nanos())));
        assertEquals(List.of(), h.engine().reportMulticastChanges(w.clock.nanos()), "nothing changed since");
    }

    /**
     * A group the node's upper layers join (NodeEngine.joinGroup, mip6:join) is reported at once (CHANGE_TO_EXCLUDE_MODE
     * {}), received — an Echo Request to it answered from a unicast address, RFC 4443 §4.1 — and, left, reported so
     * (CHANGE_TO_INCLUDE_MODE {}) and no longer received.
     */
    @Test
    void aGroupTheUpperLayersJoinIsReportedReceivedAndLeft() throws Exception {
        World w = new World(6).link(LinkParameters.ideal("lan"));
        World.Node h = w.host("h", NdParameters.DEFAULT, "lan");
        World.Node g = w.host("g", NdParameters.DEFAULT, "lan");
        w.run(Duration.ofSeconds(5));
        Ipv6Address group = Ipv6Address.parse("ff0e::303");
        assertEquals(List.of("4 " + group), records(h.engine().joinGroup(w.clock.nanos(), 0, group, true)));
        assertEquals(List.of(), h.engine().joinGroup(w.clock.nanos(), 0, group, true), "joined already: nothing to report");
        assertEquals(List.of(group), h.engine().joinedGroups(0));
        Ipv6Address ll = h.engine().addresses(0).get(0).address();
        assertEquals(List.of(new org.mip6.node.GroupStatus(0, ll.solicitedNodeMulticast(), org.mip6.node.GroupStatus.ADDRESS),
                new org.mip6.node.GroupStatus(0, group, org.mip6.node.GroupStatus.JOINED)), h.engine().groups(), "mip6:groups");
        g.runner.transmit(g.engine().ping(w.clock.nanos(), group, 5, 1, Bytes.of(new byte[8])));
        w.run(Duration.ofSeconds(1));
        Ipv6Address hLinkLocal = h.engine().addresses(0).get(0).address(); // no router on the link: link-local only
        assertEquals(List.of("stray echo reply from " + hLinkLocal), g.log.stream().filter(x -> x.startsWith("stray echo reply")).toList(),
                g.log.toString());
        assertEquals(List.of("3 " + group), records(h.engine().joinGroup(w.clock.nanos(), 0, group, false)));
        assertEquals(List.of(), h.engine().joinedGroups(0));
        g.log.clear();
        g.runner.transmit(g.engine().ping(w.clock.nanos(), group, 5, 2, Bytes.of(new byte[8])));
        w.run(Duration.ofSeconds(1));
        assertEquals(List.of(), g.log.stream().filter(x -> x.startsWith("stray echo reply")).toList(), "left: no answer");
        for (String bad : List.of("ff01::303", "2001:db8:1::5")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> h.engine().joinGroup(w.clock.nanos(), 0, Ipv6Address.parse(bad), true), bad);
        }
    }

    private static List<String> records(List<Transmit> out) throws Exception {
        assertEquals(1, out.size(), out.toString());
        byte[] f = out.get(0).frame();
        List<Mld> m = mld(List.of(new PcapRecord(0, PcapRecord.LINKTYPE_ETHERNET, f, f.length)));
        assertEquals(143, m.get(0).type());
        return m.get(0).records();
    }

    static void inject(World w, Ipv6Packet p) {
        w.net.link("lan").inject(PacketCodec.encodeEthernet(new EthernetFrame(MacAddress.ofMulticast(p.destination()), QUERIER_MAC,
                0x86dd, p, null)));
    }

    static Ipv6Packet query(Ipv6Address src, Ipv6Address dst, int hopLimit, boolean routerAlert, byte[] body) {
        List<ExtensionHeader> hbh = routerAlert ? List.of(new ExtensionHeader.HopByHopOptions(
                List.of(new Ipv6Option.UnknownOption(5, Bytes.of(new byte[2]))))) : List.of();
        return new Ipv6Packet(0, 0, hopLimit, src, dst, hbh, new Payload.Icmpv6(new Icmpv6Message.UnknownIcmpv6(130, 0, Bytes.of(body))));
    }

    /** An MLDv2 Query's body after the checksum (§5.1): Maximum Response Code, Reserved, group, S/QRV 2, QQIC 125, its sources. */
    static byte[] v2Query(int maxResponseCode, Ipv6Address group, Ipv6Address... sources) {
        byte[] b = new byte[24 + 16 * sources.length];
        b[0] = (byte) (maxResponseCode >>> 8);
        b[1] = (byte) maxResponseCode;
        group.write(b, 4);
        b[20] = 2;
        b[21] = 125;
        b[23] = (byte) sources.length;
        for (int k = 0; k < sources.length; k++) {
            sources[k].write(b, 24 + 16 * k);
        }
        return b;
    }

    /** The MLD messages of a capture, in order; records as "type group sources…" (v1: the group). */
    static List<Mld> mld(List<PcapRecord> frames) throws Exception {
        List<Mld> out = new ArrayList<>();
        for (PcapRecord r : frames) {
            Ipv6Packet p = PacketCodec.decodeEthernet(r.data(), 0, r.data().length).packet();
            if (p == null || !(p.payload() instanceof Payload.Icmpv6 ic) || !(ic.message() instanceof Icmpv6Message.UnknownIcmpv6 u)
                    || u.type() < 130 || u.type() > 143 || u.type() > 132 && u.type() < 143) {
                continue;
            }
            boolean ra = p.extensionHeaders().stream().anyMatch(h -> h instanceof ExtensionHeader.HopByHopOptions hbh
                    && hbh.options().stream().anyMatch(o -> o instanceof Ipv6Option.UnknownOption uo && uo.type() == 5));
            byte[] b = u.body().toArray();
            List<String> records = new ArrayList<>();
            if (u.type() == 143) {
                int n = (b[2] & 0xff) << 8 | b[3] & 0xff;
                for (int k = 0, at = 4; k < n; k++) {
                    int sources = (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
                    StringBuilder x = new StringBuilder().append(b[at] & 0xff).append(' ').append(Ipv6Address.read(b, at + 4));
                    for (int j = 0; j < sources; j++) {
                        x.append(' ').append(Ipv6Address.read(b, at + 20 + 16 * j));
                    }
                    records.add(x.toString());
                    at += 20 + 16 * sources + 4 * (b[at + 1] & 0xff);
                }
            } else if (u.type() != 130) {
                records.add(Ipv6Address.read(b, 4).toString());
            }
            out.add(new Mld(r.timestampNanos() / 1e9, p.source(), p.destination(), p.hopLimit(), ra, u.type(), records));
        }
        return out;
    }
}
