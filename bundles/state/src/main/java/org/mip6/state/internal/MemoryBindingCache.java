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
import org.mip6.state.BindingCacheSlot;
import org.osgi.service.component.annotations.Component;

/**
 * The binding caches of every node, one {@link BindingTable} each; one lock (a role's node thread and
 * the shell). Immediate, so that SCR keeps it (and its entries) while the roles that use it are swapped.
 */
@Component(service = BindingCache.class, immediate = true)
public final class MemoryBindingCache implements BindingCache {

    private final Map<String, BindingTable> byNode = new LinkedHashMap<>();
    /** The table asked for last, by the very string asked with (a role asks with its node's name, every time). */
    private String lastNode;
    private BindingTable lastTable;

    private BindingTable table(String node) {
        if (node != lastNode || lastTable == null) {
            lastNode = node;
            lastTable = byNode.get(node);
        }
        return lastTable;
    }

    private BindingTable tableOrNew(String node) {
        BindingTable t = table(node);
        if (t == null) {
            t = new BindingTable();
            byNode.put(node, t);
            lastTable = t;
        }
        return t;
    }

    @Override
    public synchronized Optional<BindingCacheEntry> get(String node, Ipv6Address key) {
        BindingTable t = table(node);
        return t == null ? Optional.empty() : Optional.ofNullable(t.get(key));
    }

    @Override
    public synchronized void put(String node, Ipv6Address key, BindingCacheEntry entry) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(entry, "entry");
        if (!entry.homeAddress().equals(Objects.requireNonNull(key, "key"))) {
            throw new IllegalArgumentException("key " + key + " is not the entry's home address " + entry.homeAddress());
        }
        BindingTable t = tableOrNew(node);
        t.put(entry);
    }

    @Override
    public synchronized int size(String node) {
        BindingTable t = table(node);
        return t == null ? 0 : t.size();
    }

    @Override
    public synchronized boolean read(String node, Ipv6Address homeAddress, BindingCacheSlot into) {
        Objects.requireNonNull(into, "into");
        BindingTable t = table(node);
        return t != null && t.read(Objects.requireNonNull(homeAddress, "homeAddress"), into);
    }

    @Override
    public synchronized void write(String node, BindingCacheSlot from) {
        Objects.requireNonNull(node, "node");
        BindingTable t = tableOrNew(node);
        t.put(from);
    }

    @Override
    public synchronized Optional<BindingCacheEntry> remove(String node, Ipv6Address key) {
        BindingTable t = table(node);
        if (t == null) {
            return Optional.empty();
        }
        BindingCacheEntry v = t.remove(key);
        if (t.size() == 0) {
            byNode.remove(node);
            lastTable = null;
        }
        return Optional.ofNullable(v);
    }

    @Override
    public synchronized List<BindingCacheEntry> entries(String node) {
        BindingTable t = table(node);
        return t == null ? List.of() : t.entries();
    }

    @Override
    public synchronized void prefetch(String node, long[] homeAddresses, int count, boolean[] found) {
        BindingTable t = table(node);
        if (t != null) {
            t.prefetch(homeAddresses, count, found);
        } else if (found != null) {
            java.util.Arrays.fill(found, 0, count, false);
        }
    }

    @Override
    public synchronized void clear(String node) {
        byNode.remove(node);
        lastTable = null;
    }

    @Override
    public synchronized List<String> nodes() {
        return new ArrayList<>(byNode.keySet());
    }

    @Override
    public synchronized long timer(String node, Ipv6Address homeAddress) {
        BindingTable t = table(node);
        return t == null ? Long.MAX_VALUE : t.timer(homeAddress);
    }

    @Override
    public synchronized void setTimer(String node, Ipv6Address homeAddress, long at) {
        BindingTable t = table(node);
        if (t != null) {
            t.setTimer(homeAddress, at);
        }
    }

    @Override
    public synchronized long nextTimer(String node) {
        BindingTable t = table(node);
        return t == null ? Long.MAX_VALUE : t.nextTimer();
    }

    @Override
    public synchronized Ipv6Address pollTimer(String node, long now) {
        BindingTable t = table(node);
        return t == null ? null : t.pollTimer(now);
    }
}
