package org.mip6.benchmarks;

import java.util.Arrays;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.state.BindingCacheEntry;
import org.mip6.state.internal.MemoryBindingCache;

/**
 * The pause a home agent's binding cache takes when it compacts (the `state` bundle's table keeps
 * entries in registration order and copies the live ones once half of it is free; this runs on the
 * node's thread, so the node's traffic waits): {@code bindings} registrations, each with a timer, then
 * three times as many rounds of one new registration and the oldest one's removal. Prints the removals'
 * median, mean and worst time (the worst ones are the compactions) and the fill's time per binding as
 * the baseline of the same run.
 *
 * <pre>java -Xms4g -Xmx4g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar \
 *   org.mip6.benchmarks.BindingCacheCompaction [bindings]</pre>
 */
public final class BindingCacheCompaction {

    private BindingCacheCompaction() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 20;
        MemoryBindingCache cache = new MemoryBindingCache();
        Ipv6Prefix home = Ipv6Prefix.parse("2001:db8:1::/64");
        Ipv6Address careOf = Ipv6Address.parse("2001:db8:2::1");
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
            register(cache, home, careOf, i);
        }
        double fill = (System.nanoTime() - t0) / (double) n;
        int rounds = 3 * n;
        long[] took = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            register(cache, home, careOf, n + r);
            long s = System.nanoTime();
            cache.remove("ha", home.withInterfaceId(0x0100_0000_0000_0000L | r));
            took[r] = System.nanoTime() - s;
        }
        long total = Arrays.stream(took).sum();
        long[] sorted = took.clone();
        Arrays.sort(sorted);
        System.out.printf("%,d bindings: fill %.0f ns per binding (baseline)%n", n, fill);
        System.out.printf("removal: median %d ns, mean %.0f ns; the 3 worst (compactions): %.1f, %.1f, %.1f ms%n",
                sorted[rounds / 2], total / (double) rounds, sorted[rounds - 1] / 1e6, sorted[rounds - 2] / 1e6,
                sorted[rounds - 3] / 1e6);
    }

    private static void register(MemoryBindingCache cache, Ipv6Prefix home, Ipv6Address careOf, long i) {
        Ipv6Address h = home.withInterfaceId(0x0100_0000_0000_0000L | i);
        cache.put("ha", h, new BindingCacheEntry(h, careOf, 1, 0, true, 600, 0, 600, 0, 1));
        cache.setTimer("ha", h, 600L + i);
    }
}
