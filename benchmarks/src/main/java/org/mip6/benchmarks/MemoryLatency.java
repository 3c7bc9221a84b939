package org.mip6.benchmarks;

import java.util.SplittableRandom;

/**
 * What a load costs on this machine, for reading the home agent's figures (docs/BENCHMARKS.md, nineteenth
 * run): a pointer chase through int arrays of 1 to 128 MB (one load at a time: the latency of the cache
 * level or memory the array lives in), 32 independent loads at random places of the same arrays, and, for
 * an 8 MB table like a binding cache index with 2^20 bindings, 32 loads with each place hashed between them
 * (as a find does) against the 32 places hashed first and then loaded in a loop of loads alone (as
 * {@code AddressSlots.findAll} does). Between bursts it writes 256 KB elsewhere, as a node's other work does.
 *
 * <pre>java -Xms3g -Xmx3g -XX:+UseParallelGC -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages \
 *   -cp benchmarks/target/benchmarks.jar org.mip6.benchmarks.MemoryLatency</pre>
 */
public final class MemoryLatency {

    /** What the loads read, kept so that they are not optimised away. */
    private static int sink;

    private MemoryLatency() {
    }

    public static void main(String[] args) {
        SplittableRandom r = new SplittableRandom(6275);
        for (int mb : new int[] {1, 4, 8, 32, 128}) {
            int n = mb << 18;
            int[] a = new int[n];
            int lines = n / 16; // one int per 64-byte line, in a random cycle
            int[] perm = new int[lines];
            for (int i = 0; i < lines; i++) {
                perm[i] = i;
            }
            for (int i = lines - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int i = 0; i < lines; i++) {
                a[perm[i] * 16] = perm[(i + 1) % lines] * 16;
            }
            int p = 0;
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 5; rep++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 2_000_000; i++) {
                    p = a[p];
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
            sink += p;
            int[] at = new int[32];
            long t = 0;
            int s = 0;
            for (int rep = 0; rep < 60_000; rep++) {
                for (int k = 0; k < 32; k++) {
                    at[k] = r.nextInt(lines) * 16;
                }
                long t0 = System.nanoTime();
                for (int k = 0; k < 32; k++) {
                    s += a[at[k]];
                }
                t += System.nanoTime() - t0;
            }
            sink += s;
            System.out.printf("%4d MB: one load at a time %6.1f ns; 32 independent loads %5.1f ns each%n", mb, best / 2e6,
                    t / (60_000.0 * 32));
        }
        hashedLoads();
    }

    /** 32 loads of an 8 MB index: each place hashed between the loads, against all places hashed first. */
    private static void hashedLoads() {
        int slots = 1 << 21;
        int[] index = new int[slots];
        int mask = slots - 1;
        for (int i = 0; i < slots; i++) {
            index[i] = i * 7;
        }
        byte[] other = new byte[64 << 20];
        long[] keys = new long[64];
        int[] at = new int[32];
        long key = 0;
        long[] time = new long[2];
        for (int rep = 0; rep < 8; rep++) {
            for (int mode = 0; mode < 2; mode++) {
                long t = 0;
                for (int b = 0; b < 20_000; b++) {
                    for (int k = 0; k < 32; k++) {
                        keys[2 * k] = 0x2001_0db8_0000_0000L;
                        keys[2 * k + 1] = key++ * 0x5851F42D4C957F2DL;
                    }
                    int off = (b * 262_144) & ((64 << 20) - 1);
                    for (int j = 0; j < 262_144; j += 64) {
                        other[off + j]++;
                    }
                    long t0 = System.nanoTime();
                    int s = 0;
                    if (mode == 0) {
                        for (int k = 0; k < 32; k++) {
                            s += index[hash(keys[2 * k], keys[2 * k + 1]) & mask];
                        }
                    } else {
                        for (int k = 0; k < 32; k++) {
                            at[k] = hash(keys[2 * k], keys[2 * k + 1]) & mask;
                        }
                        for (int k = 0; k < 32; k++) {
                            s += index[at[k]];
                        }
                    }
                    t += System.nanoTime() - t0;
                    sink += s;
                }
                if (rep >= 4) {
                    time[mode] += t;
                }
            }
        }
        System.out.printf("8 MB index, 32 loads: each place hashed between them %.1f ns each; places hashed first %.1f ns each%n",
                time[0] / (4 * 20_000.0 * 32), time[1] / (4 * 20_000.0 * 32));
    }

    /** AddressSlots' hash. */
    private static int hash(long high, long low) {
        long h = (high * 0x9E3779B97F4A7C15L) ^ low;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 31 ^ h >>> 47);
    }
}
