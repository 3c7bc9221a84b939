package org.mip6.ipsec.internal.engine;

/** An inbound ESP packet that is not processed (RFC 4303 §3.4), with why; counted by reason. */
public final class EspException extends Exception {

    /** Why an inbound packet was discarded. */
    public enum Reason {
        /** Shorter than the header, IV, one block of trailer and the ICV, or not block-aligned. */
        TRUNCATED,
        /** Seen already, or left of the anti-replay window (RFC 4303 §3.4.3). */
        REPLAY,
        /** The Integrity Check Value does not verify (RFC 4303 §3.4.4). */
        BAD_ICV,
        /** The Padding octets are not 1, 2, 3, ... or the Pad Length runs past the payload (RFC 4303 §2.4). */
        BAD_PADDING
    }

    private final Reason reason;

    public EspException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
