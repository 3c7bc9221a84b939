package org.mip6.world;

/** The outcome of an echo flow (mip6:ping). RTTs in nanoseconds of the world's clock; 0 when nothing came back. */
public record EchoStats(String destination, long sent, long received, long rttMinNanos, long rttAvgNanos,
                        long rttMaxNanos) {

    public long lost() {
        return sent - received;
    }
}
