package org.mip6.itests.broken;

/**
 * The one component of a broken build of a role bundle, made by {@code SwapIT}: it throws in activate,
 * as a build with a bug in its start-up would. Uses nothing but java.lang, so the bundle needs no imports.
 */
public class BrokenComponent {

    public void activate() {
        throw new IllegalStateException("a broken build: its component throws in activate");
    }
}
