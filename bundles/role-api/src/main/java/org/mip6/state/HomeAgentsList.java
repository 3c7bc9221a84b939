package org.mip6.state;

/** The home agents lists (RFC 6275 §10.1), by interface and link-local address. */
public interface HomeAgentsList extends NodeState<HomeAgentsList.Key, HomeAgentEntry> {

    record Key(int iface, org.mip6.net.Ipv6Address linkLocalAddress) {
    }
}
