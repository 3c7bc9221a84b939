package org.mip6.state;

import java.util.Objects;

import org.mip6.wire.Bytes;

/**
 * A correspondent node's return routability secret (RFC 6275 §5.2.3): Kcn, and when its nonce
 * clock started. Nonce index i is made at {@code epochNanos + i * nonceIntervalNanos}; the nonces
 * themselves derive from Kcn, so this is all a role that replaces another needs to answer and check
 * the same tokens.
 */
public record ReturnRoutabilitySecret(Bytes kcn, long epochNanos, long nonceIntervalNanos) {

    /** Kcn is 20 bytes (§5.2.3: the HMAC-SHA1 key length). */
    public static final int KCN_LENGTH = 20;

    public ReturnRoutabilitySecret {
        Objects.requireNonNull(kcn, "kcn");
        if (kcn.length() != KCN_LENGTH) {
            throw new IllegalArgumentException("Kcn must be " + KCN_LENGTH + " bytes, got " + kcn.length());
        }
        if (nonceIntervalNanos <= 0) {
            throw new IllegalArgumentException("nonce interval must be positive: " + nonceIntervalNanos);
        }
    }
}
