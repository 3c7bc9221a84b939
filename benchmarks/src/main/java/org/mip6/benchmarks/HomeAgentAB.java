package org.mip6.benchmarks;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.function.IntToLongFunction;

/**
 * Builds of the home agent A/B'd in one JVM: each {@code benchmarks.jar} given (of its own build; it must hold
 * this class) is loaded by a class loader of its own, a {@link HomeAgentBench} with {@code bindings} home
 * registrations made in each, then rounds in which every build, in turn (the order rotating), runs a batch
 * of echo requests and one of refreshes as {@link HomeAgentCost} does ({@code refresh-only}, in registration
 * order). Separate JVMs drift apart by up to 0.1 in refresh / echo on this VM (another tenant's load, the
 * JIT's choices); builds measured side by side in one JVM see the same machine (the same jar twice differed
 * by 0.01-0.06 at 2^20 bindings, by at most 0.03 at 1,024), so a difference above that shows.
 *
 * <pre>java -Xms10g -Xmx10g -Xmn1g -XX:+UseParallelGC -XX:-UseAdaptiveSizePolicy -XX:+UseTransparentHugePages \
 *   -cp benchmarks/target/benchmarks.jar org.mip6.benchmarks.HomeAgentAB bindings rounds a.jar b.jar ...</pre>
 */
public final class HomeAgentAB {

    private static final int BATCH = 20_000;
    private static final int WARM_UP_ROUNDS = 150;

    private HomeAgentAB() {
    }

    /** One build's bench, made in that build's class loader: mode 0 times a batch of echoes, 1 of refreshes (ns). */
    public static final class Driver implements IntToLongFunction {
        private final HomeAgentBench bench = new HomeAgentBench();
        private final int bindings;
        private final char[] sequence;
        private final byte[][] frames = new byte[BATCH][];
        private long cursor;

        public Driver(int bindings) throws Exception {
            this.bindings = bindings;
            bench.registerBindings(bindings);
            sequence = new char[bindings];
            Arrays.fill(sequence, (char) 1);
        }

        @Override
        public long applyAsLong(int mode) {
            if (mode == 0) {
                Arrays.fill(frames, bench.echo);
            } else {
                for (int k = 0; k < BATCH; k++) {
                    int i = (int) (cursor++ % bindings);
                    frames[k] = bench.bindingUpdate(i, ++sequence[i]).clone();
                }
            }
            long t0 = System.nanoTime();
            for (int k = 0; k < BATCH; k++) {
                bench.deliver(frames[k]);
                if (k % 1000 == 999) {
                    bench.run();
                }
            }
            bench.run();
            return System.nanoTime() - t0;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: HomeAgentAB bindings rounds a.jar [b.jar ...]");
            System.exit(2);
        }
        int bindings = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int m = args.length - 2;
        IntToLongFunction[] builds = new IntToLongFunction[m];
        for (int j = 0; j < m; j++) {
            File jar = new File(args[j + 2]);
            if (!jar.isFile()) {
                throw new IllegalArgumentException("no such jar: " + jar);
            }
            // the platform loader as parent: nothing of this build comes from the class path instead
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toURI().toURL()}, ClassLoader.getPlatformClassLoader());
            builds[j] = (IntToLongFunction) loader.loadClass(Driver.class.getName()).getConstructor(int.class).newInstance(bindings);
            System.out.printf("%s: %,d bindings registered%n", jar, bindings);
        }
        double[][] ratio = new double[m][rounds];
        double[][] echo = new double[m][rounds];
        double[][] refresh = new double[m][rounds];
        for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
            for (int k = 0; k < m; k++) {
                int j = (k + round) % m;
                long e = builds[j].applyAsLong(0);
                long u = builds[j].applyAsLong(1);
                int r = round - WARM_UP_ROUNDS;
                if (r >= 0) {
                    ratio[j][r] = u / (double) e;
                    echo[j][r] = e / (double) BATCH;
                    refresh[j][r] = u / (double) BATCH;
                }
            }
        }
        for (int j = 0; j < m; j++) {
            Arrays.sort(ratio[j]);
            Arrays.sort(echo[j]);
            Arrays.sort(refresh[j]);
            System.out.printf("%s\techo %.1f ns\trefresh %.1f ns\trefresh / echo %.3f (quartiles %.3f-%.3f)%n", args[j + 2],
                    echo[j][rounds / 2], refresh[j][rounds / 2], ratio[j][rounds / 2], ratio[j][rounds / 4], ratio[j][3 * rounds / 4]);
        }
    }
}
