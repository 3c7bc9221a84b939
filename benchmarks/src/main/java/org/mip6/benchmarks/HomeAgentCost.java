package org.mip6.benchmarks;

import java.util.Arrays;

/**
 * A home agent's Binding Update cost against an ICMPv6 echo on the same node, as a scenario run that
 * interleaves them in one JVM (so that the machine's drift hits both alike), after a warm-up of at least 3 s: one node as in
 * {@link HomeAgentBenchmark} holding {@code bindings} home registrations, then rounds of three timed
 * batches of {@code batch} frames each: echo requests (the baseline), refreshes of existing bindings
 * (each the binding's next sequence number) and first registrations of home addresses never seen (DAD
 * off: proxy ND, tunnel and route made too; then, untimed, the oldest batch is deregistered, so the node
 * holds {@code bindings} throughout). Each frame goes through the link, the node and the role,
 * and the answer back through the link. The frames are made before the batch (the mobile nodes' work is
 * not the home agent's). Prints the median ns per frame of each kind, its rate, and the median of the
 * rounds' refresh / echo ratios.
 *
 * <pre>java -Xms12g -Xmx12g -XX:+UseParallelGC -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages \
 *   -cp benchmarks/target/benchmarks.jar org.mip6.benchmarks.HomeAgentCost [bindings] [rounds] [batch] [refresh-only [shuffled]]</pre>
 * With {@code refresh-only} the rounds are echo and refresh batches alone (no first registrations or
 * deregistrations between them); with {@code shuffled} (after {@code refresh-only}) the bindings are refreshed
 * in an order drawn once from a fixed seed instead of the order they were registered in, so the binding
 * cache's entries are read at random places too, not only its index.
 */
public final class HomeAgentCost {

    private HomeAgentCost() {
    }

    public static void main(String[] args) throws Exception {
        int bindings = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        // "refresh-only": echo and refresh batches alone, without the first registrations and deregistrations
        boolean churn = args.length <= 3 || !args[3].equals("refresh-only");
        boolean shuffled = !churn && args.length > 4 && args[4].equals("shuffled");
        HomeAgentBench b = new HomeAgentBench();
        long t0 = System.nanoTime();
        b.registerBindings(bindings);
        System.out.printf("home agent with %,d bindings (set up in %.1f s), %d rounds of %,d frames each kind%s%n", bindings,
                (System.nanoTime() - t0) / 1e9, rounds, batch,
                shuffled ? ", refreshed in a shuffled order" : "");
        System.gc();

        // warm-up: a fifth of the rounds (at least 5), and on until 3 s have passed: below some 10^5 bindings
        // the set-up is too short to compile the paths, and the JIT still recompiles them for dozens of rounds
        int minWarmup = Math.max(5, rounds / 5);
        int maxWarmup = Math.max(minWarmup, 4 * rounds);
        long[] echo = new long[rounds];
        long[] refresh = new long[rounds];
        long[] fresh = new long[rounds];
        double[] ratio = new double[rounds];
        double[] freshRatio = new double[rounds];
        byte[][] frames = new byte[batch][];
        // the registered home addresses are lo .. lo + bindings - 1; each round's first registrations
        // add a batch above and the oldest batch is deregistered (untimed), so the count stays put
        long lo = 0;
        long nextNew = bindings;
        char[] sequence = new char[Math.addExact(bindings, Math.multiplyExact(rounds + maxWarmup, batch))];
        Arrays.fill(sequence, 0, bindings, (char) 1);
        long cursor = 0;
        int[] order = shuffled ? shuffledOrder(bindings, 6275) : null;
        long frames0 = b.accepted();
        long sent = 0;
        long w0 = System.nanoTime();
        int warmup = -1; // the warm-up's rounds, once it is over
        for (int step = 0; ; step++) {
            if (warmup < 0 && step >= minWarmup && (step >= maxWarmup || System.nanoTime() - w0 >= 3_000_000_000L)) {
                warmup = step;
                System.out.printf("warm-up: %d rounds, %.1f s%n", warmup, (System.nanoTime() - w0) / 1e9);
            }
            int r = warmup < 0 ? -1 : step - warmup;
            if (r >= rounds) {
                break;
            }
            Arrays.fill(frames, b.echo);
            long e = deliver(b, frames);
            for (int k = 0; k < batch; k++) {
                int i = order != null ? order[(int) (cursor++ % bindings)] : (int) (lo + cursor++ % bindings);
                frames[k] = b.bindingUpdate(i, ++sequence[i]).clone();
            }
            long u = deliver(b, frames);
            sent += batch;
            if (r >= 0) {
                echo[r] = e;
                refresh[r] = u;
                ratio[r] = u / (double) e;
            }
            if (!churn) {
                continue;
            }
            for (int k = 0; k < batch; k++) {
                sequence[(int) nextNew] = 1;
                frames[k] = b.bindingUpdate(nextNew++, 1).clone();
            }
            long n = deliver(b, frames);
            for (int k = 0; k < batch; k++) {
                int i = (int) lo++;
                frames[k] = b.deregistration(i, ++sequence[i]).clone();
            }
            deliver(b, frames);
            sent += 2L * batch;
            if (r >= 0) {
                fresh[r] = n;
                freshRatio[r] = n / (double) e;
            }
        }
        if (b.accepted() - frames0 != sent) {
            throw new IllegalStateException("accepted " + (b.accepted() - frames0) + " of " + sent + ": " + b.role.counters());
        }
        double pe = median(echo) / (double) batch;
        double pu = median(refresh) / (double) batch;
        double pn = median(fresh) / (double) batch;
        Arrays.sort(ratio);
        System.out.printf("echo (baseline):  %7.0f ns per frame (%.2f M/s)%n", pe, 1e3 / pe);
        System.out.printf("refresh BU -> BA: %7.0f ns per BU    (%.2f M/s)%n", pu, 1e3 / pu);
        if (churn) {
            System.out.printf("new binding:      %7.0f ns per BU    (%.2f M/s)%n", pn, 1e3 / pn);
        }
        System.out.printf("refresh / echo:   %7.2f x (median of the rounds' ratios; quartiles %.2f-%.2f)%n",
                ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
        if (churn) {
            Arrays.sort(freshRatio);
            System.out.printf("new / echo:       %7.2f x (median of the rounds' ratios; quartiles %.2f-%.2f)%n",
                    freshRatio[rounds / 2], freshRatio[rounds / 4], freshRatio[3 * rounds / 4]);
        }
    }

    /** One batch: every frame on the link, the node until idle; the wall time in ns. */
    private static long deliver(HomeAgentBench bench, byte[][] frames) {
        long t0 = System.nanoTime();
        for (int k = 0; k < frames.length; k++) {
            bench.deliver(frames[k]);
            if (k % 1000 == 999) {
                bench.run();
            }
        }
        bench.run();
        return System.nanoTime() - t0;
    }

    /** 0 .. n - 1 in an order drawn from {@code seed} (Fisher-Yates). */
    private static int[] shuffledOrder(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
