package org.mip6.netsim.internal;

import java.time.Duration;

/** An open-ended flow of mip6:traffic. */
final class Flow {
    final int id;
    final String node;
    final Ping ping;
    final Duration interval;
    final boolean udp;
    volatile boolean running = true;
    org.mip6.time.Timer timer;

    Flow(int id, String node, Ping ping, Duration interval, boolean udp) {
        this.udp = udp;
        this.id = id;
        this.node = node;
        this.ping = ping;
        this.interval = interval;
    }
}
