package org.mip6.stack.internal.engine;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.DecodeException;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.PacketView;
import org.mip6.wire.Wire;
import org.mip6.wire.icmp.Icmpv6Message;

/**
 * Reassembly of the fragmented packets addressed to this node (RFC 8200 §4.5): fragments with the same
 * source, destination and Identification are collected for 60 s from the first one's arrival; the
 * whole packet is then received as if it had come in one piece (a tunnel's outer packet, or an ESP
 * packet, goes on to be decapsulated or opened). What RFC 8200 answers: a fragment whose length is not
 * a multiple of 8 octets while more follow, or that would end past octet 65,535, gets a Parameter
 * Problem; a first fragment without the whole header chain gets Parameter Problem code 3 (RFC 7112 §5);
 * a packet not complete after 60 s gets Time Exceeded code 1 when its first fragment came. A fragment
 * overlapping another discards the whole packet, and those of its fragments still to come, silently
 * (RFC 5722); an exact duplicate is dropped alone; Neighbor Discovery that came in fragments is
 * discarded once whole (RFC 6980 §5). At most {@link #MAX_PACKETS} packets are reassembled at once.
 * Each refusal is counted by reason.
 */
final class Reassembly {

    /** RFC 8200 §4.5: reassembly is abandoned this long after the first-arriving fragment. */
    static final long TIMEOUT_NANOS = 60_000_000_000L;
    /** Packets reassembled at once (their fragments held); a fragment of another waits for none (dropped). */
    static final int MAX_PACKETS = 64;
    private static final int MAX_LENGTH = 65_535;

    /** Which packet a fragment belongs to (RFC 8200 §4.5). */
    record Key(Ipv6Address source, Ipv6Address destination, long identification) {
    }

    /** One packet being reassembled. */
    private static final class Datagram {
        final Iface iface;
        /** The fragmentable part's octets received so far, and the ranges received ([start, end) pairs, sorted, merged). */
        byte[] data = new byte[0];
        int[] ranges = new int[0];
        /** Its length once the last fragment (M clear) came, else -1. */
        int length = -1;
        /** From the first fragment (offset 0): its unfragmentable part, where in it the Next Header to rewrite is, that value. */
        byte[] unfragmentable;
        int nextHeaderAt;
        int nextHeader;
        /** The first fragment as received (for Time Exceeded) and its context (interface, tunnel, SA). */
        Ipv6Packet first;
        ReceiveContext firstContext;
        byte[] ethernetHeader;
        /** RFC 5722: an overlap was seen; its fragments are dropped until the timeout forgets it. */
        boolean discarded;

        Datagram(Iface iface) {
            this.iface = iface;
        }
    }

    private final TimerTable timers;
    private final IcmpErrors errors;
    private final NodeCounters counters;
    /** In order of the first fragment's arrival. */
    private final Map<Key, Datagram> packets = new LinkedHashMap<>();

    Reassembly(TimerTable timers, IcmpErrors errors, NodeCounters counters) {
        this.timers = timers;
        this.errors = errors;
        this.counters = counters;
    }

    /** Packets being reassembled now. */
    int pending() {
        return packets.size();
    }

    /**
     * A fragment ({@code rx.view().isFragment()}) of a packet for this node. Returns the whole packet's
     * context when this fragment completed it, else null (held, or refused and answered as above).
     */
    ReceiveContext add(long now, ReceiveContext rx, List<Transmit> out) {
        PacketView v = rx.view();
        byte[] b = v.buffer();
        int ip = v.ipv6Offset();
        int end = v.ipv6End();
        int fh = v.payloadOffset() - 8; // the Fragment header: the view stops right after it
        int fo = Wire.u16(b, fh + 2);
        int offset = (fo >>> 3) * 8;
        boolean more = (fo & 1) != 0;
        long id = Wire.u32(b, fh + 4);
        int len = end - (fh + 8);
        Ipv6Packet p = rx.packet();
        if (more && len % 8 != 0) { // RFC 8200 §4.5: Payload Length is where it is wrong
            return refused(now, rx, 0, 4, out);
        }
        if (offset + len > MAX_LENGTH) {
            return refused(now, rx, 0, fh + 2 - ip, out);
        }
        if (offset == 0 && !wholeHeaderChain(b, fh + 8, end, v.nextHeader())) {
            return refused(now, rx, 3, 0, out); // RFC 7112 §5
        }
        if (len == 0) {
            counters.drop(Drop.FRAGMENT_INVALID, 1); // no octets to place: nothing to answer either
            return null;
        }
        Key key = new Key(p.source(), p.destination(), id);
        Datagram d = packets.get(key);
        if (d == null) {
            if (packets.size() >= MAX_PACKETS) {
                counters.drop(Drop.REASSEMBLY_LIMIT, 1);
                return null;
            }
            d = new Datagram(rx.iface());
            packets.put(key, d);
            timers.set(now + TIMEOUT_NANOS, TimerKind.REASSEMBLY, rx.iface().index, key);
        }
        if (d.discarded) {
            counters.drop(Drop.REASSEMBLY_OVERLAP, 1);
            return null;
        }
        int start = offset;
        int stop = offset + len;
        if (covered(d, start, stop)) {
            if (Arrays.equals(d.data, start, stop, b, fh + 8, end) && (more || d.length == stop)) {
                counters.drop(Drop.FRAGMENT_DUPLICATE, 1); // RFC 8200 §4.5: an exact duplicate may be dropped alone
                return null;
            }
            return overlapped(d);
        }
        if (overlaps(d, start, stop) || d.length >= 0 && (stop > d.length || !more && stop != d.length)
                || !more && maxEnd(d) > stop) {
            return overlapped(d); // RFC 5722, or fragments that disagree on where the packet ends
        }
        if (!more) {
            d.length = stop;
        }
        if (d.data.length < stop) {
            d.data = Arrays.copyOf(d.data, Math.min(MAX_LENGTH, Math.max(stop, 2 * d.data.length)));
        }
        System.arraycopy(b, fh + 8, d.data, start, len);
        insert(d, start, stop);
        if (offset == 0) {
            firstFragment(d, rx, b, ip, fh);
        }
        if (d.unfragmentable == null || d.length < 0 || d.ranges.length != 2 || d.ranges[1] != d.length) {
            return null;
        }
        packets.remove(key);
        timers.cancel(TimerKind.REASSEMBLY, d.iface.index, key);
        return whole(d);
    }

    /** The interface's link went down (its timers are gone): the packets whose first-arriving fragment came over it are abandoned. */
    void linkDown(int iface) {
        var it = packets.values().iterator();
        while (it.hasNext()) {
            Datagram d = it.next();
            if (d.iface.index == iface) {
                it.remove();
                if (!d.discarded) {
                    counters.drop(Drop.REASSEMBLY_ABANDONED, 1);
                }
            }
        }
    }

    /** RFC 8200 §4.5: the time ran out; Time Exceeded code 1 to the source when the first fragment came. */
    void expire(long now, Key key, List<Transmit> out) {
        Datagram d = packets.remove(key);
        if (d == null) {
            return;
        }
        if (d.discarded) {
            return; // counted when the overlap was seen
        }
        counters.drop(Drop.REASSEMBLY_TIMEOUT, 1);
        if (d.first != null) {
            errors.send(now, d.iface, d.first, new Icmpv6Message.TimeExceeded(1, IcmpErrors.invoking(d.first)), out);
        }
    }

    private ReceiveContext refused(long now, ReceiveContext rx, int code, int pointer, List<Transmit> out) {
        counters.drop(Drop.FRAGMENT_INVALID, 1);
        PacketView v = rx.view();
        errors.parameterProblem(now, rx.iface(), rx.packet(), code, pointer,
                IcmpErrors.invoking(v.buffer(), v.ipv6Offset(), v.ipv6End()), out);
        return null;
    }

    private ReceiveContext overlapped(Datagram d) {
        counters.drop(Drop.REASSEMBLY_OVERLAP, 1);
        d.discarded = true;
        d.data = new byte[0];
        d.ranges = new int[0];
        d.first = null;
        d.firstContext = null;
        d.unfragmentable = null;
        return null;
    }

    private void firstFragment(Datagram d, ReceiveContext rx, byte[] b, int ip, int fh) {
        // the header whose Next Header names the Fragment header: the IPv6 header's, or the last unfragmentable one's
        int nhAt = ip + 6;
        int q = ip + PacketCodec.IPV6_HEADER_LENGTH;
        while (q < fh) {
            nhAt = q;
            q += ((b[q + 1] & 0xff) + 1) * 8;
        }
        d.unfragmentable = Arrays.copyOfRange(b, ip, fh);
        d.nextHeaderAt = nhAt - ip;
        d.nextHeader = b[fh] & 0xff;
        d.first = rx.packet();
        d.firstContext = rx;
        d.ethernetHeader = Arrays.copyOf(rx.frame(), PacketCodec.ETHERNET_HEADER_LENGTH);
    }

    /** The reassembled packet in a frame of its own (the first fragment's Ethernet header), in the first fragment's context. */
    private ReceiveContext whole(Datagram d) {
        int eth = PacketCodec.ETHERNET_HEADER_LENGTH;
        int unfrag = d.unfragmentable.length;
        int payloadLength = unfrag - PacketCodec.IPV6_HEADER_LENGTH + d.length;
        if (payloadLength > MAX_LENGTH) {
            counters.drop(Drop.FRAGMENT_INVALID, 1);
            return null;
        }
        if (neighborDiscovery(d)) {
            counters.drop(Drop.ND_FRAGMENTED, 1); // RFC 6980 §5: a fragmented ND message is silently discarded
            return null;
        }
        byte[] f = new byte[eth + unfrag + d.length];
        System.arraycopy(d.ethernetHeader, 0, f, 0, eth);
        System.arraycopy(d.unfragmentable, 0, f, eth, unfrag);
        System.arraycopy(d.data, 0, f, eth + unfrag, d.length);
        f[eth + d.nextHeaderAt] = (byte) d.nextHeader;
        Wire.put16(f, eth + 4, payloadLength);
        counters.reassembled++;
        try {
            return d.firstContext.reframed(f, d.firstContext.protection());
        } catch (DecodeException e) {
            counters.decodeError(e.reason());
            return null;
        }
    }

    /** Whether the reassembled packet is Neighbor Discovery (ICMPv6 133-137 after any extension headers). */
    private static boolean neighborDiscovery(Datagram d) {
        long u = upperLayer(d.data, 0, d.length, d.nextHeader);
        int q = (int) u;
        if (u < 0 || (int) (u >>> 32) != Wire.ICMPV6 || q >= d.length) {
            return false;
        }
        int type = d.data[q] & 0xff;
        return type >= 133 && type <= 137;
    }

    /**
     * RFC 7112 §5: the first fragment holds every extension header and the upper-layer header's first
     * octets (those this node reads: ICMPv6 4, UDP 8, TCP 20, Mobility Header 6, a tunnelled IPv6 header 40).
     */
    private static boolean wholeHeaderChain(byte[] b, int q, int end, int nh) {
        long u = upperLayer(b, q, end, nh);
        if (u < 0) {
            return false;
        }
        int need = switch ((int) (u >>> 32)) {
            case Wire.ICMPV6 -> 4;
            case Wire.UDP -> 8;
            case Wire.TCP -> 20;
            case Wire.MOBILITY -> 6;
            case Wire.IPV6 -> PacketCodec.IPV6_HEADER_LENGTH;
            default -> 0;
        };
        return (int) u + need <= end;
    }

    /**
     * The upper layer of the header chain at {@code q} in {@code b} (its first header {@code nh}), past
     * Destination Options, Routing, Hop-by-Hop and AH headers: its protocol in the high 32 bits, its offset in
     * the low ones; -1 when the chain runs past {@code end}.
     */
    private static long upperLayer(byte[] b, int q, int end, int nh) {
        while (nh == Wire.DESTINATION_OPTIONS || nh == Wire.ROUTING || nh == Wire.HOP_BY_HOP || nh == Wire.AH) {
            if (q + 2 > end) {
                return -1;
            }
            int len = nh == Wire.AH ? ((b[q + 1] & 0xff) + 2) * 4 : ((b[q + 1] & 0xff) + 1) * 8;
            nh = b[q] & 0xff;
            q += len;
            if (q > end) {
                return -1;
            }
        }
        return (long) nh << 32 | q;
    }

    /** Whether [start, stop) lies within one range received. */
    private static boolean covered(Datagram d, int start, int stop) {
        int[] r = d.ranges;
        for (int k = 0; k < r.length; k += 2) {
            if (r[k] <= start && stop <= r[k + 1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(Datagram d, int start, int stop) {
        int[] r = d.ranges;
        for (int k = 0; k < r.length; k += 2) {
            if (start < r[k + 1] && r[k] < stop) {
                return true;
            }
        }
        return false;
    }

    private static int maxEnd(Datagram d) {
        return d.ranges.length == 0 ? 0 : d.ranges[d.ranges.length - 1];
    }

    /** Adds [start, stop) (overlapping none) to the sorted ranges, merged with its neighbours. */
    private static void insert(Datagram d, int start, int stop) {
        int[] r = d.ranges;
        int[] n = new int[r.length + 2];
        int k = 0;
        int w = 0;
        while (k < r.length && r[k] < start) {
            n[w++] = r[k++];
            n[w++] = r[k++];
        }
        n[w++] = start;
        n[w++] = stop;
        while (k < r.length) {
            n[w++] = r[k++];
            n[w++] = r[k++];
        }
        // merge touching ranges
        int m = 0;
        for (int j = 0; j < n.length; j += 2) {
            if (m > 0 && n[m - 1] == n[j]) {
                n[m - 1] = n[j + 1];
            } else {
                n[m++] = n[j];
                n[m++] = n[j + 1];
            }
        }
        d.ranges = Arrays.copyOf(n, m);
    }
}
