package org.mip6.netsim.internal.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.mip6.link.Port;
import org.mip6.link.PortListener;
import org.mip6.net.MacAddress;
import org.mip6.time.Scheduler;
import org.mip6.wire.pcap.PcapRecord;
import org.mip6.wire.pcap.PcapWriter;

/**
 * An embedded network of Ethernet-like links on one {@link Scheduler} (virtual or real time). Every
 * frame is real bytes: links deliver them to the ports attached at the time of arrival, and pcap taps
 * record them with the network's timestamps. All randomness (loss, jitter) comes from per-link
 * generators derived from one seed, so on virtual time the same seed replays the same frames.
 *
 * <p>Not thread-safe: call it from the scheduler's thread (tasks, or {@link Scheduler#execute}).
 */
public final class SimNetwork {

    private final Scheduler scheduler;
    private final long seed;
    private final Map<String, SimLink> links = new LinkedHashMap<>();
    private final Map<String, SimPort> ports = new LinkedHashMap<>();
    /** Sees every frame sent on any link (mip6:trace), or null. */
    private volatile org.mip6.world.FrameTap tap;

    public SimNetwork(Scheduler scheduler, long seed) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.seed = seed;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public SimLink addLink(LinkParameters params) {
        if (links.containsKey(params.name())) {
            throw new IllegalArgumentException("link " + params.name() + " already exists");
        }
        SimLink l = new SimLink(params, new SplittableRandom(seed ^ (params.name().hashCode() * 0x9E3779B97F4A7C15L)));
        links.put(params.name(), l);
        return l;
    }

    public SimLink link(String name) {
        SimLink l = links.get(name);
        if (l == null) {
            throw new IllegalArgumentException("no link named " + name + " (links: " + links.keySet() + ")");
        }
        return l;
    }

    public Collection<SimLink> links() {
        return Collections.unmodifiableCollection(links.values());
    }

    public SimPort addPort(String name, MacAddress mac) {
        if (ports.containsKey(name)) {
            throw new IllegalArgumentException("port " + name + " already exists");
        }
        SimPort p = new SimPort(name, mac);
        ports.put(name, p);
        return p;
    }

    public Collection<SimPort> ports() {
        return Collections.unmodifiableCollection(ports.values());
    }

    /** Attaches a port to a link (detaching it from its previous link first): how a mobile node moves. */
    public void attach(SimPort port, String linkName) {
        SimLink target = link(linkName);
        detach(port);
        target.add(port);
        port.link = target;
        if (port.listener != null) {
            port.listener.onAttached(scheduler.nanos(), linkName);
        }
    }

    /**
     * Moves {@code port} to another link without telling its node: a link-layer handover the IP layer
     * does not hear about (no attach or detach event), after which only RAs, NUD and the Advertisement
     * Interval can tell a mobile node that it moved (RFC 6275 §11.5.1).
     */
    public void roam(SimPort port, String linkName) {
        SimLink target = link(linkName);
        SimLink old = port.link;
        if (old != null) {
            old.remove(port);
        }
        target.add(port);
        port.link = target;
    }

    public void detach(SimPort port) {
        SimLink old = port.link;
        if (old != null) {
            old.remove(port);
            port.link = null;
            if (port.listener != null) {
                port.listener.onDetached(scheduler.nanos(), old.params.name());
            }
        }
    }

    /** Starts writing every frame sent on the link to a classic pcap (Ethernet, ns timestamps). */
    public void startCapture(String linkName, Path file) throws IOException {
        SimLink l = link(linkName);
        stopCapture(linkName);
        l.capture = PcapWriter.create(file, PcapRecord.LINKTYPE_ETHERNET);
    }

    /** Stops a capture; reports a write error that happened while it ran (frames kept flowing meanwhile). */
    public void stopCapture(String linkName) throws IOException {
        SimLink l = link(linkName);
        if (l.capture != null) {
            l.capture.close();
            l.capture = null;
        }
        IOException e = l.captureError;
        l.captureError = null;
        if (e != null) {
            throw new IOException("capture of link " + linkName + " lost frames: " + e.getMessage(), e);
        }
    }

    /** Shows {@code t} every frame sent on any link (a copy), from the world's thread; null stops it. */
    public void tap(org.mip6.world.FrameTap t) {
        this.tap = t;
    }

    /** Stops every capture. */
    public void close() throws IOException {
        for (SimLink l : links.values()) {
            if (l.capture != null) {
                l.capture.close();
                l.capture = null;
            }
        }
    }

    /** A segment: shared medium, attached ports, counters. */
    public final class SimLink {
        /** Changed in place by {@link #setBehaviour} (on the scheduler's thread, as every other use). */
        LinkParameters params;
        final SplittableRandom random;
        final List<SimPort> attached = new ArrayList<>();
        /** Attached ports by MAC, for unicast frames; unusable while two attached ports share a MAC. */
        private final java.util.Map<MacAddress, SimPort> byMac = new java.util.HashMap<>();
        private boolean sharedMac;
        PcapWriter capture;
        long busyUntil;
        long framesSent;
        long framesDelivered;
        long framesLost;
        long framesTooBig;
        long bytesSent;
        IOException captureError;
        long framesTooShort;
        /**
         * Scheduler tasks that delivered frames: one per frame and instant, to every receiver, but for
         * unicast frames to one port at one instant, which share one while nothing else is scheduled
         * between them (a burst).
         */
        long deliveryTasks;

        SimLink(LinkParameters params, SplittableRandom random) {
            this.params = params;
            this.random = random;
        }

        void add(SimPort p) {
            attached.add(p);
            sharedMac |= byMac.putIfAbsent(p.mac, p) != null;
        }

        void remove(SimPort p) {
            attached.remove(p);
            byMac.clear();
            sharedMac = false;
            for (SimPort q : attached) {
                sharedMac |= byMac.putIfAbsent(q.mac, q) != null;
            }
        }

        public LinkParameters parameters() {
            return params;
        }

        /**
         * How the medium behaves from now on: propagation delay, jitter, loss, bandwidth and MTU. Frames
         * already on their way arrive as they left; the next frame starts after the one being serialised, at
         * the new rate; a new MTU is told to every attached port ({@link PortListener#onMtuChanged}), whose
         * interface takes it as at attach.
         *
         * @throws IllegalArgumentException naming the link and the value out of range (nothing changes)
         */
        public void setBehaviour(long delayNanos, long jitterNanos, double loss, long bitsPerSecond, int mtu) {
            int old = params.mtu();
            params = new LinkParameters(params.name(), delayNanos, jitterNanos, loss, bitsPerSecond, mtu);
            if (mtu != old) {
                long now = scheduler.nanos();
                for (SimPort p : List.copyOf(attached)) {
                    if (p.listener != null) {
                        p.listener.onMtuChanged(now, mtu);
                    }
                }
            }
        }

        public List<SimPort> attached() {
            return Collections.unmodifiableList(attached);
        }

        public long framesSent() {
            return framesSent;
        }

        public long framesDelivered() {
            return framesDelivered;
        }

        public long framesLost() {
            return framesLost;
        }

        public long framesTooBig() {
            return framesTooBig;
        }

        public long deliveryTasks() {
            return deliveryTasks;
        }

        public boolean capturing() {
            return capture != null;
        }

        /**
         * Puts a frame on the link from outside any port (mip6:inject): it reaches the ports its
         * destination MAC names, as any frame does, bytes as given; captures record it.
         */
        public void inject(byte[] frame) {
            if (frame.length < 14) {
                framesTooShort++;
                return;
            }
            transmit(null, frame.clone());
        }

        void transmit(SimPort from, byte[] frame) {
            long now = scheduler.nanos();
            if (frame.length - 14 > params.mtu()) {
                framesTooBig++;
                return;
            }
            framesSent++;
            bytesSent += frame.length;
            long start = Math.max(now, busyUntil);
            long end = start;
            if (params.bitsPerSecond() > 0) {
                // preamble+SFD (8) + header/payload + FCS (4) + inter-frame gap (12), min frame 64
                long wireBytes = 8 + Math.max(frame.length + 4, 64) + 12;
                end = start + wireBytes * 8 * 1_000_000_000L / params.bitsPerSecond();
                busyUntil = end;
            }
            if (capture != null) {
                try {
                    capture.write(start, frame);
                } catch (IOException e) {
                    if (captureError == null) {
                        captureError = e; // the first one; reported by stopCapture
                    }
                }
            }
            org.mip6.world.FrameTap t = tap;
            if (t != null) {
                t.frame(params.name(), start, frame.clone());
            }
            MacAddress dst = MacAddress.read(frame, 0);
            boolean group = dst.isMulticast();
            if (params.jitterNanos() == 0) {
                // every receiver gets it at the same instant: one event delivers to all of them, in the
                // order they are attached (the order separate events at that instant would run in)
                long arrival = end + params.delayNanos();
                if (!group && !sharedMac) {
                    SimPort p = byMac.get(dst); // the one port a unicast frame can reach
                    if (p != null && p != from && !lost()) {
                        toPort(p, arrival, frame);
                    }
                    return;
                }
                SimPort[] receivers = new SimPort[group ? attached.size() : 1];
                int n = 0;
                for (SimPort p : attached) {
                    if (p == from || !group && !p.mac.equals(dst)) {
                        continue;
                    }
                    if (lost()) {
                        continue;
                    }
                    if (n == receivers.length) {
                        receivers = java.util.Arrays.copyOf(receivers, n * 2);
                    }
                    receivers[n++] = p;
                }
                deliveryTasks += n > 0 ? 1 : 0;
                if (n == 1) {
                    SimPort only = receivers[0];
                    scheduler.schedule(arrival, () -> deliver(only, frame, false));
                } else if (n > 1) {
                    SimPort[] all = receivers;
                    int count = n;
                    scheduler.schedule(arrival, () -> {
                        for (int k = 0; k < count; k++) {
                            deliver(all[k], frame, k < count - 1); // the last receiver takes the link's copy
                        }
                    });
                }
                return;
            }
            for (SimPort p : attached) {
                if (p == from || !group && !p.mac.equals(dst)) {
                    continue;
                }
                if (lost()) {
                    continue;
                }
                long arrival = end + params.delayNanos() + random.nextLong(params.jitterNanos());
                deliveryTasks++;
                scheduler.schedule(arrival, () -> deliver(p, frame, true));
            }
        }

        /**
         * A unicast frame for {@code p} at {@code arrival}: it joins the burst already on its way to
         * {@code p} at that instant when nothing was scheduled since that burst's task (so the frames run
         * in the order their own tasks would have), else it starts one.
         */
        private void toPort(SimPort p, long arrival, byte[] frame) {
            Burst b = p.burst;
            if (b != null && b.link == this && b.arrival == arrival && b.count < Burst.MAX_FRAMES
                    && scheduler.scheduledLast(b.timer)) {
                b.add(frame);
                return;
            }
            deliveryTasks++;
            b = new Burst(this, p, arrival, frame);
            p.burst = b;
            b.timer = scheduler.schedule(arrival, b);
        }

        /** The link's loss draw for one receiver (counted when it loses the frame). */
        private boolean lost() {
            if (params.loss() > 0 && random.nextDouble() < params.loss()) {
                framesLost++;
                return true;
            }
            return false;
        }

        /**
         * {@code copy}: the receiver gets a copy of its own (another receiver gets this array); else the
         * array itself, which no one else holds (the sender handed it over, Port.send).
         */
        private void deliver(SimPort p, byte[] frame, boolean copy) {
            if (p.link != this || p.listener == null) {
                return; // moved away or not listening: the frame is lost in the air
            }
            framesDelivered++;
            p.received++;
            if (p.listener.accepts(frame)) { // the receiver's MAC filter, before the frame is copied for it
                p.listener.onFrame(scheduler.nanos(), copy ? frame.clone() : frame);
            }
        }
    }

    /**
     * Unicast frames that reach one port at one instant from one link, delivered by one task: the port's
     * owner is told of them all first ({@link PortListener#prefetch}), then gets each as its own task
     * would have given it, the port's link and listener checked before every frame (a burst is how a
     * NIC's receive ring hands a driver what arrived together).
     */
    private static final class Burst implements Runnable {
        static final int MAX_FRAMES = 32;

        final SimLink link;
        final SimPort port;
        final long arrival;
        org.mip6.time.Timer timer;
        /** The first frame; the array only once a second one joins (most bursts are one frame). */
        byte[] first;
        byte[][] frames;
        int count;

        Burst(SimLink link, SimPort port, long arrival, byte[] first) {
            this.link = link;
            this.port = port;
            this.arrival = arrival;
            this.first = first;
            count = 1;
        }

        void add(byte[] frame) {
            if (frames == null) {
                frames = new byte[4][];
                frames[0] = first;
                first = null;
            } else if (count == frames.length) {
                frames = java.util.Arrays.copyOf(frames, Math.min(MAX_FRAMES, count * 2));
            }
            frames[count++] = frame;
        }

        @Override
        public void run() {
            if (port.burst == this) {
                port.burst = null; // no more frames join once it runs
            }
            if (frames == null) {
                byte[] f = first;
                first = null;
                link.deliver(port, f, false);
                return;
            }
            PortListener l = port.listener;
            if (l != null && port.link == link) {
                l.prefetch(frames, count);
            }
            for (int k = 0; k < count; k++) {
                byte[] f = frames[k];
                frames[k] = null;
                link.deliver(port, f, false);
            }
        }
    }

    /** An interface's attachment point in the simulated network. */
    public final class SimPort implements Port {
        final String name;
        final MacAddress mac;
        SimLink link;
        PortListener listener;
        /** The unicast frames on their way here at one instant, or null. */
        Burst burst;
        long sent;
        long received;
        long droppedDetached;

        SimPort(String name, MacAddress mac) {
            this.name = name;
            this.mac = mac;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public MacAddress mac() {
            return mac;
        }

        @Override
        public String link() {
            return link == null ? null : link.params.name();
        }

        @Override
        public int mtu() {
            return link == null ? 1500 : link.params.mtu();
        }

        @Override
        public void send(byte[] frame) {
            if (link == null) {
                droppedDetached++;
                return;
            }
            sent++;
            link.transmit(this, frame);
        }

        @Override
        public void setListener(PortListener listener) {
            this.listener = listener;
        }

        public long sent() {
            return sent;
        }

        public long received() {
            return received;
        }
    }
}
