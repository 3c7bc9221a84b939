package org.mip6.ha.internal.engine;

/**
 * What a home agent grants and when it acts (RFC 6275 §10.3.1, §9.5.5; lifetimes in seconds).
 *
 * @param maxLifetimeSeconds       the longest binding granted (4..262140)
 * @param refreshAdvicePercent     the Binding Refresh Advice sent with each acceptance, as a percentage
 *                                 of the granted lifetime (1..99; 0: no Binding Refresh Advice option)
 * @param refreshRequestPercent    when, as a percentage of the granted lifetime, a Binding Refresh
 *                                 Request goes to a binding that carried traffic since it was last
 *                                 registered (1..99; 0: never)
 * @param duplicateAddressDetection DAD for the home address (and link-local address with L) before a
 *                                 new binding's first acknowledgement
 * @param bindingErrorsPerSecond   Binding Errors sent per second at most (RFC 6275 §9.3.3 rate limit)
 * @param maxBindings              the most bindings the node's binding cache holds (with those awaiting
 *                                 DAD); a new registration beyond is refused with status 130,
 *                                 insufficient resources (§6.1.8)
 */
public record HomeAgentParameters(int maxLifetimeSeconds, int refreshAdvicePercent, int refreshRequestPercent,
                                  boolean duplicateAddressDetection, int bindingErrorsPerSecond, int maxBindings) {

    /** 4 Mi bindings: about 760 MB of binding cache at the measured 182 bytes each (docs/BENCHMARKS.md). */
    public static final int DEFAULT_MAX_BINDINGS = 1 << 22;

    /** The largest lifetime a Binding Update can carry: 0xFFFF units of 4 s. */
    public static final int MAX_LIFETIME = 0xffff * 4;

    public static final HomeAgentParameters DEFAULT = new HomeAgentParameters(3600, 80, 90, true, 10);

    public HomeAgentParameters {
        if (maxLifetimeSeconds < 4 || maxLifetimeSeconds > MAX_LIFETIME) {
            throw new IllegalArgumentException("maxLifetime must be 4.." + MAX_LIFETIME + " s, got " + maxLifetimeSeconds);
        }
        if (refreshAdvicePercent < 0 || refreshAdvicePercent > 99) {
            throw new IllegalArgumentException("refreshAdvicePercent must be 0..99, got " + refreshAdvicePercent);
        }
        if (refreshRequestPercent < 0 || refreshRequestPercent > 99) {
            throw new IllegalArgumentException("refreshRequestPercent must be 0..99, got " + refreshRequestPercent);
        }
        if (bindingErrorsPerSecond < 1) {
            throw new IllegalArgumentException("bindingErrorsPerSecond must be at least 1, got " + bindingErrorsPerSecond);
        }
        if (maxBindings < 1) {
            throw new IllegalArgumentException("maxBindings must be at least 1, got " + maxBindings);
        }
    }

    public HomeAgentParameters(int maxLifetimeSeconds, int refreshAdvicePercent, int refreshRequestPercent,
                               boolean duplicateAddressDetection, int bindingErrorsPerSecond) {
        this(maxLifetimeSeconds, refreshAdvicePercent, refreshRequestPercent, duplicateAddressDetection,
                bindingErrorsPerSecond, DEFAULT_MAX_BINDINGS);
    }

    public HomeAgentParameters withDuplicateAddressDetection(boolean on) {
        return new HomeAgentParameters(maxLifetimeSeconds, refreshAdvicePercent, refreshRequestPercent, on,
                bindingErrorsPerSecond, maxBindings);
    }

    public HomeAgentParameters withMaxBindings(int max) {
        return new HomeAgentParameters(maxLifetimeSeconds, refreshAdvicePercent, refreshRequestPercent,
                duplicateAddressDetection, bindingErrorsPerSecond, max);
    }
}
