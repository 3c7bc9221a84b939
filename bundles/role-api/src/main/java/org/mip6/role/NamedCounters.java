package org.mip6.role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A role engine's counters: a fixed set of names, in the order given, each a count. Counted on the
 * node's thread; {@link #snapshot()} for {@link RoleCounters} may be read from another (best effort).
 */
public final class NamedCounters {

    private final Map<String, long[]> counts = new LinkedHashMap<>();

    public NamedCounters(List<String> names) {
        for (String n : names) {
            counts.put(n, new long[1]);
        }
    }

    /** Adds one to {@code name}. @throws IllegalArgumentException for a name not given at construction */
    public void count(String name) {
        slot(name)[0]++;
    }

    public long get(String name) {
        return slot(name)[0];
    }

    /** Every counter by name, in the order given. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k, v[0]));
        return m;
    }

    private long[] slot(String name) {
        long[] s = counts.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no counter \"" + name + "\" (counters: " + counts.keySet() + ")");
        }
        return s;
    }
}
