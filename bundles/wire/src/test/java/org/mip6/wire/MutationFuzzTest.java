package org.mip6.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer over the codec vectors. CI runs {@value #DEFAULT_ITERATIONS} frames; the long
 * run (10 M frames) is {@code mvn -B test -pl bundles/wire -Pfuzz -Dtest=MutationFuzzTest}.
 *
 * <p>Oracle: only {@link DecodeException} may escape; whatever decodes must re-encode to at most as
 * many bytes as it came from (decoding never invents data) and decode again to the same record; and
 * the memory one decode allocates stays under {@value #ALLOCATION_PER_BYTE} bytes per input byte plus
 * {@value #ALLOCATION_BASE} (the thread's allocation counter, not a timing). Every loop of the
 * decoders advances by at least one byte, so the work per frame is linear in its length; the run
 * reports the slowest frame to show it.
 */
class MutationFuzzTest {

    static final int DEFAULT_ITERATIONS = 300_000;
    static final int ALLOCATION_PER_BYTE = 64;
    static final int ALLOCATION_BASE = 4096;
    static final int[] INTERESTING = {0, 1, 2, 0x3b, 0x7f, 0x80, 0xfe, 0xff, 0x87, 0x3a, 0x29, 0x2b, 0x3c, 0xc9, 5, 6};

    static int iterations() {
        String v = System.getProperty("mip6.fuzz.iterations");
        return v == null || v.isBlank() ? DEFAULT_ITERATIONS : Integer.parseInt(v.strip());
    }

    static byte[] mutate(byte[] seed, SplittableRandom r) {
        byte[] b = seed;
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds; k++) {
            switch (r.nextInt(7)) {
                case 0 -> { // flip a bit
                    b = b.clone();
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> { // interesting byte
                    b = b.clone();
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] = (byte) INTERESTING[r.nextInt(INTERESTING.length)];
                    }
                }
                case 2 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length)); // truncate
                case 3 -> { // insert bytes
                    int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
                    int n = 1 + r.nextInt(16);
                    byte[] c = new byte[b.length + n];
                    System.arraycopy(b, 0, c, 0, at);
                    for (int i = 0; i < n; i++) {
                        c[at + i] = (byte) r.nextInt(256);
                    }
                    System.arraycopy(b, at, c, at + n, b.length - at);
                    b = c;
                }
                case 4 -> { // delete bytes
                    if (b.length > 1) {
                        int at = r.nextInt(b.length);
                        int n = Math.min(1 + r.nextInt(16), b.length - at);
                        byte[] c = new byte[b.length - n];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, at + n, c, at, b.length - at - n);
                        b = c;
                    }
                }
                case 5 -> { // duplicate a region (repeated options, headers)
                    if (b.length > 2) {
                        int from = r.nextInt(b.length);
                        int n = Math.min(1 + r.nextInt(32), b.length - from);
                        int at = r.nextInt(b.length);
                        byte[] c = new byte[b.length + n];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, from, c, at, n);
                        System.arraycopy(b, at, c, at + n, b.length - at);
                        b = c;
                    }
                }
                default -> { // set a 16-bit field (lengths, checksums) to an edge value
                    b = b.clone();
                    if (b.length > 1) {
                        int at = r.nextInt(b.length - 1);
                        int v = switch (r.nextInt(4)) {
                            case 0 -> 0;
                            case 1 -> 0xffff;
                            case 2 -> b.length;
                            default -> r.nextInt(0x10000);
                        };
                        b[at] = (byte) (v >>> 8);
                        b[at + 1] = (byte) v;
                    }
                }
            }
        }
        return b;
    }

    /**
     * {@code mip6:decode}'s describer over mutated frames — the codec vectors, the same behind VLAN tags and in 802.11
     * frames behind radiotap, TCP segments with and without a Home Address option — as pcap records: whatever the bytes, it describes them (a defect is
     * an {@code error} in the description) and never throws; the line and JSON forms are written too.
     */
    @Test
    void theDescriberDescribesEveryFrameAndNeverThrows() {
        List<byte[]> seeds = new ArrayList<>();
        List<byte[]> wifi = new ArrayList<>(); // link type 127: 802.11 behind radiotap
        List<byte[]> serial = new ArrayList<>();
        for (String hex : StaticVectors.HEX.values()) {
            byte[] b = Bytes.fromHex(hex).toArray();
            seeds.add(b);
            seeds.add(StaticVectorsAccess.tagged(b, 0x8100, 100));
            seeds.add(StaticVectorsAccess.tagged(b, 0x88a8, 300, 0x8100, 100));
            wifi.add(StaticVectorsAccess.wifi(Arrays.copyOfRange(b, 14, b.length), true, 0x88, 0x03));
            seeds.add(StaticVectorsAccess.pppoe(Arrays.copyOfRange(b, 14, b.length))); // in a PPPoE session (RFC 2516)
            for (byte[] head : SERIAL_HEADERS) { // PPP, Cisco HDLC, Frame Relay (RFC 2427's NLPID and SNAP)
                byte[] f = Arrays.copyOf(head, head.length + b.length - 14);
                System.arraycopy(b, 14, f, head.length, b.length - 14);
                serial.add(f);
            }
            try {
                byte[] ah = StaticVectorsAccess.withAh(b, 0x100, 1, 12); // what the analyser decodes past AH
                seeds.add(ah);
                seeds.add(StaticVectorsAccess.withAh(ah, 0x200, 2, 4)); // AH under AH
            } catch (DecodeException e) {
                // a vector the codecs refuse: no upper layer to put an AH before
            }
        }
        org.mip6.net.Ipv6Address a = org.mip6.net.Ipv6Address.parse("2001:db8:2::100");
        org.mip6.net.Ipv6Address b = org.mip6.net.Ipv6Address.parse("2001:db8:4::9");
        seeds.addAll(StaticVectorsAccess.mldFrames());
        seeds.add(StaticVectorsAccess.tcpFrame(a, b, null, 0x12, 0));
        seeds.add(StaticVectorsAccess.tcpFrame(a, b, org.mip6.net.Ipv6Address.parse("2001:db8:1::100"), 0x18, 0));
        long seed = Long.getLong("mip6.fuzz.seed", 6275L);
        SplittableRandom r = new SplittableRandom(seed);
        int errors = 0;
        int n = iterations() / 3;
        for (int i = 0; i < n; i++) {
            boolean radio = r.nextInt(4) == 0;
            int onSerial = !radio && r.nextInt(6) == 0 ? r.nextInt(serial.size()) : -1;
            byte[] frame = radio ? mutate(wifi.get(r.nextInt(wifi.size())), r)
                    : onSerial >= 0 ? mutate(serial.get(onSerial), r) : mutate(seeds.get(r.nextInt(seeds.size())), r);
            int linkType = radio ? org.mip6.wire.pcap.PcapRecord.LINKTYPE_IEEE802_11_RADIOTAP
                    : onSerial >= 0 ? SERIAL_LINK_TYPES[onSerial % SERIAL_HEADERS.length] : org.mip6.wire.pcap.PcapRecord.LINKTYPE_ETHERNET;
            try {
                Map<String, Object> d = org.mip6.wire.text.FrameDescriber.describe(i + 1, new org.mip6.wire.pcap.PcapRecord(0,
                        linkType, frame, frame.length));
                org.mip6.wire.text.FrameDescriber.line(d);
                org.mip6.wire.text.Json.write(d);
                errors += d.containsKey("error") ? 1 : 0;
            } catch (RuntimeException | StackOverflowError e) {
                fail("iteration " + i + " (seed " + seed + ") threw " + e + " for frame " + Bytes.of(frame).hex(), e);
            }
        }
        assertTrue(errors > 0 && errors < n, errors + " of " + n + " described with an error: the mutator makes both");
    }

    /** Serial links' headers before an IPv6 packet, in the order of {@link #SERIAL_LINK_TYPES}. */
    private static final byte[][] SERIAL_HEADERS = {
            {(byte) 0xff, 3, 0, 0x57}, {(byte) 0xff, 3, 0, 0x57}, {0x0f, 0, (byte) 0x86, (byte) 0xdd},
            {0x48, (byte) 0xe1, 3, (byte) 0x8e}, {0x57}, {0x0f, 0, (byte) 0x86, (byte) 0xdd}, {(byte) 0x8f, 0, (byte) 0x86, (byte) 0xdd},
            {0x48, (byte) 0xe1, 3, 0, (byte) 0x80, 0, 0, 0, (byte) 0x86, (byte) 0xdd}};
    private static final int[] SERIAL_LINK_TYPES = {org.mip6.wire.pcap.PcapRecord.LINKTYPE_PPP,
            org.mip6.wire.pcap.PcapRecord.LINKTYPE_PPP_HDLC, org.mip6.wire.pcap.PcapRecord.LINKTYPE_C_HDLC,
            org.mip6.wire.pcap.PcapRecord.LINKTYPE_FRELAY, org.mip6.wire.pcap.PcapRecord.LINKTYPE_PPP,
            org.mip6.wire.pcap.PcapRecord.LINKTYPE_PPP_HDLC, org.mip6.wire.pcap.PcapRecord.LINKTYPE_C_HDLC,
            org.mip6.wire.pcap.PcapRecord.LINKTYPE_FRELAY};

    @Test
    void onlyDecodeExceptionsEscapeAndWhatDecodesRoundTrips() {
        List<byte[]> seeds = new ArrayList<>();
        for (String hex : StaticVectors.HEX.values()) {
            seeds.add(Bytes.fromHex(hex).toArray());
        }
        int n = iterations();
        long seed = Long.getLong("mip6.fuzz.seed", 6275L);
        SplittableRandom r = new SplittableRandom(seed);
        Map<DecodeReason, Integer> reasons = new EnumMap<>(DecodeReason.class);
        int decoded = 0;
        long slowest = 0;
        int slowestLen = 0;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long maxAllocated = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            byte[] frame = mutate(seeds.get(r.nextInt(seeds.size())), r);
            long t0 = System.nanoTime();
            long a0 = threads.getThreadAllocatedBytes(self);
            try {
                EthernetFrame f = PacketCodec.decodeEthernet(frame, 0, frame.length);
                long allocated = threads.getThreadAllocatedBytes(self) - a0;
                long bound = (long) ALLOCATION_PER_BYTE * frame.length + ALLOCATION_BASE;
                if (allocated > bound) { // the first use of a class allocates too: measure again
                    long a1 = threads.getThreadAllocatedBytes(self);
                    PacketCodec.decodeEthernet(frame, 0, frame.length);
                    long again = threads.getThreadAllocatedBytes(self) - a1;
                    assertTrue(again <= bound, () -> again + " bytes allocated decoding " + Bytes.of(frame).hex());
                    allocated = again;
                }
                if (i > n / 10) { // after warm-up, like the slowest frame
                    maxAllocated = Math.max(maxAllocated, allocated);
                }
                decoded++;
                byte[] again = PacketCodec.encodeEthernet(f);
                assertTrue(again.length <= frame.length, () -> "re-encoding grew the frame: " + Bytes.of(frame).hex());
                assertEquals(f, PacketCodec.decodeEthernet(again, 0, again.length), () -> "not stable: " + Bytes.of(frame).hex());
            } catch (DecodeException e) {
                reasons.merge(e.reason(), 1, Integer::sum);
                assertTrue(e.offset() >= 0 && e.offset() <= frame.length, () -> "offset " + e + " outside the frame");
                e.reaction();
            } catch (RuntimeException | StackOverflowError e) {
                fail("iteration " + i + " (seed " + seed + ") threw " + e + " for frame " + Bytes.of(frame).hex(), e);
            } catch (Exception e) {
                fail(e);
            }
            long dt = System.nanoTime() - t0;
            if (dt > slowest && i > n / 10) { // after warm-up
                slowest = dt;
                slowestLen = frame.length;
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz: %d frames in %.1f s (%.0f/s), %d decoded, rejected by reason %s; slowest frame after"
                + " warm-up %d µs (%d bytes, includes GC pauses); most allocated by one decode after warm-up %d bytes%n", n, secs, n / secs,
                decoded, reasons, slowest / 1000, slowestLen, maxAllocated);
        assertTrue(decoded > 0 && !reasons.isEmpty(), "the mutator must produce both valid and invalid frames");
    }
}
