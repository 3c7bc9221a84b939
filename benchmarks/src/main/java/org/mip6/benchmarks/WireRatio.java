package org.mip6.benchmarks;

import java.util.Arrays;
import java.util.HexFormat;

import org.mip6.wire.DecodeException;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.PacketView;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IllegalRawDataException;

/**
 * The view-to-pcap4j and records-to-pcap4j ratios measured side by side in time: each round runs
 * the mip6 view, the mip6 records and pcap4j on the same frame for {@code sliceMs} each, back to
 * back, so a change of the machine's speed (a shared VM's neighbours, frequency) falls on all of
 * them. Prints the median ratio and its spread over the rounds. JMH's {@link WireBenchmark} gives
 * the absolute numbers; this gives ratios that JMH's one-benchmark-after-another order cannot keep
 * steady on a noisy machine.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.mip6.benchmarks.WireRatio [ROUNDS] [SLICE_MS] [FRAME,...]</pre>
 */
public final class WireRatio {

    private long sink; // every result is added here, so the JIT cannot drop the work

    public static void main(String[] args) throws Exception {
        new WireRatio().run(args);
    }

    private void run(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long sliceNanos = (args.length > 1 ? Long.parseLong(args[1]) : 100) * 1_000_000L;
        PacketView view = new PacketView();
        System.out.printf("%-24s %12s %12s %12s %22s %22s%n", "frame", "view/s", "records/s", "pcap4j/s",
                "view/pcap4j (min-max)", "records/pcap4j (min-max)");
        String[] frames = args.length > 2 ? args[2].split(",") : new String[] {"bu-hao-altcoa", "ba-rh2-bra", "hot",
                "dhaad-reply", "ra-mipv6", "echo-request-tunnelled"};
        for (String name : frames) {
            byte[] b = HexFormat.of().parseHex(WireBenchmark.FRAMES.get(name));
            for (int w = 0; w < 20; w++) { // warm-up: let the JIT compile all three
                rateView(view, b, sliceNanos);
                rateRecords(b, sliceNanos);
                ratePcap4j(b, sliceNanos);
            }
            double[] v = new double[rounds];
            double[] r = new double[rounds];
            double[] p = new double[rounds];
            double[] vr = new double[rounds];
            double[] rr = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                v[i] = rateView(view, b, sliceNanos);
                r[i] = rateRecords(b, sliceNanos);
                p[i] = ratePcap4j(b, sliceNanos);
                vr[i] = v[i] / p[i];
                rr[i] = r[i] / p[i];
            }
            System.out.printf("%-24s %11.2fM %11.2fM %11.2fM %9.1fx (%4.1f-%4.1f) %9.1fx (%4.1f-%4.1f)%n", name,
                    median(v) / 1e6, median(r) / 1e6, median(p) / 1e6, median(vr), min(vr), max(vr), median(rr),
                    min(rr), max(rr));
        }
        if (sink == 42) {
            System.out.println(); // keeps the sink alive
        }
    }

    // One loop per decoder, so each call site sees one receiver (a loop shared by three decoders
    // would charge each a megamorphic call).

    private double rateView(PacketView view, byte[] b, long sliceNanos) throws DecodeException {
        long ops = 0;
        long start = System.nanoTime();
        long now;
        do {
            for (int i = 0; i < 256; i++) {
                sink += view.wrapEthernet(b, 0, b.length).nextHeader();
            }
            ops += 256;
            now = System.nanoTime();
        } while (now - start < sliceNanos);
        return ops * 1e9 / (now - start);
    }

    private double rateRecords(byte[] b, long sliceNanos) throws DecodeException {
        long ops = 0;
        long start = System.nanoTime();
        long now;
        do {
            for (int i = 0; i < 256; i++) {
                sink += PacketCodec.decodeEthernet(b, 0, b.length).etherType();
            }
            ops += 256;
            now = System.nanoTime();
        } while (now - start < sliceNanos);
        return ops * 1e9 / (now - start);
    }

    private double ratePcap4j(byte[] b, long sliceNanos) throws IllegalRawDataException {
        long ops = 0;
        long start = System.nanoTime();
        long now;
        do {
            for (int i = 0; i < 256; i++) {
                sink += EthernetPacket.newPacket(b, 0, b.length).length();
            }
            ops += 256;
            now = System.nanoTime();
        } while (now - start < sliceNanos);
        return ops * 1e9 / (now - start);
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] x) {
        return Arrays.stream(x).min().orElse(0);
    }

    static double max(double[] x) {
        return Arrays.stream(x).max().orElse(0);
    }

    private WireRatio() {
    }

    static {
        // fail early, not in the middle of a run, if a frame does not decode
        try {
            for (String hex : WireBenchmark.FRAMES.values()) {
                byte[] b = HexFormat.of().parseHex(hex);
                PacketCodec.decodeEthernet(b, 0, b.length);
                EthernetPacket.newPacket(b, 0, b.length);
            }
        } catch (DecodeException | IllegalRawDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
