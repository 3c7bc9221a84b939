package org.mip6.stack.internal.engine;

/**
 * A frame to send on interface {@code iface}; {@code loopback}: a packet for one of the node's own addresses,
 * which the node receives itself on that interface instead of putting it on the link.
 */
public record Transmit(int iface, byte[] frame, boolean loopback) {

    public Transmit(int iface, byte[] frame) {
        this(iface, frame, false);
    }
}
