package org.mip6.ha.internal.engine;

import static org.mip6.wire.icmp.MulticastListenerMessage.AddressRecord.ALLOW_NEW_SOURCES;
import static org.mip6.wire.icmp.MulticastListenerMessage.AddressRecord.CHANGE_TO_EXCLUDE_MODE;
import static org.mip6.wire.icmp.MulticastListenerMessage.AddressRecord.CHANGE_TO_INCLUDE_MODE;
import static org.mip6.wire.icmp.MulticastListenerMessage.AddressRecord.MODE_IS_EXCLUDE;
import static org.mip6.wire.icmp.MulticastListenerMessage.AddressRecord.MODE_IS_INCLUDE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.mip6.net.Ipv6Address;

/**
 * RFC 6275 §10.4.3: the home agent as the MLD querier (RFC 3810) of each binding's tunnel, and the multicast groups
 * each mobile node listens to through it. A binding made or moved is asked at once and [Startup Query Count] - 1
 * times more, [Startup Query Interval] apart, then every [Query Interval] (§9.2, §9.6, §9.7); a group a Report names
 * is listened to for the [Multicast Address Listening Interval] (§9.4) after it, and a leave (a CHANGE_TO_INCLUDE_MODE
 * or MODE_IS_INCLUDE record without sources, an MLDv1 Done) ends it at once: the tunnel's one listener is the mobile
 * node (explicit tracking, no Last Listener Query). Only groups of global scope are taken: §10.4.2 has narrower ones
 * never (link-local) or not (site- and organization-local) tunnelled. Source lists are not kept: a group is tunnelled
 * whole, and a binding's tunnel takes at most {@link #MAX_GROUPS_PER_BINDING} groups. Sans-IO: the caller sends what {@link Output} is told and calls {@link #onTimer} by {@link #nextDeadline}.
 */
public final class TunnelledListeners {

    static final long SECOND = 1_000_000_000L;
    /** RFC 3810 §9.1 [Robustness Variable]. */
    public static final int ROBUSTNESS = 2;
    /** §9.2 [Query Interval], s. */
    public static final int QUERY_INTERVAL_SECONDS = 125;
    /** §9.3 [Query Response Interval], ms: a query's Maximum Response Code. */
    public static final int QUERY_RESPONSE_INTERVAL_MILLIS = 10_000;
    /** §9.4 [Multicast Address Listening Interval]: Robustness × Query Interval + Query Response Interval. */
    static final long LISTENING_INTERVAL = ROBUSTNESS * QUERY_INTERVAL_SECONDS * SECOND
            + QUERY_RESPONSE_INTERVAL_MILLIS * 1_000_000L;
    /** §9.6 [Startup Query Interval]: a quarter of the Query Interval. */
    static final long STARTUP_QUERY_INTERVAL = QUERY_INTERVAL_SECONDS * SECOND / 4;

    /**
     * The most groups one binding's tunnel takes: a report naming more is not allowed to grow the home link's listening
     * (each group is one more multicast address the home agent's interface accepts) without bound.
     */
    public static final int MAX_GROUPS_PER_BINDING = 64;

    /** What the caller does for the listeners. */
    public interface Output {
        /** Sends a General Query through the binding's tunnel. */
        void query(Ipv6Address homeAddress, int iface, int tunnel);

        /** Multicast to {@code group} from {@code iface}'s link goes through {@code tunnel} from now on, or no longer. */
        void listen(int iface, Ipv6Address group, int tunnel, boolean on);
    }

    /** One Multicast Address Record as a Report carries it: its type, group and how many sources it names. */
    public record Record(int type, Ipv6Address group, int sources) {
    }

    private static final class Binding {
        int iface;
        int tunnel;
        Ipv6Address careOf;
        long nextQuery;
        int startupLeft;
        final Map<Ipv6Address, Long> groups = new LinkedHashMap<>();
    }

    /**
     * A binding's next query ({@code group} null) or a group's end, at {@code at}; {@code order} breaks ties in the order
     * they were set (same seed, same pcap). An entry whose binding or group has since moved on is passed over.
     */
    private record Deadline(long at, long order, Ipv6Address home, Ipv6Address group) {
    }

    private final Output output;
    private final Map<Ipv6Address, Binding> bindings = new LinkedHashMap<>(); // queried in the order made
    /** Every deadline set, earliest first: {@link #nextDeadline} and {@link #onTimer} need not look at every binding. */
    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long order;
    private final Map<Ipv6Address, List<Ipv6Address>> byCareOf = new HashMap<>();
    long queriesSent;
    long reports;
    long reportsWithoutBinding;
    long groupsNotGlobal;
    long groupsRefused;
    long joins;
    long leaves;
    long expired;

    public TunnelledListeners(Output output) {
        this.output = output;
    }

    /**
     * A binding made, or moved to another care-of address and tunnel (RFC 6275 §10.3.1): the groups it listens to
     * follow it to the new tunnel, and it is asked at once (and again, as at a querier's start-up).
     */
    public void bindingUp(long now, Ipv6Address home, int iface, Ipv6Address careOf, int tunnel) {
        Binding b = bindings.get(home);
        if (b == null) {
            b = new Binding();
            bindings.put(home, b);
        } else {
            forgetCareOf(home, b.careOf);
            if (b.tunnel != tunnel || b.iface != iface) {
                for (Ipv6Address g : b.groups.keySet()) {
                    output.listen(b.iface, g, b.tunnel, false);
                    output.listen(iface, g, tunnel, true);
                }
            }
        }
        b.iface = iface;
        b.tunnel = tunnel;
        b.careOf = careOf;
        byCareOf.computeIfAbsent(careOf, k -> new ArrayList<>(1)).add(home);
        b.startupLeft = ROBUSTNESS;
        b.nextQuery = now; // by the caller's timer: after what this instant sends (the BA)
        deadlines.add(new Deadline(now, order++, home, null));
    }

    /** {@code group} listened to through {@code b}'s tunnel until {@code until}; true when it was not before. */
    private boolean listenUntil(Ipv6Address home, Binding b, Ipv6Address group, long until) {
        deadlines.add(new Deadline(until, order++, home, group));
        return b.groups.put(group, until) == null;
    }

    /** A group the node already forwards through the binding's tunnel (a role that replaced another): kept, as if just reported. */
    public void adopt(long now, Ipv6Address home, int iface, Ipv6Address careOf, int tunnel, Ipv6Address group) {
        if (!bindings.containsKey(home)) {
            bindingUp(now, home, iface, careOf, tunnel);
        }
        listenUntil(home, bindings.get(home), group, now + LISTENING_INTERVAL);
    }

    /** The binding is gone (deregistered, expired): its groups are no longer tunnelled. */
    public void bindingDown(Ipv6Address home) {
        Binding b = bindings.remove(home);
        if (b == null) {
            return;
        }
        forgetCareOf(home, b.careOf);
        for (Ipv6Address g : b.groups.keySet()) {
            output.listen(b.iface, g, b.tunnel, false);
        }
    }

    private void forgetCareOf(Ipv6Address home, Ipv6Address careOf) {
        List<Ipv6Address> homes = byCareOf.get(careOf);
        if (homes != null) {
            homes.remove(home);
            if (homes.isEmpty()) {
                byCareOf.remove(careOf);
            }
        }
    }

    /**
     * An MLD Report (MLDv2's records; an MLDv1 Report is one MODE_IS_EXCLUDE record, a Done one CHANGE_TO_INCLUDE_MODE
     * record without sources) out of the tunnel from {@code careOf}: it applies to the bindings with that care-of
     * address. False when no binding has it (the report is ignored).
     */
    public boolean report(long now, Ipv6Address careOf, List<Record> records) {
        List<Ipv6Address> homes = byCareOf.get(careOf);
        if (homes == null || homes.isEmpty()) {
            reportsWithoutBinding++;
            return false;
        }
        reports++;
        for (Ipv6Address home : List.copyOf(homes)) {
            Binding b = bindings.get(home);
            for (Record r : records) {
                apply(now, home, b, r);
            }
        }
        return true;
    }

    private void apply(long now, Ipv6Address home, Binding b, Record r) {
        if (r.group().multicastScope() != 0xe) {
            groupsNotGlobal++; // §10.4.2: never or not tunnelled (and not a group at all: ignored too)
            return;
        }
        boolean leave = r.sources() == 0 && (r.type() == MODE_IS_INCLUDE || r.type() == CHANGE_TO_INCLUDE_MODE);
        boolean listen = r.type() == MODE_IS_EXCLUDE || r.type() == CHANGE_TO_EXCLUDE_MODE
                || r.sources() > 0 && (r.type() == MODE_IS_INCLUDE || r.type() == CHANGE_TO_INCLUDE_MODE
                || r.type() == ALLOW_NEW_SOURCES);
        if (leave) {
            if (b.groups.remove(r.group()) != null) {
                leaves++;
                output.listen(b.iface, r.group(), b.tunnel, false);
            }
        } else if (listen) {
            if (!b.groups.containsKey(r.group()) && b.groups.size() >= MAX_GROUPS_PER_BINDING) {
                groupsRefused++;
            } else if (listenUntil(home, b, r.group(), now + LISTENING_INTERVAL)) {
                joins++;
                output.listen(b.iface, r.group(), b.tunnel, true);
            }
        }
        // BLOCK_OLD_SOURCES, unknown types: no change (sources are not kept)
    }

    /** Queries that are due, and groups no Report renewed within the listening interval. */
    public void onTimer(long now) {
        for (Deadline d = current(); d != null && d.at <= now; d = current()) {
            deadlines.poll();
            Binding b = bindings.get(d.home);
            if (d.group == null) {
                queriesSent++;
                output.query(d.home, b.iface, b.tunnel);
                if (b.startupLeft > 0) {
                    b.startupLeft--;
                }
                b.nextQuery = now + (b.startupLeft > 0 ? STARTUP_QUERY_INTERVAL : QUERY_INTERVAL_SECONDS * SECOND);
                deadlines.add(new Deadline(b.nextQuery, order++, d.home, null));
            } else {
                b.groups.remove(d.group);
                expired++;
                output.listen(b.iface, d.group, b.tunnel, false);
            }
        }
    }

    /** When {@link #onTimer} has work next, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        Deadline d = current();
        return d == null ? Long.MAX_VALUE : d.at;
    }

    /** The earliest deadline still in force (those a binding or group has moved on from are dropped), or null. */
    private Deadline current() {
        for (Deadline d = deadlines.peek(); d != null; d = deadlines.peek()) {
            Binding b = bindings.get(d.home);
            if (b != null && (d.group == null ? b.nextQuery == d.at : Long.valueOf(d.at).equals(b.groups.get(d.group)))) {
                return d;
            }
            deadlines.poll();
        }
        return null;
    }

    /** The groups the mobile node of {@code home} listens to through its tunnel, and until when (node clock). */
    public Map<Ipv6Address, Long> groups(Ipv6Address home) {
        Binding b = bindings.get(home);
        return b == null ? Map.of() : Map.copyOf(b.groups);
    }

    /** Counters, by name (prefixed {@code mld.} in the role's). */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("mld.queries-sent", queriesSent);
        m.put("mld.reports", reports);
        m.put("mld.reports-without-binding", reportsWithoutBinding);
        m.put("mld.groups-not-global", groupsNotGlobal);
        m.put("mld.groups-refused", groupsRefused);
        m.put("mld.joins", joins);
        m.put("mld.leaves", leaves);
        m.put("mld.expired", expired);
        return m;
    }
}
