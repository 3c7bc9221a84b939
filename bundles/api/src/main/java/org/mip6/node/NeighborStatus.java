package org.mip6.node;

import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;

/**
 * An entry of a node's Neighbor Cache (RFC 4861 §5.1), or an address it answers for on another node's
 * behalf (proxy ND, RFC 6275 §10.4.1: a home agent for its mobile nodes' home addresses).
 *
 * @param mac    the link-layer address; null while INCOMPLETE; for PROXY, the interface's own (what it answers with)
 * @param state  INCOMPLETE, REACHABLE, STALE, DELAY or PROBE (RFC 4861 §7.3.2), or PROXY
 * @param router the IsRouter flag (RFC 4861 §5.1); false for PROXY
 */
public record NeighborStatus(int iface, Ipv6Address address, MacAddress mac, String state, boolean router) {

    public static final String PROXY = "PROXY";

    public NeighborStatus {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
    }
}
