package org.mip6.state.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** Per node: the refused destinations, oldest first, and until when each record lasts (node clock, ns). */
    private final Map<String, LinkedHashMap<Ipv6Address, Long>> refused = new HashMap<>();

    @Override
    public synchronized void refuse(String node, Ipv6Address destination) {
        refuse(node, destination, Long.MAX_VALUE);
    }

    @Override
    public synchronized void refuse(String node, Ipv6Address destination, long until) {
        LinkedHashMap<Ipv6Address, Long> m = refused.computeIfAbsent(node, n -> new LinkedHashMap<>());
        m.remove(destination); // the newest record, last
        m.put(destination, until);
        if (m.size() > MAX_REFUSED) {
            m.remove(m.keySet().iterator().next());
        }
    }

    @Override
    public synchronized boolean refused(String node, Ipv6Address destination) {
        Map<Ipv6Address, Long> m = refused.get(node);
        return m != null && m.containsKey(destination);
    }

    @Override
    public synchronized boolean refused(String node, Ipv6Address destination, long now) {
        Map<Ipv6Address, Long> m = refused.get(node);
        Long until = m == null ? null : m.get(destination);
        if (until == null) {
            return false;
        }
        if (until > now) {
            return true;
        }
        m.remove(destination); // §11.1: the entry's lifetime ran out, and the record with it
        if (m.isEmpty()) {
            refused.remove(node);
        }
        return false;
    }

    @Override
    public synchronized List<Ipv6Address> refusedDestinations(String node) {
        Map<Ipv6Address, Long> m = refused.get(node);
        return m == null ? List.of() : List.copyOf(m.keySet());
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
