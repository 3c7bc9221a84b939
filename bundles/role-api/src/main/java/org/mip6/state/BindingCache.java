package org.mip6.state;

import org.mip6.net.Ipv6Address;

/**
 * The binding caches of the home agents and correspondent nodes (RFC 6275 §9.1), by home address.
 * <p>
 * Each entry may carry one timer (node clock, ns): what the role that owns it runs next for the binding
 * (a home agent's Binding Refresh Request, §9.5.5, or its expiry, §10.3.2). It is kept with the entry,
 * so a role that replaces another finds its bindings' timers as they were, without a scan; replacing an
 * entry with {@link #put} keeps its timer, removing it removes the timer.
 */
public interface BindingCache extends NodeState<Ipv6Address, BindingCacheEntry> {

    /** The entry's timer, or {@link Long#MAX_VALUE} for none (or no such entry). */
    long timer(String node, Ipv6Address homeAddress);

    /** Sets the entry's timer ({@link Long#MAX_VALUE}: none); an address without an entry is ignored. */
    void setTimer(String node, Ipv6Address homeAddress, long at);

    /** The node's earliest timer, or {@link Long#MAX_VALUE}. */
    long nextTimer(String node);

    /**
     * An entry whose timer is due ({@code at <= now}), earliest first: its timer is cleared and its home
     * address returned; null when none is due.
     */
    Ipv6Address pollTimer(String node, long now);

    /**
     * Reads the node's entry for {@code homeAddress} into {@code into} and returns true, or returns false
     * (and leaves {@code into} as it was) when there is none: {@link #get} without allocating, and the
     * entry's {@link #timer} with it. The default reads through {@link #get} and {@link #timer}.
     */
    default boolean read(String node, Ipv6Address homeAddress, BindingCacheSlot into) {
        BindingCacheEntry e = get(node, homeAddress).orElse(null);
        if (e == null) {
            return false;
        }
        into.set(e).timer(timer(node, homeAddress));
        return true;
    }

    /**
     * Adds or replaces the entry {@code from} holds, under its home address: {@link #put} without
     * allocating (once the table has room); a replaced entry keeps its timer. The default writes through
     * {@link #put}.
     */
    default void write(String node, BindingCacheSlot from) {
        BindingCacheEntry e = from.toEntry();
        put(node, e.homeAddress(), e);
    }

    /** How many entries the node has: {@code entries(node).size()}, which the default counts that way. */
    default int size(String node) {
        return entries(node).size();
    }

    /**
     * A hint: the node's entries for these home addresses ({@code count} pairs of high and low 64 bits)
     * are about to be asked for. An implementation may read where they are, all together, so that their
     * cache misses overlap; nothing changes. When {@code found} is not null, {@code found[k]} tells
     * whether the k-th has an entry now, as far as reading ahead tells: it may say so of one that has none, so a
     * caller that then reads ahead for the new ones too may miss one, and nothing may depend on it. The default reads
     * nothing and says each has one.
     */
    default void prefetch(String node, long[] homeAddresses, int count, boolean[] found) {
        if (found != null) {
            java.util.Arrays.fill(found, 0, count, true);
        }
    }
}
