package org.mip6.ro.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import org.mip6.state.ReturnRoutabilitySecret;

/**
 * A correspondent node's nonces (RFC 6275 §5.2.2, §5.2.7): nonce number c is made at epoch + c ×
 * interval and named by index c mod 2^16; it is accepted for MAX_NONCE_LIFETIME after it was made.
 * With an interval of at most MAX_NONCE_LIFETIME − MAX_TOKEN_LIFETIME (30 s) a token a mobile node uses
 * for its whole MAX_TOKEN_LIFETIME is never refused.
 */
final class NonceTable {

    static final long SECOND = 1_000_000_000L;
    /** RFC 6275 §12. */
    static final long MAX_NONCE_LIFETIME = 240 * SECOND;
    static final long MAX_TOKEN_LIFETIME = 210 * SECOND;

    private final byte[] kcn;
    private final long epoch;
    private final long interval;
    private final ReturnRoutabilityCrypto crypto;
    /** The nonces made lately, by counter (a handful: MAX_NONCE_LIFETIME / interval + 1). */
    private final Map<Long, byte[]> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > 64;
        }
    };

    NonceTable(ReturnRoutabilitySecret secret, ReturnRoutabilityCrypto crypto) {
        this.kcn = secret.kcn().toArray();
        this.epoch = secret.epochNanos();
        this.interval = secret.nonceIntervalNanos();
        this.crypto = crypto;
    }

    /** The counter of the nonce handed out at {@code now}. */
    long current(long now) {
        return now <= epoch ? 0 : (now - epoch) / interval;
    }

    static int index(long counter) {
        return (int) (counter & 0xffff);
    }

    /** When nonce {@code counter} was made. */
    long madeAt(long counter) {
        return epoch + counter * interval;
    }

    /** The counter that {@code index} names at {@code now} if that nonce is still accepted, else -1. */
    long accepted(int index, long now) {
        long c = current(now);
        long candidate = c - ((c - index) & 0xffff);
        if (candidate < 0 || now - madeAt(candidate) > MAX_NONCE_LIFETIME) {
            return -1;
        }
        return candidate;
    }

    byte[] nonce(long counter) {
        return recent.computeIfAbsent(counter, c -> crypto.nonce(kcn, c));
    }

    byte[] kcn() {
        return kcn;
    }
}
