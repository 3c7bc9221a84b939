package org.mip6.state.internal;

import org.mip6.state.BindingUpdateList;
import org.mip6.state.BindingUpdateListEntry;
import org.osgi.service.component.annotations.Component;

/** Immediate, so that SCR keeps it (and its entries) while the roles that use it are swapped. */
@Component(service = BindingUpdateList.class, immediate = true)
public final class MemoryBindingUpdateList extends MemoryNodeState<BindingUpdateList.Key, BindingUpdateListEntry>
        implements BindingUpdateList {
}
