package org.mip6.world;

import java.time.Duration;

/**
 * A running (or stopped) echo traffic flow of {@code mip6:traffic}. {@code lost} counts requests
 * unanswered for more than a second; younger ones are {@code outstanding}.
 */
public record TrafficStats(int id, String node, String destination, String protocol, Duration interval, boolean running, long sent,
                           long received, long lost, long outstanding, long rttMinNanos, long rttAvgNanos,
                           long rttMaxNanos) {
}
