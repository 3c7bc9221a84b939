package org.mip6.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
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
        // Karaf stops parsing options at the first argument: read "reset --virtual --seed 7" here
        String action = null;
        if (args != null) {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--virtual" -> virtual = true;
                    case "--realtime" -> realtime = true;
                    case "--seed" -> {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException("--seed needs a number");
                        }
                        try {
                            seed = Long.parseLong(args.get(++i));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--seed needs a number, got \"" + args.get(i) + "\"");
                        }
                    }
                    default -> {
                        if (action != null) {
                            throw new IllegalArgumentException("unexpected \"" + a + "\"");
                        }
                        action = a;
                    }
                }
            }
        }
        if (action != null && !action.equals("reset")) {
            throw new IllegalArgumentException("unknown action \"" + action + "\" (expected: reset)");
        }
        if (virtual && realtime) {
            throw new IllegalArgumentException("--virtual and --realtime exclude each other");
        }
        if (action != null) {
            TimeMode mode = virtual ? TimeMode.VIRTUAL : realtime ? TimeMode.REAL_TIME : world.mode();
            world.reset(mode, seed != null ? seed : world.seed());
        }
        System.out.printf("world: %s time, seed %d, clock %.3f s, %d links, %d nodes%n",
                world.mode() == TimeMode.VIRTUAL ? "virtual" : "real", world.seed(), world.nowNanos() / 1e9,
                world.links().size(), world.nodes().size());
        return null;
    }
}
