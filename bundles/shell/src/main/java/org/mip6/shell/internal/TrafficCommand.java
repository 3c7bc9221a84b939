package org.mip6.shell.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.mip6.time.Durations;
import org.mip6.world.TrafficStats;
import org.mip6.world.World;

/** {@code mip6:traffic start NODE DST | stop [ID] | stats}: open-ended echo flows with sequence numbers. */
@Service
@Command(scope = "mip6", name = "traffic", description = "Live echo traffic: start NODE DST, stop [ID], stats")
public class TrafficCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "action", required = true, description = "start, stop or stats")
    @Completion(value = StringsCompleter.class, values = {"start", "stop", "stats"})
    String action;

    @Argument(index = 1, name = "args", required = false, multiValued = true, description = "start: NODE DST; stop: [ID]")
    @Completion(NodeCompleter.class)
    List<String> args;

    @Option(name = "--interval", aliases = "-i", description = "Between requests (default 100ms)")
    String interval = "100ms";

    @Option(name = "--no-format", description = "Plain output without table borders")
    boolean noFormat;

    @Option(name = "--udp", description = "UDP datagrams to the destination's echo service (port 7) instead of ICMPv6 echo")
    boolean udp;

    @Override
    public Object execute() {
        World world = Worlds.require(this.world);
        List<String> a = new TrailingOptions()
                .flag(() -> noFormat = true, "--no-format")
                .flag(() -> udp = true, "--udp")
                .value(v -> interval = v, "--interval", "-i")
                .parse(args);
        switch (action) {
            case "start" -> {
                if (a.size() != 2) {
                    throw new IllegalArgumentException("traffic start needs NODE and DST");
                }
                int id = udp ? world.startUdpTraffic(a.get(0), a.get(1), Durations.parse(interval, TimeUnit.SECONDS))
                        : world.startTraffic(a.get(0), a.get(1), Durations.parse(interval, TimeUnit.SECONDS));
                System.out.println("flow " + id + ": " + a.get(0) + " -> " + a.get(1) + (udp ? " (udp)" : "") + " every " + interval);
            }
            case "stop" -> world.stopTraffic(a.isEmpty() ? -1 : Integer.parseInt(a.get(0)));
            case "stats" -> {
                Rows t = new Rows("ID", "Node", "Destination", "Protocol", "Interval", "State", "Sent", "Received", "Lost",
                        "Outstanding", "RTT min/avg/max (ms)");
                for (TrafficStats s : world.traffic()) {
                    t.add(s.id(), s.node(), s.destination(), s.protocol(), Durations.formatMillis(s.interval().toNanos()),
                            s.running() ? "running" : "stopped", s.sent(), s.received(), s.lost(), s.outstanding(),
                            s.received() == 0 ? "-" : String.format("%.3f/%.3f/%.3f", s.rttMinNanos() / 1e6,
                                    s.rttAvgNanos() / 1e6, s.rttMaxNanos() / 1e6));
                }
                t.print(System.out, !noFormat);
            }
            default -> throw new IllegalArgumentException("unknown action \"" + action + "\" (expected start, stop or stats)");
        }
        return null;
    }
}
