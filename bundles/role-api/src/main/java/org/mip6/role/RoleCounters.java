package org.mip6.role;

import java.util.Map;

/**
 * A role's counters on one node, shown by {@code mip6:counters} next to the node's own: registered as a
 * service with {@link RoleNode#NODE} and {@link #ROLE}. Read from any thread.
 */
@FunctionalInterface
public interface RoleCounters {

    /** Service property: the role's short name ({@code ha}, {@code mn}, ...), the counters' prefix. */
    String ROLE = "mip6.role";

    /** Counter name to value, in a stable order. */
    Map<String, Long> counters();
}
