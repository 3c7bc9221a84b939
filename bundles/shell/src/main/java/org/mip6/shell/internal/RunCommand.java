package org.mip6.shell.internal;

import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.time.Durations;
import org.mip6.world.World;

/** {@code mip6:run DURATION}: advances a virtual-time world. */
@Service
@Command(scope = "mip6", name = "run", description = "Runs a virtual-time world forward (e.g. 10s, 500ms, 2m)")
public class RunCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "duration", required = true)
    String duration;

    @Override
    public Object execute() {
        World world = Worlds.require(this.world);
        long t0 = System.nanoTime();
        world.run(Durations.parse(duration, TimeUnit.SECONDS));
        System.out.printf("clock at %.3f s (took %.3f s of wall clock)%n", world.nowNanos() / 1e9, (System.nanoTime() - t0) / 1e9);
        return null;
    }
}
