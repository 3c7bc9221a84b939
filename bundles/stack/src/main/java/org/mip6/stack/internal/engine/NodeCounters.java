package org.mip6.stack.internal.engine;

import java.util.EnumMap;
import java.util.Map;

import org.mip6.wire.DecodeReason;

/** What the node counts: packets sent, received, forwarded, tunnelled; drops and decode errors by reason. */
final class NodeCounters {
    long sent;
    /** Packets to one of the node's own addresses, received by the node itself (Emitter#loopback). */
    long loopedBack;
    long received;
    long forwarded;
    long encapsulated;
    long decapsulated;
    /** Multicast packets from a link sent, a copy per tunnel, through the tunnels that take their group (RFC 6275 §10.4.2). */
    long multicastTunnelled;
    /** Multicast packets mobile nodes sent through their reverse tunnels, forwarded onto their home links (RFC 6275 §11.3.4). */
    long multicastFromTunnels;
    /** MLD messages out of a tunnel handed to the roles (RFC 6275 §10.4.3). */
    long tunnelledMld;
    /** ICMPv6 errors about tunnelled packets relayed to the inner source (RFC 2473 §8). */
    long tunnelErrorsRelayed;
    /** Packets reassembled from fragments (RFC 8200 §4.5); packets this node sent in fragments, and those fragments. */
    long reassembled;
    long fragmented;
    long fragmentsSent;
    /** Messages and decisions handed to roles; handlers that threw. */
    long roleDelivered;
    long roleErrors;
    /** Held while a role was away: held, delivered later, expired (answered as without the role), refused (queue full). */
    long held;
    long heldDelivered;
    long heldExpired;
    long holdOverflow;
    /** How long held packets waited before their role took them: the oldest of the latest batch, the longest ever, the sum. */
    long holdWaitLastNanos;
    long holdWaitMaxNanos;
    long holdWaitTotalNanos;
    /** Packets with a Home Address option the node admitted from a role's mirrored bindings while the role was away. */
    long homeAddressAdmittedByNode;
    long bindingErrors;
    /** Router Advertisements whose Reachable Time was above MAX_REACHABLE_TIME, left unused (RFC 4861 §6.2.1, §10). */
    long reachableTimesIgnored;
    /** Router Advertisements whose Retrans Timer was above RFC 7048's MAX_RETRANS_TIMER, left unused. */
    long retransTimersIgnored;
    /** Packets IPsec protected on their way out, and ESP packets it opened (RFC 4303). */
    long espSent;
    long espOpened;
    private final long[] drops = new long[Drop.values().length];
    private final Map<DecodeReason, Long> decodeErrors = new EnumMap<>(DecodeReason.class);

    void drop(Drop why, long n) {
        drops[why.ordinal()] += n;
    }

    void decodeError(DecodeReason why) {
        decodeErrors.merge(why, 1L, Long::sum);
    }

    /** The reasons counted at least once. */
    Map<Drop, Long> drops() {
        Map<Drop, Long> m = new EnumMap<>(Drop.class);
        for (Drop d : Drop.values()) {
            if (drops[d.ordinal()] > 0) {
                m.put(d, drops[d.ordinal()]);
            }
        }
        return m;
    }

    Map<DecodeReason, Long> decodeErrors() {
        return Map.copyOf(decodeErrors);
    }
}
