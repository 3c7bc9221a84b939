package org.mip6.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.time.Durations;
import org.mip6.world.LinkStatus;
import org.mip6.world.LiveLinks;
import org.mip6.world.World;

/** {@code mip6:topology}: links with their parameters, attached ports and counters; then the nodes. */
@Service
@Command(scope = "mip6", name = "topology", description = "Links (delay, jitter, loss, bandwidth, MTU, ports, counters) and nodes of the world")
public class TopologyCommand implements Action {

    @Reference(optional = true)
    World world;

    @Reference(optional = true)
    LiveLinks live;

    @Option(name = "--no-format", description = "Plain output without table borders")
    boolean noFormat;

    @Override
    public Object execute() {
        World world = Worlds.require(this.world);
        Rows t = new Rows("Link", "Delay", "Jitter", "Loss", "Bandwidth", "MTU", "Ports", "Sent", "Delivered", "Lost", "Capture",
                "Live");
        java.util.Map<String, String> bridged = new java.util.HashMap<>();
        if (live != null) {
            for (LiveLinks.Bridge b : live.bridges()) {
                bridged.put(b.link(), b.iface());
            }
        }
        for (LinkStatus l : world.links()) {
            t.add(l.name(), Durations.formatMillis(l.delayNanos()), Durations.formatMillis(l.jitterNanos()),
                    String.format("%.1f %%", l.loss() * 100), l.bitsPerSecond() == 0 ? "-" : l.bitsPerSecond() + " bit/s",
                    l.mtu(), String.join(" ", l.attached()), l.framesSent(), l.framesDelivered(), l.framesLost(),
                    l.capturing() ? "on" : "", bridged.getOrDefault(l.name(), ""));
        }
        t.print(System.out, !noFormat);
        System.out.println();
        NodeListCommand.print(world, noFormat);
        return null;
    }
}
