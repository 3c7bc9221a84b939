package org.mip6.examples.experimentalmh;

import java.util.Objects;

import org.mip6.wire.Bytes;

/**
 * An example experimental Mobility Header message (RFC 5096, MH type 11): an echo that a node answers
 * with the same identifier and data, for trying a new signalling exchange end to end. Message Data:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *                                 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                 |     Kind      |   Reserved    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Identifier           |          Data Length          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data ... then zero padding to a multiple of 8 octets for the header
 * </pre>
 *
 * @param kind       {@link #REQUEST} or {@link #REPLY}
 * @param identifier matches a reply to its request
 * @param data       echoed back
 */
public record ExperimentalEcho(int kind, int identifier, Bytes data) {

    /** The experimental Mobility Header type (RFC 5096 §2). */
    public static final int MH_TYPE = 11;
    public static final int REQUEST = 1;
    public static final int REPLY = 2;

    public ExperimentalEcho {
        if (kind != REQUEST && kind != REPLY) {
            throw new IllegalArgumentException("kind " + kind + " is not 1 (request) or 2 (reply)");
        }
        if (identifier < 0 || identifier > 0xffff) {
            throw new IllegalArgumentException("identifier " + identifier + " is not 0-65535");
        }
        Objects.requireNonNull(data, "data");
        if (data.length() > 2000) {
            throw new IllegalArgumentException(data.length() + " data bytes: at most 2000 fit a Mobility Header");
        }
    }

    /** The answer to this request. */
    public ExperimentalEcho reply() {
        return new ExperimentalEcho(REPLY, identifier, data);
    }
}
