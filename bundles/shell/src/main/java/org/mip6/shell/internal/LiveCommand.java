package org.mip6.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.mip6.world.LiveLinks;

/** {@code mip6:live bridge LINK IFACE | stop LINK | list}: the world's links bridged to host interfaces (pcap). */
@Service
@Command(scope = "mip6", name = "live", description = "Live links: bridge LINK IFACE (a world link to a host interface, "
        + "through pcap; real time, root), stop LINK, list")
public class LiveCommand implements Action {

    @Reference(optional = true)
    LiveLinks live;

    @Argument(index = 0, name = "action", required = false, description = "bridge, stop or list (the default)")
    @Completion(value = StringsCompleter.class, values = {"bridge", "stop", "list"})
    String action = "list";

    @Argument(index = 1, name = "args", required = false, multiValued = true, description = "bridge: LINK IFACE; stop: LINK")
    @Completion(LiveCompleter.class)
    List<String> args;

    @Option(name = "--no-format", description = "One tab-separated line per bridge: link, interface, frames in, "
            + "frames out, dropped, last error (- when none)")
    boolean noFormat;

    @Override
    public Object execute() throws Exception {
        if (live == null) {
            throw new IllegalStateException("live links are not available: the org.mip6.net-pcap bundle is not active "
                    + "(feature mip6-live), or the world is not running");
        }
        List<String> a = new TrailingOptions().flag(() -> noFormat = true, "--no-format").parse(args);
        switch (action) {
            case "bridge" -> {
                if (a.size() != 2) {
                    throw new IllegalArgumentException("live bridge needs LINK and IFACE");
                }
                LiveLinks.Bridge b = live.bridge(a.get(0), a.get(1));
                System.out.println("link " + b.link() + " bridged to interface " + b.iface()
                        + ": its frames leave there, and what arrives there is put on it");
            }
            case "stop" -> {
                if (a.size() != 1) {
                    throw new IllegalArgumentException("live stop needs LINK");
                }
                if (!live.unbridge(a.get(0))) {
                    throw new IllegalArgumentException("link " + a.get(0) + " is not bridged (bridged: "
                            + live.bridges().stream().map(LiveLinks.Bridge::link).toList() + ")");
                }
                System.out.println("link " + a.get(0) + " no longer bridged");
            }
            case "list" -> {
                Rows t = new Rows("Link", "Interface", "Frames in", "Frames out", "Dropped", "Segmented", "Last error");
                for (LiveLinks.Bridge b : live.bridges()) {
                    t.add(b.link(), b.iface(), b.framesIn(), b.framesOut(), b.dropped(), b.segmented(),
                            b.error() == null ? "-" : b.error());
                }
                t.print(System.out, !noFormat);
            }
            default -> throw new IllegalArgumentException("unknown action \"" + action + "\" (expected bridge, stop or list)");
        }
        return null;
    }
}
