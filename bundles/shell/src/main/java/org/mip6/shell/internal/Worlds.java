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
}
