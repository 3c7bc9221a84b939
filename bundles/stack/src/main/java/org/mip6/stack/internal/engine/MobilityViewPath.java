package org.mip6.stack.internal.engine;

import java.util.List;

import org.mip6.role.HomeAddressHandler;
import org.mip6.role.MobilityHandler;
import org.mip6.role.Verdict;
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
        if (v.nextHeader() != Wire.MOBILITY || v.isFragment() || (frame[0] & 1) != 0 || ipsec.active()
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
            Verdict verdict;
            try {
                verdict = ha.admit(now, i.index, v);
            } catch (RuntimeException e) {
                return failed(now, HandlerKey.HOME_ADDRESS, e);
            }
            if (verdict == null) {
                return false; // nothing happened: the general path asks admit(ReceivedPacket)
            }
            counters.roleDelivered++;
            if (verdict != Verdict.ACCEPT) {
                counters.received++;
                counters.drop(Drop.ROLE_DROPPED, 1);
                return true;
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

    private boolean failed(long now, HandlerKey key, RuntimeException e) {
        counters.received++;
        counters.roleErrors++;
        events.roleError(now, key, e);
        return true;
    }
}
