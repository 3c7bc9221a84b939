package org.mip6.link;

/** What a port tells its owner (a node's stack): frames, and link-layer attach/detach hints. */
public interface PortListener {

    /** A frame arrived, at {@code nowNanos} of the network's clock. The array is the receiver's to keep. */
    void onFrame(long nowNanos, byte[] frame);

    /** The port was attached to {@code link} (movement detection may use this as a hint, RFC 6275 §11.5.1). */
    default void onAttached(long nowNanos, String link) {
    }

    /** The port was detached from its link. */
    default void onDetached(long nowNanos, String link) {
    }
}
