package org.mip6.ha.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.wire.icmp.MulticastListenerMessage.AddressRecord;

/** The MLD querier of each binding's tunnel (RFC 6275 §10.4.3, RFC 3810 §9) as a timeline on a fake clock. */
class TunnelledListenersTest {

    static final long S = 1_000_000_000L;
    static final Ipv6Address HOME = Ipv6Address.parse("2001:db8:1::b");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::b");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:3::b");
    static final Ipv6Address GROUP = Ipv6Address.parse("ff0e::101");

    final List<String> sent = new ArrayList<>();
    final TunnelledListeners l = new TunnelledListeners(new TunnelledListeners.Output() {
        @Override
        public void query(Ipv6Address homeAddress, int iface, int tunnel) {
            sent.add("query " + tunnel);
        }

        @Override
        public void listen(int iface, Ipv6Address group, int tunnel, boolean on) {
            sent.add((on ? "on " : "off ") + group + " " + tunnel);
        }
    });

    /** Runs the listeners' timers up to {@code until}, as the role's timer would; returns what they did. */
    List<String> runUntil(long until) {
        sent.clear();
        for (long t = l.nextDeadline(); t <= until; t = l.nextDeadline()) {
            l.onTimer(t);
            sent.add("@" + t / (S / 100) / 100.0);
        }
        return List.copyOf(sent);
    }

    @Test
    void startUpQueriesThenEveryQueryIntervalAndAGroupListenedToForTheListeningInterval() {
        l.bindingUp(0, HOME, 0, COA, 7);
        assertEquals(List.of(), sent, "nothing within the call: the first query leaves after the BA");
        assertEquals(List.of("query 7", "@0.0", "query 7", "@31.25", "query 7", "@156.25"), runUntil(200 * S),
                "at once, a quarter of the Query Interval on ([Startup Query Count] 2), then every 125 s");
        sent.clear();
        l.report(200 * S, COA, List.of(new TunnelledListeners.Record(AddressRecord.CHANGE_TO_EXCLUDE_MODE, GROUP, 0)));
        assertEquals(List.of("on ff0e::101 7"), sent);
        sent.clear();
        l.report(250 * S, COA, List.of(new TunnelledListeners.Record(AddressRecord.MODE_IS_EXCLUDE, GROUP, 0)));
        assertEquals(List.of(), sent, "renewed, nothing to change");
        assertEquals(Map.of(GROUP, 510 * S), l.groups(HOME), "the Multicast Address Listening Interval, 260 s, from the last report");
        assertEquals(List.of("query 7", "@281.25", "query 7", "@406.25", "off ff0e::101 7", "@510.0"), runUntil(510 * S));
        assertEquals(1L, l.counters().get("mld.expired"));
    }

    @Test
    void leavesMovesAndTheBindingsEndTakeTheGroupOffAndOtherScopesAreNotTaken() {
        l.bindingUp(0, HOME, 0, COA, 7);
        runUntil(0);
        sent.clear();
        l.report(S, COA, List.of(
                new TunnelledListeners.Record(AddressRecord.CHANGE_TO_EXCLUDE_MODE, GROUP, 0),
                new TunnelledListeners.Record(AddressRecord.CHANGE_TO_EXCLUDE_MODE, Ipv6Address.parse("ff05::101"), 0),
                new TunnelledListeners.Record(AddressRecord.CHANGE_TO_EXCLUDE_MODE, Ipv6Address.parse("ff02::101"), 0),
                new TunnelledListeners.Record(AddressRecord.CHANGE_TO_EXCLUDE_MODE, Ipv6Address.parse("2001:db8::1"), 0)));
        assertEquals(List.of("on ff0e::101 7"), sent, "global scope only (RFC 6275 §10.4.2)");
        assertEquals(3L, l.counters().get("mld.groups-not-global"));
        sent.clear();
        l.report(2 * S, COA, List.of(new TunnelledListeners.Record(AddressRecord.BLOCK_OLD_SOURCES, GROUP, 1)));
        assertEquals(List.of(), sent, "sources are not kept");
        l.report(3 * S, COA, List.of(new TunnelledListeners.Record(AddressRecord.CHANGE_TO_INCLUDE_MODE, GROUP, 0)));
        assertEquals(List.of("off ff0e::101 7"), sent, "a leave ends it at once: the tunnel's one listener left");
        sent.clear();
        l.report(4 * S, COA, List.of(new TunnelledListeners.Record(AddressRecord.ALLOW_NEW_SOURCES, GROUP, 2)));
        assertEquals(List.of("on ff0e::101 7"), sent, "sources allowed: the group is listened to");
        sent.clear();
        l.bindingUp(5 * S, HOME, 0, COA2, 9);
        assertEquals(List.of("off ff0e::101 7", "on ff0e::101 9"), sent, "moved: the group follows to the new tunnel");
        assertEquals(List.of("query 9", "@5.0"), runUntil(5 * S), "and the moved binding is asked at once");
        sent.clear();
        assertFalse(l.report(6 * S, COA, List.of(new TunnelledListeners.Record(AddressRecord.MODE_IS_EXCLUDE,
                Ipv6Address.parse("ff0e::102"), 0))), "the old care-of address names no binding now");
        assertEquals(1L, l.counters().get("mld.reports-without-binding"));
        l.bindingDown(HOME);
        assertEquals(List.of("off ff0e::101 9"), sent);
        assertEquals(Long.MAX_VALUE, l.nextDeadline(), "nothing left to ask");
    }

    /**
     * Many bindings, each asked on its own schedule in the order made; those that went are asked no more, one made again
     * starts over, and a group renewed outlives its first end. (The deadlines are kept earliest first, so that the role's
     * timer, which asks for the next after every change, does not walk every binding: a million with multicast.)
     */
    @Test
    void manyBindingsAreAskedOnTheirOwnSchedulesAndThoseGoneNoMore() {
        int n = 10_000;
        for (int k = 0; k < n; k++) {
            l.bindingUp(k * S / 1000, Ipv6Address.of(HOME.high(), k + 1), 0, Ipv6Address.of(COA.high(), k + 1), k + 1);
            l.nextDeadline(); // as the role's timer after each change
        }
        List<String> first = runUntil(200 * S);
        assertEquals(3 * n, first.stream().filter(x -> x.startsWith("query")).count(), "two start-up queries and one more each");
        assertEquals(List.of("query 1", "@0.0", "query 2", "@0.0"), first.subList(0, 4), "in the order made");
        for (int k = 0; k < n; k += 2) { // the odd tunnels go
            l.bindingDown(Ipv6Address.of(HOME.high(), k + 1));
        }
        l.bindingDown(Ipv6Address.of(HOME.high(), 2)); // tunnel 2 gone, then made again: its schedule starts over
        l.bindingUp(300 * S, Ipv6Address.of(HOME.high(), 2), 0, Ipv6Address.of(COA.high(), 2), 2);
        l.report(300 * S, Ipv6Address.of(COA.high(), 2), List.of(new TunnelledListeners.Record(AddressRecord.MODE_IS_EXCLUDE, GROUP, 0)));
        l.report(400 * S, Ipv6Address.of(COA.high(), 2), List.of(new TunnelledListeners.Record(AddressRecord.MODE_IS_EXCLUDE, GROUP, 0)));
        List<String> later = runUntil(600 * S);
        List<String> queries = later.stream().filter(x -> x.startsWith("query")).toList();
        assertEquals((n / 2 - 1) * 3 + 4, queries.size(), "the even tunnels left, each at 281.25, 406.25 and 531.25 s after it was"
                + " made; tunnel 2 afresh from 300 s: at once, 31.25 s on, then every 125 s");
        assertFalse(queries.contains("query 3") || queries.contains("query 9999"), "those gone are asked no more");
        assertEquals(4, queries.stream().filter(q -> q.equals("query 2")).count());
        assertEquals(Map.of(GROUP, 660 * S), l.groups(Ipv6Address.of(HOME.high(), 2)), "renewed at 400 s: not ended at 560 s");
    }

    @Test
    void aBindingsTunnelTakesAtMostSoManyGroups() {
        l.bindingUp(0, HOME, 0, COA, 7);
        List<TunnelledListeners.Record> many = new ArrayList<>();
        for (int k = 0; k <= TunnelledListeners.MAX_GROUPS_PER_BINDING; k++) {
            many.add(new TunnelledListeners.Record(AddressRecord.MODE_IS_EXCLUDE, Ipv6Address.of(0xff0e_0000_0000_0000L, k + 1), 0));
        }
        l.report(S, COA, many);
        assertEquals(TunnelledListeners.MAX_GROUPS_PER_BINDING, l.groups(HOME).size());
        assertEquals(1L, l.counters().get("mld.groups-refused"));
        l.report(2 * S, COA, many.subList(0, 1));
        assertEquals(1L, l.counters().get("mld.groups-refused"), "one it has is renewed");
    }
}
