package org.mip6.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.mip6.world.World;

/** Completes node names of the running world. */
@Service
public class NodeCompleter implements Completer {

    @Reference(optional = true)
    World world;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter s = new StringsCompleter();
        if (world == null) {
            return -1;
        }
        s.getStrings().addAll(world.nodeNames()); // without the counters, or waiting for a real-time world's thread
        return s.complete(session, commandLine, candidates);
    }
}
