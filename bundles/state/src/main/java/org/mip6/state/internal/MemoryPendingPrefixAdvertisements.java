package org.mip6.state.internal;

import org.mip6.net.Ipv6Address;
import org.mip6.state.PendingPrefixAdvertisement;
import org.mip6.state.PendingPrefixAdvertisements;
import org.osgi.service.component.annotations.Component;

/** Immediate, so that SCR keeps it (and its entries) while the {@code dhaad} role is swapped. */
@Component(service = PendingPrefixAdvertisements.class, immediate = true)
public final class MemoryPendingPrefixAdvertisements extends MemoryNodeState<Ipv6Address, PendingPrefixAdvertisement>
        implements PendingPrefixAdvertisements {
}
