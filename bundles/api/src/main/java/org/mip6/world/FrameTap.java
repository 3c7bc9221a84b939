package org.mip6.world;

/**
 * Sees every frame the world's links carry, as a capture on every link would ({@code mip6:trace}).
 * Called on the world's thread: it must not block; the array is the tap's own.
 */
@FunctionalInterface
public interface FrameTap {

    /** A frame put on {@code link} at {@code nanos} (world clock), Ethernet header first. */
    void frame(String link, long nanos, byte[] frame);
}
