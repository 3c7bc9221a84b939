package org.mip6.wire.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic pcap, little-endian, nanosecond timestamps (magic 0xa1b23c4d, which Wireshark and
 * libpcap read), snap length 262144. One link type per file; {@link #create} compresses as the file's name says.
 */
public final class PcapWriter implements Closeable, Flushable {

    private final OutputStream out;
    private final int linkType;
    private final ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);

    public PcapWriter(OutputStream out, int linkType) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.linkType = linkType;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(linkType);
        this.out.write(h.array());
    }

    /** The endings of a file's name {@link #create} compresses for (after a dot): gzip, Zstandard, an LZ4 frame. */
    public static final java.util.List<String> COMPRESSIONS = java.util.List.of("gz", "zst", "lz4");

    /**
     * A capture file, compressed as its name ends: {@code .gz} (gzip), {@code .zst} (Zstandard) or {@code .lz4} (an LZ4
     * frame), the three Wireshark reads; plain otherwise. A compressed file is whole once closed; flushed, it holds the
     * frames written so far too (gzip and zstd end a block there).
     */
    public static PcapWriter create(Path file, int linkType) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        OutputStream out = Files.newOutputStream(file);
        try {
            if (name.endsWith(".gz")) {
                out = new java.util.zip.GZIPOutputStream(out, 1 << 16, true);
            } else if (name.endsWith(".zst")) {
                out = new com.github.luben.zstd.ZstdOutputStream(out);
            } else if (name.endsWith(".lz4")) {
                out = new org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream(out);
            }
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return new PcapWriter(out, linkType);
    }

    public int linkType() {
        return linkType;
    }

    /** Appends a frame with its timestamp in nanoseconds. */
    public void write(long timestampNanos, byte[] frame, int off, int len) throws IOException {
        header.clear();
        header.putInt((int) (timestampNanos / 1_000_000_000L)).putInt((int) (timestampNanos % 1_000_000_000L))
                .putInt(len).putInt(len);
        out.write(header.array());
        out.write(frame, off, len);
    }

    public void write(long timestampNanos, byte[] frame) throws IOException {
        write(timestampNanos, frame, 0, frame.length);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
