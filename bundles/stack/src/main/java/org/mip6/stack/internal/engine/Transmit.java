package org.mip6.stack.internal.engine;

/** A frame to send on interface {@code iface}. */
public record Transmit(int iface, byte[] frame) {
}
