package org.mip6.shell.internal;

import java.util.List;

import org.mip6.world.NodeStatus;
import org.mip6.world.World;

/** A {@link NodeCommand} that prints one table. */
abstract class NodeTableCommand extends NodeCommand {

    @Override
    final void print(World world, String node) {
        table(world, node).print(System.out, !noFormat);
    }

    /** The table for {@code node}, or every node when null (the node exists). */
    abstract Rows table(World world, String node);

    /** {@code node} alone, or every node of the world when null. */
    static List<String> nodes(World world, String node) {
        return node != null ? List.of(node) : world.nodes().stream().map(NodeStatus::name).toList();
    }
}
