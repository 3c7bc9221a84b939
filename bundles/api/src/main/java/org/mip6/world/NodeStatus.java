package org.mip6.world;

import java.util.List;

import org.mip6.node.InterfaceStatus;

/** A node of the running world. */
public record NodeStatus(String name, boolean router, List<InterfaceStatus> interfaces) {

    public NodeStatus {
        interfaces = List.copyOf(interfaces);
    }
}
