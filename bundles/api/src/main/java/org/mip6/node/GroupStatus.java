package org.mip6.node;

import java.util.Objects;

import org.mip6.net.Ipv6Address;

/**
 * A multicast group a node listens to (RFC 3810: what its MLD reports), and why.
 *
 * @param iface the interface (-1: out of a tunnel, a mobile node's groups through its home agent's, RFC 6275 §11.3.4)
 * @param why   {@link #ADDRESS} (the solicited-node group of one of its addresses, RFC 4861 §7.2.1), {@link #ROUTER}
 *              (all-routers), {@link #JOINED} ({@link Node#joinGroup}), {@link #ROLE} (joined for a role, a mobile
 *              node's groups at home, RFC 6275 §11.3.4), {@link #TUNNELS} (taken for tunnels that forward it, a home
 *              agent's, RFC 6275 §10.4.2) or {@link #TUNNEL} (received out of a tunnel); a group joined by the upper
 *              layers and for a role is on two rows
 */
public record GroupStatus(int iface, Ipv6Address group, String why) {

    public static final String ADDRESS = "address";
    public static final String ROUTER = "router";
    public static final String JOINED = "joined";
    public static final String ROLE = "role";
    public static final String TUNNELS = "tunnels";
    public static final String TUNNEL = "tunnel";

    public GroupStatus {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(why, "why");
    }
}
