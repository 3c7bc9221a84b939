package org.mip6.wire.pcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads classic pcap (both byte orders, microsecond 0xa1b2c3d4 and nanosecond 0xa1b23c4d
 * timestamps, and the "modified" 0xa1b2cd34 some Linux tcpdump builds wrote) and pcapng (Section Header, Interface
 * Description with if_tsresol and if_tsoffset, Enhanced, Simple and the obsolete Packet Blocks; other blocks
 * skipped; several sections and byte orders), either of them compressed with gzip, zstd or lz4 (as Wireshark reads
 * them: zstd through the zstd-jni bundle's native library, the rest in Java).
 */
public final class PcapReader implements Closeable {

    /** Largest frame accepted; larger record lengths mean a damaged file. */
    public static final int MAX_RECORD = 256 * 1024;

    private final InputStream in;
    private long position;
    private boolean ng;
    private ByteOrder order;
    // classic
    /** The magic of the "modified" format some Linux tcpdump builds wrote: 8 more octets per record header. */
    private static final int KUZNETZOV = 0xa1b2cd34;
    private boolean patched;
    private int linkType;
    private long tsUnitNanos;
    // pcapng interfaces: link type; if_tsresol (negative: 2^-n seconds) and if_tsoffset (seconds)
    private final List<int[]> ifLinkTypes = new ArrayList<>();
    private final List<long[]> ifResolution = new ArrayList<>();

    public PcapReader(InputStream in) throws IOException {
        this.in = uncompressed(in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16));
        byte[] magic = readFully(4);
        int le = ByteBuffer.wrap(magic).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int be = ByteBuffer.wrap(magic).order(ByteOrder.BIG_ENDIAN).getInt();
        if (be == 0x0a0d0d0a) {
            ng = true;
            readSectionHeader(magic);
            return;
        }
        if (le == 0xa1b2c3d4 || le == 0xa1b23c4d || le == KUZNETZOV) {
            order = ByteOrder.LITTLE_ENDIAN;
            tsUnitNanos = le == 0xa1b23c4d ? 1 : 1000;
            patched = le == KUZNETZOV;
        } else if (be == 0xa1b2c3d4 || be == 0xa1b23c4d || be == KUZNETZOV) {
            order = ByteOrder.BIG_ENDIAN;
            tsUnitNanos = be == 0xa1b23c4d ? 1 : 1000;
            patched = be == KUZNETZOV;
        } else {
            throw new PcapFormatException(0, String.format("not a pcap or pcapng file (magic %02x%02x%02x%02x)",
                    magic[0], magic[1], magic[2], magic[3]));
        }
        ByteBuffer h = ByteBuffer.wrap(readFully(20)).order(order);
        h.getShort(); // version major
        h.getShort(); // version minor
        h.getInt(); // thiszone
        h.getInt(); // sigfigs
        h.getInt(); // snaplen
        linkType = h.getInt() & 0x0fff_ffff; // upper bits: FCS info (pcap-linktype(7))
    }

    /**
     * The stream itself, or what it holds uncompressed when it is compressed as Wireshark reads it: gzip (RFC 1952,
     * 0x1f 0x8b: {@code .pcap.gz}), Zstandard (RFC 8878, frame magic 0xFD2FB528: {@code .zst}) or an LZ4 frame (magic
     * 0x184D2204: {@code .lz4}), several concatenated frames or members read on as one stream. Offsets in errors then
     * count in the uncompressed bytes; a damaged compressed stream is a {@link PcapFormatException} at the offset
     * reached.
     */
    private InputStream uncompressed(InputStream in) throws IOException {
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        try {
            if (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd) {
                return new Decompressing(new com.github.luben.zstd.ZstdInputStream(in), "zstd");
            }
            if (b0 == 0x04 && b1 == 0x22 && b2 == 0x4d && b3 == 0x18) {
                return new Decompressing(new org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream(
                        in, true), "lz4");
            }
        } catch (LinkageError e) { // zstd-jni's native library not loaded here, or a library not installed
            throw new PcapFormatException(0, "a " + (b0 == 0x28 ? "zstd" : "lz4") + "-compressed capture, which this "
                    + "installation cannot read: " + e);
        } catch (IOException | RuntimeException e) { // the LZ4 frame's header is read at once
            throw new PcapFormatException(0, "damaged " + (b0 == 0x28 ? "zstd" : "lz4") + " stream: " + e.getMessage());
        }
        return in;
    }

    /**
     * A decompressor's output, buffered; what it throws on a damaged stream (its own I/O errors, or an unchecked
     * exception on input it did not foresee) becomes a {@link PcapFormatException} naming the format.
     */
    private final class Decompressing extends BufferedInputStream {
        private final String format;

        Decompressing(InputStream decompressor, String format) {
            super(decompressor, 1 << 16);
            this.format = format;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (PcapFormatException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new PcapFormatException(position, "damaged " + format + " stream: " + e.getMessage());
            }
        }

        @Override
        public synchronized int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }
    }

    public static PcapReader open(Path file) throws IOException {
        return new PcapReader(Files.newInputStream(file));
    }

    /** Reads every record of a file. */
    public static List<PcapRecord> readAll(Path file) throws IOException {
        try (PcapReader r = open(file)) {
            List<PcapRecord> out = new ArrayList<>();
            PcapRecord rec;
            while ((rec = r.next()) != null) {
                out.add(rec);
            }
            return out;
        }
    }

    /** The next record, or null at the end of the file. */
    public PcapRecord next() throws IOException {
        return ng ? nextNg() : nextClassic();
    }

    private PcapRecord nextClassic() throws IOException {
        byte[] hb = readOrEof(16);
        if (hb == null) {
            return null;
        }
        ByteBuffer h = ByteBuffer.wrap(hb).order(order);
        long sec = h.getInt() & 0xffff_ffffL;
        long frac = h.getInt() & 0xffff_ffffL;
        int incl = h.getInt();
        int orig = h.getInt();
        if (incl < 0 || incl > MAX_RECORD) {
            throw new PcapFormatException(position - 16, "record length " + (incl & 0xffff_ffffL) + " is not plausible");
        }
        if (patched) {
            readFully(8); // interface index, protocol, packet type, pad
        }
        return new PcapRecord(sec * 1_000_000_000L + frac * tsUnitNanos, linkType, readFully(incl), orig);
    }

    private PcapRecord nextNg() throws IOException {
        while (true) {
            long blockStart = position;
            byte[] tb = readOrEof(4);
            if (tb == null) {
                return null;
            }
            int typeBe = ByteBuffer.wrap(tb).order(ByteOrder.BIG_ENDIAN).getInt();
            if (typeBe == 0x0a0d0d0a) {
                readSectionHeader(tb);
                continue;
            }
            int type = ByteBuffer.wrap(tb).order(order).getInt();
            int total = ByteBuffer.wrap(readFully(4)).order(order).getInt();
            if (total < 12 || total % 4 != 0 || total > MAX_RECORD + 64) {
                throw new PcapFormatException(blockStart, "pcapng block length " + total + " is not plausible");
            }
            ByteBuffer b = ByteBuffer.wrap(readFully(total - 8)).order(order);
            int fixed = switch (type) { // the block's fixed part, before its options or data, and the trailing length
                case 1 -> 8;
                case 2, 6 -> 20;
                case 3 -> 4;
                default -> 0;
            };
            if (b.remaining() < fixed + 4) {
                throw new PcapFormatException(blockStart, "pcapng block of type " + type + " is " + total
                        + " bytes long, too short for its fields");
            }
            switch (type) {
                case 1 -> { // Interface Description Block
                    int lt = b.getShort() & 0xffff;
                    b.getShort();
                    b.getInt(); // snaplen
                    long res = 6; // if_tsresol: >= 0 means 10^-res s, < 0 means 2^res s; default microseconds
                    long offsetSeconds = 0; // if_tsoffset: added to every timestamp of the interface
                    while (b.remaining() >= 4 + 4) {
                        int code = b.getShort() & 0xffff;
                        int len = b.getShort() & 0xffff;
                        if (code == 0) {
                            break;
                        }
                        int next = b.position() + ((len + 3) & ~3);
                        if (next > b.limit() - 4) {
                            throw new PcapFormatException(blockStart, "interface option " + code + " of " + len
                                    + " bytes overruns its block");
                        }
                        if (code == 9 && len >= 1) { // if_tsresol
                            int v = b.get(b.position()) & 0xff;
                            res = (v & 0x80) == 0 ? v : -(v & 0x7f);
                        } else if (code == 14 && len == 8) { // if_tsoffset
                            offsetSeconds = b.getLong(b.position());
                        }
                        b.position(next);
                    }
                    ifLinkTypes.add(new int[] {lt});
                    ifResolution.add(new long[] {res, offsetSeconds});
                }
                case 6 -> { // Enhanced Packet Block
                    int ifId = b.getInt();
                    long ts = ((b.getInt() & 0xffff_ffffL) << 32) | (b.getInt() & 0xffff_ffffL);
                    return packet(blockStart, ifId, ts, b);
                }
                case 2 -> { // Packet Block, obsolete (pcapng's first drafts): a 16-bit interface, a drops count
                    int ifId = b.getShort() & 0xffff;
                    b.getShort();
                    long ts = ((b.getInt() & 0xffff_ffffL) << 32) | (b.getInt() & 0xffff_ffffL);
                    return packet(blockStart, ifId, ts, b);
                }
                case 3 -> { // Simple Packet Block (interface 0, no timestamp)
                    if (ifLinkTypes.isEmpty()) {
                        throw new PcapFormatException(blockStart, "simple packet before any interface");
                    }
                    int orig = b.getInt();
                    int cap = Math.min(orig, b.remaining() - 4);
                    byte[] data = new byte[Math.max(0, cap)];
                    b.get(data);
                    return new PcapRecord(0, ifLinkTypes.get(0)[0], data, orig);
                }
                default -> {
                    // statistics, name resolution, custom blocks: not needed
                }
            }
        }
    }

    /** An Enhanced or obsolete Packet Block's record: {@code b} at its captured and original lengths. */
    private PcapRecord packet(long blockStart, int ifId, long ts, ByteBuffer b) throws PcapFormatException {
        int cap = b.getInt();
        int orig = b.getInt();
        if (ifId < 0 || ifId >= ifLinkTypes.size()) {
            throw new PcapFormatException(blockStart, "packet of undeclared interface " + ifId);
        }
        if (cap < 0 || cap > b.remaining()) {
            throw new PcapFormatException(blockStart, "captured length " + cap + " overruns its block");
        }
        byte[] data = new byte[cap];
        b.get(data);
        long[] time = ifResolution.get(ifId);
        return new PcapRecord(toNanos(ts, time[0]) + time[1] * 1_000_000_000L, ifLinkTypes.get(ifId)[0], data, orig);
    }

    /** Timestamp in units of 10^-res s (res >= 0) or 2^res s (res < 0), to nanoseconds. */
    static long toNanos(long ts, long res) {
        if (res < 0) {
            return (long) (ts * (1e9 / Math.pow(2, -res)));
        }
        long f = 1;
        for (long i = res; i < 9; i++) {
            f *= 10;
        }
        for (long i = 9; i < res; i++) {
            ts /= 10;
        }
        return ts * f;
    }

    private void readSectionHeader(byte[] typeBytes) throws IOException {
        long start = position - 4;
        byte[] lenBytes = readFully(4);
        byte[] bom = readFully(4);
        int bomBe = ByteBuffer.wrap(bom).order(ByteOrder.BIG_ENDIAN).getInt();
        if (bomBe == 0x1a2b3c4d) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (bomBe == 0x4d3c2b1a) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            throw new PcapFormatException(start + 8, "pcapng byte-order magic is wrong");
        }
        int total = ByteBuffer.wrap(lenBytes).order(order).getInt();
        if (total < 28 || total % 4 != 0 || total > MAX_RECORD) {
            throw new PcapFormatException(start, "pcapng section header length " + total + " is not plausible");
        }
        readFully(total - 12);
        ifLinkTypes.clear();
        ifResolution.clear();
    }

    private byte[] readOrEof(int n) throws IOException {
        byte[] b = new byte[n];
        int got = in.readNBytes(b, 0, n);
        position += got;
        if (got == 0) {
            return null;
        }
        if (got < n) {
            throw new PcapFormatException(position, "file ends inside a record header");
        }
        return b;
    }

    private byte[] readFully(int n) throws IOException {
        byte[] b = new byte[n];
        int got = in.readNBytes(b, 0, n);
        position += got;
        if (got < n) {
            throw new PcapFormatException(position, "file ends " + (n - got) + " bytes early");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
