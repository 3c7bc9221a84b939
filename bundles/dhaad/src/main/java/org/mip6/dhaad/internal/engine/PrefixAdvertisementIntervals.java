package org.mip6.dhaad.internal.engine;

/**
 * RFC 6275 §13's MinMobPfxAdvInterval and MaxMobPfxAdvInterval, in seconds: between them (and the prefix's
 * preferred lifetime) an unsolicited Mobile Prefix Advertisement is delayed after the prefixes change (§10.6.2,
 * {@link UnsolicitedPrefixAdvertisements#randAdvDelay}).
 */
public record PrefixAdvertisementIntervals(int minSeconds, int maxSeconds) {

    /** RFC 6275 §13's defaults: 600 s and 86,400 s. */
    public static final PrefixAdvertisementIntervals DEFAULT = new PrefixAdvertisementIntervals(600, 86_400);
    /** No delay: an unsolicited advertisement goes as soon as the prefixes change (tests, experiments). */
    public static final PrefixAdvertisementIntervals AT_ONCE = new PrefixAdvertisementIntervals(0, 0);

    public PrefixAdvertisementIntervals {
        if (minSeconds < 0) {
            throw new IllegalArgumentException("MinMobPfxAdvInterval must be 0 or more seconds, got " + minSeconds);
        }
        if (maxSeconds < minSeconds) {
            throw new IllegalArgumentException("MaxMobPfxAdvInterval must be at least MinMobPfxAdvInterval (" + minSeconds
                    + " s), got " + maxSeconds);
        }
    }
}
