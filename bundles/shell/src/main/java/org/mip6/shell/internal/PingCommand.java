package org.mip6.shell.internal;

import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.time.Durations;
import org.mip6.world.EchoStats;
import org.mip6.world.World;

/** {@code mip6:ping NODE DST [COUNT] [--interval D] [--size N]}: ICMPv6 echo from a node of the world. */
@Service
@Command(scope = "mip6", name = "ping", description = "Sends ICMPv6 echo requests from a node to an address or a node name")
public class PingCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "node", required = true, description = "Sending node")
    @Completion(NodeCompleter.class)
    String node;

    @Argument(index = 1, name = "destination", required = true, description = "IPv6 address or node name")
    @Completion(NodeCompleter.class)
    String destination;

    @Argument(index = 2, name = "count", required = false, multiValued = true,
            description = "Number of requests (default 3); --interval may follow")
    java.util.List<String> rest;

    @Option(name = "--interval", aliases = "-i", description = "Between requests (default 1s; e.g. 200ms)")
    String interval = "1s";

    @Option(name = "--size", aliases = "-s", description = "Octets of data in each request (default 56; longer than the path's MTU: sent in fragments)")
    String size = "56";

    @Override
    public Object execute() throws Exception {
        World world = Worlds.require(this.world);
        int count = 3;
        for (String w : new TrailingOptions().value(v -> interval = v, "--interval", "-i")
                .value(v -> size = v, "--size", "-s").parse(rest)) {
            try {
                count = Integer.parseInt(w);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("COUNT must be a number, got \"" + w + "\"");
            }
        }
        int dataBytes;
        try {
            dataBytes = Integer.parseInt(size);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size must be a number of octets, got \"" + size + "\"");
        }
        EchoStats s = world.ping(node, destination, count, Durations.parse(interval, TimeUnit.SECONDS), dataBytes);
        System.out.printf("%s -> %s: %d sent, %d received, %d lost (%.0f %%)%n", node, s.destination(), s.sent(),
                s.received(), s.lost(), s.sent() == 0 ? 0.0 : 100.0 * s.lost() / s.sent());
        if (s.received() > 0) {
            System.out.printf("rtt min/avg/max = %.3f/%.3f/%.3f ms%n", s.rttMinNanos() / 1e6, s.rttAvgNanos() / 1e6,
                    s.rttMaxNanos() / 1e6);
        }
        return null;
    }
}
