package org.mip6.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.time.Durations;
import org.mip6.world.World;

/**
 * {@code mip6:run DURATION}: advances a virtual-time world. A run that takes a while goes in steps: a progress
 * line every few seconds of wall clock, and Ctrl-C (the command's thread interrupted) stops it after the step
 * under way, the world's clock where that step ended. Stepping changes nothing in what happens: every task
 * due at a step's end runs in that step, as in one run to the end.
 */
@Service
@Command(scope = "mip6", name = "run", description = "Runs a virtual-time world forward (e.g. 10s, 500ms, 2m)")
public class RunCommand implements Action {

    /** Wall clock between progress lines. */
    static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;
    /** What one step aims to take of the wall clock, so that Ctrl-C is heard soon. */
    static final long STEP_WALL_NANOS = 200_000_000L;

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "duration", required = true)
    String duration;

    @Override
    public Object execute() {
        World world = Worlds.require(this.world);
        run(world, Durations.parse(duration, TimeUnit.SECONDS), System::nanoTime, System.out);
        return null;
    }

    /** Runs {@code world} forward by {@code total}, in steps sized by how fast the world goes; prints what it did. */
    static void run(World world, Duration total, LongSupplier wall, PrintStream out) {
        long t0 = wall.getAsLong();
        long start = world.nowNanos();
        long end = total.toNanos() > Long.MAX_VALUE - start ? Long.MAX_VALUE : start + total.toNanos();
        long step = Math.min(total.toNanos(), 1_000_000_000L); // virtual time per step, adapted as it goes
        long lastLine = t0;
        boolean stepped = false;
        while (true) {
            long now = world.nowNanos();
            long left = end - now;
            if (left <= 0 && stepped) {
                break;
            }
            long w = wall.getAsLong();
            world.run(Duration.ofNanos(Math.max(0, Math.min(step, left))));
            stepped = true;
            long took = Math.max(1, wall.getAsLong() - w);
            // next step: about STEP_WALL_NANOS of wall clock, at most ten times the last
            step = Math.max(1_000_000L, (long) Math.min((double) step * 10, (double) step * STEP_WALL_NANOS / took));
            long at = wall.getAsLong();
            if (world.nowNanos() < end && Thread.currentThread().isInterrupted()) {
                out.printf("interrupted: clock at %.3f s, %.3f s of the %.3f s asked (took %.3f s of wall clock)%n",
                        world.nowNanos() / 1e9, (world.nowNanos() - start) / 1e9, (end - start) / 1e9, (at - t0) / 1e9);
                return;
            }
            if (at - lastLine >= PROGRESS_EVERY_NANOS && world.nowNanos() < end) {
                out.printf("clock at %.3f s: %.0f %% of the run (%.1f s of wall clock)%n", world.nowNanos() / 1e9,
                        100.0 * (world.nowNanos() - start) / Math.max(1, end - start), (at - t0) / 1e9);
                out.flush();
                lastLine = at;
            }
        }
        out.printf("clock at %.3f s (took %.3f s of wall clock)%n", world.nowNanos() / 1e9, (wall.getAsLong() - t0) / 1e9);
    }
}
