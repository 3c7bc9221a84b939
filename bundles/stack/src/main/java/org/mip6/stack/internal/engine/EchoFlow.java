package org.mip6.stack.internal.engine;

import org.mip6.net.Ipv6Address;
import org.mip6.node.EchoTally;
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
    private final EchoTally tally = new EchoTally();

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
        return tally.request(now);
    }

    public Bytes payload() {
        return payload;
    }

    /** A reply arrived; returns true if it belongs to this flow (a duplicate is counted as one). */
    public boolean onReply(long now, Ipv6Address from, int id, int seq) {
        if (id != identifier || !from.equals(destination)) {
            return false;
        }
        tally.reply(now, seq);
        return true;
    }

    public long sent() {
        return tally.sent();
    }

    public long received() {
        return tally.received();
    }

    /** Requests without a reply (so far). */
    public long lost() {
        return tally.lost();
    }

    public long duplicates() {
        return tally.duplicates();
    }

    public long rttMinNanos() {
        return tally.rttMinNanos();
    }

    public long rttAvgNanos() {
        return tally.rttAvgNanos();
    }

    public long rttMaxNanos() {
        return tally.rttMaxNanos();
    }

    @Override
    public String toString() {
        return String.format("%s: %d sent, %d received, %d lost, rtt min/avg/max %.3f/%.3f/%.3f ms", destination, sent(),
                received(), lost(), rttMinNanos() / 1e6, rttAvgNanos() / 1e6, rttMaxNanos() / 1e6);
    }
}
