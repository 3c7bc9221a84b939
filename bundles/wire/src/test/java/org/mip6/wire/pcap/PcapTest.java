package org.mip6.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapTest {

    static final byte[] A = {1, 2, 3, 4, 5};
    static final byte[] B = {9, 8, 7};

    @Test
    void writesAndReadsClassicNanosecondPcap(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.pcap");
        try (PcapWriter w = PcapWriter.create(f, PcapRecord.LINKTYPE_ETHERNET)) {
            w.write(1_234_567_891L, A);
            w.write(5_000_000_001L, B);
        }
        List<PcapRecord> r = PcapReader.readAll(f);
        assertEquals(2, r.size());
        assertEquals(1_234_567_891L, r.get(0).timestampNanos());
        assertEquals(5_000_000_001L, r.get(1).timestampNanos());
        assertArrayEquals(A, r.get(0).data());
        assertEquals(PcapRecord.LINKTYPE_ETHERNET, r.get(1).linkType());
    }

    static byte[] classic(ByteOrder order, int magic) {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + A.length).order(order);
        b.putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(229);
        b.putInt(7).putInt(250).putInt(A.length).putInt(A.length).put(A);
        return b.array();
    }

    @Test
    void readsBothByteOrdersAndBothResolutions() throws Exception {
        for (ByteOrder o : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            PcapRecord us = new PcapReader(new ByteArrayInputStream(classic(o, 0xa1b2c3d4))).next();
            assertEquals(7_000_250_000L, us.timestampNanos(), o.toString());
            assertEquals(229, us.linkType());
            PcapRecord ns = new PcapReader(new ByteArrayInputStream(classic(o, 0xa1b23c4d))).next();
            assertEquals(7_000_000_250L, ns.timestampNanos(), o.toString());
            assertArrayEquals(A, ns.data());
        }
    }

    static void block(ByteArrayOutputStream out, ByteOrder o, int type, byte[] body) {
        int len = 12 + ((body.length + 3) & ~3);
        ByteBuffer b = ByteBuffer.allocate(len).order(o);
        b.putInt(type).putInt(len).put(body);
        b.position(len - 4);
        b.putInt(len);
        out.writeBytes(b.array());
    }

    static byte[] pcapng(ByteOrder o) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        block(out, o, 0x0a0d0d0a, ByteBuffer.allocate(16).order(o).putInt(0x1a2b3c4d).putShort((short) 1)
                .putShort((short) 0).putLong(-1).array());
        // IDB: Ethernet, if_tsresol = 9 (nanoseconds), end of options
        block(out, o, 1, ByteBuffer.allocate(16).order(o).putShort((short) 1).putShort((short) 0).putInt(0)
                .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]).array());
        // IDB: raw IPv6, default microseconds
        block(out, o, 1, ByteBuffer.allocate(8).order(o).putShort((short) 229).putShort((short) 0).putInt(0).array());
        block(out, o, 5, new byte[4]); // a statistics block to skip
        ByteBuffer epb = ByteBuffer.allocate(20 + 8).order(o);
        long ts = 3_000_000_007L;
        epb.putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(A.length).putInt(A.length).put(A);
        block(out, o, 6, epb.array());
        ByteBuffer epb2 = ByteBuffer.allocate(20 + 4).order(o);
        epb2.putInt(1).putInt(0).putInt(2_000_001).putInt(B.length).putInt(60).put(B);
        block(out, o, 6, epb2.array());
        return out.toByteArray();
    }

    @Test
    void readsPcapngInBothByteOrdersWithPerInterfaceResolution() throws Exception {
        for (ByteOrder o : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            PcapReader r = new PcapReader(new ByteArrayInputStream(pcapng(o)));
            PcapRecord a = r.next();
            assertEquals(3_000_000_007L, a.timestampNanos());
            assertEquals(1, a.linkType());
            assertArrayEquals(A, a.data());
            PcapRecord b = r.next();
            assertEquals(2_000_001_000L, b.timestampNanos());
            assertEquals(229, b.linkType());
            assertEquals(60, b.originalLength());
            assertEquals(true, b.truncated());
            assertEquals(null, r.next());
        }
    }

    /** A classic file in the "modified" format (magic 0xa1b2cd34): each record header 8 octets longer. */
    static byte[] kuznetzov(ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(24 + 2 * 24 + A.length + B.length).order(order);
        b.putInt(0xa1b2cd34).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        b.putInt(7).putInt(250).putInt(A.length).putInt(A.length).putInt(2).putShort((short) 0x86dd).put((byte) 0)
                .put((byte) 0).put(A);
        b.putInt(8).putInt(0).putInt(B.length).putInt(40).putInt(2).putShort((short) 0x86dd).put((byte) 4)
                .put((byte) 0).put(B);
        return b.array();
    }

    /** pcapng with the obsolete Packet Block (type 2: a 16-bit interface and a drops count before the timestamp). */
    static byte[] obsoletePacketBlocks(ByteOrder o) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        block(out, o, 0x0a0d0d0a, ByteBuffer.allocate(16).order(o).putInt(0x1a2b3c4d).putShort((short) 1)
                .putShort((short) 0).putLong(-1).array());
        block(out, o, 1, ByteBuffer.allocate(8).order(o).putShort((short) 229).putShort((short) 0).putInt(0).array());
        ByteBuffer pb = ByteBuffer.allocate(20 + 8).order(o);
        long ts = 3_000_007L; // microseconds
        pb.putShort((short) 0).putShort((short) 0).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(A.length)
                .putInt(A.length).put(A);
        block(out, o, 2, pb.array());
        return out.toByteArray();
    }

    static byte[] zstd(byte[] b) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (com.github.luben.zstd.ZstdOutputStream z = new com.github.luben.zstd.ZstdOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    static byte[] lz4(byte[] b) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream z =
                     new org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] b) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void anInterfacesTimestampOffsetIsAddedToItsPackets() throws Exception {
        for (ByteOrder o : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            block(out, o, 0x0a0d0d0a, ByteBuffer.allocate(16).order(o).putInt(0x1a2b3c4d).putShort((short) 1)
                    .putShort((short) 0).putLong(-1).array());
            // IDB: raw IPv6, if_tsoffset = 1,000,000,000 s, end of options
            block(out, o, 1, ByteBuffer.allocate(8 + 12 + 4).order(o).putShort((short) 229).putShort((short) 0).putInt(0)
                    .putShort((short) 14).putShort((short) 8).putLong(1_000_000_000L).array());
            ByteBuffer epb = ByteBuffer.allocate(20 + 8).order(o);
            epb.putInt(0).putInt(0).putInt(2_000_001).putInt(A.length).putInt(A.length).put(A);
            block(out, o, 6, epb.array());
            PcapRecord p = new PcapReader(new ByteArrayInputStream(out.toByteArray())).next();
            assertEquals(1_000_000_002_000_001_000L, p.timestampNanos(), o.toString());
        }
    }

    @Test
    void readsTheModifiedFormatObsoletePacketBlocksAndGzipCompressedFiles() throws Exception {
        for (ByteOrder o : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            PcapReader k = new PcapReader(new ByteArrayInputStream(kuznetzov(o)));
            PcapRecord a = k.next();
            assertEquals(7_000_250_000L, a.timestampNanos(), o.toString());
            assertArrayEquals(A, a.data());
            PcapRecord b = k.next();
            assertArrayEquals(B, b.data());
            assertEquals(40, b.originalLength());
            assertEquals(null, k.next());
            PcapRecord p = new PcapReader(new ByteArrayInputStream(obsoletePacketBlocks(o))).next();
            assertEquals(3_000_007_000L, p.timestampNanos(), o.toString());
            assertEquals(229, p.linkType());
            assertArrayEquals(A, p.data());
            for (byte[] file : List.of(classic(o, 0xa1b2c3d4), pcapng(o), kuznetzov(o))) {
                PcapReader plain = new PcapReader(new ByteArrayInputStream(file));
                PcapReader gz = new PcapReader(new ByteArrayInputStream(gzip(file)));
                for (PcapRecord want = plain.next(); want != null; want = plain.next()) {
                    PcapRecord got = gz.next();
                    assertEquals(want.timestampNanos(), got.timestampNanos());
                    assertArrayEquals(want.data(), got.data());
                }
                assertEquals(null, gz.next());
            }
        }
    }

    /**
     * A capture (pcapng, classic, the modified format, gzip-compressed) with any of its bytes changed, or cut anywhere,
     * is read or refused with an I/O error, nothing else.
     */
    @Test
    void damagedCapturesAreReadOrRefusedWithAnIoErrorOnly() throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(6275);
        for (ByteOrder o : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            for (byte[] good : List.of(pcapng(o), classic(o, 0xa1b2c3d4), kuznetzov(o), obsoletePacketBlocks(o),
                    gzip(pcapng(o)), zstd(pcapng(o)), lz4(classic(o, 0xa1b2c3d4)))) {
                for (int i = 0; i < 5_000; i++) {
                    byte[] f = java.util.Arrays.copyOf(good, i % 5 == 0 ? r.nextInt(good.length + 1) : good.length);
                    for (int k = r.nextInt(4); k >= 0 && f.length > 0; k--) {
                        f[r.nextInt(f.length)] = (byte) r.nextInt(256);
                    }
                    try (PcapReader p = new PcapReader(new ByteArrayInputStream(f))) {
                        while (p.next() != null) {
                            // read every record there is
                        }
                    } catch (java.io.IOException expected) {
                        // PcapFormatException (a damaged zstd or lz4 stream's too), or a gzip stream's own error
                    }
                }
            }
        }
    }

    /**
     * Captures compressed by the zstd and lz4 command-line tools (the reference implementations; Wireshark reads both):
     * the golden home-link capture as pcapng in one zstd frame, as classic pcap in one LZ4 frame, and each cut in two
     * and compressed in two frames one after the other (what {@code cat a.zst b.zst} makes) read as the plain file.
     */
    @Test
    void readsCapturesCompressedWithZstdOrLz4(@TempDir Path dir) throws Exception {
        List<PcapRecord> want = PcapReader.readAll(resource(dir, "home.pcap"));
        assertEquals(106, want.size());
        for (String name : List.of("home.pcapng.zst", "home.pcap.lz4", "home-two-frames.pcapng.zst",
                "home-two-frames.pcap.lz4")) {
            List<PcapRecord> got = PcapReader.readAll(resource(dir, name));
            assertEquals(want.size(), got.size(), name);
            for (int k = 0; k < want.size(); k++) {
                assertEquals(want.get(k).timestampNanos(), got.get(k).timestampNanos(), name + " #" + k);
                assertEquals(want.get(k).linkType(), got.get(k).linkType(), name + " #" + k);
                assertArrayEquals(want.get(k).data(), got.get(k).data(), name + " #" + k);
            }
        }
    }

    /** A capture named .gz, .zst or .lz4 is written compressed so, read back as written, and tshark reads it too. */
    @Test
    void writesCapturesCompressedAsTheirNamesSay(@TempDir Path dir) throws Exception {
        List<PcapRecord> frames = PcapReader.readAll(resource(dir, "home.pcap"));
        boolean tshark = tsharkPresent();
        for (String name : List.of("x.pcap.gz", "x.pcap.zst", "x.pcap.lz4")) {
            Path f = dir.resolve(name);
            try (PcapWriter w = PcapWriter.create(f, PcapRecord.LINKTYPE_ETHERNET)) {
                for (PcapRecord r : frames) {
                    w.write(r.timestampNanos(), r.data());
                }
            }
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(f), 4);
            assertEquals(true, head[0] == 0x1f && name.endsWith(".gz") || head[0] == 0x28 && name.endsWith(".zst")
                    || head[0] == 0x04 && name.endsWith(".lz4"), name + " starts " + java.util.HexFormat.of().formatHex(head));
            List<PcapRecord> back = PcapReader.readAll(f);
            assertEquals(frames.size(), back.size(), name);
            for (int k = 0; k < frames.size(); k++) {
                assertEquals(frames.get(k).timestampNanos(), back.get(k).timestampNanos(), name);
                assertArrayEquals(frames.get(k).data(), back.get(k).data(), name);
            }
            // a tshark too old for a compression (zstd came in Wireshark 3.6's time) does not read the zstd and lz4
            // command-line tools' fixtures either: then it is not asked
            Path probe = name.endsWith(".zst") ? resource(dir, "home.pcapng.zst") : name.endsWith(".lz4")
                    ? resource(dir, "home.pcap.lz4") : null;
            if (tshark && (probe == null || tsharkFrames(probe) == frames.size())) {
                assertEquals(frames.size(), tsharkFrames(f), name + ": tshark's frames");
            }
        }
    }

    @Test
    void aDamagedCompressedStreamIsAFormatErrorNamingItsCompression() throws Exception {
        byte[] z = zstd(pcapng(ByteOrder.LITTLE_ENDIAN));
        byte[] l = lz4(pcapng(ByteOrder.LITTLE_ENDIAN));
        for (byte[] f : List.of(z, l)) {
            byte[] cut = java.util.Arrays.copyOf(f, f.length - 6); // the frame's last block and checksum gone
            PcapFormatException e = assertThrows(PcapFormatException.class, () -> {
                try (PcapReader r = new PcapReader(new ByteArrayInputStream(cut))) {
                    while (r.next() != null) {
                        // to the end
                    }
                }
            });
            String format = f == z ? "zstd" : "lz4";
            assertEquals(true, e.getMessage().contains("damaged " + format + " stream")
                    || e.getMessage().contains("ends inside"), e.getMessage());
        }
        byte[] badLz4 = {0x04, 0x22, 0x4d, 0x18, 0x7f, 0, 0, 0}; // a frame descriptor with version bits 01 unset
        PcapFormatException h = assertThrows(PcapFormatException.class,
                () -> new PcapReader(new ByteArrayInputStream(badLz4)));
        assertEquals(true, h.getMessage().startsWith("damaged lz4 stream"), h.getMessage());
        byte[] garbage = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 1, 2, 3, 4, 5, 6, 7, 8};
        PcapFormatException e = assertThrows(PcapFormatException.class,
                () -> new PcapReader(new ByteArrayInputStream(garbage)));
        assertEquals(true, e.getMessage().startsWith("damaged zstd stream"), e.getMessage());
    }

    /** How many frames tshark reads in {@code f}, or -1 when it fails. */
    private static long tsharkFrames(Path f) throws Exception {
        Process p = new ProcessBuilder("tshark", "-r", f.toString(), "-T", "fields", "-e", "frame.number").start();
        String out = new String(p.getInputStream().readAllBytes());
        return p.waitFor() == 0 ? out.lines().count() : -1;
    }

    private static boolean tsharkPresent() {
        try {
            return new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path resource(Path dir, String name) throws java.io.IOException {
        Path p = dir.resolve(name);
        try (java.io.InputStream in = PcapTest.class.getResourceAsStream(name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void damagedFilesGetAnErrorWithTheOffset() {
        PcapFormatException e = assertThrows(PcapFormatException.class,
                () -> new PcapReader(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
        assertEquals(0, e.offset());
        byte[] cut = classic(ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4);
        byte[] shorter = java.util.Arrays.copyOf(cut, cut.length - 2);
        assertThrows(PcapFormatException.class, () -> new PcapReader(new ByteArrayInputStream(shorter)).next());
    }

    @Test
    void readsWhatEditcapConvertsToPcapng(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("editcap", "-h").start().waitFor() == 0,
                "editcap (tshark package) not installed: skipping");
        Path f = dir.resolve("x.pcap");
        try (PcapWriter w = PcapWriter.create(f, PcapRecord.LINKTYPE_ETHERNET)) {
            w.write(1_234_567_891L, A);
            w.write(5_000_000_001L, B);
        }
        Path ng = dir.resolve("x.pcapng");
        assertEquals(0, new ProcessBuilder("editcap", "-F", "pcapng", f.toString(), ng.toString()).start().waitFor());
        List<PcapRecord> r = PcapReader.readAll(ng);
        assertEquals(2, r.size());
        assertEquals(1_234_567_891L, r.get(0).timestampNanos());
        assertArrayEquals(B, r.get(1).data());
        assertEquals(true, Files.size(ng) > 0);
    }
}
