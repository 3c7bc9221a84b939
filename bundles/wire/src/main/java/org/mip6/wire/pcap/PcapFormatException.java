package org.mip6.wire.pcap;

import java.io.IOException;

/** A capture file that is not classic pcap or pcapng, or is damaged; names the byte offset. */
public final class PcapFormatException extends IOException {

    private static final long serialVersionUID = 1L;
    private final long offset;

    public PcapFormatException(long offset, String message) {
        super(message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
