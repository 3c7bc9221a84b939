package org.mip6.state.internal;

import org.mip6.net.Ipv6Address;
import org.mip6.state.MobileNetworkPrefixRegistration;
import org.mip6.state.MobileNetworkPrefixes;
import org.osgi.service.component.annotations.Component;

/** Immediate, so that SCR keeps it (and its entries) while the {@code ha} role is swapped. */
@Component(service = MobileNetworkPrefixes.class, immediate = true)
public final class MemoryMobileNetworkPrefixes extends MemoryNodeState<Ipv6Address, MobileNetworkPrefixRegistration>
        implements MobileNetworkPrefixes {
}
