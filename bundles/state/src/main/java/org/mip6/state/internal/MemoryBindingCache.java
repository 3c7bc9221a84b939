package org.mip6.state.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.mip6.net.Ipv6Address;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingCacheEntry;
import org.osgi.service.component.annotations.Component;

/**
 * The binding caches of every node, one {@link BindingTable} each; one lock (a role's node thread and
 * the shell). Immediate, so that SCR keeps it (and its entries) while the roles that use it are swapped.
 */
@Component(service = BindingCache.class, immediate = true)
public final class MemoryBindingCache implements BindingCache {

    private final Map<String, BindingTable> byNode = new LinkedHashMap<>();

    @Override
    public synchronized Optional<BindingCacheEntry> get(String node, Ipv6Address key) {
        BindingTable t = byNode.get(node);
        return t == null ? Optional.empty() : Optional.ofNullable(t.get(key));
    }

    @Override
    public synchronized void put(String node, Ipv6Address key, BindingCacheEntry entry) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(entry, "entry");
        if (!entry.homeAddress().equals(Objects.requireNonNull(key, "key"))) {
            throw new IllegalArgumentException("key " + key + " is not the entry's home address " + entry.homeAddress());
        }
        byNode.computeIfAbsent(node, n -> new BindingTable()).put(entry);
    }

    @Override
    public synchronized Optional<BindingCacheEntry> remove(String node, Ipv6Address key) {
        BindingTable t = byNode.get(node);
        if (t == null) {
            return Optional.empty();
        }
        BindingCacheEntry v = t.remove(key);
        if (t.size() == 0) {
            byNode.remove(node);
        }
        return Optional.ofNullable(v);
    }

    @Override
    public synchronized List<BindingCacheEntry> entries(String node) {
        BindingTable t = byNode.get(node);
        return t == null ? List.of() : t.entries();
    }

    @Override
    public synchronized void clear(String node) {
        byNode.remove(node);
    }

    @Override
    public synchronized List<String> nodes() {
        return new ArrayList<>(byNode.keySet());
    }

    @Override
    public synchronized long timer(String node, Ipv6Address homeAddress) {
        BindingTable t = byNode.get(node);
        return t == null ? Long.MAX_VALUE : t.timer(homeAddress);
    }

    @Override
    public synchronized void setTimer(String node, Ipv6Address homeAddress, long at) {
        BindingTable t = byNode.get(node);
        if (t != null) {
            t.setTimer(homeAddress, at);
        }
    }

    @Override
    public synchronized long nextTimer(String node) {
        BindingTable t = byNode.get(node);
        return t == null ? Long.MAX_VALUE : t.nextTimer();
    }

    @Override
    public synchronized Ipv6Address pollTimer(String node, long now) {
        BindingTable t = byNode.get(node);
        return t == null ? null : t.pollTimer(now);
    }
}
