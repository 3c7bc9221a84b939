package org.mip6.state;

import java.util.Map;

/**
 * Role counters that outlive a role's swap: when a role component goes while its node stays (its bundle
 * is replaced or reconfigured), what it counted is kept here and the instance that comes next goes on
 * from it, so {@code mip6:counters} does not restart at zero. A node's entries go with the node (the
 * world reset or stopped). Thread-safe.
 */
public interface RoleCounterState {

    /** Keeps what {@code role} counted on {@code node} (replacing what was kept). */
    void keep(String node, String role, Map<String, Long> counters);

    /** Takes (and forgets) what was kept for {@code role} on {@code node}; empty when nothing. */
    Map<String, Long> take(String node, String role);

    /** Forgets everything kept for {@code node}. */
    void clear(String node);
}
