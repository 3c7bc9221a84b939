package org.mip6.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.world.NodeStatus;
import org.mip6.world.World;

/**
 * {@code mip6:stats [NODE]}: the counters of {@code mip6:counters} arranged for reading: per node, what
 * each part (the node itself, each role) counted, as messages (sent, received, accepted, tunnelled),
 * errors (drops, decode errors, rejections, expiries, overflows) and the rest (state). The kind is read
 * from the counter's name.
 */
@Service
@Command(scope = "mip6", name = "stats", description = "Per-message and per-error counters of every role and of the node, "
        + "grouped by part (node, ha, mn, cn, ...) and kind (message, error, state)")
public class StatsCommand extends NodeTableCommand {

    /** What a counter counts, read from its name. */
    enum Kind {
        MESSAGE, ERROR, STATE
    }

    private static final List<String> ERROR_WORDS = List.of("drop", "decode.", "error", "reject", "bad", "expired", "overflow",
            "malformed", "unreachable", "refused", "invalid", "forged", "replay", "no-binding", "timeout", "lost", "failed",
            "ignored", "unhandled", "too-", "unknown");
    private static final List<String> MESSAGE_WORDS = List.of("sent", "received", "accepted", "delivered", "forwarded",
            "encapsulated", "decapsulated", "answered", "relayed", "held");

    @Option(name = "--all", description = "Also counters that are zero")
    boolean all;

    @Override
    TrailingOptions moreOptions(TrailingOptions options) {
        return options.flag(() -> all = true, "--all");
    }

    static Kind kind(String counter) {
        String c = counter.toLowerCase(Locale.ROOT);
        if (ERROR_WORDS.stream().anyMatch(c::contains)) {
            return Kind.ERROR;
        }
        if (MESSAGE_WORDS.stream().anyMatch(c::contains)) {
            return Kind.MESSAGE;
        }
        return Kind.STATE;
    }

    @Override
    Rows table(World world, String node) {
        Rows t = new Rows("Node", "Part", "Kind", "Counter", "Value");
        for (NodeStatus n : world.nodes()) {
            if (node != null && !node.equals(n.name())) {
                continue;
            }
            // part -> kind -> counter -> value
            Map<String, Map<Kind, Map<String, Long>>> parts = new TreeMap<>();
            n.counters().forEach((k, v) -> add(parts, "node", k, v));
            RoleServices.roleCounters(n.name()).forEach((k, v) -> {
                int dot = k.indexOf('.');
                add(parts, k.substring(0, dot), k.substring(dot + 1), v);
            });
            List<String> order = new ArrayList<>(parts.keySet());
            if (order.remove("node")) {
                order.add(0, "node");
            }
            for (String part : order) {
                for (Map.Entry<Kind, Map<String, Long>> k : parts.get(part).entrySet()) {
                    for (Map.Entry<String, Long> c : k.getValue().entrySet()) {
                        if (all || c.getValue() != 0) {
                            t.add(n.name(), part, k.getKey().name().toLowerCase(Locale.ROOT), c.getKey(), c.getValue());
                        }
                    }
                }
            }
        }
        return t;
    }

    private static void add(Map<String, Map<Kind, Map<String, Long>>> parts, String part, String counter, long value) {
        parts.computeIfAbsent(part, p -> new TreeMap<>()).computeIfAbsent(kind(counter), k -> new TreeMap<>()).put(counter, value);
    }
}
