package org.mip6.world;

import java.util.List;
import java.util.Map;

import org.mip6.node.InterfaceStatus;

/** A node of the running world, with its counters (docs/commands.md lists them). */
public record NodeStatus(String name, boolean router, List<InterfaceStatus> interfaces, Map<String, Long> counters) {

    public NodeStatus {
        interfaces = List.copyOf(interfaces);
        counters = Map.copyOf(counters);
    }

    public NodeStatus(String name, boolean router, List<InterfaceStatus> interfaces) {
        this(name, router, interfaces, Map.of());
    }
}
