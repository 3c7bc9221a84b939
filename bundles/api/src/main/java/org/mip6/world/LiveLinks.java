package org.mip6.world;

import java.io.IOException;
import java.util.List;

/**
 * Bridges between the world's links and real network interfaces of the host (pcap): every frame a
 * world link carries leaves on the interface, and every frame the interface receives is put on the
 * link, so real hosts (say, Linux in a network namespace at the other end of a veth pair) and the
 * world's nodes share one Ethernet. Needs a real-time world, libpcap and the right to capture (root
 * or CAP_NET_RAW). A bridge outlives world resets (it is bound to the link's name).
 */
public interface LiveLinks {

    /**
     * A bridge and its counters.
     *
     * @param link         the world's link
     * @param iface        the host's interface
     * @param framesIn     frames received on the interface and put on the link
     * @param framesOut    frames of the link sent on the interface
     * @param dropped      frames not carried: too big for the link (but TCP super-packets, which are cut) or shorter
     *                     than an Ethernet header, failed sends and reads, frames the world did not take (stopped)
     * @param segmented    TCP super-packets the host left to its NIC to segment (TSO/GSO), cut into segments that
     *                     fit the link (each segment counted in {@code framesIn})
     * @param error        the last error (receive or send), or null
     */
    record Bridge(String link, String iface, long framesIn, long framesOut, long dropped, long segmented, String error) {

        /** A bridge that cut no super-packet. */
        public Bridge(String link, String iface, long framesIn, long framesOut, long dropped, String error) {
            this(link, iface, framesIn, framesOut, dropped, 0, error);
        }
    }

    /**
     * Bridges {@code link} to the host interface {@code iface}.
     *
     * @throws IllegalArgumentException naming the link or interface that is unknown, or a link already bridged
     * @throws IllegalStateException when the world runs on virtual time
     * @throws IOException when the interface cannot be opened (no libpcap, no permission)
     */
    Bridge bridge(String link, String iface) throws IOException;

    /** Ends the bridge of {@code link}; false when there was none. */
    boolean unbridge(String link);

    /** The bridges now, in the order they were made. */
    List<Bridge> bridges();
}
