package org.mip6.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.mip6.time.TimeMode;
import org.mip6.world.World;

/** {@code mip6:world [reset [--virtual|--realtime] [--seed N]]}. */
@Service
@Command(scope = "mip6", name = "world", description = "Shows the embedded world, or recreates the default world")
public class WorldCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "action", required = false, multiValued = true,
            description = "reset [--virtual|--realtime] [--seed N]: recreate the default world")
    @Completion(value = StringsCompleter.class, values = {"reset"})
    java.util.List<String> args;

    @Option(name = "--virtual", description = "Virtual time (discrete-event; use mip6:run to advance)")
    boolean virtual;

    @Option(name = "--realtime", description = "Real time")
    boolean realtime;

    @Option(name = "--seed", description = "Seed of every random choice (default: keep the current one)")
    Long seed;

    @Override
    public Object execute() {
        World world = Worlds.require(this.world);
        java.util.List<String> words = new TrailingOptions()
                .flag(() -> virtual = true, "--virtual")
                .flag(() -> realtime = true, "--realtime")
                .value(v -> seed = parseSeed(v), "--seed")
                .parse(args);
        if (words.size() > 1) {
            throw new IllegalArgumentException("unexpected \"" + words.get(1) + "\"");
        }
        String action = words.isEmpty() ? null : words.get(0);
        if (action != null && !action.equals("reset")) {
            throw new IllegalArgumentException("unknown action \"" + action + "\" (expected: reset)");
        }
        TimeMode mode = Worlds.mode(world, virtual, realtime);
        if (action != null) {
            world.reset(mode, seed != null ? seed : world.seed());
        }
        System.out.printf("world: %s time, seed %d, clock %.3f s, %d links, %d nodes%n",
                world.mode() == TimeMode.VIRTUAL ? "virtual" : "real", world.seed(), world.nowNanos() / 1e9,
                world.links().size(), world.nodes().size());
        if (world.topologyError() != null) {
            System.out.println("last topology edit not applied: " + world.topologyError());
        }
        return null;
    }

    private static long parseSeed(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed needs a number, got \"" + v + "\"");
        }
    }
}
