package org.mip6.state.internal;

import org.mip6.state.ReturnRoutabilitySecret;
import org.mip6.state.ReturnRoutabilitySecrets;
import org.osgi.service.component.annotations.Component;

/** Immediate, so that SCR keeps it (and each node's Kcn) while the return routability bundle is swapped. */
@Component(service = ReturnRoutabilitySecrets.class, immediate = true)
public final class MemoryReturnRoutabilitySecrets extends MemoryNodeState<String, ReturnRoutabilitySecret>
        implements ReturnRoutabilitySecrets {
}
