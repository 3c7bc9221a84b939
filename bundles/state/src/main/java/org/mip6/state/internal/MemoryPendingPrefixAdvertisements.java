package org.mip6.state.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.state.PendingPrefixAdvertisement;
import org.mip6.state.PendingPrefixAdvertisements;
import org.mip6.state.WithdrawnHomeLink;
import org.osgi.service.component.annotations.Component;

/** Immediate, so that SCR keeps it (and its entries) while the {@code dhaad} role is swapped. */
@Component(service = PendingPrefixAdvertisements.class, immediate = true)
public final class MemoryPendingPrefixAdvertisements extends MemoryNodeState<Ipv6Address, PendingPrefixAdvertisement>
        implements PendingPrefixAdvertisements {

    private final Map<String, List<WithdrawnHomeLink>> withdrawn = new HashMap<>();

    @Override
    public synchronized List<WithdrawnHomeLink> withdrawnHomeLinks(String node) {
        return withdrawn.getOrDefault(node, List.of());
    }

    @Override
    public synchronized void withdrawnHomeLinks(String node, List<WithdrawnHomeLink> links) {
        Objects.requireNonNull(node, "node");
        if (links.isEmpty()) {
            withdrawn.remove(node);
        } else {
            withdrawn.put(node, List.copyOf(links));
        }
    }

    @Override
    public synchronized void clear(String node) {
        super.clear(node);
        withdrawn.remove(node);
    }
}
