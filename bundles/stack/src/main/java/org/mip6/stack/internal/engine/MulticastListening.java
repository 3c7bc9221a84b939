package org.mip6.stack.internal.engine;

import static org.mip6.wire.icmp.MulticastListenerMessage.ALL_MLDV2_ROUTERS;
import static org.mip6.wire.icmp.MulticastListenerMessage.AddressRecord.CHANGE_TO_EXCLUDE_MODE;
import static org.mip6.wire.icmp.MulticastListenerMessage.AddressRecord.CHANGE_TO_INCLUDE_MODE;
import static org.mip6.wire.icmp.MulticastListenerMessage.AddressRecord.MODE_IS_EXCLUDE;
import static org.mip6.wire.icmp.MulticastListenerMessage.AddressRecord.MODE_IS_INCLUDE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Option;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message.UnknownIcmpv6;
import org.mip6.wire.icmp.MulticastListenerMessage;
import org.mip6.wire.icmp.MulticastListenerMessage.AddressRecord;
import org.mip6.wire.icmp.MulticastListenerMessage.Done;
import org.mip6.wire.icmp.MulticastListenerMessage.Query;
import org.mip6.wire.icmp.MulticastListenerMessage.Report;
import org.mip6.wire.icmp.MulticastListenerMessage.ReportV2;

/**
 * Multicast Listener Discovery, the listener's part: MLDv2 (RFC 3810), and MLDv1 (RFC 2710) while a querier
 * on the link speaks only that (RFC 3810 §8.2.1). An interface listens to the solicited-node groups of its
 * addresses (RFC 4861 §7.2.1; joined before the first DAD probe, RFC 4862 §5.4.2) and, on a router's
 * interface, to all-routers; all-nodes is never reported (RFC 3810 §6). A change is reported at once in a
 * State Change Report and once more within [Unsolicited Report Interval] ([Robustness Variable] 2, §6.1); a
 * querier's question is answered after a random delay within its Maximum Response Delay (§6.2, §6.3). The
 * groups of addresses a node answers for on another's behalf (a home agent's proxy ND) are not reported:
 * the proxy listens as Linux's proxy NDP does, without MLD. Not implemented: source filtering (every group
 * is joined in EXCLUDE mode with no sources), the querier's side (the world's routers do not ask).
 */
final class MulticastListening {

    /** [Robustness Variable] (§9.1): a change is sent this many times. */
    private static final int ROBUSTNESS = 2;
    /** [Unsolicited Report Interval] (§9.11): 1 s. */
    private static final long UNSOLICITED_REPORT_INTERVAL = NdParameters.SECOND;
    /** MLDv1's [Unsolicited Report Interval] (RFC 2710 §7.10): 10 s. */
    private static final long V1_UNSOLICITED_REPORT_INTERVAL = 10 * NdParameters.SECOND;
    /** [Older Version Querier Present Timeout] (§9.12): [Robustness Variable] × [Query Interval] + [Query Response Interval]. */
    private static final long OLDER_VERSION_QUERIER_PRESENT = (ROBUSTNESS * 125 + 10) * NdParameters.SECOND;
    /** Records of 20 bytes (no sources) that fit a packet of the minimum MTU with its headers (IPv6, Hop-by-Hop, report's 8). */
    private static final int RECORDS_PER_REPORT = (1280 - 40 - 8 - 8) / 20;
    /** Timer keys besides a group's (a group-specific query's answer). */
    private static final String STATE_CHANGE = "state-change";
    private static final String GENERAL = "general";
    private static final String V1_REPEAT = "v1-repeat";
    /** The proxied groups touched at this instant, reported once its work is done (one report for a burst's). */
    private static final String PROXIED = "proxied";
    /** The proxied groups' State Change records, sent once more. */
    private static final String PROXIED_AGAIN = "proxied-again";

    private final TimerTable timers;
    private final Emitter emitter;
    private final AddressTable addresses;
    private final SplittableRandom random;
    private final List<Listener> byIface = new ArrayList<>();
    /** An interface whose groups may have changed by a call that sends nothing ({@link #changed}). */
    private boolean dirty;
    long reportsSent;
    long queriesReceived;
    long queriesIgnored;
    long reportsSuppressed;

    /** One interface's groups and what it owes the queriers. */
    private static final class Listener {
        final Set<Ipv6Address> joined = new LinkedHashSet<>();
        /** Group → the change record still to be sent again, and how many times. */
        final Map<Ipv6Address, Integer> changes = new LinkedHashMap<>();
        int retransmissions;
        /** Group → the sources a group-and-source-specific query asked about (empty: group-specific). */
        final Map<Ipv6Address, List<Ipv6Address>> asked = new LinkedHashMap<>();
        long v1QuerierUntil = Long.MIN_VALUE;
        /** MLDv1: groups whose unsolicited Report is to be sent once more (RFC 2710 §4). */
        final Set<Ipv6Address> v1Repeat = new LinkedHashSet<>();
        /** MLDv1: groups another listener reported since the general query now being answered (RFC 2710 §4). */
        final Set<Ipv6Address> v1Heard = new LinkedHashSet<>();
        boolean dirty;
        /**
         * The solicited-node groups reported for addresses this node proxies or probes for others (RFC 4861 §7.2.8),
         * one bit per group's low 24 bits (2 MiB, made when the interface first proxies: a home agent may proxy a
         * million addresses, and most nodes none).
         */
        long[] proxiedGroups;
        /** Groups whose proxied membership may have changed since the last report. */
        final GroupChanges touched = new GroupChanges();
        /** The proxied groups' State Change records sent once, to be sent once more ([Robustness Variable] 2). */
        final GroupChanges proxiedAgain = new GroupChanges();
        /** Groups were touched since the last {@link #reportChanges}. */
        boolean proxiedDirty;
        /** The link came back: every proxied group is reported again. */
        boolean proxiedResync;
    }

    /**
     * Solicited-node groups (low 24 bits) each joined or left, in order, without a record each: a home agent's burst
     * of new bindings touches thousands. {@link #clear} lets go of a burst's array.
     */
    private static final class GroupChanges {
        private int[] changes = new int[0];
        private int count;

        void add(int low24, boolean joined) {
            if (count == changes.length) {
                changes = java.util.Arrays.copyOf(changes, Math.max(16, 2 * count));
            }
            changes[count++] = (joined ? 1 << 31 : 0) | low24 & 0xffffff;
        }

        int size() {
            return count;
        }

        int group(int k) {
            return changes[k] & 0xffffff;
        }

        boolean joined(int k) {
            return changes[k] < 0;
        }

        void clear() {
            count = 0;
            if (changes.length > 1024) {
                changes = new int[16]; // a burst of a million new bindings does not keep its 4 MB
            }
        }
    }

    private ProxyNd proxy;

    /** The proxy whose addresses' solicited-node groups are reported too (RFC 4861 §7.2.8). */
    void setProxy(ProxyNd p) {
        proxy = p;
    }

    private static boolean bit(long[] bits, int low24) {
        return bits != null && (bits[low24 >>> 6] & 1L << low24) != 0;
    }

    /** Whether {@code g} is a solicited-node group reported for a proxied address on this listener. */
    private static boolean proxiedGroup(Listener l, Ipv6Address g) {
        return l.proxiedGroups != null && ProxyNd.isSolicitedNodeGroup(g) && bit(l.proxiedGroups, (int) g.low() & 0xffffff);
    }

    /** ProxyNd: the group with these low 24 bits is joined now, or may have been left, on {@code i}. */
    void proxyTouched(Iface i, int low24, boolean joined) {
        Listener l = byIface.get(i.index);
        l.touched.add(low24, joined);
        l.proxiedDirty = true;
        dirty = true;
    }

    /**
     * The proxied groups touched on {@code i}, against those reported: joins in CHANGE_TO_EXCLUDE_MODE records, leaves
     * in CHANGE_TO_INCLUDE_MODE, sent now in as few reports as the minimum MTU allows and once more within the
     * Unsolicited Report Interval (MLDv1: Reports and Dones). A group also joined for one of the node's own addresses
     * is that path's to report. Each record is sent [Robustness Variable] times; a later change does not send the
     * earlier ones' pending repeat at once (§6.1 would: with a home agent's thousands of new bindings a second, every
     * report would carry all of the last second's records).
     */
    void reportProxied(long now, Iface i, List<Transmit> out) {
        Listener l = byIface.get(i.index);
        if (l.proxiedResync) {
            l.proxiedResync = false;
            proxy.forEachGroup(i, c -> proxyTouched(i, c, true));
        }
        if (l.touched.size() == 0 || !i.up) {
            return;
        }
        if (l.proxiedGroups == null) {
            l.proxiedGroups = new long[1 << 18];
        }
        long[] bits = l.proxiedGroups;
        IntCounts seen = new IntCounts(); // the groups met so far, walking backwards
        boolean v1 = now < l.v1QuerierUntil;
        List<AddressRecord> records = new ArrayList<>();
        boolean v1Joined = false;
        // a group's last touch is its state: walk them backwards, the first seen of each group counts
        GroupChanges t = l.touched;
        int[] changes = new int[t.size()]; // the touches that change a group's state, latest first
        int changed = 0;
        for (int k = t.size() - 1; k >= 0; k--) {
            int c = t.group(k);
            if (seen.contains(c)) {
                continue;
            }
            seen.increment(c);
            if (t.joined(k) != bit(bits, c)) {
                changes[changed++] = k;
            }
        }
        for (int n = changed - 1; n >= 0; n--) { // in the order touched
            int c = t.group(changes[n]);
            boolean joined = t.joined(changes[n]);
            bits[c >>> 6] ^= 1L << c;
            Ipv6Address g = ProxyNd.solicitedNodeGroup(c);
            if (l.joined.contains(g)) {
                continue; // one of the node's own addresses has this group: reported (or left) with them
            }
            if (v1) {
                v1Change(i, l, g, joined, out);
                v1Joined |= joined;
            } else {
                records.add(new AddressRecord(joined ? CHANGE_TO_EXCLUDE_MODE : CHANGE_TO_INCLUDE_MODE, g));
                l.proxiedAgain.add(c, joined);
            }
        }
        t.clear();
        if (v1Joined) {
            armV1Repeat(now, i);
        }
        if (records.isEmpty()) {
            return;
        }
        sendV2(i, records, out);
        if (timers.deadline(TimerKind.MLD, i.index, PROXIED_AGAIN) == Long.MAX_VALUE) {
            timers.set(now + 1 + random.nextLong(UNSOLICITED_REPORT_INTERVAL), TimerKind.MLD, i.index, PROXIED_AGAIN);
        }
    }

    MulticastListening(TimerTable timers, Emitter emitter, AddressTable addresses, SplittableRandom random) {
        this.timers = timers;
        this.emitter = emitter;
        this.addresses = addresses;
        this.random = random;
    }

    void addInterface() {
        byIface.add(new Listener());
    }

    /** The groups of {@code i} may have changed; {@link #reportChanges} reports them (the caller's, or the node's next event). */
    void changed(Iface i) {
        byIface.get(i.index).dirty = true;
        dirty = true;
    }

    /** Reports what changed since {@link #changed} on every interface (a boolean read when nothing did). */
    void reportChanges(long now, Interfaces ifaces, List<Transmit> out) {
        if (!dirty) {
            return;
        }
        dirty = false;
        for (int k = 0; k < byIface.size(); k++) {
            Listener l = byIface.get(k);
            if (l.proxiedDirty) {
                l.proxiedDirty = false;
                if (l.touched.size() > 0 && timers.deadline(TimerKind.MLD, k, PROXIED) == Long.MAX_VALUE) {
                    timers.set(now, TimerKind.MLD, k, PROXIED); // after this instant's frames: one report for them all
                }
            }
            if (l.dirty) {
                reconcile(now, ifaces.get(k), out);
            }
        }
    }

    /** The link went down: nothing is sent; the groups are joined, and reported, again when it comes back. */
    void linkDown(Iface i) {
        Listener l = byIface.get(i.index);
        l.joined.clear();
        l.changes.clear();
        l.asked.clear();
        l.v1Repeat.clear();
        l.v1Heard.clear();
        l.dirty = false;
        if (l.proxiedGroups != null) {
            java.util.Arrays.fill(l.proxiedGroups, 0L);
            l.proxiedResync = true; // reported again when the link is back
        }
        l.touched.clear();
        l.proxiedAgain.clear();
    }

    /**
     * The groups {@code i} listens to now against those it reported: joined ones in CHANGE_TO_EXCLUDE_MODE
     * records, left ones in CHANGE_TO_INCLUDE_MODE (§6.1), sent now and again once within the Unsolicited
     * Report Interval; under an MLDv1 querier, a Report per joined group, sent again once within MLDv1's Unsolicited
     * Report Interval unless another listener reports the group first, and a Done per left one (RFC 2710 §4).
     */
    void reconcile(long now, Iface i, List<Transmit> out) {
        Listener l = byIface.get(i.index);
        l.dirty = false;
        if (!i.up) {
            return;
        }
        Set<Ipv6Address> groups = groups(i);
        List<Ipv6Address> joined = new ArrayList<>();
        List<Ipv6Address> left = new ArrayList<>();
        for (Ipv6Address g : groups) {
            if (!l.joined.contains(g) && !proxiedGroup(l, g)) { // a proxied address's group was reported already
                joined.add(g);
            }
        }
        for (Ipv6Address g : l.joined) {
            if (!groups.contains(g) && !proxiedGroup(l, g)) { // still joined for a proxied address
                left.add(g);
            }
        }
        l.joined.clear();
        l.joined.addAll(groups);
        if ((l.proxiedResync || l.touched.size() > 0) && i.up && proxy != null) {
            reportProxied(now, i, out); // after the link came back: what was touched while it was down, or everything
        }
        if (joined.isEmpty() && left.isEmpty()) {
            return;
        }
        if (now < l.v1QuerierUntil) {
            for (Ipv6Address g : joined) {
                v1Change(i, l, g, true, out);
            }
            for (Ipv6Address g : left) {
                v1Change(i, l, g, false, out);
            }
            if (!joined.isEmpty()) {
                armV1Repeat(now, i);
            }
            return;
        }
        for (Ipv6Address g : joined) {
            l.changes.put(g, CHANGE_TO_EXCLUDE_MODE);
        }
        for (Ipv6Address g : left) {
            l.changes.put(g, CHANGE_TO_INCLUDE_MODE);
            l.asked.remove(g);
        }
        l.retransmissions = ROBUSTNESS - 1;
        sendChanges(i, l, out);
        timers.set(now + 1 + random.nextLong(UNSOLICITED_REPORT_INTERVAL), TimerKind.MLD, i.index, STATE_CHANGE);
    }

    /**
     * What {@code i} listens to (never all-nodes): its addresses' solicited-node groups, all-routers on a router's, the
     * groups it takes for tunnels and those its upper layers joined.
     */
    private Set<Ipv6Address> groups(Iface i) {
        Set<Ipv6Address> s = new LinkedHashSet<>();
        if (i.router != null) {
            s.add(Ipv6Address.ALL_ROUTERS);
        }
        addresses.solicitedNodeGroups(i, s);
        if (i.tunnelledGroups != null) {
            s.addAll(i.tunnelledGroups.keySet()); // listened to for the tunnels (RFC 6275 §10.4.3)
        }
        if (i.joinedGroups != null) {
            s.addAll(i.joinedGroups); // the upper layers' (NodeEngine.joinGroup)
        }
        return s;
    }

    /** TimerKind.MLD: the State Change Report again, or the answer to a query. */
    void onTimer(long now, Iface i, Object key, List<Transmit> out) {
        Listener l = byIface.get(i.index);
        if (STATE_CHANGE.equals(key)) {
            if (l.retransmissions > 0 && !l.changes.isEmpty()) {
                l.retransmissions--;
                sendChanges(i, l, out);
            }
            if (l.retransmissions > 0) {
                timers.set(now + 1 + random.nextLong(UNSOLICITED_REPORT_INTERVAL), TimerKind.MLD, i.index, STATE_CHANGE);
            } else {
                l.changes.clear();
            }
        } else if (PROXIED.equals(key)) {
            reportProxied(now, i, out);
        } else if (PROXIED_AGAIN.equals(key)) {
            List<AddressRecord> again = new ArrayList<>();
            GroupChanges a = l.proxiedAgain;
            for (int k = 0; k < a.size(); k++) {
                int c = a.group(k);
                boolean join = a.joined(k);
                Ipv6Address g = ProxyNd.solicitedNodeGroup(c);
                if (join == bit(l.proxiedGroups, c) && !l.joined.contains(g)) { // what it says is still so
                    again.add(new AddressRecord(join ? CHANGE_TO_EXCLUDE_MODE : CHANGE_TO_INCLUDE_MODE, g));
                }
            }
            a.clear();
            if (!again.isEmpty() && now >= l.v1QuerierUntil) {
                sendV2(i, again, out);
            }
        } else if (V1_REPEAT.equals(key)) {
            for (Ipv6Address g : l.v1Repeat) {
                if (now < l.v1QuerierUntil && l.joined.contains(g)) {
                    send(i, new Report(g), g, out);
                }
            }
            l.v1Repeat.clear();
        } else if (GENERAL.equals(key)) {
            List<Ipv6Address> all = allGroups(l);
            if (now < l.v1QuerierUntil) {
                for (Ipv6Address g : all) {
                    if (!l.v1Heard.contains(g)) {
                        send(i, new Report(g), g, out);
                    }
                }
                l.v1Heard.clear();
            } else {
                List<AddressRecord> records = new ArrayList<>();
                for (Ipv6Address g : all) {
                    records.add(new AddressRecord(MODE_IS_EXCLUDE, g));
                }
                sendV2(i, records, out);
            }
        } else if (key instanceof Ipv6Address g) {
            List<Ipv6Address> sources = l.asked.remove(g);
            if (sources == null || !l.joined.contains(g) && !proxiedGroup(l, g)) {
                return; // left meanwhile
            }
            if (now < l.v1QuerierUntil) {
                send(i, new Report(g), g, out);
            } else {
                // §6.3: EXCLUDE({}) asked about sources Q: IS_IN(Q); about the group: IS_EX({})
                sendV2(i, List.of(sources.isEmpty() ? new AddressRecord(MODE_IS_EXCLUDE, g)
                        : new AddressRecord(MODE_IS_INCLUDE, g, sources, Bytes.EMPTY)), out);
            }
        }
    }

    /**
     * A Multicast Listener Query on {@code i} (§5.1; RFC 2710 §3 when its ICMPv6 message is 24 bytes): checked as
     * §5.1.14 says — a link-local source, Hop Limit 1, a Router Alert — then answered after a random delay
     * within its Maximum Response Delay, unless an answer that covers it is already due sooner (§6.2).
     */
    void query(long now, Iface i, Ipv6Packet p, UnknownIcmpv6 m) {
        queriesReceived++;
        Query q;
        try {
            q = (Query) MulticastListenerMessage.decode(m);
        } catch (DecodeException e) {
            queriesIgnored++; // RFC 3810 §8.1: 25 to 27 octets is neither version; or fewer sources than it counts
            return;
        }
        if (!p.source().isLinkLocal() || p.hopLimit() != 1 || !routerAlert(p)) {
            queriesIgnored++; // RFC 3810 §5.1.14
            return;
        }
        Listener l = byIface.get(i.index);
        boolean v1 = q.version() == 1;
        long maxDelayMillis = q.maximumResponseDelayMillis();
        Ipv6Address group = q.group();
        List<Ipv6Address> sources = new ArrayList<>(q.sources());
        if (v1) {
            l.v1QuerierUntil = now + OLDER_VERSION_QUERIER_PRESENT; // §8.2.1: MLDv1 mode for a while
        }
        long at = now + (maxDelayMillis == 0 ? 0 : random.nextLong(maxDelayMillis * 1_000_000L));
        long general = timers.deadline(TimerKind.MLD, i.index, GENERAL);
        if (group.isUnspecified()) {
            if (general > at) {
                timers.set(at, TimerKind.MLD, i.index, GENERAL);
            }
            if (general == Long.MAX_VALUE) {
                l.v1Heard.clear(); // a new answer: every group in it until another listener reports it
            }
            return;
        }
        if (!l.joined.contains(group) && !proxiedGroup(l, group) || general <= at) {
            return; // not ours; or the general answer, due first, covers it
        }
        List<Ipv6Address> before = l.asked.get(group);
        long pending = timers.deadline(TimerKind.MLD, i.index, group);
        if (before != null) {
            // §6.2 rule 3-5: a group query makes the answer about the group; sources add up
            if (sources.isEmpty() || before.isEmpty()) {
                before.clear();
            } else {
                for (Ipv6Address s : sources) {
                    if (!before.contains(s)) {
                        before.add(s);
                    }
                }
            }
            at = Math.min(at, pending);
        } else {
            l.asked.put(group, sources);
        }
        timers.set(at, TimerKind.MLD, i.index, group);
    }

    /**
     * MLDv1 (RFC 2710 §4): a joined group's Report, to the group, to be sent once more ({@link #armV1Repeat}); a left
     * group's Done, to all-routers.
     */
    private void v1Change(Iface i, Listener l, Ipv6Address g, boolean joined, List<Transmit> out) {
        if (joined) {
            send(i, new Report(g), g, out);
            l.v1Repeat.add(g);
        } else {
            send(i, new Done(g), Ipv6Address.ALL_ROUTERS, out);
            l.v1Repeat.remove(g);
        }
    }

    /** Groups were joined: their Reports' repeat within MLDv1's Unsolicited Report Interval (one timer: an earlier one is within theirs too). */
    private void armV1Repeat(long now, Iface i) {
        long at = now + 1 + random.nextLong(V1_UNSOLICITED_REPORT_INTERVAL);
        if (timers.deadline(TimerKind.MLD, i.index, V1_REPEAT) > at) {
            timers.set(at, TimerKind.MLD, i.index, V1_REPEAT);
        }
    }

    /**
     * Another listener's MLDv1 Report on {@code i} (RFC 2710 §4): in MLDv1 mode, the answer this node owes for that
     * group, and its unsolicited Report's repeat, are not sent (report suppression; MLDv2 has none, RFC 3810 §5.2.14).
     * Only a Report as MLD sends it counts: Hop Limit 1 from a link-local or the unspecified source.
     */
    void heardReport(long now, Iface i, Ipv6Packet p, UnknownIcmpv6 r) {
        Listener l = byIface.get(i.index);
        if (now >= l.v1QuerierUntil || p.hopLimit() != 1 || !p.source().isLinkLocal() && !p.source().isUnspecified()) {
            return;
        }
        Ipv6Address group;
        try {
            group = ((Report) MulticastListenerMessage.decode(r)).group();
        } catch (DecodeException e) {
            return;
        }
        if (!l.joined.contains(group) && !proxiedGroup(l, group)) {
            return;
        }
        boolean owed = l.asked.remove(group) != null;
        if (owed) {
            timers.cancel(TimerKind.MLD, i.index, group);
        }
        owed |= l.v1Repeat.remove(group);
        if (timers.deadline(TimerKind.MLD, i.index, GENERAL) != Long.MAX_VALUE) {
            owed |= l.v1Heard.add(group);
        }
        if (owed) {
            reportsSuppressed++;
        }
    }

    static boolean routerAlert(Ipv6Packet p) {
        for (ExtensionHeader h : p.extensionHeaders()) {
            if (h instanceof ExtensionHeader.HopByHopOptions hbh) {
                for (Ipv6Option o : hbh.options()) {
                    if (o instanceof Ipv6Option.UnknownOption u && u.type() == 5 && u.data().length() == 2) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void sendChanges(Iface i, Listener l, List<Transmit> out) {
        List<AddressRecord> records = new ArrayList<>();
        l.changes.forEach((g, type) -> records.add(new AddressRecord(type, g)));
        sendV2(i, records, out);
    }

    /** MLDv2 Reports (§5.2) to all MLDv2-capable routers holding {@code records}, as many as the minimum MTU needs. */
    private void sendV2(Iface i, List<AddressRecord> records, List<Transmit> out) {
        for (int from = 0; from < records.size(); from += RECORDS_PER_REPORT) {
            send(i, new ReportV2(records.subList(from, Math.min(records.size(), from + RECORDS_PER_REPORT))),
                    ALL_MLDV2_ROUTERS, out);
        }
    }

    /**
     * From the link-local address once it is valid, else from the unspecified address (§5.2.13: a node
     * still doing DAD of its link-local address), Hop Limit 1 and a Router Alert (§5).
     */
    private void send(Iface i, MulticastListenerMessage m, Ipv6Address to, List<Transmit> out) {
        AddressEntry ll = addresses.own(i, i.linkLocal());
        Ipv6Address from = ll != null && ll.state == AddressState.PREFERRED ? i.linkLocal() : Ipv6Address.UNSPECIFIED;
        Ipv6Packet p = new Ipv6Packet(0, 0, 1, from, to,
                List.of(new ExtensionHeader.HopByHopOptions(List.of(MulticastListenerMessage.ROUTER_ALERT))),
                new Payload.Icmpv6(m.toIcmpv6()));
        emitter.emit(i, MacAddress.ofMulticast(to), p, out);
        reportsSent++;
    }

    /** The groups {@code l} reported: its own, then the proxied ones not among them. */
    private static List<Ipv6Address> allGroups(Listener l) {
        List<Ipv6Address> all = new ArrayList<>(l.joined);
        long[] bits = l.proxiedGroups;
        if (bits != null) {
            for (int w = 0; w < bits.length; w++) {
                for (long b = bits[w]; b != 0; b &= b - 1) {
                    Ipv6Address g = ProxyNd.solicitedNodeGroup(w << 6 | Long.numberOfTrailingZeros(b));
                    if (!l.joined.contains(g)) {
                        all.add(g);
                    }
                }
            }
        }
        return all;
    }

    /** For tests and inspection: the groups {@code iface} reported it listens to. */
    Set<Ipv6Address> joined(int iface) {
        return Set.copyOf(byIface.get(iface).joined);
    }
}
