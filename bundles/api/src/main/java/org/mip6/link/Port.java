package org.mip6.link;

import org.mip6.net.MacAddress;

/**
 * A network interface's attachment point: an Ethernet-like port that sends and receives whole
 * frames (no FCS) on at most one link at a time. Implemented by the simulated network and by live
 * pcap links alike.
 */
public interface Port {

    /** Unique name within its network, e.g. {@code mn.eth0}. */
    String name();

    MacAddress mac();

    /** The link the port is attached to, or null when detached. */
    String link();

    /** IPv6 MTU of the current link (bytes after the Ethernet header); 1500 when detached. */
    int mtu();

    /**
     * Sends a frame on the current link; silently dropped (and counted) when detached. The array is
     * handed over: a receiver may be given it as it is, so the caller does not change it afterwards.
     */
    void send(byte[] frame);

    void setListener(PortListener listener);
}
