package org.mip6.shell.internal;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.node.InterfaceStatus;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingCacheEntry;
import org.mip6.time.Durations;
import org.mip6.world.NodeStatus;
import org.mip6.world.World;
import org.mip6.wire.pcap.PcapRecord;
import org.mip6.wire.text.FrameDescriber;
import org.mip6.wire.text.Json;
import org.osgi.framework.BundleContext;

/**
 * {@code mip6:trace}: the world's signalling as it happens, decoded, one line (or JSON object) per frame
 * and link: Mobility Headers (tunnelled ones too), DHAAD, mobile prefix discovery, neighbour discovery
 * about home addresses, malformed frames; home agents' RAs and every tunnelled packet on request. Runs
 * until interrupted (Ctrl-C), {@code --count} lines or {@code --timeout}.
 */
@Service
@Command(scope = "mip6", name = "trace", description = "Live decoded signalling of the world (MH, DHAAD, MPS/MPA, "
        + "ND for home addresses, malformed frames) until Ctrl-C, --count lines or --timeout")
public class TraceCommand implements Action {

    /** What a frame is, for --type. */
    enum Kind {
        MH, DHAAD, MPD, ND, RA, MLD, TUNNEL, MALFORMED;

        static Set<Kind> parse(List<String> names) {
            if (names == null || names.isEmpty()) {
                return EnumSet.of(MH, DHAAD, MPD, ND, MALFORMED);
            }
            Set<Kind> s = EnumSet.noneOf(Kind.class);
            for (String n : names) {
                for (String one : n.split(",")) {
                    String t = one.strip().toUpperCase(Locale.ROOT);
                    if (t.equals("ALL")) {
                        return EnumSet.allOf(Kind.class);
                    }
                    try {
                        s.add(Kind.valueOf(t));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown --type \"" + one.strip()
                                + "\" (mh, dhaad, mpd, nd, ra, mld, tunnel, malformed, all)");
                    }
                }
            }
            return s;
        }
    }

    @Reference(optional = true)
    World world;

    @Reference
    BundleContext bundleContext;

    @Option(name = "--node", aliases = "-n", multiValued = true, description = "Only frames this node sent or received (repeatable)")
    @Completion(NodeCompleter.class)
    List<String> nodes;

    @Option(name = "--link", aliases = "-l", multiValued = true, description = "Only frames on this link (repeatable)")
    @Completion(LinkCompleter.class)
    List<String> links;

    @Option(name = "--type", aliases = "-t", multiValued = true,
            description = "mh, dhaad, mpd, nd, ra, mld, tunnel, malformed or all; comma-separated or repeated (default: mh,dhaad,mpd,nd,malformed)")
    List<String> types;

    @Option(name = "--count", aliases = "-c", description = "Stop after this many lines")
    long count = Long.MAX_VALUE;

    @Option(name = "--timeout", description = "Stop after this long (e.g. 10s, 500ms; world clock on virtual time is not waited for)")
    String timeout;

    @Option(name = "--json", description = "One JSON object per line (mip6:decode --json keys, plus link and kind)")
    boolean json;

    private final EspFrames esp = new EspFrames();

    /** A frame as the tap saw it. */
    private record Seen(String link, long nanos, byte[] frame) {
    }

    @Override
    public Object execute() throws Exception {
        World w = Worlds.require(world);
        Set<Kind> kinds = Kind.parse(types);
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1");
        }
        long deadline = timeout == null ? Long.MAX_VALUE
                : System.nanoTime() + Durations.parseNanos(timeout, TimeUnit.SECONDS);
        Set<String> linkNames = new HashSet<>();
        w.links().forEach(l -> linkNames.add(l.name()));
        if (links != null) {
            for (String l : links) {
                if (!linkNames.contains(l)) {
                    throw new IllegalArgumentException("no link named \"" + l + "\" (links: " + String.join(", ", linkNames) + ")");
                }
            }
        }
        if (nodes != null) {
            for (String n : nodes) {
                NodeCommand.node(w, List.of(n));
            }
        }
        BlockingQueue<Seen> queue = new ArrayBlockingQueue<>(4096);
        AtomicLong dropped = new AtomicLong();
        PrintStream out = System.out;
        long lines = 0;
        long reportedDrops = 0;
        try (MobilityCodecs codecs = new MobilityCodecs(); AutoCloseable tap = w.tap((link, nanos, frame) -> {
            if ((links == null || links.contains(link)) && !queue.offer(new Seen(link, nanos, frame))) {
                dropped.incrementAndGet(); // the world never waits for a slow terminal
            }
        })) {
            Set<String> homeAddresses = Set.of();
            Set<String> seenHomeAddresses = new HashSet<>();
            List<InterfaceStatus> interfaces = List.of();
            long homeAddressesAt = 0;
            while (lines < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Seen s = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
                if (s == null) {
                    continue;
                }
                if (System.nanoTime() - homeAddressesAt > TimeUnit.SECONDS.toNanos(1)) {
                    homeAddresses = homeAddresses();
                    interfaces = nodes == null ? List.of() : interfaces(w); // nodes move between links
                    homeAddressesAt = System.nanoTime();
                }
                if (nodes != null && !concerns(interfaces, s)) {
                    continue;
                }
                EspFrames.Opened opened = esp.open(s.frame()); // what mn and its home agent say is in ESP
                byte[] frame = opened == null ? s.frame() : opened.frame();
                Map<String, Object> d = FrameDescriber.describe((int) Math.min(Integer.MAX_VALUE, lines + 1),
                        new PcapRecord(s.nanos(), PcapRecord.LINKTYPE_ETHERNET, frame, frame.length), codecs);
                if (opened != null) {
                    d.put("decrypted", opened.label());
                }
                if (d.get("hao") instanceof String hao) {
                    seenHomeAddresses.add(hao); // ND for it from now on is about a home address (the HA's DAD)
                }
                Kind k = kind(d, homeAddresses, seenHomeAddresses);
                if (k == null || !kinds.contains(k)) {
                    continue;
                }
                d.put("link", s.link());
                d.put("kind", k.name().toLowerCase(Locale.ROOT));
                lines++;
                long drops = dropped.get();
                if (drops > reportedDrops) {
                    out.println("# " + (drops - reportedDrops) + " frames not traced: the terminal fell behind");
                    reportedDrops = drops;
                }
                out.println(json ? Json.write(d) : FrameDescriber.line(d) + (opened == null ? "" : " [" + opened.label() + "]"));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Ctrl-C: the tap is closed above
        }
        return null;
    }

    /** What a described frame is, or null when it is none of the traced kinds. */
    @SuppressWarnings("unchecked")
    static Kind kind(Map<String, Object> d, Set<String> homeAddresses, Set<String> seenHomeAddresses) {
        if (d.containsKey("error")) {
            return Kind.MALFORMED; // shown decoded up to its defect, the defect flagged on the line
        }
        if (d.containsKey("mh")) {
            return Kind.MH;
        }
        Object ic = d.get("icmpv6");
        if (ic instanceof Map<?, ?> m) {
            int type = ((Number) m.get("type")).intValue();
            switch (type) {
                case 144, 145 -> {
                    return Kind.DHAAD;
                }
                case 146, 147 -> {
                    return Kind.MPD;
                }
                case 134 -> {
                    return Boolean.TRUE.equals(m.get("homeAgent")) ? Kind.RA : null;
                }
                case 130, 131, 132, 143 -> {
                    return Kind.MLD; // RFC 3810, RFC 2710: the nodes' group memberships
                }
                case 135, 136 -> {
                    String target = String.valueOf(m.get("target"));
                    return homeAddresses.contains(target) || seenHomeAddresses.contains(target) ? Kind.ND : null;
                }
                default -> {
                }
            }
        }
        return d.containsKey("tunnel") ? Kind.TUNNEL : null;
    }

    /** The interfaces of the --node nodes now (read once a second, not per frame: the world answers on its thread). */
    private List<InterfaceStatus> interfaces(World w) {
        List<InterfaceStatus> l = new java.util.ArrayList<>();
        for (NodeStatus n : w.nodes()) {
            if (nodes.contains(n.name())) {
                l.addAll(n.interfaces());
            }
        }
        return l;
    }

    /** Whether the frame was sent by or to one of these interfaces (a group frame: to every interface on the link). */
    private static boolean concerns(List<InterfaceStatus> interfaces, Seen s) {
        byte[] f = s.frame();
        if (f.length < 12) {
            return true;
        }
        boolean group = (f[0] & 1) != 0;
        for (InterfaceStatus i : interfaces) {
            byte[] mac = i.mac().toBytes();
            if (same(f, 6, mac) || same(f, 0, mac) || group && s.link().equals(i.link())) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(byte[] f, int at, byte[] mac) {
        for (int k = 0; k < 6; k++) {
            if (f[at + k] != mac[k]) {
                return false;
            }
        }
        return true;
    }

    /** The home addresses of every binding cache now (ND about them is signalling: proxy NA, DAD); HAOs seen are added. */
    private Set<String> homeAddresses() {
        Set<String> s = new HashSet<>();
        var ref = bundleContext.getServiceReference(BindingCache.class);
        BindingCache cache = ref == null ? null : bundleContext.getService(ref);
        if (cache == null) {
            return s;
        }
        try {
            for (String node : cache.nodes()) {
                for (BindingCacheEntry e : cache.entries(node)) {
                    s.add(e.homeAddress().toString());
                }
            }
        } finally {
            bundleContext.ungetService(ref);
        }
        return s;
    }
}
