package org.mip6.link;

/** What a port tells its owner (a node's stack): frames, and link-layer attach/detach hints. */
public interface PortListener {

    /** A frame arrived, at {@code nowNanos} of the network's clock. The array is the receiver's to keep. */
    void onFrame(long nowNanos, byte[] frame);

    /**
     * A hint: {@code frames[0..count)} arrive next, in this order, each by {@link #onFrame} (a burst the
     * link delivers at one instant). The owner may read what it will need for them, so that their cache
     * misses overlap instead of following one another; it changes nothing, and the frames are not yet
     * its own. The default does nothing.
     */
    default void prefetch(byte[][] frames, int count) {
    }

    /**
     * The link-layer filter (a NIC's): whether the frame's destination is one the owner listens to. A
     * port may ask before it copies and hands over a frame, and drop what is refused.
     */
    default boolean accepts(byte[] frame) {
        return true;
    }

    /** The port was attached to {@code link} (movement detection may use this as a hint, RFC 6275 §11.5.1). */
    default void onAttached(long nowNanos, String link) {
    }

    /** The port was detached from its link. */
    default void onDetached(long nowNanos, String link) {
    }

    /**
     * The link's MTU (the largest IPv6 packet it carries) changed while the port is attached: the owner's
     * interface takes it from now on, as at attach. The default does nothing.
     */
    default void onMtuChanged(long nowNanos, int mtu) {
    }
}
