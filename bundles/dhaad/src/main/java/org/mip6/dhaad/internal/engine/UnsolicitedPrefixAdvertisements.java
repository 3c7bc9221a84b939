package org.mip6.dhaad.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.state.PendingPrefixAdvertisement;
import org.mip6.state.PendingPrefixAdvertisements;

/**
 * RFC 6275 §10.6.2: the unsolicited Mobile Prefix Advertisements a home agent owes its mobile nodes. One is
 * {@link #schedule scheduled} RAND_ADV_DELAY after the prefixes changed ({@link #randAdvDelay}: spread over
 * MinMobPfxAdvInterval up to MaxMobPfxAdvInterval or the prefix's preferred lifetime, so that a change does not
 * send every mobile node its advertisement at once), and not again while one is pending; once sent, it is sent
 * again until the mobile node answers, PREFIX_ADV_TIMEOUT after that and then at double the previous wait, at
 * most PREFIX_ADV_RETRIES times. The mobile node answers with a Mobile Prefix Solicitation (§11.4.3: it takes
 * prefixes only from solicited advertisements), which {@link #solicited ends} them, scheduled or sent; the
 * caller ends them too when the binding is gone (§10.6.2: none after it expired). Sans-IO: the caller asks for
 * what is {@link #due} and sends it (the list of prefixes as it is then: §10.6.2's combined advertisement).
 * Every change is written to the {@code state} bundle's {@link PendingPrefixAdvertisements}, and a new instance
 * takes up what is there: a swapped {@code dhaad} bundle goes on where the old one stopped. Not thread-safe:
 * the node's thread drives it.
 */
public final class UnsolicitedPrefixAdvertisements {

    /** RFC 6275 §12. */
    public static final long PREFIX_ADV_TIMEOUT = 3_000_000_000L;
    /** RFC 6275 §12: retransmissions after the first transmission. */
    public static final int PREFIX_ADV_RETRIES = 3;
    private static final long SECOND = 1_000_000_000L;

    /** An advertisement to send now: the first transmission, or one sent again. */
    public record Due(Ipv6Address homeAddress, boolean first) {
    }

    private static final class Pending {
        final Ipv6Address homeAddress;
        final long order;
        long at;
        /** The wait that led to {@link #at}; 0 while the first transmission is still to come. */
        long wait;
        /** Transmissions still to make (the first one included while it is to come). */
        int left;
        boolean ended;

        Pending(Ipv6Address homeAddress, long order, long at, long wait, int left) {
            this.homeAddress = homeAddress;
            this.order = order;
            this.at = at;
            this.wait = wait;
            this.left = left;
        }

        PendingPrefixAdvertisement toEntry() {
            return new PendingPrefixAdvertisement(homeAddress, order, at, wait, left);
        }
    }

    private final String node;
    private final PendingPrefixAdvertisements store;
    private final Map<Ipv6Address, Pending> byHomeAddress = new HashMap<>();
    /** By time, then by the order scheduled (ended ones are dropped when they come first). */
    private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long scheduled;

    /** Takes up the advertisements {@code store} holds for {@code node} (another instance's, before a swap). */
    public UnsolicitedPrefixAdvertisements(String node, PendingPrefixAdvertisements store) {
        this.node = Objects.requireNonNull(node, "node");
        this.store = Objects.requireNonNull(store, "store");
        for (PendingPrefixAdvertisement e : store.entries(node)) {
            Pending p = new Pending(e.homeAddress(), e.order(), e.at(), e.waitNanos(), e.left());
            byHomeAddress.put(p.homeAddress, p);
            queue.add(p);
            scheduled = Math.max(scheduled, e.order() + 1);
        }
    }

    /**
     * RFC 6275 §10.6.2's RAND_ADV_DELAY, in ns: MinMobPfxAdvInterval + (rand() % abs(MaxScheduleDelay -
     * MinMobPfxAdvInterval)), where MaxScheduleDelay = min(MaxMobPfxAdvInterval, the prefix's preferred
     * lifetime); whole seconds, drawn from {@code random}.
     */
    public static long randAdvDelay(long minSeconds, long maxSeconds, long preferredSeconds, SplittableRandom random) {
        long maxScheduleDelay = Math.min(maxSeconds, preferredSeconds);
        long spread = Math.abs(maxScheduleDelay - minSeconds);
        return (minSeconds + (spread == 0 ? 0 : random.nextLong(spread))) * SECOND;
    }

    /**
     * The first transmission of an unsolicited advertisement to {@code homeAddress}'s mobile node, at {@code at};
     * false, and nothing changes, when one is pending already, scheduled or being sent again (§10.6.2: the home
     * agent SHOULD NOT schedule another; what it sends is the prefix list as it is then).
     */
    public boolean schedule(long at, Ipv6Address homeAddress) {
        if (byHomeAddress.containsKey(homeAddress)) {
            return false;
        }
        Pending p = new Pending(homeAddress, scheduled++, at, 0, 1 + PREFIX_ADV_RETRIES);
        byHomeAddress.put(homeAddress, p);
        queue.add(p);
        store.put(node, homeAddress, p.toEntry());
        return true;
    }

    /** The mobile node solicited (and gets a solicited advertisement): nothing more is sent. Returns whether something was pending. */
    public boolean solicited(Ipv6Address homeAddress) {
        return end(homeAddress);
    }

    /** Nothing more to {@code homeAddress} (its binding is gone). Returns whether something was pending. */
    public boolean end(Ipv6Address homeAddress) {
        Pending p = byHomeAddress.remove(homeAddress);
        if (p == null) {
            return false;
        }
        p.ended = true;
        store.remove(node, homeAddress);
        return true;
    }

    /** The advertisements to send at {@code now}, in the order scheduled; each is rescheduled or done. */
    public List<Due> due(long now) {
        List<Due> out = new ArrayList<>();
        Pending p;
        while ((p = queue.peek()) != null && (p.ended || p.at <= now)) {
            queue.poll();
            if (p.ended) {
                continue;
            }
            out.add(new Due(p.homeAddress, p.wait == 0));
            if (--p.left <= 0) {
                byHomeAddress.remove(p.homeAddress);
                store.remove(node, p.homeAddress);
            } else {
                p.wait = p.wait == 0 ? PREFIX_ADV_TIMEOUT : 2 * p.wait;
                p.at = now + p.wait;
                queue.add(p);
                store.put(node, p.homeAddress, p.toEntry());
            }
        }
        return out;
    }

    /** When the next advertisement is due, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        Pending p;
        while ((p = queue.peek()) != null && p.ended) {
            queue.poll();
        }
        return p == null ? Long.MAX_VALUE : p.at;
    }

    /** Mobile nodes an unsolicited advertisement is scheduled for or may still be sent again to. */
    public int pending() {
        return byHomeAddress.size();
    }
}
