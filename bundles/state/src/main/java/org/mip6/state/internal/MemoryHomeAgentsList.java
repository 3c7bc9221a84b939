package org.mip6.state.internal;

import org.mip6.state.HomeAgentEntry;
import org.mip6.state.HomeAgentsList;
import org.osgi.service.component.annotations.Component;

/** Immediate, so that SCR keeps it (and its entries) while the roles that use it are swapped. */
@Component(service = HomeAgentsList.class, immediate = true)
public final class MemoryHomeAgentsList extends MemoryNodeState<HomeAgentsList.Key, HomeAgentEntry> implements HomeAgentsList {
}
