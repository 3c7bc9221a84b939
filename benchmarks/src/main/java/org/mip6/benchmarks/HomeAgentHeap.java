package org.mip6.benchmarks;

import org.mip6.net.Ipv6Address;
import org.mip6.state.BindingCacheEntry;
import org.mip6.state.internal.MemoryBindingCache;

/**
 * Heap bytes per binding of a home agent node: live heap after a full GC with {@code N} bindings
 * (default 2^20; argument 1) less the live heap with none, divided by N. Everything a binding costs is
 * counted: its binding cache entry, the engine's timer, the node's tunnel, tunnel route and proxy entry.
 * Run: {@code java -Xmx8g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar org.mip6.benchmarks.HomeAgentHeap}
 * (the throughput collector counts used bytes exactly; G1 counts whole regions, so that its figure
 * includes the unused tail of the region each large array ends in).
 */
public final class HomeAgentHeap {

    static Object KEEP;

    private HomeAgentHeap() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 20;
        HomeAgentBench b = new HomeAgentBench();
        long before = live();
        b.registerBindings(n);
        b.clock.runFor(java.time.Duration.ofSeconds(2)); // steady state: MLD's repeats of the proxied groups' joins sent
        long after = live();
        System.out.printf("%d bindings: %.1f MB live heap, %d bytes per binding (binding cache, engine timers,"
                + " the node's tunnels, routes and proxy entries)%n", n, (after - before) / 1e6, (after - before) / n);
        // the binding cache alone: the same entries in a cache of their own (filled in a method of its
        // own, so that the list of entries it copies from is not kept alive by this frame)
        long empty = live();
        KEEP = copyOfCache(b);
        long full = live();
        System.out.printf("of which the binding cache (state bundle) alone: %d bytes per binding%n", (full - empty) / n);
        if (args.length > 1) {
            System.out.println("pausing for jmap -histo:live " + ProcessHandle.current().pid());
            Thread.sleep(Long.parseLong(args[1]) * 1000);
        }
        System.out.println("node counters: tunnels and proxy entries " + b.ha.counters().get("encapsulated")
                + " encapsulated (0 expected), bindings " + b.cache.entries("ha").size());
    }

    private static MemoryBindingCache copyOfCache(HomeAgentBench b) {
        MemoryBindingCache alone = new MemoryBindingCache();
        for (BindingCacheEntry e : b.cache.entries("ha")) {
            alone.put("ha2", Ipv6Address.of(e.homeAddress().high(), e.homeAddress().low()), new BindingCacheEntry(
                    Ipv6Address.of(e.homeAddress().high(), e.homeAddress().low()), Ipv6Address.of(e.careOfAddress().high(),
                    e.careOfAddress().low()), e.sequence(), e.flags(), true, e.lifetimeSeconds(), e.registeredAt(),
                    e.expiresAt(), e.lastUsedAt(), e.tunnel()));
        }
        return alone;
    }

    private static long live() throws InterruptedException {
        Runtime r = Runtime.getRuntime();
        for (int k = 0; k < 4; k++) {
            System.gc();
            Thread.sleep(200);
        }
        return r.totalMemory() - r.freeMemory();
    }
}
