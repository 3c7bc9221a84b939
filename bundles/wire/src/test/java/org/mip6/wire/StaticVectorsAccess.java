package org.mip6.wire;

/** Lets tests in sub-packages read {@link StaticVectors}. */
public final class StaticVectorsAccess {
    private StaticVectorsAccess() {
    }

    public static String hex(String name) {
        return StaticVectors.HEX.get(name);
    }
}
