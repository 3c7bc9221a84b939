package org.mip6.node;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.mip6.net.Ipv6Prefix;

/**
 * What a router interface advertises (RFC 4861 §6.2.1; RFC 6275 §7.3-7.5: H flag, R flag,
 * Advertisement Interval and Home Agent Information options, intervals down to 30/70 ms; RFC 3963 §7.3: the
 * Home Agent Information option's R flag, {@code mobileRouters}, a home agent that serves mobile routers).
 */
public record Advertising(Duration minInterval, Duration maxInterval, int routerLifetime, boolean homeAgent,
                          List<Ipv6Prefix> prefixes, boolean advertisementInterval, int homeAgentPreference,
                          int homeAgentLifetime, boolean mobileRouters) {

    /** The Valid Lifetime advertised for every prefix, in seconds (RFC 4861 §6.2.1 AdvValidLifetime: 1 day here). */
    public static final long PREFIX_VALID_LIFETIME = 86_400;

    /** The Preferred Lifetime advertised for every prefix, in seconds (4 hours). */
    public static final long PREFIX_PREFERRED_LIFETIME = 14_400;

    public Advertising {
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(maxInterval, "maxInterval");
        prefixes = List.copyOf(prefixes);
    }

    /** Without the Home Agent Information option's R flag (no mobile router served). */
    public Advertising(Duration minInterval, Duration maxInterval, int routerLifetime, boolean homeAgent,
                       List<Ipv6Prefix> prefixes, boolean advertisementInterval, int homeAgentPreference,
                       int homeAgentLifetime) {
        this(minInterval, maxInterval, routerLifetime, homeAgent, prefixes, advertisementInterval, homeAgentPreference,
                homeAgentLifetime, false);
    }

    /** A plain access router: RAs every 3-10 s, lifetime 1800 s, prefixes on-link and autonomous. */
    public static Advertising router(Ipv6Prefix... prefixes) {
        return new Advertising(Duration.ofSeconds(3), Duration.ofSeconds(10), 1800, false, List.of(prefixes), false, 0, 0);
    }
}
