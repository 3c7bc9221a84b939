package org.mip6.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.mip6.net.Ipv6Address;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingCacheEntry;
import org.mip6.time.Durations;
import org.mip6.world.NodeStatus;
import org.mip6.world.TrafficStats;
import org.mip6.world.World;

/**
 * A parsed scenario file: steps, each a shell command or an expectation, at a time or right after the
 * previous one. Format (docs/commands.md): {@code [@TIME] COMMAND} or {@code [@TIME] expect ...}; '#'
 * starts a comment line.
 */
record Scenario(String name, List<Step> steps) {

    /** A line of the file: {@code at} nanoseconds after the start, or -1 for "after the previous step". */
    record Step(int line, long at, String text, Expectation expectation) {
    }

    /** A comparison of an expectation. */
    enum Comparison {
        LT("<"), LE("<="), EQ("="), GE(">="), GT(">");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        static Comparison parse(String s) {
            for (Comparison c : values()) {
                if (c.symbol.equals(s) || c == EQ && s.equals("==")) {
                    return c;
                }
            }
            throw new IllegalArgumentException("\"" + s + "\" is not one of < <= = >= >");
        }

        boolean holds(long a, long b) {
            return switch (this) {
                case LT -> a < b;
                case LE -> a <= b;
                case EQ -> a == b;
                case GE -> a >= b;
                case GT -> a > b;
            };
        }
    }

    /** What a step checks; {@link #check} gives null when it holds, else what was found. */
    sealed interface Expectation {
        String check(World world, ScenarioSummary summary);

        static Expectation parse(String text) {
            String[] w = text.strip().split("\\s+");
            String usage = "expect binding NODE ADDRESS | expect no-binding NODE ADDRESS | expect loss OP N"
                    + " | expect counter NODE NAME OP N (OP: < <= = >= >)";
            if (w.length < 2 || !w[0].equals("expect")) {
                throw new IllegalArgumentException(usage);
            }
            try {
                switch (w[1]) {
                    case "binding", "no-binding" -> {
                        if (w.length != 4) {
                            throw new IllegalArgumentException(usage);
                        }
                        return new Binding(w[2], Ipv6Address.parse(w[3]), w[1].equals("binding"));
                    }
                    case "loss" -> {
                        if (w.length != 4) {
                            throw new IllegalArgumentException(usage);
                        }
                        return new Loss(Comparison.parse(w[2]), Long.parseLong(w[3]));
                    }
                    case "counter" -> {
                        if (w.length != 6) {
                            throw new IllegalArgumentException(usage);
                        }
                        return new Counter(w[2], w[3], Comparison.parse(w[4]), Long.parseLong(w[5]));
                    }
                    default -> throw new IllegalArgumentException("unknown expectation \"" + w[1] + "\": " + usage);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + e.getMessage() + " (" + usage + ")");
            }
        }
    }

    /** A binding for {@code homeAddress} in {@code node}'s binding cache (or none). */
    record Binding(String node, Ipv6Address homeAddress, boolean present) implements Expectation {
        @Override
        public String check(World world, ScenarioSummary summary) {
            BindingCache cache = RoleServices.require(BindingCache.class, "org.mip6.state");
            List<BindingCacheEntry> entries = cache.entries(node);
            boolean found = entries.stream().anyMatch(e -> e.homeAddress().equals(homeAddress));
            if (found == present) {
                return null;
            }
            return node + (present ? " has no binding for " : " still has a binding for ") + homeAddress + " (its bindings: "
                    + entries.stream().map(e -> e.homeAddress() + " -> " + e.careOfAddress()).toList() + ")";
        }
    }

    /** Echoes (or datagrams) lost over every flow of the world so far. */
    record Loss(Comparison op, long value) implements Expectation {
        @Override
        public String check(World world, ScenarioSummary summary) {
            long lost = 0;
            for (TrafficStats t : world.traffic()) {
                lost += t.lost();
            }
            return op.holds(lost, value) ? null : lost + " lost, expected " + op.symbol + " " + value;
        }
    }

    /** A node counter or a role counter ({@code mip6:counters} names: {@code sent}, {@code ha.bu.received}). */
    record Counter(String node, String name, Comparison op, long value) implements Expectation {
        @Override
        public String check(World world, ScenarioSummary summary) {
            NodeStatus n = world.nodes().stream().filter(s -> s.name().equals(node)).findFirst().orElse(null);
            if (n == null) {
                return "no node named " + node;
            }
            Map<String, Long> all = new TreeMap<>(n.counters());
            all.putAll(RoleServices.roleCounters(node));
            long v = all.getOrDefault(name, 0L);
            return op.holds(v, value) ? null : node + " " + name + " is " + v + ", expected " + op.symbol + " " + value;
        }
    }

    int expectations() {
        return (int) steps.stream().filter(s -> s.expectation() != null).count();
    }

    /**
     * Parses a scenario file.
     *
     * @throws IllegalArgumentException naming the line and what is wrong
     */
    static Scenario parse(String name, List<String> lines) {
        List<Step> steps = new ArrayList<>();
        long last = 0;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i).strip();
            if (raw.isEmpty() || raw.startsWith("#")) {
                continue;
            }
            int line = i + 1;
            long at = -1;
            String text = raw;
            try {
                if (raw.startsWith("@")) {
                    int sp = raw.indexOf(' ');
                    if (sp < 0) {
                        throw new IllegalArgumentException("a time without a step");
                    }
                    at = Durations.parseNanos(raw.substring(1, sp), TimeUnit.SECONDS);
                    if (at < last) {
                        throw new IllegalArgumentException("@" + raw.substring(1, sp) + " is before the previous step's time");
                    }
                    last = at;
                    text = raw.substring(sp + 1).strip();
                }
                Expectation e = text.toLowerCase(Locale.ROOT).startsWith("expect ") || text.equals("expect")
                        ? Expectation.parse(text) : null;
                steps.add(new Step(line, at, text, e));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " line " + line + ": " + e.getMessage(), e);
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(name + ": no steps");
        }
        return new Scenario(name, steps);
    }
}
