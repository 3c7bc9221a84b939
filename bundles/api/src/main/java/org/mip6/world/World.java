package org.mip6.world;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.mip6.net.Ipv6Address;
import org.mip6.time.TimeMode;

/**
 * The embedded network the workbench runs: links, routers and nodes on one scheduler, virtual or
 * real time. Thread-safe: calls are handed to the world's scheduler thread (real time) or run under
 * the world's lock (virtual time). Names of the default world are fixed (docs/architecture.md).
 */
public interface World {

    TimeMode mode();

    long seed();

    /** The world's clock, nanoseconds since it was (re)created. */
    long nowNanos();

    List<LinkStatus> links();

    List<NodeStatus> nodes();

    /**
     * The names of the world's nodes, without waiting for the world's thread or for a reset in progress (the
     * last world published): what a role's configuration is checked against from any thread, an activation
     * among them. Empty when the world is not running.
     *
     * @since 0.9
     */
    default List<String> nodeNames() {
        try {
            return nodes().stream().map(NodeStatus::name).toList();
        } catch (IllegalStateException notRunning) {
            return List.of();
        }
    }

    /**
     * {@code node}'s routes ({@link org.mip6.node.Node#routes()}), read on the world's thread.
     * @throws IllegalArgumentException naming an unknown node
     */
    default List<org.mip6.node.RouteStatus> routes(String node) {
        throw new UnsupportedOperationException("this world shows no routes");
    }

    /**
     * {@code node}'s Neighbor Cache and proxied addresses ({@link org.mip6.node.Node#neighbors()}), read on the
     * world's thread. @throws IllegalArgumentException naming an unknown node
     */
    default List<org.mip6.node.NeighborStatus> neighbors(String node) {
        throw new UnsupportedOperationException("this world shows no neighbor caches");
    }

    /**
     * {@code node}'s multicast groups ({@link org.mip6.node.Node#groups()}), read on the world's thread.
     *
     * @throws IllegalArgumentException naming an unknown node
     */
    default List<org.mip6.node.GroupStatus> groups(String node) {
        throw new UnsupportedOperationException("this world shows no groups");
    }

    /**
     * {@code node}'s tunnels ({@link org.mip6.node.Node#tunnels()}), read on the world's thread.
     * @throws IllegalArgumentException naming an unknown node
     */
    default List<org.mip6.node.TunnelStatus> tunnels(String node) {
        throw new UnsupportedOperationException("this world shows no tunnels");
    }

    /**
     * {@code node}'s Path MTUs ({@link org.mip6.node.Node#pathMtus()}), read on the world's thread.
     * @throws IllegalArgumentException naming an unknown node
     */
    default List<org.mip6.node.PathMtuStatus> pathMtus(String node) {
        throw new UnsupportedOperationException("this world shows no Path MTUs");
    }

    /**
     * {@code node}'s host variables by interface ({@link org.mip6.node.Node#hostVariables()}), read on the world's thread.
     * @throws IllegalArgumentException naming an unknown node
     */
    default List<org.mip6.node.HostVariables> hostVariables(String node) {
        throw new UnsupportedOperationException("this world shows no host variables");
    }

    /** Recreates the default world in {@code mode} with {@code seed}; running captures stop. */
    void reset(TimeMode mode, long seed);

    /** Moves the first interface of {@code node} to {@code link}. @throws IllegalArgumentException naming what is unknown */
    void attach(String node, String link);

    /** Detaches the first interface of {@code node} from its link (it keeps its MAC; attach brings it back). */
    void detach(String node);

    /**
     * {@code node} listens to {@code group} on its first interface ({@code on}: its MLD reports it, its packets are
     * received, an Echo Request to it answered), or no longer ({@link org.mip6.node.Node#joinGroup}).
     *
     * @throws IllegalArgumentException naming an unknown node, or an address that is not a group a link carries
     */
    default void joinGroup(String node, Ipv6Address group, boolean on) {
        throw new UnsupportedOperationException("this world's nodes join no groups");
    }

    /**
     * Sends {@code count} echo requests from {@code node} to {@code destination} (an address or a node
     * name), {@code interval} apart, with 56 octets of data each, and waits for the replies (one second
     * after the last request). On virtual time this runs the world's clock forward.
     */
    default EchoStats ping(String node, String destination, int count, Duration interval) throws InterruptedException {
        return ping(node, destination, count, interval, 56);
    }

    /**
     * The same with {@code dataBytes} octets of data in each request (0..65,527: an ICMPv6 echo in the
     * largest IPv6 payload); one longer than the path's MTU leaves in fragments (RFC 8200 §4.5).
     *
     * @throws IllegalArgumentException for a count, interval or size out of range, or an unknown node
     */
    EchoStats ping(String node, String destination, int count, Duration interval, int dataBytes) throws InterruptedException;

    /** Runs virtual time forward. @throws IllegalStateException on a real-time world */
    void run(Duration duration);

    /**
     * Starts an open-ended echo flow from {@code node} to {@code destination}, one request every
     * {@code interval} (the live traffic that experiments watch while they swap bundles).
     *
     * @return the flow's id
     */
    int startTraffic(String node, String destination, Duration interval);

    /**
     * Like {@link #startTraffic} with UDP datagrams to the destination's echo service (port 7, RFC 862)
     * carrying a sequence number; RTT and loss are measured the same way.
     */
    int startUdpTraffic(String node, String destination, Duration interval);

    /** Stops a flow ({@code id}) or every flow ({@code -1}); its statistics stay. */
    void stopTraffic(int id);

    /** Every flow since the world was created. */
    List<TrafficStats> traffic();

    /**
     * Puts every Ethernet frame of a pcap on {@code link} as it is, the first now and the others
     * spaced by the differences of their capture timestamps (on virtual time they leave as the world
     * runs). How a user replays Scapy-made or captured traffic, malformed or forged included. An IPv6
     * packet of a record without Ethernet (raw IPv6, as Scapy writes bare {@code IPv6()} packets,
     * loopback or Linux cooked captures) goes in the Ethernet frame a host on the link would send it in
     * (to the node on the link with its destination address, else to a router there); records with
     * neither are skipped and counted.
     *
     * @throws IOException if the file cannot be read or is not a pcap
     * @throws IllegalArgumentException naming the link when there is no such link
     */
    InjectResult inject(String link, Path pcap) throws IOException;

    /**
     * Puts one Ethernet frame on {@code link} now, bytes as given, as {@link #inject(String, Path)} does
     * each frame of a pcap: how a live link's bridge brings in what a real interface received. Safe from
     * any thread; on real time it returns at once (the frame leaves on the world's thread, and one for a
     * link the world no longer has, after a reset to another topology, is dropped and logged).
     *
     * @throws IllegalArgumentException naming the link when there is no such link (virtual time)
     */
    void inject(String link, byte[] frame);

    /**
     * Why the last topology edit was not applied (the configuration and field named), or null when the
     * running world is the configured one. Cleared when a rebuild succeeds.
     */
    default String topologyError() {
        return null;
    }

    /**
     * Changes how {@code link} behaves from now on, in place: its propagation delay, jitter (extra delay
     * drawn uniformly from [0, jitter) per frame and receiver), loss probability (0 ≤ loss < 1), bandwidth
     * (bit/s of the shared medium, 0: unlimited) and MTU (1280..65535; the attached interfaces take it, as
     * at attach: routers advertise it, and what no longer fits is fragmented at its source or answered with
     * Packet Too Big, RFC 8200 §5). Nodes, their attachments, bindings, captures and counters stay; frames
     * already on their way arrive as they left. The configured topology does not change: a reset, or a
     * topology edit, brings the configured values back.
     *
     * @return the link as it is now
     * @throws IllegalArgumentException naming the link when there is no such link, or the value out of range
     *                                  (then nothing changes)
     */
    LinkStatus setLinkBehaviour(String link, long delayNanos, long jitterNanos, double loss, long bitsPerSecond, int mtu);

    void startCapture(String link, Path file) throws IOException;

    /**
     * Shows {@code tap} every frame on every link from now on, across world resets, until the returned
     * handle is closed.
     */
    AutoCloseable tap(FrameTap tap);

    void stopCapture(String link) throws IOException;
}
