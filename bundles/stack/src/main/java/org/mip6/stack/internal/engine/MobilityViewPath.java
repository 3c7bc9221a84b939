package org.mip6.stack.internal.engine;

import java.util.List;

import org.mip6.role.HomeAddressHandler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.Verdict;
import org.mip6.wire.Ipv6Option;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.PacketView;
import org.mip6.wire.Wire;

/**
 * Mobility Header messages on the checked view, without records (the common case at signalling rates:
 * a home agent's Binding Updates, RFC 6275 §10.3.1): a packet unicast to one of this interface's
 * addresses, with no extension header but a Home Address option, no IPsec on the node and nothing held
 * for a role goes to the roles' view handlers ({@link HomeAddressHandler#admit(long, int, PacketView)},
 * then {@link MobilityHandler#onMobility(long, int, PacketView)}), in the order and with the counting
 * of the general path. A role that declines sends the packet down the general path, which then skips
 * the Home Address option's admission already made ({@link #admittedHomeAddress}).
 */
final class MobilityViewPath {

    private final RoleDispatch roles;
    private final AddressTable addresses;
    private final NdParameters nd;
    private final Ipsec ipsec;
    private final NodeCounters counters;
    private final NodeEvents events;
    /** The frame offered last had its Home Address option admitted on the view before its role declined. */
    boolean admittedHomeAddress;

    /** Scratch for {@link #prefetch}: (high, low) pairs; made when a burst first comes (most nodes never see one). */
    private long[] homeAddresses = new long[0];
    /** The MH Type {@link #homeAddressAt} found last. */
    private int mobilityType;

    MobilityViewPath(RoleDispatch roles, AddressTable addresses, NdParameters nd, Ipsec ipsec, NodeCounters counters,
                     NodeEvents events) {
        this.roles = roles;
        this.addresses = addresses;
        this.nd = nd;
        this.ipsec = ipsec;
        this.counters = counters;
        this.events = events;
    }

    /** True when the frame was handled here; false: the general path takes it. */
    boolean offer(long now, Iface i, byte[] frame, PacketView v, List<Transmit> out) {
        admittedHomeAddress = false;
        if (v.nextHeader() != Wire.MOBILITY || v.isPayloadOpaque() || (frame[0] & 1) != 0 || ipsec.active()
                || roles.heldCount() != 0) {
            return false;
        }
        boolean hao = v.homeAddressOffset() >= 0;
        if (v.extensionHeaderCount() != (hao ? 1 : 0) || v.unrecognizedOptionOffset() >= 0) {
            return false;
        }
        RoleHandlers handlers = roles.handlers();
        MobilityHandler mh = handlers.mobility(v.mobilityType());
        HomeAddressHandler ha = hao ? handlers.homeAddress() : null;
        if (mh == null || hao && ha == null) {
            return false;
        }
        if (!addresses.receivesOn(i, v.destination(), nd.optimisticDad())) {
            return false;
        }
        if (hao) {
            int admitted = admit(now, i, v, ha);
            if (admitted != ADMITTED) {
                return admitted == HANDLED;
            }
        }
        boolean handled;
        try {
            handled = mh.onMobility(now, i.index, v);
        } catch (RuntimeException e) {
            return failed(now, HandlerKey.mobility(v.mobilityType()), e);
        }
        if (!handled) {
            admittedHomeAddress = hao; // the general path counts it and goes on from here
            return false;
        }
        counters.received++;
        counters.roleDelivered++;
        return true;
    }

    private static final int ADMITTED = 0;
    private static final int HANDLED = 1;
    private static final int DECLINED = 2;

    /**
     * RFC 6275 §9.3.1 by the role's view handler: {@link #ADMITTED}, {@link #HANDLED} (dropped or failed, and
     * counted) or {@link #DECLINED} (nothing happened: the general path asks {@code admit(ReceivedPacket)}).
     */
    private int admit(long now, Iface i, PacketView v, HomeAddressHandler ha) {
        Verdict verdict;
        try {
            verdict = ha.admit(now, i.index, v);
        } catch (RuntimeException e) {
            failed(now, HandlerKey.HOME_ADDRESS, e);
            return HANDLED;
        }
        if (verdict == null) {
            return DECLINED;
        }
        counters.roleDelivered++;
        if (verdict != Verdict.ACCEPT) {
            counters.received++;
            counters.drop(Drop.ROLE_DROPPED, 1);
            return HANDLED;
        }
        return ADMITTED;
    }

    /**
     * A burst about to arrive: the home addresses of its Mobility Header messages (the Home Address
     * option's, else the source, RFC 6275 §9.5.1) go to their type's handler in one call per run of
     * one handler ({@link MobilityHandler#prefetch}), so that it can read its tables for all of them
     * at once. Only handlers that {@link MobilityHandler#readsAhead() read ahead} now are told, and the
     * frames are read only when one does, and only as far as that takes; anything unexpected is passed
     * over (the frame is checked when it arrives).
     */
    void prefetch(long now, byte[][] frames, int count) {
        RoleHandlers handlers = roles.handlers();
        List<MobilityHandler> reading = readingAhead(now, handlers);
        if (reading.isEmpty()) {
            return;
        }
        long[] homes = homeAddresses;
        if (homes.length < 2 * count) {
            homes = homeAddresses = new long[2 * count];
        }
        MobilityHandler run = null;
        int runType = -1;
        int n = 0;
        for (int k = 0; k < count; k++) {
            byte[] f = frames[k];
            int home = homeAddressAt(f);
            MobilityHandler h = home < 0 ? null : handlers.mobility(mobilityType);
            if (h == null || h != run && !contains(reading, h)) {
                continue;
            }
            if (h != run) {
                readAhead(now, run, runType, homes, n);
                run = h;
                runType = mobilityType;
                n = 0;
            }
            homes[2 * n] = Wire.u64(f, home);
            homes[2 * n + 1] = Wire.u64(f, home + 8);
            n++;
        }
        readAhead(now, run, runType, homes, n);
    }

    /** The handlers that read ahead for this burst (a handler that throws is counted and left out). */
    private List<MobilityHandler> readingAhead(long now, RoleHandlers handlers) {
        List<MobilityHandler> all = handlers.mobilityHandlers();
        List<MobilityHandler> reading = List.of();
        for (MobilityHandler h : all) {
            boolean yes;
            try {
                yes = h.readsAhead();
            } catch (RuntimeException e) {
                counters.roleErrors++;
                events.roleError(now, HandlerKey.mobility(typeOf(handlers, h)), e);
                continue;
            }
            if (yes) {
                if (reading.isEmpty()) {
                    reading = new java.util.ArrayList<>(all.size());
                }
                reading.add(h);
            }
        }
        return reading;
    }

    /** The (first) MH Type {@code h} handles. */
    private static int typeOf(RoleHandlers handlers, MobilityHandler h) {
        int t = 0;
        while (t < 255 && handlers.mobility(t) != h) {
            t++;
        }
        return t;
    }

    private static boolean contains(List<MobilityHandler> l, MobilityHandler h) {
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) == h) {
                return true;
            }
        }
        return false;
    }

    private void readAhead(long now, MobilityHandler h, int type, long[] homes, int n) {
        if (h == null || n == 0) {
            return;
        }
        try {
            h.prefetch(homes, n);
        } catch (RuntimeException e) {
            counters.roleErrors++;
            events.roleError(now, HandlerKey.mobility(type), e);
        }
    }

    /**
     * The offset of the home address of the Mobility Header message in an Ethernet frame, unicast, with
     * no extension header but Destination Options holding a Home Address option (the source's otherwise),
     * its MH Type left in {@link #mobilityType}; -1 for any other frame.
     */
    int homeAddressAt(byte[] f) {
        int ip = PacketCodec.ETHERNET_HEADER_LENGTH;
        int at = ip + PacketCodec.IPV6_HEADER_LENGTH;
        if (f.length < at + 4 || (f[0] & 1) != 0 || Wire.u16(f, 12) != Wire.ETHERTYPE_IPV6 || (f[ip] & 0xf0) != 0x60) {
            return -1;
        }
        int next = f[ip + 6] & 0xff;
        int home = ip + 8; // the source
        if (next == Wire.DESTINATION_OPTIONS) { // RFC 8200 §4.6, with RFC 6275 §6.3's option
            int end = at + ((f[at + 1] & 0xff) + 1) * 8;
            if (end > f.length - 4) {
                return -1;
            }
            home = -1;
            for (int o = at + 2; o < end; ) {
                int type = f[o] & 0xff;
                if (type == 0) { // Pad1
                    o++;
                    continue;
                }
                if (o + 2 > end) {
                    break;
                }
                int len = f[o + 1] & 0xff;
                if (type == Ipv6Option.HOME_ADDRESS && len == 16 && o + 18 <= end) {
                    home = o + 2;
                }
                o += 2 + len;
            }
            if (home < 0) {
                return -1;
            }
            next = f[at] & 0xff;
            at = end;
        }
        if (next != Wire.MOBILITY) {
            return -1;
        }
        mobilityType = f[at + 2] & 0xff;
        return home;
    }

    private boolean failed(long now, HandlerKey key, RuntimeException e) {
        counters.received++;
        counters.roleErrors++;
        events.roleError(now, key, e);
        return true;
    }
}
