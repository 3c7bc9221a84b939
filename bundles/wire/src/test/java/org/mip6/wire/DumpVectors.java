package org.mip6.wire;

import java.nio.file.Path;

import org.mip6.wire.pcap.PcapRecord;
import org.mip6.wire.pcap.PcapWriter;

/** Development aid: prints the vectors' bytes and writes them to a pcap (java DumpVectors out.pcap). */
public final class DumpVectors {
    public static void main(String[] args) throws Exception {
        try (PcapWriter w = PcapWriter.create(Path.of(args[0]), PcapRecord.LINKTYPE_ETHERNET)) {
            long t = 0;
            for (Vectors.Vector v : Vectors.all()) {
                byte[] b = PacketCodec.encodeEthernet(v.frame());
                System.out.println(v.name() + " " + Bytes.of(b).hex());
                w.write(t += 1_000_000, b);
            }
        }
    }
}
