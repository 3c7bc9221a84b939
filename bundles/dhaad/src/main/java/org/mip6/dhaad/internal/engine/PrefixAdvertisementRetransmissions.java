package org.mip6.dhaad.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

import org.mip6.net.Ipv6Address;
import org.mip6.state.PendingPrefixAdvertisement;
import org.mip6.state.PendingPrefixAdvertisements;

/**
 * RFC 6275 §10.6.2: an unsolicited Mobile Prefix Advertisement is sent again until the mobile node
 * answers, PREFIX_ADV_TIMEOUT after the first transmission and then at double the previous wait, at
 * most PREFIX_ADV_RETRIES times. The mobile node answers with a Mobile Prefix Solicitation (§11.4.3:
 * it takes prefixes only from solicited advertisements), which {@link #solicited ends} them; the caller
 * ends them too when the binding is gone (§10.6.2: none after it expired). Sans-IO: the caller asks
 * for what is {@link #due} and sends it. Every change is written to the {@code state} bundle's
 * {@link PendingPrefixAdvertisements}, and a new instance takes up what is there: a swapped
 * {@code dhaad} bundle goes on where the old one stopped. Not thread-safe: the node's thread drives it.
 */
public final class PrefixAdvertisementRetransmissions {

    /** RFC 6275 §12. */
    public static final long PREFIX_ADV_TIMEOUT = 3_000_000_000L;
    /** RFC 6275 §12: retransmissions after the first transmission. */
    public static final int PREFIX_ADV_RETRIES = 3;

    private static final class Pending {
        final Ipv6Address homeAddress;
        final long order;
        long at;
        long wait = PREFIX_ADV_TIMEOUT;
        int left = PREFIX_ADV_RETRIES;
        boolean ended;

        Pending(Ipv6Address homeAddress, long order, long at) {
            this.homeAddress = homeAddress;
            this.order = order;
            this.at = at;
        }

        PendingPrefixAdvertisement toEntry() {
            return new PendingPrefixAdvertisement(homeAddress, order, at, wait, left);
        }
    }

    private final String node;
    private final PendingPrefixAdvertisements store;
    private final Map<Ipv6Address, Pending> byHomeAddress = new HashMap<>();
    /** By time, then by the order sent (ended ones are dropped when they come first). */
    private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long sent;

    /** Takes up the retransmissions {@code store} holds for {@code node} (another instance's, before a swap). */
    public PrefixAdvertisementRetransmissions(String node, PendingPrefixAdvertisements store) {
        this.node = Objects.requireNonNull(node, "node");
        this.store = Objects.requireNonNull(store, "store");
        for (PendingPrefixAdvertisement e : store.entries(node)) {
            Pending p = new Pending(e.homeAddress(), e.order(), e.at());
            p.wait = e.waitNanos();
            p.left = e.left();
            byHomeAddress.put(p.homeAddress, p);
            queue.add(p);
            sent = Math.max(sent, e.order() + 1);
        }
    }

    /** An unsolicited advertisement went to {@code homeAddress}'s mobile node at {@code now}: its retransmissions start over. */
    public void sent(long now, Ipv6Address homeAddress) {
        end(homeAddress);
        Pending p = new Pending(homeAddress, sent++, now + PREFIX_ADV_TIMEOUT);
        byHomeAddress.put(homeAddress, p);
        queue.add(p);
        store.put(node, homeAddress, p.toEntry());
    }

    /** The mobile node solicited (and gets a solicited advertisement): no more retransmissions. Returns whether some were pending. */
    public boolean solicited(Ipv6Address homeAddress) {
        return end(homeAddress);
    }

    /** No more retransmissions to {@code homeAddress} (its binding is gone). Returns whether some were pending. */
    public boolean end(Ipv6Address homeAddress) {
        Pending p = byHomeAddress.remove(homeAddress);
        if (p == null) {
            return false;
        }
        p.ended = true;
        store.remove(node, homeAddress);
        return true;
    }

    /** The home addresses whose advertisement is to be sent again at {@code now}, in the order first sent; each is rescheduled or done. */
    public List<Ipv6Address> due(long now) {
        List<Ipv6Address> out = new ArrayList<>();
        Pending p;
        while ((p = queue.peek()) != null && (p.ended || p.at <= now)) {
            queue.poll();
            if (p.ended) {
                continue;
            }
            out.add(p.homeAddress);
            if (--p.left == 0) {
                byHomeAddress.remove(p.homeAddress);
                store.remove(node, p.homeAddress);
            } else {
                p.wait *= 2;
                p.at = now + p.wait;
                queue.add(p);
                store.put(node, p.homeAddress, p.toEntry());
            }
        }
        return out;
    }

    /** When the next retransmission is due, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        Pending p;
        while ((p = queue.peek()) != null && p.ended) {
            queue.poll();
        }
        return p == null ? Long.MAX_VALUE : p.at;
    }

    /** Mobile nodes with retransmissions pending. */
    public int pending() {
        return byHomeAddress.size();
    }
}
