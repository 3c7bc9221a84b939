package org.mip6.netsim.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.netsim.internal.engine.SimNetwork;
import org.mip6.node.Node;
import org.mip6.node.NodeFactory;
import org.mip6.node.NodeListener;
import org.mip6.time.Scheduler;
import org.mip6.time.SchedulerFactory;
import org.mip6.time.TimeMode;
import org.mip6.time.VirtualScheduler;
import org.mip6.world.EchoStats;
import org.mip6.world.LinkStatus;
import org.mip6.world.NodeStatus;
import org.mip6.world.World;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The workbench's embedded world: the default topology on a simulated network, nodes from the
 * {@link NodeFactory} service. Configuration PID {@code org.mip6.world}.
 */
@Component(service = {World.class, ConfigurationListener.class}, immediate = true, configurationPid = "org.mip6.world")
@Designate(ocd = EmbeddedWorld.Config.class)
public final class EmbeddedWorld implements World, ConfigurationListener {

    /** Factory PIDs of the topology (docs/commands.md). */
    static final String LINK_PID = "org.mip6.world.link";
    static final String NODE_PID = "org.mip6.world.node";

    @ObjectClassDefinition(name = "mip6 world", description = "The embedded simulated network")
    public @interface Config {
        @AttributeDefinition(description = "virtual or realtime")
        String mode() default "realtime";

        @AttributeDefinition(description = "Seed of every random choice (loss, jitter, ND delays)")
        long seed() default 6275L;
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.world");
    /** Virtual time run at creation so that a virtual world starts configured (DAD, RS/RA, SLAAC done). */
    static final Duration VIRTUAL_SETTLE = Duration.ofSeconds(10);

    private final SchedulerFactory schedulers;
    private final NodeFactory nodeFactory;
    private final ConfigurationAdmin configAdmin;
    private final Object lock = new Object();
    /** Coalesces bursts of topology edits into one rebuild (a tracked thread, stopped with the component). */
    private final java.util.concurrent.ScheduledExecutorService reconfigure =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mip6-world-reconfigure");
                t.setDaemon(true);
                return t;
            });
    private java.util.concurrent.ScheduledFuture<?> pendingRebuild;
    /** Set when the component deactivates: no rebuild may start a scheduler after that. */
    private boolean closed;
    private volatile State state;
    /** The names of the last world built (its nodes are in s.nodes, which only the world's thread may read). */
    private volatile List<String> nodeNames = List.of();
    private volatile String topologyError;

    /** mip6:trace and others: every frame of every link, across resets. */
    private final List<org.mip6.world.FrameTap> taps = new CopyOnWriteArrayList<>();
    /** Whether a frame for an unknown link was logged (once for the component: a live bridge may bring thousands). */
    private final java.util.concurrent.atomic.AtomicBoolean unknownLinkLogged = new java.util.concurrent.atomic.AtomicBoolean();

    private final class State {
        final TimeMode mode;
        final long seed;
        final Scheduler scheduler;
        final SimNetwork net;
        final Map<String, Node> nodes = new LinkedHashMap<>();
        final Map<String, List<SimNetwork.SimPort>> ports = new LinkedHashMap<>();
        final WorldTraffic traffic;
        /** Completed when the build is done: in real time, what others queue on the scheduler waits for it. */
        final CompletableFuture<Void> built = new CompletableFuture<>();

        State(TimeMode mode, long seed, Scheduler scheduler) {
            this.mode = mode;
            this.seed = seed;
            this.scheduler = scheduler;
            this.net = new SimNetwork(scheduler, seed);
            this.net.tap(taps.isEmpty() ? null : EmbeddedWorld.this::showTaps);
            this.traffic = new WorldTraffic(scheduler, seed);
        }
    }

    @Activate
    public EmbeddedWorld(@Reference SchedulerFactory schedulers, @Reference NodeFactory nodeFactory,
                         @Reference(cardinality = ReferenceCardinality.OPTIONAL) ConfigurationAdmin configAdmin,
                         Config config) {
        this.schedulers = schedulers;
        this.nodeFactory = nodeFactory;
        this.configAdmin = configAdmin;
        TimeMode mode;
        try {
            mode = TimeMode.parse(config.mode());
        } catch (IllegalArgumentException e) {
            String m = "configuration org.mip6.world, field mode: " + e.getMessage();
            LOG.log(System.Logger.Level.ERROR, m);
            throw new IllegalArgumentException(m, e); // what mip6:info shows
        }
        reset(mode, config.seed());
    }

    /**
     * Stops the world: captures closed, the scheduler (and a real-time thread) stopped, no rebuild
     * pending. SCR calls it when a bundle the world references statically (time, stack) is updated or
     * stopped: the world is then built anew from its configuration when they are back.
     */
    @Deactivate
    public void close() {
        reconfigure.shutdownNow();
        synchronized (lock) {
            closed = true;
            if (state != null) {
                LOG.log(System.Logger.Level.INFO, "world stopped (its component is deactivating: a bundle it uses, "
                        + "time or stack, is being updated or stopped; it is rebuilt when they are back)");
            }
            close(state);
            state = null;
            nodeNames = List.of();
        }
    }

    private void close(State s) {
        if (s == null) {
            return;
        }
        for (Node n : s.nodes.values()) {
            n.close(); // withdrawn from roles first: their state goes with the node
        }
        try {
            s.net.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing captures: " + e.getMessage());
        }
        s.scheduler.close();
    }

    /**
     * The topology from the factory configurations, or the built-in default world when there are none.
     *
     * @throws TopologyException naming the configuration and field that is wrong
     */
    TopologySpec topology() {
        if (configAdmin == null) {
            return DefaultWorld.spec();
        }
        Map<String, Map<String, Object>> links = configurations(LINK_PID);
        Map<String, Map<String, Object>> nodes = configurations(NODE_PID);
        if (links.isEmpty() && nodes.isEmpty()) {
            return DefaultWorld.spec();
        }
        return TopologyParser.parse(links, nodes);
    }

    private Map<String, Map<String, Object>> configurations(String factoryPid) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        try {
            Configuration[] cs = configAdmin.listConfigurations("(service.factoryPid=" + factoryPid + ")");
            if (cs != null) {
                for (Configuration c : cs) {
                    Dictionary<String, Object> d = c.getProperties();
                    if (d == null) {
                        continue;
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (Enumeration<String> k = d.keys(); k.hasMoreElements(); ) {
                        String key = k.nextElement();
                        m.put(key, d.get(key));
                    }
                    out.put(c.getPid(), m);
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("reading " + factoryPid + " configurations: " + e.getMessage(), e);
        }
        return out;
    }

    /** A topology configuration changed: rebuild the world if the new topology is valid, else keep it. */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (!LINK_PID.equals(event.getFactoryPid()) && !NODE_PID.equals(event.getFactoryPid())) {
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (pendingRebuild != null) {
                pendingRebuild.cancel(false); // coalesce a burst of edits (a new link and the node using it)
            }
            try {
                pendingRebuild = reconfigure.schedule(this::rebuild, 300, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // deactivating
            }
        }
    }

    private void rebuild() {
        State s = state;
        if (s == null) {
            return;
        }
        try {
            reset(s.mode, s.seed);
        } catch (TopologyException e) {
            topologyError = e.getMessage();
            LOG.log(System.Logger.Level.ERROR, "topology not changed: " + e.getMessage());
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.INFO, "topology change not applied: " + e.getMessage());
        }
    }

    @Override
    public void reset(TimeMode mode, long seed) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the world is stopped (its component was deactivated)");
            }
            TopologySpec spec;
            try {
                spec = topology(); // validated before the running world is touched
            } catch (TopologyException e) {
                LOG.log(System.Logger.Level.ERROR, e.getMessage());
                throw e;
            }
            close(state);
            State s = new State(mode, seed, schedulers.create(mode, "world"));
            Callable<Void> build = () -> {
                DefaultWorld.build(spec, s.net, nodeFactory, s.nodes, s.ports, seed);
                NodeListener replies = s.traffic.listener();
                for (Node n : s.nodes.values()) {
                    n.addListener(replies);
                }
                for (Node n : s.nodes.values()) {
                    n.open(); // offered to roles once built
                }
                return null;
            };
            // published before the build: roles offered the new nodes ask for the new world's seed
            state = s;
            try {
                if (mode == TimeMode.VIRTUAL) {
                    call(s, build); // readers wait for the lock this holds
                } else {
                    await(s, submit(s, build)); // readers wait for s.built before they queue anything
                }
                s.built.complete(null);
            } catch (RuntimeException e) {
                s.built.completeExceptionally(e);
                throw e;
            }
            nodeNames = List.copyOf(s.nodes.keySet()); // the build is done
            if (mode == TimeMode.VIRTUAL) {
                ((VirtualScheduler) s.scheduler).runFor(VIRTUAL_SETTLE);
            }
            topologyError = null;
            LOG.log(System.Logger.Level.INFO, "world reset: " + mode + ", seed " + seed + ", " + s.net.links().size()
                    + " links, " + s.nodes.size() + " nodes");
        }
    }

    private State state() {
        State s = state;
        if (s == null) {
            throw new IllegalStateException("the world is not running");
        }
        return s;
    }

    /**
     * Thrown by {@link #call} when a reset replaced the state it was to run on before it ran: nothing was done
     * (the old state's scheduler dropped the task), and a read can be tried again on the new state.
     */
    private static final class Superseded extends IllegalStateException {
        Superseded() {
            super("the world was reset meanwhile; nothing was done (try again)");
        }
    }

    /**
     * {@code read} on the running state, where the world may be touched; when a reset replaces the state
     * first (a role's configuration checked while {@code mip6:world reset} rebuilds the world), on the new one.
     */
    private <T> T read(java.util.function.Function<State, T> read) {
        for (int attempt = 1; ; attempt++) {
            State s = state();
            try {
                return call(s, () -> read.apply(s));
            } catch (Superseded e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Runs {@code c} where the world may be touched: under the lock (virtual) or on the scheduler thread (real time). */
    private <T> T call(State s, Callable<T> c) {
        if (s.mode == TimeMode.VIRTUAL) {
            synchronized (lock) {
                if (state != s) {
                    throw new Superseded(); // reset while this waited for the lock: s is closed
                }
                try {
                    return c.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        if (!s.built.isDone()) {
            await(s, s.built); // queued after the build, not before it: never a world half built
        }
        return await(s, submit(s, c));
    }

    /** {@code c} queued on {@code s}'s real-time scheduler. */
    private <T> CompletableFuture<T> submit(State s, Callable<T> c) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            s.scheduler.execute(() -> {
                try {
                    f.complete(c.call());
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
        } catch (IllegalStateException closed) {
            synchronized (lock) {
                // a reset that closed s holds the lock until its new state is published and built
            }
            if (state != s) {
                throw new Superseded();
            }
            throw closed;
        }
        return f;
    }

    /** What {@code f}, queued on {@code s}'s scheduler, computed; {@link Superseded} when a reset dropped it (or replaced s first). */
    private <T> T await(State s, CompletableFuture<T> f) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (true) {
                try {
                    return f.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // a reset closes s (its scheduler's thread ends, pending tasks dropped) before it replaces it
                    if (state != s && !f.isDone()) {
                        throw new Superseded();
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("the world's scheduler did not answer in 30 s", e);
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String topologyError() {
        return topologyError;
    }

    @Override
    public TimeMode mode() {
        return state().mode;
    }

    @Override
    public long seed() {
        return state().seed;
    }

    @Override
    public long nowNanos() {
        return state().scheduler.nanos();
    }

    @Override
    public List<LinkStatus> links() {
        return read(s -> {
            List<LinkStatus> out = new ArrayList<>();
            for (SimNetwork.SimLink l : s.net.links()) {
                out.add(status(l));
            }
            return out;
        });
    }

    private static LinkStatus status(SimNetwork.SimLink l) {
        LinkParameters p = l.parameters();
        return new LinkStatus(p.name(), p.delayNanos(), p.jitterNanos(), p.loss(), p.bitsPerSecond(), p.mtu(),
                l.attached().stream().map(SimNetwork.SimPort::name).toList(), l.framesSent(), l.framesDelivered(),
                l.framesLost(), l.capturing());
    }

    @Override
    public LinkStatus setLinkBehaviour(String link, long delayNanos, long jitterNanos, double loss, long bitsPerSecond,
                                      int mtu) {
        State s = state();
        return call(s, () -> {
            SimNetwork.SimLink l = s.net.link(link);
            l.setBehaviour(delayNanos, jitterNanos, loss, bitsPerSecond, mtu);
            LOG.log(System.Logger.Level.INFO, "link " + link + " now: delay " + delayNanos + " ns, jitter " + jitterNanos
                    + " ns, loss " + loss + ", bandwidth " + (bitsPerSecond == 0 ? "unlimited" : bitsPerSecond + " bit/s")
                    + ", MTU " + mtu);
            return status(l);
        });
    }

    @Override
    public List<NodeStatus> nodes() {
        return read(s -> {
            List<NodeStatus> out = new ArrayList<>();
            for (Node n : s.nodes.values()) {
                out.add(new NodeStatus(n.name(), n.router(), n.interfaces(), n.counters()));
            }
            return out;
        });
    }

    @Override
    public List<String> nodeNames() {
        return nodeNames;
    }

    @Override
    public List<org.mip6.node.RouteStatus> routes(String node) {
        return onNode(node, Node::routes);
    }

    @Override
    public List<org.mip6.node.NeighborStatus> neighbors(String node) {
        return onNode(node, Node::neighbors);
    }

    @Override
    public List<org.mip6.node.TunnelStatus> tunnels(String node) {
        return onNode(node, Node::tunnels);
    }

    @Override
    public List<org.mip6.node.GroupStatus> groups(String node) {
        return onNode(node, Node::groups);
    }

    @Override
    public List<org.mip6.node.HostVariables> hostVariables(String node) {
        return onNode(node, Node::hostVariables);
    }

    @Override
    public List<org.mip6.node.PathMtuStatus> pathMtus(String node) {
        return onNode(node, Node::pathMtus);
    }

    /** What {@code what} reads from {@code name}'s node, where the world may be touched. */
    private <T> T onNode(String name, java.util.function.Function<Node, T> what) {
        return read(s -> what.apply(node(s, name)));
    }

    private Node node(State s, String name) {
        Node n = s.nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node named \"" + name + "\" (nodes: " + String.join(", ", s.nodes.keySet()) + ")");
        }
        return n;
    }

    @Override
    public void attach(String node, String link) {
        State s = state();
        call(s, () -> {
            node(s, node);
            s.net.link(link);
            s.net.attach(s.ports.get(node).get(0), link);
            return null;
        });
    }

    @Override
    public void detach(String node) {
        State s = state();
        call(s, () -> {
            node(s, node);
            s.net.detach(s.ports.get(node).get(0));
            return null;
        });
    }

    @Override
    public void joinGroup(String node, Ipv6Address group, boolean on) {
        State s = state();
        call(s, () -> {
            node(s, node).joinGroup(0, group, on);
            return null;
        });
    }

    private Ipv6Address resolve(State s, String destination) {
        return WorldTraffic.resolve(destination, name -> node(s, name));
    }

    @Override
    public EchoStats ping(String node, String destination, int count, Duration interval, int dataBytes)
            throws InterruptedException {
        WorldTraffic.checkPing(count, interval, dataBytes);
        State s = state();
        if (s.mode == TimeMode.REAL_TIME) {
            // a fresh real-time world needs a few seconds of DAD and SLAAC (RFC 4862 timers): wait for it
            long end = System.nanoTime() + 10_000_000_000L;
            while (true) {
                try {
                    call(s, () -> resolve(s, destination));
                    break;
                } catch (IllegalArgumentException e) {
                    if (System.nanoTime() > end || !e.getMessage().contains("no preferred global address")) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        }
        Ping p = call(s, () -> s.traffic.ping(node(s, node), resolve(s, destination), count, interval, dataBytes));
        Duration wait = interval.multipliedBy(count - 1).plusSeconds(1);
        if (s.mode == TimeMode.VIRTUAL) {
            synchronized (lock) {
                ((VirtualScheduler) s.scheduler).runFor(wait);
            }
        } else {
            Thread.sleep(wait.toMillis());
        }
        s.traffic.finished(p);
        return p.stats();
    }

    @Override
    public int startTraffic(String node, String destination, Duration interval) {
        return startFlow(node, destination, interval, false);
    }

    @Override
    public int startUdpTraffic(String node, String destination, Duration interval) {
        return startFlow(node, destination, interval, true);
    }

    private int startFlow(String node, String destination, Duration interval, boolean udp) {
        WorldTraffic.checkInterval(interval);
        State s = state();
        return call(s, () -> s.traffic.startFlow(node(s, node), node, resolve(s, destination), interval, udp));
    }

    @Override
    public void stopTraffic(int id) {
        State s = state();
        call(s, () -> {
            s.traffic.stop(id);
            return null;
        });
    }

    @Override
    public List<org.mip6.world.TrafficStats> traffic() {
        return read(s -> s.traffic.stats());
    }

    @Override
    public void run(Duration duration) {
        State s = state();
        if (s.mode != TimeMode.VIRTUAL) {
            throw new IllegalStateException("the world runs in real time; mip6:run needs a virtual-time world "
                    + "(mip6:world reset --virtual)");
        }
        synchronized (lock) {
            ((VirtualScheduler) s.scheduler).runFor(duration);
        }
    }

    @Override
    public org.mip6.world.InjectResult inject(String link, Path pcap) throws IOException {
        State s = state();
        call(s, () -> s.net.link(link)); // names the link before the file is read
        List<org.mip6.wire.pcap.PcapRecord> records = org.mip6.wire.pcap.PcapReader.readAll(pcap);
        return call(s, () -> {
            SimNetwork.SimLink l = s.net.link(link);
            long start = s.scheduler.nanos();
            long first = Long.MIN_VALUE;
            long last = 0;
            int frames = 0;
            int skipped = 0;
            Map<Ipv6Address, MacAddress> nextHops = new java.util.HashMap<>();
            for (org.mip6.wire.pcap.PcapRecord r : records) {
                byte[] frame = r.linkType() == org.mip6.wire.pcap.PcapRecord.LINKTYPE_ETHERNET
                        ? r.data().length < 14 ? null : r.data()
                        : InjectedFrames.framed(s.nodes.values(), link, r, nextHops);
                if (frame == null) {
                    skipped++;
                    continue;
                }
                if (first == Long.MIN_VALUE) {
                    first = r.timestampNanos();
                }
                long offset = Math.max(0, r.timestampNanos() - first); // out-of-order timestamps: at once
                last = Math.max(last, offset);
                s.scheduler.schedule(start + offset, () -> l.inject(frame));
                frames++;
            }
            LOG.log(System.Logger.Level.INFO, "injected " + frames + " frames from " + pcap + " on " + link
                    + (skipped > 0 ? " (" + skipped + " records skipped)" : ""));
            return new org.mip6.world.InjectResult(link, frames, skipped, last, start);
        });
    }

    @Override
    public void inject(String link, byte[] frame) {
        java.util.Objects.requireNonNull(frame, "frame");
        State s = state();
        if (s.mode == TimeMode.VIRTUAL) {
            synchronized (lock) {
                s.net.link(link).inject(frame);
            }
            return;
        }
        s.scheduler.execute(() -> { // the links are the scheduler thread's (a reset builds them there)
            SimNetwork.SimLink l;
            try {
                l = s.net.link(link);
            } catch (IllegalArgumentException e) {
                if (unknownLinkLogged.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, "a frame for link " + link + " dropped: " + e.getMessage()
                            + " (logged once; the others are dropped silently)");
                }
                return;
            }
            l.inject(frame);
        });
    }

    @Override
    public AutoCloseable tap(org.mip6.world.FrameTap tap) {
        java.util.Objects.requireNonNull(tap, "tap");
        taps.add(tap);
        retap();
        return () -> {
            taps.remove(tap);
            retap();
        };
    }

    private void retap() {
        State s = state;
        if (s != null) {
            s.net.tap(taps.isEmpty() ? null : this::showTaps);
        }
    }

    private void showTaps(String link, long nanos, byte[] frame) {
        for (org.mip6.world.FrameTap t : taps) {
            try {
                t.frame(link, nanos, taps.size() == 1 ? frame : frame.clone());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a frame tap threw: " + e);
            }
        }
    }

    @Override
    public void startCapture(String link, Path file) throws IOException {
        State s = state();
        IOException[] err = new IOException[1];
        call(s, () -> {
            try {
                s.net.startCapture(link, file);
            } catch (IOException e) {
                err[0] = e;
            }
            return null;
        });
        if (err[0] != null) {
            throw err[0];
        }
    }

    @Override
    public void stopCapture(String link) throws IOException {
        State s = state();
        IOException[] err = new IOException[1];
        call(s, () -> {
            try {
                s.net.stopCapture(link);
            } catch (IOException e) {
                err[0] = e;
            }
            return null;
        });
        if (err[0] != null) {
            throw err[0];
        }
    }

    static MacAddress mac(int n) {
        return MacAddress.of(0x0200_0000_0000L | n);
    }
}
