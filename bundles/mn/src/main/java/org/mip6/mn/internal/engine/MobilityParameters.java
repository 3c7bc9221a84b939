package org.mip6.mn.internal.engine;

/**
 * A mobile node's timing (RFC 6275 §12 constants and §13 configuration), in nanoseconds where times.
 *
 * @param initialBindackTimeoutFirstReg first retransmission timeout of a first home registration
 *                                      (InitialBindackTimeoutFirstReg: 1.5 s, longer than the home agent's 1 s DAD)
 * @param initialBindackTimeout         first retransmission timeout otherwise (INITIAL_BINDACK_TIMEOUT, 1 s)
 * @param maxBindackTimeout             the timeout doubles up to this (MAX_BINDACK_TIMEOUT, 32 s)
 * @param maxUpdateRate                 Binding Updates per second to one destination at most (MAX_UPDATE_RATE, 3)
 * @param lifetimeSeconds               the home registration lifetime asked for
 * @param refreshPercent                without a Binding Refresh Advice, refresh at this % of the granted lifetime
 */
public record MobilityParameters(long initialBindackTimeoutFirstReg, long initialBindackTimeout, long maxBindackTimeout,
                                 int maxUpdateRate, int lifetimeSeconds, int refreshPercent) {

    public static final long SECOND = 1_000_000_000L;
    /** RFC 6275 §12: an unanswered Mobile Prefix Solicitation is first sent again this long after (§11.4.2). */
    public static final long INITIAL_SOLICIT_TIMER = 3 * SECOND;

    public static final MobilityParameters DEFAULT = new MobilityParameters(1_500_000_000L, SECOND, 32 * SECOND, 3,
            600, 80);

    public MobilityParameters {
        if (initialBindackTimeoutFirstReg <= 0 || initialBindackTimeout <= 0
                || maxBindackTimeout < Math.max(initialBindackTimeout, initialBindackTimeoutFirstReg)) {
            throw new IllegalArgumentException("binding acknowledgement timeouts: need 0 < initial <= max");
        }
        if (maxUpdateRate < 1) {
            throw new IllegalArgumentException("maxUpdateRate must be at least 1, got " + maxUpdateRate);
        }
        if (lifetimeSeconds < 4 || lifetimeSeconds > 0xffff * 4) {
            throw new IllegalArgumentException("lifetime must be 4..262140 s, got " + lifetimeSeconds);
        }
        if (refreshPercent < 1 || refreshPercent > 99) {
            throw new IllegalArgumentException("refreshPercent must be 1..99, got " + refreshPercent);
        }
    }
}
