package org.mip6.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.mip6.wire.pcap.PcapReader;
import org.mip6.wire.pcap.PcapRecord;
import org.mip6.wire.text.FrameDescriber;
import org.mip6.wire.text.Json;

/** {@code mip6:decode [--json] FILE}: decodes every frame of a capture (pcap or pcapng). */
@Service
@Command(scope = "mip6", name = "decode",
        description = "Decodes every frame of a pcap/pcapng capture: one line per frame, or one JSON object per frame")
public class DecodeCommand implements Action {

    @Argument(index = 0, name = "file", required = true,
            description = "Capture file (pcap or pcapng, either of them compressed with gzip, zstd or lz4)")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--json", description = "One JSON object per frame (keys in docs/commands.md)")
    boolean json;

    @Option(name = "--count", aliases = "-c", description = "Stop after this many frames")
    int count = Integer.MAX_VALUE;

    private final EspFrames esp = new EspFrames();

    @Override
    public Object execute() throws Exception {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new NoSuchFileException(file, null, "no such file or not readable");
        }
        PrintStream out = System.out;
        int n = 0;
        int errors = 0;
        try (PcapReader r = PcapReader.open(path); MobilityCodecs codecs = new MobilityCodecs()) {
            PcapRecord rec;
            while (n < count && (rec = r.next()) != null) {
                EspFrames.Opened opened = esp.open(rec); // with the world's SAs
                PcapRecord shown = opened == null ? rec
                        : new PcapRecord(rec.timestampNanos(), rec.linkType(), opened.frame(), opened.frame().length);
                Map<String, Object> d = FrameDescriber.describe(++n, shown, codecs);
                if (d.containsKey("error")) {
                    errors++;
                }
                if (opened != null) {
                    d.put("decrypted", opened.label());
                }
                out.println(json ? Json.write(d) : FrameDescriber.line(d) + (opened == null ? "" : " [" + opened.label() + "]"));
            }
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (!json) {
            out.println(n + " frames, " + errors + " not decoded");
        }
        return null;
    }
}
