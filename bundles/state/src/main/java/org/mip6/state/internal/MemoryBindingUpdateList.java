package org.mip6.state.internal;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mip6.net.Ipv6Address;
import org.mip6.state.BindingUpdateList;
import org.mip6.state.BindingUpdateListEntry;
import org.osgi.service.component.annotations.Component;

/** Immediate, so that SCR keeps it (and its entries) while the roles that use it are swapped. */
@Component(service = BindingUpdateList.class, immediate = true)
public final class MemoryBindingUpdateList extends MemoryNodeState<BindingUpdateList.Key, BindingUpdateListEntry>
        implements BindingUpdateList {

    /** How many refused destinations a node keeps (the oldest goes first); each came with a BA to a BU it sent. */
    static final int MAX_REFUSED = 64;

    private final Map<String, Set<Ipv6Address>> refused = new HashMap<>();

    @Override
    public synchronized void refuse(String node, Ipv6Address destination) {
        Set<Ipv6Address> s = refused.computeIfAbsent(node, n -> new LinkedHashSet<>());
        if (s.add(destination) && s.size() > MAX_REFUSED) {
            s.remove(s.iterator().next());
        }
    }

    @Override
    public synchronized boolean refused(String node, Ipv6Address destination) {
        Set<Ipv6Address> s = refused.get(node);
        return s != null && s.contains(destination);
    }

    @Override
    public synchronized List<Ipv6Address> refusedDestinations(String node) {
        Set<Ipv6Address> s = refused.get(node);
        return s == null ? List.of() : List.copyOf(s);
    }

    /** Nodes with entries, and those with refused destinations only. */
    @Override
    public synchronized List<String> nodes() {
        Set<String> all = new LinkedHashSet<>(super.nodes());
        all.addAll(refused.keySet());
        return List.copyOf(all);
    }

    @Override
    public synchronized void clear(String node) {
        super.clear(node);
        refused.remove(node);
    }
}
