package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mip6.net.Ipv6Address;
import org.mip6.node.GroupStatus;

/**
 * The multicast groups the node's roles and upper layers put on its interfaces, beyond what its addresses make it
 * listen to: the groups a home agent forwards from a link into tunnels (RFC 6275 §10.4.2), the groups a mobile node
 * receives out of its tunnel (§11.3.4), and the groups the upper layers join (RFC 3810 §4). A change on an interface is
 * reported by MLD ({@link MulticastListening}) at once; the receive path reads them from {@link Iface} and from the
 * set it is given.
 */
final class MulticastMemberships {

    private final Interfaces ifaces;
    private final MulticastListening mld;
    private final AddressTable addresses;
    /** The groups received out of tunnels: the receive path's ({@link InboundPipeline#tunnelReceivedGroups}). */
    private final Set<Ipv6Address> tunnelReceived;

    MulticastMemberships(Interfaces ifaces, MulticastListening mld, AddressTable addresses, Set<Ipv6Address> tunnelReceived) {
        this.ifaces = ifaces;
        this.mld = mld;
        this.addresses = addresses;
        this.tunnelReceived = tunnelReceived;
    }

    /**
     * Multicast packets to {@code group} from interface {@code iface}'s link also go through tunnel {@code tunnel}
     * ({@code on}), or no longer ({@code !on}); the interface listens to the group while a tunnel takes it.
     *
     * @throws IllegalArgumentException for a group of link-local scope or less (never tunnelled, RFC 6275 §10.4.2)
     */
    void tunnel(long now, int iface, Ipv6Address group, int tunnel, boolean on, List<Transmit> out) {
        if (group.multicastScope() <= 2) { // -1: not a group
            throw new IllegalArgumentException("not a multicast group beyond link-local scope: " + group);
        }
        Iface i = ifaces.get(iface);
        Map<Ipv6Address, int[]> groups = i.tunnelledGroups;
        int[] ids = groups == null ? null : groups.get(group);
        int at = -1;
        for (int k = 0; ids != null && k < ids.length; k++) {
            at = ids[k] == tunnel ? k : at;
        }
        if (on == (at >= 0)) {
            return;
        }
        if (on) {
            if (groups == null) {
                groups = i.tunnelledGroups = new LinkedHashMap<>();
            }
            int[] more = ids == null ? new int[1] : Arrays.copyOf(ids, ids.length + 1);
            more[more.length - 1] = tunnel;
            groups.put(group, more);
        } else if (ids.length == 1) {
            groups.remove(group);
            if (groups.isEmpty()) {
                i.tunnelledGroups = null;
            }
        } else {
            int[] fewer = new int[ids.length - 1];
            for (int k = 0, n = 0; k < ids.length; k++) {
                if (k != at) {
                    fewer[n++] = ids[k];
                }
            }
            groups.put(group, fewer);
        }
        changed(now, i, out);
    }

    /**
     * Packets to {@code group} that come out of a tunnel are received ({@code on}), or no longer (a mobile node's groups
     * through its home agent's tunnel, RFC 6275 §11.3.4).
     *
     * @throws IllegalArgumentException for a group of link-local scope or less
     */
    void receiveTunnelled(Ipv6Address group, boolean on) {
        if (group.multicastScope() <= 2) { // -1: not a group
            throw new IllegalArgumentException("not a multicast group beyond link-local scope: " + group);
        }
        if (on) {
            tunnelReceived.add(group);
        } else {
            tunnelReceived.remove(group);
        }
    }

    /**
     * The node's upper layers listen to {@code group} on interface {@code iface} ({@code on}) — its MLD reports the
     * change (RFC 3810 §6.1) and answers queries for it, its packets are received (an Echo Request answered, RFC 4443
     * §4.1) — or no longer; {@code role}: for a role (a mobile node's groups at home). A group is listened to while the
     * upper layers or a role want it. All-nodes is always listened to; joining it changes nothing.
     *
     * @throws IllegalArgumentException for an address that is not a group, or one of interface-local scope
     */
    void join(long now, int iface, Ipv6Address group, boolean on, boolean role, List<Transmit> out) {
        if (!group.isMulticast() || group.multicastScope() <= 1) {
            throw new IllegalArgumentException("not a multicast group a link carries: " + group);
        }
        Iface i = ifaces.get(iface);
        if (group.equals(Ipv6Address.ALL_NODES)) {
            return;
        }
        if (role) {
            i.joinedByRoles = changed(i.joinedByRoles, group, on);
        } else {
            i.joinedByUpperLayers = changed(i.joinedByUpperLayers, group, on);
        }
        boolean wanted = i.joinedByRoles != null && i.joinedByRoles.contains(group)
                || i.joinedByUpperLayers != null && i.joinedByUpperLayers.contains(group);
        if (wanted == i.joined(group)) {
            return;
        }
        i.joinedGroups = changed(i.joinedGroups, group, wanted);
        changed(now, i, out);
    }

    /** {@code set} with {@code group} in it or not; null when it is left empty. */
    private static Set<Ipv6Address> changed(Set<Ipv6Address> set, Ipv6Address group, boolean in) {
        if (in) {
            if (set == null) {
                set = new LinkedHashSet<>();
            }
            set.add(group);
            return set;
        }
        if (set != null) {
            set.remove(group);
        }
        return set == null || set.isEmpty() ? null : set;
    }

    /** What {@code i} listens to changed: MLD reports it now. */
    private void changed(long now, Iface i, List<Transmit> out) {
        mld.changed(i);
        mld.reportChanges(now, ifaces, out);
    }

    /** The groups {@link #join} joined on {@code iface} (for the upper layers or roles), in the order joined. */
    List<Ipv6Address> joined(int iface) {
        Set<Ipv6Address> joined = ifaces.get(iface).joinedGroups;
        return joined == null ? List.of() : List.copyOf(joined);
    }

    /** The groups roles joined on {@code iface}, in the order joined. */
    List<Ipv6Address> joinedByRoles(int iface) {
        Set<Ipv6Address> joined = ifaces.get(iface).joinedByRoles;
        return joined == null ? List.of() : List.copyOf(joined);
    }

    /**
     * What each interface listens to (all-routers on a router's, its addresses' solicited-node groups, the groups taken
     * for tunnels, those joined) and the groups received out of tunnels; not the proxied addresses' groups.
     */
    List<GroupStatus> groups() {
        List<GroupStatus> out = new ArrayList<>();
        for (Iface i : ifaces.all()) {
            if (i.router != null) {
                out.add(new GroupStatus(i.index, Ipv6Address.ALL_ROUTERS, GroupStatus.ROUTER));
            }
            Set<Ipv6Address> own = new LinkedHashSet<>();
            addresses.solicitedNodeGroups(i, own);
            for (Ipv6Address g : own) {
                out.add(new GroupStatus(i.index, g, GroupStatus.ADDRESS));
            }
            if (i.tunnelledGroups != null) {
                for (Ipv6Address g : i.tunnelledGroups.keySet()) {
                    out.add(new GroupStatus(i.index, g, GroupStatus.TUNNELS));
                }
            }
            if (i.joinedByUpperLayers != null) {
                for (Ipv6Address g : i.joinedByUpperLayers) {
                    out.add(new GroupStatus(i.index, g, GroupStatus.JOINED));
                }
            }
            if (i.joinedByRoles != null) {
                for (Ipv6Address g : i.joinedByRoles) {
                    out.add(new GroupStatus(i.index, g, GroupStatus.ROLE));
                }
            }
        }
        for (Ipv6Address g : tunnelReceived) {
            out.add(new GroupStatus(-1, g, GroupStatus.TUNNEL));
        }
        return out;
    }

    /** The groups {@link #receiveTunnelled} receives out of tunnels, a copy. */
    Set<Ipv6Address> receivedTunnelled() {
        return Set.copyOf(tunnelReceived);
    }

    /** The tunnels each group of {@code iface} goes through ({@link #tunnel}), a copy. */
    Map<Ipv6Address, List<Integer>> tunnelled(int iface) {
        Map<Ipv6Address, int[]> groups = ifaces.get(iface).tunnelledGroups;
        Map<Ipv6Address, List<Integer>> copy = new LinkedHashMap<>();
        if (groups != null) {
            groups.forEach((g, ids) -> copy.put(g, Arrays.stream(ids).boxed().toList()));
        }
        return copy;
    }
}
