package org.mip6.netsim.internal;

import org.mip6.net.Ipv6Address;
import org.mip6.node.EchoTally;
import org.mip6.world.EchoStats;

/** An echo flow of the world: shared by the scheduler thread and the shell, so every access locks. */
final class Ping {
    final Ipv6Address dst;
    final int id;
    private final EchoTally tally = new EchoTally();

    Ping(Ipv6Address dst, int id) {
        this.dst = dst;
        this.id = id;
    }

    /** A reply from the destination, or, for a group, from any of its listeners (RFC 4443 §4.1: from their unicast addresses). */
    synchronized void reply(long now, Ipv6Address from, int identifier, int seq) {
        if (identifier == id && (from.equals(dst) || dst.isMulticast())) {
            tally.reply(now, seq);
        }
    }

    synchronized int request(long now) {
        return tally.request(now);
    }

    /** Requests unanswered for longer than {@code age} nanoseconds. */
    synchronized long olderThan(long now, long age) {
        return tally.outstandingOlderThan(now, age);
    }

    synchronized long[] counts() {
        return new long[] {tally.sent(), tally.received(), tally.rttMinNanos(), tally.rttAvgNanos(), tally.rttMaxNanos()};
    }

    synchronized EchoStats stats() {
        return new EchoStats(dst.toString(), tally.sent(), tally.received(), tally.rttMinNanos(), tally.rttAvgNanos(),
                tally.rttMaxNanos());
    }
}
