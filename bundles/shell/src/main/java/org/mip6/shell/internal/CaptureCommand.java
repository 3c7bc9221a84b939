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
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.mip6.world.LinkStatus;
import org.mip6.world.World;

/** {@code mip6:capture start|stop LINK|--all [FILE|DIR] [--compress gz|zst|lz4]}: pcap taps on links. */
@Service
@Command(scope = "mip6", name = "capture", description = "Starts or stops writing a link's frames to a pcap (--all: one file per link in DIR)")
public class CaptureCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "action", required = true, description = "start or stop")
    @Completion(value = StringsCompleter.class, values = {"start", "stop"})
    String action;

    @Argument(index = 1, name = "target", required = false, multiValued = true,
            description = "LINK [FILE] or --all [DIR]")
    @Completion(LinkCompleter.class)
    java.util.List<String> rest;

    String link;
    String file;

    @Option(name = "--all", description = "Every link; the file argument is a directory, files are named LINK.pcap")
    boolean all;

    @Option(name = "--compress", description = "With --all: the files compressed with gzip, zstd or lz4 (LINK.pcap.gz, .zst, .lz4)")
    @Completion(value = StringsCompleter.class, values = {"gz", "zst", "lz4"})
    String compress;

    @Override
    public Object execute() throws Exception {
        World world = Worlds.require(this.world);
        java.util.List<String> words = new TrailingOptions().flag(() -> all = true, "--all")
                .value(v -> compress = v, "--compress").parse(rest);
        if (words.size() > 2) {
            throw new IllegalArgumentException("too many arguments: " + words);
        }
        link = words.isEmpty() ? null : words.get(0);
        file = words.size() > 1 ? words.get(1) : null;
        boolean start = switch (action) {
            case "start" -> true;
            case "stop" -> false;
            default -> throw new IllegalArgumentException("unknown action \"" + action + "\" (expected start or stop)");
        };
        if (compress != null && !org.mip6.wire.pcap.PcapWriter.COMPRESSIONS.contains(compress)) {
            throw new IllegalArgumentException("unknown compression \"" + compress + "\" (expected gz, zst or lz4)");
        }
        if (compress != null && (!all || !start)) {
            throw new IllegalArgumentException("--compress goes with start --all (a FILE named .gz, .zst or .lz4 is compressed so)");
        }
        if (all) {
            String dir = link != null && file == null ? link : file; // "capture start --all DIR"
            for (LinkStatus l : world.links()) {
                if (start) {
                    if (dir == null) {
                        throw new IllegalArgumentException("capture start --all needs a directory");
                    }
                    Path f = Path.of(dir, l.name() + ".pcap" + (compress == null ? "" : "." + compress));
                    try {
                        Files.createDirectories(Path.of(dir));
                        world.startCapture(l.name(), f);
                    } catch (java.io.IOException e) {
                        throw IoErrors.cannotWrite(f, e);
                    }
                    System.out.println(l.name() + " -> " + f);
                } else {
                    world.stopCapture(l.name());
                }
            }
            return null;
        }
        if (link == null) {
            throw new IllegalArgumentException("name a link, or use --all");
        }
        if (start) {
            if (file == null) {
                throw new IllegalArgumentException("capture start " + link + " needs a file");
            }
            try {
                world.startCapture(link, Path.of(file));
            } catch (java.io.IOException e) {
                throw IoErrors.cannotWrite(file, e);
            }
            System.out.println(link + " -> " + file);
        } else {
            world.stopCapture(link);
        }
        return null;
    }
}
