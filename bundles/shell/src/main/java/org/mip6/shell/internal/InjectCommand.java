package org.mip6.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.mip6.time.TimeMode;
import org.mip6.world.InjectResult;
import org.mip6.world.World;

/** {@code mip6:inject LINK FILE}: replays the Ethernet frames of a pcap onto a link, as they are (bare IPv6 packets framed as a host there would). */
@Service
@Command(scope = "mip6", name = "inject", description = "Puts every Ethernet frame of a pcap on a link as it is, "
        + "spaced as captured, starting now (Scapy-made or captured traffic, malformed and forged included); bare IPv6 "
        + "packets (raw, loopback or Linux cooked captures) go in the Ethernet frame a host on the link would send")
public class InjectCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "link", required = true, description = "The link to put the frames on")
    @Completion(LinkCompleter.class)
    String link;

    @Argument(index = 1, name = "file", required = true, description = "A pcap (classic or pcapng) of Ethernet frames or IPv6 packets")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--no-format", description = "One tab-separated line: link, frames, skipped, span in seconds")
    boolean noFormat;

    @Override
    public Object execute() throws Exception {
        World world = Worlds.require(this.world);
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException("cannot read " + file + ": " + (Files.exists(p) ? "permission denied"
                    : "no such file or directory"));
        }
        InjectResult r = world.inject(link, p);
        String span = String.format("%.6f", r.spanNanos() / 1e9);
        if (noFormat) {
            System.out.println(r.link() + "\t" + r.frames() + "\t" + r.skipped() + "\t" + span);
            return null;
        }
        System.out.println("injected " + r.frames() + " frame" + (r.frames() == 1 ? "" : "s") + " on " + r.link()
                + " over " + span + " s" + (r.skipped() > 0 ? ", " + r.skipped() + " records skipped (neither an Ethernet frame nor an IPv6 packet, too short, or nothing on the link receives it)" : "")
                + (world.mode() == TimeMode.VIRTUAL ? " (virtual time: they leave as the world runs, e.g. mip6:run 1s)" : ""));
        return null;
    }
}
