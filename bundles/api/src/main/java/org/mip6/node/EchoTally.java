package org.mip6.node;

import java.util.HashMap;
import java.util.Map;

/**
 * The bookkeeping of an echo flow (ping, traffic generators): sequence numbers, requests still
 * outstanding, replies, duplicates and round-trip times. Times are in nanoseconds of whatever clock
 * the caller uses. Not thread-safe.
 */
public final class EchoTally {

    private final Map<Integer, Long> outstanding = new HashMap<>();
    private int nextSequence;
    private long sent;
    private long received;
    private long duplicates;
    private long rttSum;
    private long rttMin = Long.MAX_VALUE;
    private long rttMax;

    /** Records a request sent at {@code now}; returns its 16-bit sequence number. */
    public int request(long now) {
        int seq = nextSequence++ & 0xffff;
        outstanding.put(seq, now);
        sent++;
        return seq;
    }

    /** Records a reply for {@code sequence}; false (and counted as a duplicate) when it was not outstanding. */
    public boolean reply(long now, int sequence) {
        Long t = outstanding.remove(sequence);
        if (t == null) {
            duplicates++;
            return false;
        }
        received++;
        long rtt = now - t;
        rttSum += rtt;
        rttMin = Math.min(rttMin, rtt);
        rttMax = Math.max(rttMax, rtt);
        return true;
    }

    public long sent() {
        return sent;
    }

    public long received() {
        return received;
    }

    /** Requests without a reply (so far). */
    public long lost() {
        return sent - received;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Requests still unanswered {@code ageNanos} after they were sent. */
    public long outstandingOlderThan(long now, long ageNanos) {
        long n = 0;
        for (long t : outstanding.values()) {
            if (now - t > ageNanos) {
                n++;
            }
        }
        return n;
    }

    public long rttMinNanos() {
        return received == 0 ? 0 : rttMin;
    }

    public long rttAvgNanos() {
        return received == 0 ? 0 : rttSum / received;
    }

    public long rttMaxNanos() {
        return rttMax;
    }
}
