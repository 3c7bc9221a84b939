package org.mip6.shell.internal;

import org.mip6.world.World;

/** The world service, or a clear error while it is absent (starting, or its bundle being swapped). */
final class Worlds {

    private Worlds() {
    }

    static World require(World world) {
        if (world == null) {
            throw new IllegalStateException("the embedded world is not running (yet): mip6:info shows the"
                    + " org.mip6.netsim.internal.EmbeddedWorld component and why");
        }
        return world;
    }

    /** The time mode {@code --virtual} / {@code --realtime} ask for, else the running world's. */
    static org.mip6.time.TimeMode mode(World world, boolean virtual, boolean realtime) {
        if (virtual && realtime) {
            throw new IllegalArgumentException("--virtual and --realtime exclude each other");
        }
        return virtual ? org.mip6.time.TimeMode.VIRTUAL : realtime ? org.mip6.time.TimeMode.REAL_TIME : world.mode();
    }
}
