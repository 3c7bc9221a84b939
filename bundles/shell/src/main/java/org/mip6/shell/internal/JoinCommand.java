package org.mip6.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.net.Ipv6Address;
import org.mip6.world.World;

/**
 * {@code mip6:join [--leave] NODE GROUP}: a node's upper layers listen to a multicast group on its first interface
 * (RFC 3810: its MLD reports it; an Echo Request to it is answered, RFC 4443 §4.1), or no longer.
 */
@Service
@Command(scope = "mip6", name = "join", description = "A node listens to a multicast group on its first interface (--leave: no longer)")
public class JoinCommand implements Action {

    @Reference(optional = true)
    World world;

    @Option(name = "--leave", description = "Leave the group instead")
    boolean leave;

    @Argument(index = 0, name = "node", required = true)
    @Completion(NodeCompleter.class)
    String node;

    @Argument(index = 1, name = "group", required = true, multiValued = true,
            description = "a multicast address, e.g. ff0e::101 (--leave may follow it)")
    java.util.List<String> rest;

    @Override
    public Object execute() {
        World world = Worlds.require(this.world);
        java.util.List<String> words = new TrailingOptions().flag(() -> leave = true, "--leave").parse(rest);
        if (words.size() != 1) {
            throw new IllegalArgumentException(words.isEmpty() ? "name a group" : "too many arguments: " + words);
        }
        String group = words.get(0);
        Ipv6Address g;
        try {
            g = Ipv6Address.parse(group);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IPv6 address: \"" + group + "\"", e);
        }
        world.joinGroup(node, g, !leave);
        System.out.println(node + (leave ? " left " : " joined ") + g);
        return null;
    }
}
