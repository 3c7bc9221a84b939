package org.mip6.state;

import java.util.List;
import java.util.Optional;

/**
 * One kind of state, kept per node and keyed per entry. Thread-safe: a role reads and writes it from
 * its node's thread, the shell reads it from its own.
 *
 * @param <K> the key of an entry (a home address; a destination and home address)
 * @param <V> the entry
 */
public interface NodeState<K, V> {

    Optional<V> get(String node, K key);

    /** Adds or replaces the entry under {@code key}. */
    void put(String node, K key, V entry);

    /** @return the entry removed, if there was one */
    Optional<V> remove(String node, K key);

    /** The node's entries in the order they were first put. */
    List<V> entries(String node);

    /** Forgets every entry of the node. */
    void clear(String node);

    /** Nodes with at least one entry. */
    List<String> nodes();
}
