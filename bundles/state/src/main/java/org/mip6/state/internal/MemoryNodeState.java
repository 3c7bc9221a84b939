package org.mip6.state.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.mip6.state.NodeState;

/** In-memory state per node; one lock, since entries change at signalling rates, not per packet. */
class MemoryNodeState<K, V> implements NodeState<K, V> {

    private final Map<String, Map<K, V>> byNode = new LinkedHashMap<>();

    @Override
    public synchronized Optional<V> get(String node, K key) {
        Map<K, V> m = byNode.get(node);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(key));
    }

    @Override
    public synchronized void put(String node, K key, V entry) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(entry, "entry");
        byNode.computeIfAbsent(node, n -> new LinkedHashMap<>()).put(key, entry);
    }

    @Override
    public synchronized Optional<V> remove(String node, K key) {
        Map<K, V> m = byNode.get(node);
        if (m == null) {
            return Optional.empty();
        }
        V v = m.remove(key);
        if (m.isEmpty()) {
            byNode.remove(node);
        }
        return Optional.ofNullable(v);
    }

    @Override
    public synchronized List<V> entries(String node) {
        Map<K, V> m = byNode.get(node);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    @Override
    public synchronized void clear(String node) {
        byNode.remove(node);
    }

    @Override
    public synchronized List<String> nodes() {
        return new ArrayList<>(byNode.keySet());
    }
}
