package org.mip6.shell.internal;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

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

    /**
     * What {@code read} gives for {@code node}, or for every node of the world when null: a row per item, the
     * node's name and then {@code cells} of the item, under {@code columns} (the first the node's).
     */
    static <T> Rows perNode(World world, String node, BiFunction<World, String, List<T>> read,
                            Function<T, Object[]> cells, String... columns) {
        Rows t = new Rows(columns);
        for (String n : node != null ? List.of(node) : world.nodes().stream().map(NodeStatus::name).toList()) {
            for (T item : read.apply(world, n)) {
                Object[] c = cells.apply(item);
                Object[] row = new Object[c.length + 1];
                row[0] = n;
                System.arraycopy(c, 0, row, 1, c.length);
                t.add(row);
            }
        }
        return t;
    }
}
