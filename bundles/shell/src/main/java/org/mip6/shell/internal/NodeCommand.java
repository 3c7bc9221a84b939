package org.mip6.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.mip6.world.NodeStatus;
import org.mip6.world.World;

/**
 * A command about every node or one ({@code mip6:bc [NODE] [--no-format]}, {@code mip6:rr}): the optional
 * node argument, {@code --no-format} before or after it, and the checks; {@link #print} shows the result.
 */
abstract class NodeCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "node", required = false, multiValued = true,
            description = "Only this node (options may also follow it)")
    @Completion(NodeCompleter.class)
    List<String> words;

    @Option(name = "--no-format", description = "One line per row, cells separated by single tabs, nothing padded"
            + " (a table's title, where there is one, on a line starting with #)")
    boolean noFormat;

    @Override
    public final Object execute() {
        TrailingOptions options = new TrailingOptions().flag(() -> noFormat = true, "--no-format");
        List<String> rest = moreOptions(options).parse(words);
        World w = Worlds.require(world);
        print(w, node(w, rest));
        return null;
    }

    /**
     * The one node named in {@code rest} (what is left of the arguments after the options), or null for
     * every node. @throws IllegalArgumentException for more than one, or a node the world does not have
     */
    static String node(World w, List<String> rest) {
        if (rest.size() > 1) {
            throw new IllegalArgumentException("one node at most, got " + rest);
        }
        String node = rest.isEmpty() ? null : rest.get(0);
        if (node != null && w.nodes().stream().noneMatch(n -> n.name().equals(node))) {
            throw new IllegalArgumentException("no node named \"" + node + "\" (nodes: "
                    + String.join(", ", w.nodes().stream().map(NodeStatus::name).toList()) + ")");
        }
        return node;
    }

    /** The command's own trailing options. */
    TrailingOptions moreOptions(TrailingOptions options) {
        return options;
    }

    /** Shows what the command shows for {@code node}, or every node when null (the node exists). */
    abstract void print(World world, String node);
}
