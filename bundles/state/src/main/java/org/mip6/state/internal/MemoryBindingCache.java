package org.mip6.state.internal;

import org.mip6.net.Ipv6Address;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingCacheEntry;
import org.osgi.service.component.annotations.Component;

/** Immediate, so that SCR keeps it (and its entries) while the roles that use it are swapped. */
@Component(service = BindingCache.class, immediate = true)
public final class MemoryBindingCache extends MemoryNodeState<Ipv6Address, BindingCacheEntry> implements BindingCache {
}
