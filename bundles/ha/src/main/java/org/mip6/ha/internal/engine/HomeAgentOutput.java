package org.mip6.ha.internal.engine;

import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;

/**
 * What the engine asks of its node: messages to send and the data path to set up (RFC 6275 §10.4).
 * Calls are made on the node's thread, during the engine call that caused them.
 */
public interface HomeAgentOutput {

    /**
     * A Binding Acknowledgement (RFC 6275 §6.1.8, §9.5.4): from {@code from} to {@code to}, with a Type 2 Routing
     * Header holding {@code homeAddress} unless it is null (the mobile node is at home); its Status, flags (K, R),
     * Sequence # and Lifetime (4 s units), and a Binding Refresh Advice option with {@code refreshAdvice} (4 s units)
     * unless it is 0. Fields, not a record: a refresh's acknowledgement is made of none.
     */
    void sendAcknowledgement(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, int status, int flags,
                             int sequence, int lifetime, int refreshAdvice);

    /** The message {@link #sendAcknowledgement} sends, as a record. */
    static BindingAcknowledgement acknowledgement(int status, int flags, int sequence, int lifetime, int refreshAdvice) {
        return new BindingAcknowledgement(status, flags, sequence, lifetime, refreshAdvice == 0 ? List.of()
                : List.of(new org.mip6.wire.mh.MobilityOption.BindingRefreshAdvice(refreshAdvice)));
    }

    /** A Binding Error (RFC 6275 §9.3.3) from {@code from} to {@code to} about {@code homeAddress}. */
    void sendBindingError(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, int status);

    /**
     * A Binding Refresh Request (RFC 6275 §9.5.5) to the home address: no Type 2 Routing Header (§6.1
     * allows one on a Binding Acknowledgement only), so it reaches the mobile node through the binding's
     * tunnel, as anything else the home agent sends to the home address does.
     */
    void sendRefreshRequest(Ipv6Address homeAddress);

    /**
     * Starts DAD for {@code address} (the home address or its link-local address) on {@code iface} for the pending
     * binding of {@code homeAddress}; the outcome comes back as {@link HomeAgentEngine#dadCompleted} for that binding.
     */
    void detectDuplicate(int iface, Ipv6Address homeAddress, Ipv6Address address);

    /**
     * A new binding's data path: proxy ND for the home address (and its link-local address) on
     * {@code iface}, a tunnel {@code homeAgent} → {@code careOfAddress} that decapsulates only the home
     * address, and the home address routed into it. Returns the tunnel's id.
     */
    int addBinding(int iface, Ipv6Address homeAgent, Ipv6Address homeAddress, Ipv6Address careOfAddress,
                   boolean linkLocal);

    /**
     * No binding exists for {@code homeAddress} and {@link #addBinding} may follow in this call: the data
     * path may start reading where its entries would go, overlapping the engine's checks (a hint only).
     */
    default void prepareBinding(Ipv6Address homeAddress) {
    }

    /**
     * The binding moved to another care-of address: a new tunnel replaces {@code oldTunnel}. {@code iface}: its home
     * prefix's interface. Returns its id.
     */
    int moveBinding(int iface, Ipv6Address homeAgent, Ipv6Address homeAddress, Ipv6Address careOfAddress, int oldTunnel);

    /**
     * A mobile router's Mobile Network Prefixes (RFC 3963 §6.3): those of {@code before} not in {@code now} routed no
     * longer, those of {@code now} routed into tunnel {@code tunnel} (0: none, the binding is gone), which takes
     * packets from them as it takes the home address's (RFC 3963 §6.3, RFC 6275 §10.4.5).
     */
    default void routePrefixes(int tunnel, List<Ipv6Prefix> before, List<Ipv6Prefix> now) {
        throw new UnsupportedOperationException("this home agent's data path routes no mobile network prefixes");
    }

    /** The binding is gone: its proxy entries, tunnel and route are removed. */
    void removeBinding(int iface, Ipv6Address homeAddress, boolean linkLocal, int tunnel);

    /** When the tunnel last carried a packet (node clock), or Long.MIN_VALUE. */
    long tunnelLastUsed(int tunnel);
}
