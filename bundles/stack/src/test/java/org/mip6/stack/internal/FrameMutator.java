package org.mip6.stack.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.netsim.internal.engine.SimNetwork;
import org.mip6.wire.Checksum;
import org.mip6.world.FrameTap;

/**
 * Seeded mutations of captured Ethernet frames for the worlds' fuzz tests (role bundles' scenario tests). Half of them get their IPv6
 * Payload Length and upper-layer checksum made right again (the checksum's pseudo-header with the Home
 * Address option's address as source and the Type 2 Routing Header's as destination, RFC 6275 §6.1.1),
 * so that a mutated message gets past the checksum to the part that acts on its fields.
 */
public final class FrameMutator {

    private static final int ETH = 14;
    private static final int IP = 40;
    private static final int[] INTERESTING = {0, 1, 2, 4, 0x3b, 0x7f, 0x80, 0xfe, 0xff, 0x87, 0x3a, 0x29, 0x2b, 0x3c, 0xc9};

    private FrameMutator() {
    }

    /**
     * The seeds a fuzz test runs with: {@code defaultSeed}, or those of {@code -Dmip6.fuzz.seeds} (seeds and
     * ranges, comma-separated: {@code 1-200,3775}), or {@code -Dmip6.fuzz.seed=N}; each runs in a world of its
     * own (a parameterized test), so that a sweep is one Maven run.
     */
    public static java.util.stream.LongStream seeds(long defaultSeed) {
        String spec = System.getProperty("mip6.fuzz.seeds", System.getProperty("mip6.fuzz.seed", Long.toString(defaultSeed)));
        return Arrays.stream(spec.split(",")).map(String::trim).filter(t -> !t.isEmpty()).flatMapToLong(t -> {
            int dash = t.indexOf('-', 1);
            return dash < 0 ? java.util.stream.LongStream.of(Long.parseLong(t))
                    : java.util.stream.LongStream.rangeClosed(Long.parseLong(t.substring(0, dash)), Long.parseLong(t.substring(dash + 1)));
        });
    }

    /** The frames a world put on its links (the first {@code limit}), to mutate and put back where each was seen. */
    public static final class Seeds implements FrameTap {
        private final int limit;
        private final List<String> links = new ArrayList<>();
        private final List<byte[]> frames = new ArrayList<>();

        public Seeds(int limit) {
            this.limit = limit;
        }

        @Override
        public void frame(String link, long nanos, byte[] frame) {
            if (frames.size() < limit) {
                links.add(link);
                frames.add(frame.clone());
            }
        }

        public int size() {
            return frames.size();
        }

        /** One seed, mutated ({@link #mutate}), injected on the link it was seen on. */
        public void injectOneMutated(SimNetwork net, SplittableRandom r) {
            int i = r.nextInt(frames.size());
            net.link(links.get(i)).inject(mutate(frames.get(i), r));
        }
    }

    public static byte[] mutate(byte[] frame, SplittableRandom r) {
        byte[] b = frame.clone();
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds && b.length > ETH; k++) {
            // past the MAC addresses (a frame for no port reaches no node); mostly past the IPv6 header
            int from = r.nextInt(4) == 0 ? ETH : Math.min(b.length - 1, ETH + IP);
            int at = from + r.nextInt(b.length - from);
            switch (r.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) INTERESTING[r.nextInt(INTERESTING.length)];
                case 2 -> b[at] = (byte) r.nextInt(256);
                case 3 -> b = Arrays.copyOf(b, Math.max(ETH + 1, at)); // truncated
                case 4 -> { // extended with random octets
                    int n = 1 + r.nextInt(24);
                    b = Arrays.copyOf(b, b.length + n);
                    for (int i = b.length - n; i < b.length; i++) {
                        b[i] = (byte) r.nextInt(256);
                    }
                }
                default -> { // a 16-bit field to an extreme
                    if (at + 1 < b.length) {
                        int v = r.nextBoolean() ? 0 : 0xffff;
                        b[at] = (byte) (v >>> 8);
                        b[at + 1] = (byte) v;
                    }
                }
            }
        }
        if (r.nextBoolean()) {
            repair(b);
        }
        return b;
    }

    /** Payload Length and the upper layer's checksum as they should be, where the headers can be walked. */
    public static void repair(byte[] b) {
        if (b.length < ETH + IP || (b[12] & 0xff) != 0x86 || (b[13] & 0xff) != 0xdd || b.length - ETH - IP > 0xffff) {
            return;
        }
        int payload = b.length - ETH - IP;
        b[ETH + 4] = (byte) (payload >>> 8);
        b[ETH + 5] = (byte) payload;
        Ipv6Address src = Ipv6Address.read(b, ETH + 8);
        Ipv6Address dst = Ipv6Address.read(b, ETH + 24);
        int nh = b[ETH + 6] & 0xff;
        int off = ETH + IP;
        while (true) {
            if (nh == 0 || nh == 60 || nh == 43) {
                if (off + 8 > b.length) {
                    return;
                }
                int len = ((b[off + 1] & 0xff) + 1) * 8;
                if (off + len > b.length) {
                    return;
                }
                if (nh == 60) {
                    for (int o = off + 2; o + 1 < off + len; ) {
                        int type = b[o] & 0xff;
                        if (type == 0) {
                            o++;
                            continue;
                        }
                        int ol = b[o + 1] & 0xff;
                        if (type == 0xc9 && ol == 16 && o + 18 <= off + len) {
                            src = Ipv6Address.read(b, o + 2);
                        }
                        o += 2 + ol;
                    }
                } else if (nh == 43 && (b[off + 2] & 0xff) == 2 && len == 24) {
                    dst = Ipv6Address.read(b, off + 8);
                }
                nh = b[off] & 0xff;
                off += len;
                continue;
            }
            int at;
            int end = b.length;
            switch (nh) {
                case 58 -> at = off + 2;
                case 17 -> {
                    at = off + 6;
                    if (off + 8 <= b.length) {
                        b[off + 4] = (byte) ((b.length - off) >>> 8);
                        b[off + 5] = (byte) (b.length - off);
                    }
                }
                case 135 -> {
                    at = off + 4;
                    if (off + 2 <= b.length) {
                        end = Math.min(b.length, off + ((b[off + 1] & 0xff) + 1) * 8);
                    }
                }
                default -> {
                    return;
                }
            }
            if (at + 2 > end) {
                return;
            }
            b[at] = 0;
            b[at + 1] = 0;
            int sum = Checksum.compute(src, dst, nh, b, off, end - off);
            b[at] = (byte) (sum >>> 8);
            b[at + 1] = (byte) sum;
            return;
        }
    }
}
