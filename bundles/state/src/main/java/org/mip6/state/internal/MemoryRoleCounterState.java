package org.mip6.state.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mip6.state.RoleCounterState;
import org.osgi.service.component.annotations.Component;

/** {@link RoleCounterState} in memory, for the life of the {@code state} bundle. */
@Component(service = RoleCounterState.class)
public final class MemoryRoleCounterState implements RoleCounterState {

    private final Map<String, Map<String, Map<String, Long>>> byNode = new ConcurrentHashMap<>();

    @Override
    public void keep(String node, String role, Map<String, Long> counters) {
        byNode.computeIfAbsent(node, n -> new ConcurrentHashMap<>()).put(role, Map.copyOf(counters));
    }

    @Override
    public Map<String, Long> take(String node, String role) {
        Map<String, Map<String, Long>> roles = byNode.get(node);
        Map<String, Long> kept = roles == null ? null : roles.remove(role);
        return kept == null ? Map.of() : kept;
    }

    @Override
    public void clear(String node) {
        byNode.remove(node);
    }
}
