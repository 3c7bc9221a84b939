package org.mip6.state.internal;

import org.mip6.state.SecurityAssociationState;
import org.mip6.state.SecurityAssociations;
import org.osgi.service.component.annotations.Component;

/** Immediate, so that SCR keeps it (and each SA's sequence numbers) while the ipsec bundle is swapped. */
@Component(service = SecurityAssociations.class, immediate = true)
public final class MemorySecurityAssociations extends MemoryNodeState<String, SecurityAssociationState>
        implements SecurityAssociations {
}
