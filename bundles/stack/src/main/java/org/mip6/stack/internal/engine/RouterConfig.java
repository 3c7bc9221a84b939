package org.mip6.stack.internal.engine;

import java.util.List;

import org.mip6.wire.icmp.NdOption;

/**
 * What a router interface advertises (RFC 4861 §6.2.1, RFC 6275 §7.3-7.5, §8.3). Intervals may go
 * down to the MIPv6 minimums (MinRtrAdvInterval 30 ms, MaxRtrAdvInterval 70 ms).
 *
 * @param minIntervalNanos     MinRtrAdvInterval
 * @param maxIntervalNanos     MaxRtrAdvInterval
 * @param routerLifetime       AdvDefaultLifetime in seconds (0: not a default router)
 * @param homeAgent            set the H flag and the R flag on prefixes (router address in the prefix field)
 * @param prefixes             Prefix Information options to send (the R flag and address are filled in for HAs)
 * @param advertisementInterval include the Advertisement Interval option (MaxRtrAdvInterval in ms)
 * @param homeAgentInformation include this Home Agent Information option, or null
 */
public record RouterConfig(long minIntervalNanos, long maxIntervalNanos, int routerLifetime, boolean homeAgent,
                           List<NdOption.PrefixInformation> prefixes, boolean advertisementInterval,
                           NdOption.HomeAgentInformation homeAgentInformation) {

    public RouterConfig {
        if (minIntervalNanos < 30_000_000L || maxIntervalNanos < 70_000_000L || minIntervalNanos > maxIntervalNanos) {
            throw new IllegalArgumentException("RA intervals: need 30 ms <= min <= max and max >= 70 ms (RFC 6275 §7.5)");
        }
        if (routerLifetime < 0 || routerLifetime > 9000) {
            throw new IllegalArgumentException("router lifetime must be 0..9000 s (RFC 4861 §6.2.1)");
        }
        prefixes = List.copyOf(prefixes);
    }

    /** What an {@code Advertising} of the node contract asks for (Prefix Information: on-link, autonomous, 1 d / 4 h). */
    public static RouterConfig of(org.mip6.node.Advertising a) {
        return new RouterConfig(a.minInterval().toNanos(), a.maxInterval().toNanos(), a.routerLifetime(), a.homeAgent(),
                a.prefixes().stream().map(p -> NdOption.PrefixInformation.of(p, true, true,
                        org.mip6.node.Advertising.PREFIX_VALID_LIFETIME, org.mip6.node.Advertising.PREFIX_PREFERRED_LIFETIME)).toList(),
                a.advertisementInterval(), a.homeAgent()
                        ? new NdOption.HomeAgentInformation(a.mobileRouters(), a.homeAgentPreference(),
                                Math.max(1, a.homeAgentLifetime()))
                        : null);
    }
}
