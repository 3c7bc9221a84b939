package org.mip6.netsim.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.engine.LinkParameters;
import org.mip6.netsim.internal.TopologySpec.AddressSpec;
import org.mip6.netsim.internal.TopologySpec.InterfaceSpec;
import org.mip6.netsim.internal.TopologySpec.NodeSpec;
import org.mip6.netsim.internal.TopologySpec.RouteSpec;
import org.mip6.time.Durations;

/**
 * Reads the topology from Config Admin factory configurations (docs/commands.md):
 * <pre>
 * org.mip6.world.link-NAME:  name, delay (e.g. 1ms), jitter, loss (0..1), bandwidth (bit/s, 0 = unlimited), mtu
 * org.mip6.world.node-NAME:  name, role (host|router), interface.N (link), address.N (addr/len, comma separated),
 *                            advertise.N (prefixes, routers), route (prefix via next-hop dev N, comma separated)
 * </pre>
 * Everything is validated before anything is built: a link that does not exist, an address outside
 * its prefix, a malformed value all fail with the configuration and field named.
 */
final class TopologyParser {

    private static final Pattern INDEXED = Pattern.compile("(interface|address|advertise)\\.(\\d+)");
    private static final Pattern ROUTE = Pattern.compile("\\s*(\\S+)\\s+via\\s+(\\S+)\\s+dev\\s+(\\d+)\\s*");

    private TopologyParser() {
    }

    /**
     * @param links configuration id (e.g. the PID) -> properties, for factory PID org.mip6.world.link
     * @param nodes the same for org.mip6.world.node
     */
    static TopologySpec parse(Map<String, Map<String, Object>> links, Map<String, Map<String, Object>> nodes) {
        List<LinkParameters> ls = new ArrayList<>();
        Set<String> linkNames = new HashSet<>();
        for (var e : new TreeMap<>(links).entrySet()) {
            String pid = e.getKey();
            Map<String, Object> p = e.getValue();
            String name = required(pid, p, "name");
            if (!linkNames.add(name)) {
                throw new TopologyException(pid, "name", "a second link named " + name);
            }
            long delay = duration(pid, p, "delay");
            long jitter = duration(pid, p, "jitter");
            double loss = number(pid, p, "loss", 0.0);
            double bandwidth = number(pid, p, "bandwidth", 0);
            double mtu = number(pid, p, "mtu", 1500);
            // each field alone against an ideal link, so that a refusal names the field that is wrong
            LinkParameters ideal = LinkParameters.ideal(name);
            field(pid, "delay", () -> new LinkParameters(name, delay, 0, 0, 0, ideal.mtu()));
            field(pid, "jitter", () -> new LinkParameters(name, 0, jitter, 0, 0, ideal.mtu()));
            field(pid, "loss", () -> new LinkParameters(name, 0, 0, loss, 0, ideal.mtu()));
            field(pid, "bandwidth", () -> new LinkParameters(name, 0, 0, 0, whole(bandwidth), ideal.mtu()));
            field(pid, "mtu", () -> new LinkParameters(name, 0, 0, 0, 0, (int) Math.min(whole(mtu), Integer.MAX_VALUE)));
            ls.add(new LinkParameters(name, delay, jitter, loss, whole(bandwidth), (int) mtu));
        }
        List<NodeSpec> ns = new ArrayList<>();
        Set<String> nodeNames = new HashSet<>();
        for (var e : new TreeMap<>(nodes).entrySet()) {
            ns.add(node(e.getKey(), e.getValue(), linkNames, nodeNames));
        }
        if (ls.isEmpty()) {
            throw new TopologyException("org.mip6.world.link", "(none)", "a topology needs at least one link");
        }
        return new TopologySpec(ls, ns);
    }

    private static NodeSpec node(String pid, Map<String, Object> p, Set<String> linkNames, Set<String> nodeNames) {
        String name = required(pid, p, "name");
        if (!nodeNames.add(name)) {
            throw new TopologyException(pid, "name", "a second node named " + name);
        }
        String role = String.valueOf(p.getOrDefault("role", "host")).strip();
        if (!role.equals("host") && !role.equals("router")) {
            throw new TopologyException(pid, "role", "\"" + role + "\" is neither host nor router");
        }
        TreeMap<Integer, String> ifLinks = new TreeMap<>();
        TreeMap<Integer, String> ifAddrs = new TreeMap<>();
        TreeMap<Integer, String> ifAdv = new TreeMap<>();
        for (var kv : p.entrySet()) {
            Matcher m = INDEXED.matcher(kv.getKey());
            if (m.matches()) {
                int idx = Integer.parseInt(m.group(2));
                String v = String.valueOf(kv.getValue()).strip();
                switch (m.group(1)) {
                    case "interface" -> ifLinks.put(idx, v);
                    case "address" -> ifAddrs.put(idx, v);
                    default -> ifAdv.put(idx, v);
                }
            }
        }
        if (ifLinks.isEmpty()) {
            throw new TopologyException(pid, "interface.0", "a node needs at least one interface");
        }
        List<InterfaceSpec> ifs = new ArrayList<>();
        for (int i = 0; i < ifLinks.size(); i++) {
            String link = ifLinks.get(i);
            if (link == null) {
                throw new TopologyException(pid, "interface." + i, "missing (interfaces are numbered from 0 without gaps)");
            }
            if (!linkNames.contains(link)) {
                throw new TopologyException(pid, "interface." + i, "no link named \"" + link + "\" (links: "
                        + String.join(", ", new java.util.TreeSet<>(linkNames)) + ")");
            }
            List<AddressSpec> addrs = new ArrayList<>();
            for (String a : list(ifAddrs.get(i))) {
                int slash = a.indexOf('/');
                if (slash < 0) {
                    throw new TopologyException(pid, "address." + i, "\"" + a + "\" needs a prefix length (address/len)");
                }
                Ipv6Address addr;
                Ipv6Prefix pfx;
                try {
                    addr = Ipv6Address.parse(a.substring(0, slash));
                    pfx = Ipv6Prefix.of(addr, Integer.parseInt(a.substring(slash + 1)));
                } catch (IllegalArgumentException x) {
                    throw new TopologyException(pid, "address." + i, x.getMessage());
                }
                addrs.add(new AddressSpec(addr, pfx));
            }
            List<Ipv6Prefix> adv = new ArrayList<>();
            for (String a : list(ifAdv.get(i))) {
                try {
                    adv.add(Ipv6Prefix.parse(a));
                } catch (IllegalArgumentException x) {
                    throw new TopologyException(pid, "advertise." + i, x.getMessage());
                }
            }
            if (!adv.isEmpty() && role.equals("host")) {
                throw new TopologyException(pid, "advertise." + i, "only routers advertise prefixes");
            }
            for (Ipv6Prefix a : adv) {
                if (addrs.stream().noneMatch(x -> a.contains(x.address()))) {
                    throw new TopologyException(pid, "advertise." + i, "the router has no address in " + a
                            + " on interface " + i);
                }
            }
            ifs.add(new InterfaceSpec(link, addrs, adv));
        }
        for (Integer k : ifAddrs.keySet()) {
            if (!ifLinks.containsKey(k)) {
                throw new TopologyException(pid, "address." + k, "there is no interface." + k);
            }
        }
        List<RouteSpec> routes = new ArrayList<>();
        for (String r : list(p.get("route") == null ? null : String.valueOf(p.get("route")))) {
            Matcher m = ROUTE.matcher(r);
            if (!m.matches()) {
                throw new TopologyException(pid, "route", "\"" + r + "\" is not \"PREFIX via NEXTHOP dev N\"");
            }
            int dev = Integer.parseInt(m.group(3));
            if (dev >= ifs.size()) {
                throw new TopologyException(pid, "route", "\"" + r + "\": there is no interface " + dev);
            }
            try {
                Ipv6Address nh = m.group(2).equals("on-link") ? null : Ipv6Address.parse(m.group(2));
                routes.add(new RouteSpec(Ipv6Prefix.parse(m.group(1)), nh, dev));
            } catch (IllegalArgumentException x) {
                throw new TopologyException(pid, "route", x.getMessage());
            }
        }
        long minRa = NodeSpec.DEFAULT_MIN_RA;
        long maxRa = NodeSpec.DEFAULT_MAX_RA;
        Object ri = p.get("ra-interval");
        if (ri != null) {
            String[] mm = String.valueOf(ri).strip().split("\\s*-\\s*");
            if (mm.length != 2) {
                throw new TopologyException(pid, "ra-interval", "\"" + ri + "\" is not MIN-MAX (e.g. 30ms-70ms)");
            }
            Map<String, Object> tmp = Map.of("min", mm[0], "max", mm[1]);
            minRa = duration(pid, tmp, "min");
            maxRa = duration(pid, tmp, "max");
            if (minRa < 30_000_000L || maxRa < 70_000_000L || minRa > maxRa) {
                throw new TopologyException(pid, "ra-interval", "needs 30 ms <= MIN <= MAX and MAX >= 70 ms (RFC 6275 §7.5)");
            }
        }
        boolean homeAgent = Boolean.parseBoolean(String.valueOf(p.getOrDefault("home-agent", "false")).strip());
        if (homeAgent && !role.equals("router")) {
            throw new TopologyException(pid, "home-agent", "a home agent is a router (role = router)");
        }
        int routerLifetime = NodeSpec.DEFAULT_ROUTER_LIFETIME;
        Object rl = p.get("router-lifetime");
        if (rl != null) {
            if (!role.equals("router")) {
                throw new TopologyException(pid, "router-lifetime", "only routers advertise a Router Lifetime");
            }
            String v = String.valueOf(rl).strip().replaceAll("s$", "");
            try {
                routerLifetime = Integer.parseInt(v);
            } catch (NumberFormatException x) {
                throw new TopologyException(pid, "router-lifetime", "\"" + rl + "\" is not a number of seconds");
            }
            if (routerLifetime < 0 || routerLifetime > 9000) {
                throw new TopologyException(pid, "router-lifetime", "must be 0..9000 s (RFC 4861 §6.2.1; 0: no default router)");
            }
        }
        return new NodeSpec(pid, name, role.equals("router"), ifs, routes, minRa, maxRa, homeAgent, routerLifetime);
    }

    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    private static String required(String pid, Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new TopologyException(pid, key, "missing");
        }
        return String.valueOf(v).strip();
    }

    private static void field(String pid, String field, java.util.function.Supplier<LinkParameters> check) {
        try {
            check.get();
        } catch (IllegalArgumentException x) {
            throw new TopologyException(pid, field, x.getMessage());
        }
    }

    /** A count (bit/s, octets) written as a number: fractions are refused rather than cut. */
    private static long whole(double v) {
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException(v + " is not a whole number");
        }
        return (long) v;
    }

    private static double number(String pid, Map<String, Object> p, String key, double dflt) {
        Object v = p.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new TopologyException(pid, key, "\"" + v + "\" is not a number");
        }
    }

    private static long duration(String pid, Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null) {
            return 0;
        }
        try {
            return Durations.parseNanos(String.valueOf(v), TimeUnit.MILLISECONDS); // bare numbers are ms here
        } catch (IllegalArgumentException e) {
            throw new TopologyException(pid, key, e.getMessage());
        }
    }
}
