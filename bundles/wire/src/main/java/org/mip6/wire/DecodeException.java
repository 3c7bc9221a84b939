package org.mip6.wire;

/**
 * A packet or message that could not be decoded. Carries the reason and the byte offset of the
 * offending field, counted from the start of the buffer handed to the decoder (for a packet decoded
 * from an Ethernet frame, from the frame start; {@link #ipv6Offset()} gives it relative to the
 * IPv6 header, which is what an ICMPv6 Parameter Problem pointer needs).
 */
public final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DecodeReason reason;
    private final int offset;
    private final int ipv6Start;
    private final int nextHeaderOffset;

    public DecodeException(DecodeReason reason, int offset, String detail) {
        this(reason, offset, detail, -1, -1);
    }

    private DecodeException(DecodeReason reason, int offset, String detail, int ipv6Start, int nextHeaderOffset) {
        super(detail, null, false, false); // no stack trace: decode errors are data, and fuzzing makes many
        this.reason = reason;
        this.offset = offset;
        this.ipv6Start = ipv6Start;
        this.nextHeaderOffset = nextHeaderOffset;
    }

    /** The same error, tagged with where its IPv6 header starts and the Next Header field that led to it. */
    public DecodeException inPacket(int ipv6Start, int nextHeaderOffset) {
        if (this.ipv6Start >= 0) {
            return this;
        }
        return new DecodeException(reason, offset, getMessage(), ipv6Start, nextHeaderOffset);
    }

    public DecodeReason reason() {
        return reason;
    }

    /** Offset of the offending field from the start of the decoder's buffer. */
    public int offset() {
        return offset;
    }

    /** Offset from the start of the enclosing IPv6 header, or -1 when not decoded inside one. */
    public int ipv6Offset() {
        return ipv6Start < 0 ? -1 : offset - ipv6Start;
    }

    /** Offset of the Next Header field that named the failing header, relative to the IPv6 header, or -1. */
    public int nextHeaderPointer() {
        return ipv6Start < 0 || nextHeaderOffset < 0 ? -1 : nextHeaderOffset - ipv6Start;
    }

    /** What RFC 6275 §9.2 / RFC 8200 ask the receiver to do about it. */
    public Reaction reaction() {
        return Reaction.of(this);
    }

    public String detail() {
        return getMessage();
    }

    @Override
    public String toString() {
        return reason + " at offset " + offset + ": " + getMessage();
    }
}
