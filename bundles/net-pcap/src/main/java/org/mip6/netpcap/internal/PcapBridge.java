package org.mip6.netpcap.internal;

import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.mip6.world.FrameTap;
import org.mip6.world.LiveLinks;
import org.mip6.world.World;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * One world link bridged to one host interface through a pcap handle: a reader thread puts what the
 * interface receives (direction in: not what this bridge sent) on the link, and the world's frame tap
 * sends what the link carries out of the interface, but for the frames the bridge itself put there.
 */
final class PcapBridge implements FrameTap {

    private static final System.Logger LOG = System.getLogger("org.mip6.netpcap");
    /** Room for a jumbo frame; the links' MTU decides what is carried. */
    private static final int SNAPLEN = 65_536;
    /** The read timeout asked of pcap (in immediate mode Linux waits for a frame regardless: see close). */
    private static final int READ_TIMEOUT_MILLIS = 100;
    /** After a failed read, before the next. */
    private static final int ERROR_PAUSE_MILLIS = 200;

    private final World world;
    private final String link;
    private final String iface;
    private final PcapHandle handle;
    private final Thread reader;
    private volatile boolean running = true;
    private volatile AutoCloseable tap;
    private final AtomicLong in = new AtomicLong();
    private final AtomicLong out = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** TCP super-packets cut into segments (each segment is counted in {@link #in}). */
    private final AtomicLong segmented = new AtomicLong();
    private volatile String error;
    /** The kind of error (receive, send, put on the link) logged last. */
    private volatile String loggedKind;
    /** What the reader put on the link: the tap sees those frames too, and must not send them back. */
    private final InjectedFrames injected = new InjectedFrames(1024);
    /** The link's MTU when bridged: a bigger frame from the interface would be dropped by the link. */
    private final int mtu;

    private PcapBridge(World world, String link, int mtu, String iface, PcapHandle handle) {
        this.world = world;
        this.mtu = mtu;
        this.link = link;
        this.iface = iface;
        this.handle = handle;
        this.reader = new Thread(this::read, "mip6-live-" + link + "-" + iface);
        this.reader.setDaemon(true);
    }

    /**
     * Opens {@code iface} (promiscuous, immediate) and starts the bridge.
     *
     * @throws IllegalArgumentException naming the interface when the host has none of that name
     * @throws IOException when libpcap is missing or refuses (permission)
     */
    static PcapBridge open(World world, String link, int mtu, String iface) throws IOException {
        PcapHandle h;
        try {
            PcapNetworkInterface nif = Pcaps.getDevByName(iface);
            if (nif == null) {
                throw new IllegalArgumentException("no interface named " + iface + " on this host (interfaces: "
                        + Pcaps.findAllDevs().stream().map(PcapNetworkInterface::getName).toList() + ")");
            }
            h = new PcapHandle.Builder(iface).snaplen(SNAPLEN)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS)
                    .timeoutMillis(READ_TIMEOUT_MILLIS).immediateMode(true).build();
        } catch (PcapNativeException e) {
            throw new IOException("pcap cannot open " + iface + ": " + e.getMessage()
                    + " (capturing needs root or CAP_NET_RAW)", e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IOException("libpcap is not available (Debian: apt-get install libpcap0.8): " + e.getMessage(), e);
        }
        try {
            h.setDirection(PcapHandle.PcapDirection.IN); // what this bridge sends is not read back
        } catch (PcapNativeException | NotOpenException e) {
            h.close();
            throw new IOException("pcap cannot capture only incoming frames on " + iface + ": " + e.getMessage(), e);
        }
        PcapBridge b = new PcapBridge(world, link, mtu, iface, h);
        b.tap = world.tap(b);
        b.reader.start();
        LOG.log(System.Logger.Level.INFO, "live link: " + link + " bridged to " + iface);
        return b;
    }

    private void read() {
        while (running) {
            byte[] f;
            try {
                f = handle.getNextRawPacketEx();
            } catch (TimeoutException e) {
                continue;
            } catch (NotOpenException | EOFException e) { // closed, or woken by close (pcap_breakloop)
                break;
            } catch (PcapNativeException | RuntimeException e) { // the interface went away, say
                failed("receive", e);
                dropped.incrementAndGet();
                pause(); // an error repeats at once: not a busy loop
                continue;
            }
            if (f.length < 14) { // too short for Ethernet
                dropped.incrementAndGet();
                continue;
            }
            if (f.length - 14 > mtu) { // too big for the link: a TCP super-packet is cut as its NIC would, else dropped
                List<byte[]> segments = SegmentationOffload.segment(f, mtu);
                if (segments == null) {
                    dropped.incrementAndGet();
                    continue;
                }
                segmented.incrementAndGet();
                for (byte[] s : segments) {
                    put(s);
                }
                continue;
            }
            ChecksumOffload.complete(f); // a Linux host's TCP and UDP through a veth: what its NIC would finish
            put(f);
        }
    }

    private void put(byte[] f) {
        injected.add(f);
        try {
            world.inject(link, f);
            in.incrementAndGet();
        } catch (RuntimeException e) { // the world stopped: the frame goes nowhere
            dropped.incrementAndGet();
            failed("put on " + link, e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(ERROR_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** A frame the world's links carried (on the world's thread). */
    @Override
    public void frame(String l, long nanos, byte[] frame) {
        if (!link.equals(l) || !running || injected.take(frame)) {
            return;
        }
        try {
            handle.sendPacket(frame);
            out.incrementAndGet();
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            dropped.incrementAndGet();
            failed("send", e);
        }
    }

    private void failed(String what, Exception e) {
        error = what + ": " + e.getMessage();
        if (!what.equals(loggedKind)) { // logged when the kind changes; repeats are counted, the last kept
            loggedKind = what;
            LOG.log(System.Logger.Level.WARNING, "live link " + link + " on " + iface + ": " + error
                    + " (more of these are counted as dropped, not logged)");
        }
    }

    String iface() {
        return iface;
    }

    LiveLinks.Bridge status() {
        return new LiveLinks.Bridge(link, iface, in.get(), out.get(), dropped.get(), segmented.get(), error);
    }

    /** Leaves the world's taps, wakes and ends the reader (pcap_breakloop) and closes the handle. */
    void close() {
        running = false;
        try {
            AutoCloseable t = tap;
            if (t != null) {
                t.close();
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "live link " + link + ": leaving the world's taps: " + e);
        }
        try {
            // in immediate mode a read waits for a frame however long (the timeout does not end it):
            // pcap_breakloop wakes it (before close, whose lock would queue behind the read's)
            handle.breakLoop();
        } catch (NotOpenException e) {
            return;
        }
        try {
            reader.join(10L * READ_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) { // closing would wait for the read: the handle is left to the process's end
            LOG.log(System.Logger.Level.WARNING, "live link " + link + ": the read on " + iface
                    + " did not end; its pcap handle stays open");
            return;
        }
        handle.close();
        LOG.log(System.Logger.Level.INFO, "live link: " + link + " no longer bridged to " + iface);
    }
}
