package org.mip6.stack.internal.engine;

import java.util.HashMap;
import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;

/**
 * An ICMPv6 echo flow with sequence numbers: what ping and the traffic generator measure (sent,
 * received, lost, duplicates, RTT min/avg/max). The host calls {@link #nextRequest} on its schedule
 * and {@link #onReply} from the node's echo-reply event; time is whatever clock the host uses.
 */
public final class EchoFlow {

    private final Ipv6Address destination;
    private final int identifier;
    private final Bytes payload;
    private final Map<Integer, Long> outstanding = new HashMap<>();
    private int nextSeq;
    private long sent;
    private long received;
    private long duplicates;
    private long rttSum;
    private long rttMin = Long.MAX_VALUE;
    private long rttMax;

    public EchoFlow(Ipv6Address destination, int identifier, int payloadBytes) {
        this.destination = destination;
        this.identifier = identifier & 0xffff;
        byte[] p = new byte[payloadBytes];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) i;
        }
        this.payload = Bytes.of(p);
    }

    public Ipv6Address destination() {
        return destination;
    }

    public int identifier() {
        return identifier;
    }

    /** Records a request as sent at {@code now} and returns its sequence number. */
    public int nextRequest(long now) {
        int seq = nextSeq++ & 0xffff;
        outstanding.put(seq, now);
        sent++;
        return seq;
    }

    public Bytes payload() {
        return payload;
    }

    /** A reply arrived; returns true if it belongs to this flow. */
    public boolean onReply(long now, Ipv6Address from, int id, int seq) {
        if (id != identifier || !from.equals(destination)) {
            return false;
        }
        Long t = outstanding.remove(seq);
        if (t == null) {
            duplicates++;
            return true;
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

    public long rttMinNanos() {
        return received == 0 ? 0 : rttMin;
    }

    public long rttAvgNanos() {
        return received == 0 ? 0 : rttSum / received;
    }

    public long rttMaxNanos() {
        return rttMax;
    }

    @Override
    public String toString() {
        return String.format("%s: %d sent, %d received, %d lost, rtt min/avg/max %.3f/%.3f/%.3f ms", destination, sent,
                received, lost(), rttMinNanos() / 1e6, rttAvgNanos() / 1e6, rttMaxNanos() / 1e6);
    }
}
